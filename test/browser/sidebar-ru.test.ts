import { sidebarScenarios } from './scenarios';

sidebarScenarios('ru');
