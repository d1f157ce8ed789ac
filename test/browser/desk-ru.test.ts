import { deskScenarios } from './desk-scenarios';

deskScenarios('ru');
