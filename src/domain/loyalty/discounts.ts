// Personal discounts (the best of the client's tier and segments) and one-off campaign codes.

import type { ClientId, OrderId } from '../types';
import { groupCode, normaliseCode, readableCode } from './codes';
import type { LoyaltyMessage } from './ledger';
import type { LoyaltySettings } from './settings';

export type DiscountSource = { kind: 'tier'; tier: string } | { kind: 'segment'; segmentId: string };

export interface PersonalDiscount {
  percent: number;
  source: DiscountSource;
}

/**
 * The best personal discount among the client's tier and segments; null when none is above zero.
 * On a tie the tier wins, then the segment id first in alphabetical order, so the answer is stable.
 */
export function personalDiscount(
  tier: string,
  segmentIds: readonly string[],
  settings: LoyaltySettings,
): PersonalDiscount | null {
  const candidates: PersonalDiscount[] = [];
  const tierPercent = settings.discountByTier[tier];
  if (tierPercent !== undefined) candidates.push({ percent: tierPercent, source: { kind: 'tier', tier } });
  for (const segmentId of [...new Set(segmentIds)].sort()) {
    const percent = settings.discountBySegment[segmentId];
    if (percent !== undefined) candidates.push({ percent, source: { kind: 'segment', segmentId } });
  }
  let best: PersonalDiscount | null = null;
  for (const candidate of candidates) {
    if (candidate.percent > 0 && (!best || candidate.percent > best.percent)) best = candidate;
  }
  return best;
}

/** One row of the discount codes sheet. */
export interface DiscountCodeRecord {
  /** Grouped for reading, e.g. `K7QM-2XHP`. */
  code: string;
  campaignId: string;
  clientId: ClientId;
  percent: number;
  issuedAt: Date;
  usedAt: Date | null;
  orderId: OrderId | '';
}

/** The client's code for a campaign; `attempt` > 1 only to step around a collision. */
export function discountCode(
  campaignId: string,
  clientId: ClientId,
  settings: LoyaltySettings,
  sign: (text: string) => string,
  attempt = 1,
): string {
  const text = `discount:${campaignId}:${clientId}${attempt > 1 ? `#${attempt}` : ''}`;
  return groupCode(readableCode(sign(text), settings.discountCodeLength));
}

/**
 * Codes for the clients that have none yet for this campaign (re-running a campaign issues
 * nothing new). A code already taken by someone else is re-derived with the next attempt.
 */
export function issueDiscountCodes(
  campaignId: string,
  clientIds: readonly ClientId[],
  percent: number,
  existing: readonly DiscountCodeRecord[],
  settings: LoyaltySettings,
  sign: (text: string) => string,
  asOf: Date,
): DiscountCodeRecord[] {
  const taken = new Set(existing.map((record) => normaliseCode(record.code)));
  const holders = new Set(
    existing.filter((record) => record.campaignId === campaignId).map((record) => record.clientId),
  );
  const issued: DiscountCodeRecord[] = [];
  for (const clientId of clientIds) {
    if (holders.has(clientId)) continue;
    holders.add(clientId);
    let attempt = 1;
    let code = discountCode(campaignId, clientId, settings, sign, attempt);
    while (taken.has(normaliseCode(code))) code = discountCode(campaignId, clientId, settings, sign, ++attempt);
    taken.add(normaliseCode(code));
    issued.push({ code, campaignId, clientId, percent, issuedAt: asOf, usedAt: null, orderId: '' });
  }
  return issued;
}

/** The record for a code as a client typed it (any case, with or without dashes and spaces). */
export function lookupCode(typed: string, records: readonly DiscountCodeRecord[]): DiscountCodeRecord | null {
  const wanted = normaliseCode(typed);
  if (!wanted) return null;
  return records.find((record) => normaliseCode(record.code) === wanted) ?? null;
}

export type CodeUse = { ok: true; record: DiscountCodeRecord } | { ok: false; error: LoyaltyMessage };

/**
 * The record to write back once the code pays for an order. Using it again on the same order
 * changes nothing; another client's code or a code already used on another order is refused.
 */
export function markCodeUsed(
  typed: string,
  clientId: ClientId,
  orderId: OrderId,
  records: readonly DiscountCodeRecord[],
  asOf: Date,
): CodeUse {
  const record = lookupCode(typed, records);
  if (!record) return { ok: false, error: { key: 'loyalty.code.unknown', params: { code: typed.trim() } } };
  if (record.clientId !== clientId)
    return { ok: false, error: { key: 'loyalty.code.wrongClient', params: { code: record.code } } };
  if (record.usedAt) {
    return record.orderId === orderId
      ? { ok: true, record }
      : { ok: false, error: { key: 'loyalty.code.alreadyUsed', params: { code: record.code, order: record.orderId } } };
  }
  return { ok: true, record: { ...record, usedAt: asOf, orderId } };
}
