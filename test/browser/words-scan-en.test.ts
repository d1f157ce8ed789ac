import { wordsScan } from './words-scan';

wordsScan('en');
