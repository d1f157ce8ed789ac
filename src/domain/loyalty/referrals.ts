// Referral codes, linking a newcomer to the client who referred them, and the credit both get
// once the newcomer's first order is completed.

import type { Client, ClientId, LedgerEntry, Order } from '../types';
import { normaliseCode, readableCode } from './codes';
import { awardBonus, ledgerReason, type LoyaltyMessage } from './ledger';
import type { LoyaltySettings } from './settings';

export function referralCode(clientId: ClientId, settings: LoyaltySettings, sign: (text: string) => string): string {
  return readableCode(sign(`referral:${clientId}`), settings.referralCodeLength);
}

/** Codes for the clients that have none yet, to fill the Clients sheet's column. */
export function missingReferralCodes(
  clients: readonly Pick<Client, 'id' | 'referralCode'>[],
  settings: LoyaltySettings,
  sign: (text: string) => string,
): { clientId: ClientId; referralCode: string }[] {
  return clients
    .filter((client) => !client.referralCode.trim())
    .map((client) => ({ clientId: client.id, referralCode: referralCode(client.id, settings, sign) }));
}

export type ReferralLink = { ok: true; referredBy: ClientId } | { ok: false; error: LoyaltyMessage };

type ReferralClient = Pick<Client, 'id' | 'referralCode' | 'referredBy'>;

/**
 * Who referred `newClient`, given the code they typed. Refused: an unknown code, the client's own
 * code, a client already referred by someone else, and any link that would close a loop
 * (A referred B, so B cannot refer A, nor can anyone B referred, however far down).
 * Linking again to the same referrer is accepted, so a repeated form submission is harmless.
 */
export function linkReferral(
  newClient: ReferralClient,
  code: string,
  clients: readonly ReferralClient[],
): ReferralLink {
  const wanted = normaliseCode(code);
  const referrer = wanted ? clients.find((client) => normaliseCode(client.referralCode) === wanted) : undefined;
  if (!referrer) return { ok: false, error: { key: 'loyalty.referral.unknownCode', params: { code: code.trim() } } };
  if (referrer.id === newClient.id) return { ok: false, error: { key: 'loyalty.referral.self', params: {} } };
  if (newClient.referredBy) {
    return newClient.referredBy === referrer.id
      ? { ok: true, referredBy: referrer.id }
      : { ok: false, error: { key: 'loyalty.referral.alreadyReferred', params: {} } };
  }
  const byId = new Map(clients.map((client) => [client.id, client]));
  const seen = new Set<ClientId>();
  // Walk up from the referrer; reaching the newcomer means the newcomer is among its referrers.
  for (
    let current: ReferralClient | undefined = referrer;
    current && !seen.has(current.id);
    current = current.referredBy ? byId.get(current.referredBy) : undefined
  ) {
    if (current.id === newClient.id || current.referredBy === newClient.id) {
      return { ok: false, error: { key: 'loyalty.referral.loop', params: { client: referrer.id } } };
    }
    seen.add(current.id);
  }
  return { ok: true, referredBy: referrer.id };
}

/**
 * Once the newcomer has a completed order, the referrer and the newcomer are each credited once
 * (`referral:C-9:referrer`, `referral:C-9:referee`). Cancelling that order later keeps the credit.
 */
export function referralCredits(
  entries: readonly LedgerEntry[],
  newcomer: Pick<Client, 'id' | 'referredBy'>,
  orders: readonly Order[],
  settings: LoyaltySettings,
  asOf: Date,
): LedgerEntry[] {
  const referrerId = newcomer.referredBy;
  if (!referrerId || referrerId === newcomer.id) return [];
  const completed = orders.some(
    (order) =>
      order.clientId === newcomer.id &&
      order.status === 'completed' &&
      (order.completedAt ?? order.date).getTime() <= asOf.getTime(),
  );
  if (!completed) return [];
  const referrer = awardBonus(
    entries,
    {
      clientId: referrerId,
      key: `referral:${newcomer.id}:referrer`,
      points: settings.bonusReferrer,
      reason: ledgerReason('loyalty.reason.referrer', { client: newcomer.id }),
    },
    asOf,
  );
  const referee = awardBonus(
    entries,
    {
      clientId: newcomer.id,
      key: `referral:${newcomer.id}:referee`,
      points: settings.bonusReferee,
      reason: ledgerReason('loyalty.reason.referee'),
    },
    asOf,
  );
  return [...referrer, ...referee];
}
