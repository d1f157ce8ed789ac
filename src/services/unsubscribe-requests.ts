// Unsubscribe clicks waiting for the hourly step, one script property per client: the web app has no
// spreadsheet to write to (see src/server/campaigns/unsubscribe.ts).
import type { ClientId } from '../domain/types';
import type { ScriptStore } from './properties';

const PENDING_PREFIX = 'crm.unsubscribe.';

export interface PendingUnsubscribe {
  clientId: ClientId;
  at: Date;
  /** The address tag of the link clicked; null for a click an older version kept (its value was only the time). */
  emailTag: string | null;
}

function parseClick(clientId: ClientId, value: string): PendingUnsubscribe {
  let at = '';
  let emailTag: string | null = null;
  if (value.startsWith('{')) {
    try {
      const stored = JSON.parse(value) as { at?: string; emailTag?: string };
      at = stored.at ?? '';
      emailTag = typeof stored.emailTag === 'string' ? stored.emailTag : null;
    } catch {
      console.warn(`unsubscribe click of ${clientId} is unreadable; counted from now`);
    }
  } else at = value;
  const date = new Date(at);
  return { clientId, at: Number.isNaN(date.getTime()) ? new Date() : date, emailTag };
}

export function isUnsubscribePending(store: ScriptStore, clientId: ClientId): boolean {
  return store.getProperty(PENDING_PREFIX + clientId) !== null;
}

/** Every click not yet written to Clients; one getProperties call. */
export function pendingUnsubscribes(store: ScriptStore): PendingUnsubscribe[] {
  const pending: PendingUnsubscribe[] = [];
  for (const [key, value] of Object.entries(store.getProperties())) {
    if (!key.startsWith(PENDING_PREFIX)) continue;
    pending.push(parseClick(key.slice(PENDING_PREFIX.length), String(value)));
  }
  return pending;
}

export function recordUnsubscribe(store: ScriptStore, click: PendingUnsubscribe): void {
  store.setProperty(
    PENDING_PREFIX + click.clientId,
    JSON.stringify({ at: click.at.toISOString(), emailTag: click.emailTag }),
  );
}

export function forgetUnsubscribe(store: ScriptStore, clientId: ClientId): void {
  store.deleteProperty(PENDING_PREFIX + clientId);
}
