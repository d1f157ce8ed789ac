// Every installed trigger's entry point: records the run (start, end, error) for Check installation, and
// stops a trigger that runs as an account which is no longer the studio's sending account (after a hand-over
// only the old owner's own execution can delete its triggers, so the trigger removes itself).
import { currentAccount, readSendingAccount } from '../../services/sending-account';
import { readScriptSnapshot, type ScriptSnapshot } from '../../services/properties';
import { startTriggerRun } from '../../services/trigger-runs';
import { openWorkbook } from '../../sheets';
import { continueCampaigns as continueCampaignsNow } from '../campaigns/campaigns';
import { onFormResponse as recordFormResponse, runIntakeBacklog as runIntakeBacklogNow } from '../intake/intake';
import { runHourly as runHourlyNow, runNightly as runNightlyNow } from './scheduled';
import { removeOwnStudioTriggers } from './setup';

/** `snapshot`: the script properties the handler read at its start, so the owner and run log cost no reads. */
function asStudioTrigger(handler: string, body: () => void, snapshot?: ScriptSnapshot): void {
  const me = currentAccount();
  const owner = readSendingAccount(snapshot);
  if (owner !== null && me !== '' && owner !== me) {
    const removed = removeOwnStudioTriggers();
    console.warn(
      `${handler} runs as ${me}, not the sending account ${owner}: did nothing, removed ${removed} triggers`,
    );
    return;
  }
  const finish = startTriggerRun(handler, me, snapshot);
  try {
    body();
    finish('');
  } catch (error) {
    finish(error instanceof Error ? error.message : String(error));
    throw error;
  }
}

export function runNightly(): void {
  asStudioTrigger('runNightly', runNightlyNow);
}

export function runHourly(): void {
  asStudioTrigger('runHourly', runHourlyNow);
}

export function continueCampaigns(): void {
  asStudioTrigger('continueCampaigns', continueCampaignsNow);
}

export function runIntakeBacklog(): void {
  const snapshot = readScriptSnapshot();
  asStudioTrigger('runIntakeBacklog', () => runIntakeBacklogNow(openWorkbook, undefined, snapshot), snapshot);
}

type FormEvent = Parameters<typeof recordFormResponse>[0];

export function onFormResponse(event: FormEvent): void {
  const snapshot = readScriptSnapshot();
  asStudioTrigger('onFormResponse', () => recordFormResponse(event, snapshot), snapshot);
}
