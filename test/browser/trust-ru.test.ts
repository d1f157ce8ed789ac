import { trustScenarios } from './trust-scenarios';

trustScenarios('ru');
