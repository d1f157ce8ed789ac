// Everything analysis knows about one client, computed once and shared by segments, breakdowns and the dashboard.
import type { Client, ClientId, Order } from '../types';
import { clientStats, type ClientStats } from './client-stats';
import type { ClientFacts } from './facts';
import { DEFAULT_LIFECYCLE_SETTINGS, lifecycleStage, type LifecycleSettings, type LifecycleStage } from './lifecycle';
import { scoreRfm, type RfmScore } from './rfm';

export interface ClientProfile {
  client: Client;
  stats: ClientStats;
  /** Null for clients without orders. */
  rfm: RfmScore | null;
  lifecycle: LifecycleStage;
  facts: ClientFacts;
}

export interface ProfileOptions {
  facts?: ReadonlyMap<ClientId, ClientFacts>;
  lifecycle?: LifecycleSettings;
}

/** One profile per client, in the clients' order. */
export function buildClientProfiles(
  clients: readonly Client[],
  orders: readonly Order[],
  asOf: Date,
  options: ProfileOptions = {},
): ClientProfile[] {
  const statsById = clientStats(clients, orders, asOf);
  const rfmById = scoreRfm(statsById.values());
  const settings = options.lifecycle ?? DEFAULT_LIFECYCLE_SETTINGS;
  const seen = new Set<ClientId>();
  const profiles: ClientProfile[] = [];
  for (const client of clients) {
    if (seen.has(client.id)) continue; // a duplicated id row is the sheets layer's problem to report
    seen.add(client.id);
    const stats = statsById.get(client.id)!;
    const facts = options.facts?.get(client.id) ?? {};
    profiles.push({
      client,
      stats,
      rfm: rfmById.get(client.id) ?? null,
      lifecycle: lifecycleStage(stats, asOf, facts, settings),
      facts,
    });
  }
  return profiles;
}
