// The send journal in script properties: one [campaign, client, draft] entry per mail between its draft
// and its Sends row (the protocol is in src/domain/campaigns/sending.ts).
import type { JournalEntry } from '../domain/campaigns/sending';
import type { ScriptStore } from './properties';

const JOURNAL_KEY = 'crm.sendJournal';

export function readJournal(store: ScriptStore): JournalEntry[] {
  const raw = store.getProperty(JOURNAL_KEY);
  if (!raw) return [];
  try {
    const rows = JSON.parse(raw) as [string, string, string][];
    return rows.map(([campaignId, clientId, draftId]) => ({ campaignId, clientId, draftId }));
  } catch {
    console.error(`send journal unreadable: ${raw.slice(0, 200)}`);
    return [];
  }
}

export function writeJournal(store: ScriptStore, entries: readonly JournalEntry[]): void {
  if (entries.length === 0) store.deleteProperty(JOURNAL_KEY);
  else
    store.setProperty(
      JOURNAL_KEY,
      JSON.stringify(entries.map((entry) => [entry.campaignId, entry.clientId, entry.draftId])),
    );
}
