import { wordsScan } from './words-scan';

wordsScan('ru');
