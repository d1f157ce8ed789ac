// What the inbox step reads besides Sends and Clients: its settings and the Requests sheet as records.
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../domain/inbox/settings';
import { requestFromRow } from '../domain/schema';
import type { ClientRequest } from '../domain/types';
import { readSettingsFor } from './settings';
import { readTable, settingEntries, type Table } from './table';
import type { Workbook } from './workbook';

export function readInboxSettings(book: Workbook): InboxSettings {
  return { ...DEFAULT_INBOX_SETTINGS, ...readSettingsFor(book, DEFAULT_INBOX_SETTINGS, 'inbox').overrides };
}

export interface RequestRow {
  request: ClientRequest;
  rowNumber: number;
}

/** The Requests sheet as records with their rows, and the table for writing back without a second read. */
export function readRequestsSheet(book: Workbook): { rows: RequestRow[]; table: Table } {
  const table = readTable(book, 'requests');
  const rows: RequestRow[] = [];
  table.rows.forEach((row, index) => {
    const request = requestFromRow(row);
    if (request) rows.push({ request, rowNumber: table.rowNumbers[index] ?? 0 });
  });
  return { rows, table };
}

const FOLLOW_UP_PREFIX = 'followUps.';

/** Follow-up steps per campaign, from the Settings rows `followUps.<campaign id>` (a JSON list). */
export function readFollowUpDefinitions(book: Workbook): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  for (const entry of settingEntries(book)) {
    if (!entry.key.startsWith(FOLLOW_UP_PREFIX) || entry.value === null || entry.value === '') continue;
    try {
      definitions.set(entry.key.slice(FOLLOW_UP_PREFIX.length), JSON.parse(String(entry.value)));
    } catch {
      console.warn(`setting ${entry.key} is not JSON; no follow-ups for it`);
    }
  }
  return definitions;
}
