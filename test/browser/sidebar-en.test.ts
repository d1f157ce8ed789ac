import { sidebarScenarios } from './scenarios';

sidebarScenarios('en');
