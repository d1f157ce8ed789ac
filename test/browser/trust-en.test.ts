import { trustScenarios } from './trust-scenarios';

trustScenarios('en');
