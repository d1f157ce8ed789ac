import { wordsFeatures } from './words-features';

wordsFeatures('ru');
