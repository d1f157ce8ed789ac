// Unsubscribe clicks waiting for the hourly step, one script property per client: the web app has no
// spreadsheet to write to (see src/server/campaigns/unsubscribe.ts).
import type { ClientId } from '../domain/types';
import type { ScriptStore } from './properties';

const PENDING_PREFIX = 'crm.unsubscribe.';

export interface PendingUnsubscribe {
  clientId: ClientId;
  at: Date;
}

export function isUnsubscribePending(store: ScriptStore, clientId: ClientId): boolean {
  return store.getProperty(PENDING_PREFIX + clientId) !== null;
}

/** Every click not yet written to Clients; one getProperties call. */
export function pendingUnsubscribes(store: ScriptStore): PendingUnsubscribe[] {
  const pending: PendingUnsubscribe[] = [];
  for (const [key, value] of Object.entries(store.getProperties())) {
    if (!key.startsWith(PENDING_PREFIX)) continue;
    const at = new Date(String(value));
    pending.push({ clientId: key.slice(PENDING_PREFIX.length), at: Number.isNaN(at.getTime()) ? new Date() : at });
  }
  return pending;
}

export function recordUnsubscribe(store: ScriptStore, clientId: ClientId, at: Date): void {
  store.setProperty(PENDING_PREFIX + clientId, at.toISOString());
}

export function forgetUnsubscribe(store: ScriptStore, clientId: ClientId): void {
  store.deleteProperty(PENDING_PREFIX + clientId);
}
