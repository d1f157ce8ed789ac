import { wordsFeatures } from './words-features';

wordsFeatures('en');
