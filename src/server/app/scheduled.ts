// The two time-driven triggers every feature shares. Each step runs on its own: one failing step is
// logged and the others still run, so a bad row in one sheet never stops mail or loyalty.
import { runAnalysisNightly } from '../analysis/analysis';
import { runLoyaltyNightly } from '../loyalty/loyalty';
import { runIntakeBacklog } from '../intake/intake';
import { refreshCampaignResults } from '../campaigns/attribution';
import { runAutomationsHourly } from '../campaigns/automations';
import { runCampaignsHourly } from '../campaigns/campaigns';
import { applyPendingUnsubscribes } from '../campaigns/unsubscribe';
import { runInboxHourly } from '../inbox/inbox';

type Step = { name: string; run: () => void };

/** Nightly work, in order: what later steps read is refreshed first. Features add their step here. */
const nightlySteps: Step[] = [
  { name: 'analysis', run: runAnalysisNightly },
  { name: 'loyalty', run: runLoyaltyNightly },
  { name: 'campaignResults', run: refreshCampaignResults },
];

/** Hourly work: automated mailings and continuing campaigns. Features add their step here. */
const hourlySteps: Step[] = [
  { name: 'intake', run: runIntakeBacklog },
  // Unsubscribes first, so the mail steps after them already see them in Clients.
  { name: 'unsubscribes', run: applyPendingUnsubscribes },
  { name: 'inbox', run: runInboxHourly },
  { name: 'campaigns', run: runCampaignsHourly },
  { name: 'automations', run: runAutomationsHourly },
];

function runSteps(steps: readonly Step[]): void {
  const failures: string[] = [];
  for (const step of steps) {
    try {
      step.run();
    } catch (error) {
      failures.push(step.name);
      console.error(
        `${step.name} failed: ${error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error)}`,
      );
    }
  }
  if (failures.length > 0) throw new Error(`Failed steps: ${failures.join(', ')}`);
}

export function runNightly(): void {
  runSteps(nightlySteps);
}

export function runHourly(): void {
  runSteps(hourlySteps);
}
