import { deskScenarios } from './desk-scenarios';

deskScenarios('en');
