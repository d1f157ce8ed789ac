import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Client, LedgerEntry, Order } from '../../src/domain/types';
import { CODE_ALPHABET, readableCode } from '../../src/domain/loyalty/codes';
import {
  discountCode,
  issueDiscountCodes,
  lookupCode,
  markCodeUsed,
  personalDiscount,
} from '../../src/domain/loyalty/discounts';
import { linkReferral, missingReferralCodes, referralCode, referralCredits } from '../../src/domain/loyalty/referrals';
import { balance } from '../../src/domain/loyalty/ledger';
import { loyaltySettings } from '../../src/domain/loyalty/settings';

// The same shape as the Apps Script signer: web-safe base64 of an HMAC-SHA256.
const signWith =
  (secret: string) =>
  (text: string): string =>
    createHmac('sha256', secret).update(text).digest('base64url');
const sign = signWith('studio-secret');
const settings = loyaltySettings({ discountBySegment: { 'SEG-vip-gamers': 12, 'SEG-lapsed': 10 } });
const day = (y: number, m: number, d: number): Date => new Date(y, m - 1, d, 10);

describe('readable codes', () => {
  it('use only unambiguous upper-case characters', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
    for (let i = 0; i < 200; i++) expect(readableCode(sign(`x${i}`), 10)).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);
  });

  it('spread over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) for (const char of readableCode(sign(`y${i}`), 8)) seen.add(char);
    expect(seen.size).toBe(CODE_ALPHABET.length);
  });
});

describe('personalDiscount', () => {
  it('picks the best of tier and segments', () => {
    expect(personalDiscount('Gold', [], settings)).toEqual({ percent: 10, source: { kind: 'tier', tier: 'Gold' } });
    expect(personalDiscount('Gold', ['SEG-vip-gamers'], settings)).toEqual({
      percent: 12,
      source: { kind: 'segment', segmentId: 'SEG-vip-gamers' },
    });
    expect(personalDiscount('VIP', ['SEG-vip-gamers', 'SEG-lapsed'], settings)?.percent).toBe(15);
  });

  it('prefers the tier on a tie, and is null when nothing applies', () => {
    expect(personalDiscount('Gold', ['SEG-lapsed'], settings)?.source).toEqual({ kind: 'tier', tier: 'Gold' });
    expect(personalDiscount('Bronze', ['SEG-unknown'], settings)).toBeNull();
  });
});

describe('campaign discount codes', () => {
  it('are deterministic, differ per client and campaign, and depend on the secret', () => {
    const code = discountCode('CMP-1', 'C-1', settings, sign);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(discountCode('CMP-1', 'C-1', settings, sign)).toBe(code);
    expect(discountCode('CMP-1', 'C-2', settings, sign)).not.toBe(code);
    expect(discountCode('CMP-2', 'C-1', settings, sign)).not.toBe(code);
    expect(discountCode('CMP-1', 'C-1', settings, signWith('another-secret'))).not.toBe(code);
  });

  it('are issued once per client and campaign', () => {
    const first = issueDiscountCodes('CMP-1', ['C-1', 'C-2', 'C-1'], 10, [], settings, sign, day(2026, 3, 1));
    expect(first.map((record) => record.clientId)).toEqual(['C-1', 'C-2']);
    expect(
      issueDiscountCodes('CMP-1', ['C-1', 'C-2', 'C-3'], 10, first, settings, sign, day(2026, 3, 2)).map(
        (record) => record.clientId,
      ),
    ).toEqual(['C-3']);
  });

  it('step around a code another client already holds', () => {
    // A signer that collides for the first attempt of every client.
    const colliding = (text: string): string => (text.includes('#') ? sign(text) : 'same');
    const issued = issueDiscountCodes('CMP-1', ['C-1', 'C-2'], 10, [], settings, colliding, day(2026, 3, 1));
    expect(new Set(issued.map((record) => record.code)).size).toBe(2);
  });

  it('are found however the client typed them, and used once', () => {
    const records = issueDiscountCodes('CMP-1', ['C-1', 'C-2'], 10, [], settings, sign, day(2026, 3, 1));
    const mine = records[0]!;
    const typed = ` ${mine.code.replace('-', '').toLowerCase()} `;
    expect(lookupCode(typed, records)).toBe(mine);
    expect(lookupCode('ZZZZ-ZZZZ', records)).toBeNull();

    const used = markCodeUsed(typed, 'C-1', 'O-5', records, day(2026, 3, 4));
    expect(used).toEqual({ ok: true, record: { ...mine, usedAt: day(2026, 3, 4), orderId: 'O-5' } });
    const afterUse = used.ok ? [used.record, records[1]!] : records;
    expect(markCodeUsed(mine.code, 'C-1', 'O-5', afterUse, day(2026, 3, 5))).toMatchObject({
      ok: true,
      record: { usedAt: day(2026, 3, 4) },
    });
    expect(markCodeUsed(mine.code, 'C-1', 'O-6', afterUse, day(2026, 3, 5))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.code.alreadyUsed', params: { order: 'O-5' } },
    });
    expect(markCodeUsed(mine.code, 'C-2', 'O-7', afterUse, day(2026, 3, 5))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.code.wrongClient' },
    });
    expect(markCodeUsed('nope', 'C-2', 'O-7', afterUse, day(2026, 3, 5))).toMatchObject({
      ok: false,
      error: { key: 'loyalty.code.unknown' },
    });
  });
});

describe('referrals', () => {
  const client = (id: string, referredBy = ''): Pick<Client, 'id' | 'referralCode' | 'referredBy'> => ({
    id,
    referralCode: referralCode(id, settings, sign),
    referredBy,
  });

  it('give every client a short readable code', () => {
    expect(referralCode('C-1', settings, sign)).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(referralCode('C-1', settings, sign)).toBe(referralCode('C-1', settings, sign));
    expect(
      missingReferralCodes(
        [
          { id: 'C-1', referralCode: 'ABCDEF' },
          { id: 'C-2', referralCode: ' ' },
        ],
        settings,
        sign,
      ),
    ).toEqual([{ clientId: 'C-2', referralCode: referralCode('C-2', settings, sign) }]);
  });

  it('links a newcomer to the owner of the code, typed in any case', () => {
    const alice = client('C-1');
    const bob = client('C-2');
    expect(linkReferral(bob, alice.referralCode.toLowerCase(), [alice, bob])).toEqual({ ok: true, referredBy: 'C-1' });
  });

  it('refuses unknown codes, self-referral and a second referrer, but accepts the same link again', () => {
    const alice = client('C-1');
    const bob = client('C-2', 'C-1');
    const carol = client('C-3');
    const all = [alice, bob, carol];
    expect(linkReferral(carol, 'XXXXXX', all)).toMatchObject({
      ok: false,
      error: { key: 'loyalty.referral.unknownCode' },
    });
    expect(linkReferral(carol, '', all)).toMatchObject({ ok: false, error: { key: 'loyalty.referral.unknownCode' } });
    expect(linkReferral(carol, carol.referralCode, all)).toMatchObject({
      ok: false,
      error: { key: 'loyalty.referral.self' },
    });
    expect(linkReferral(bob, carol.referralCode, all)).toMatchObject({
      ok: false,
      error: { key: 'loyalty.referral.alreadyReferred' },
    });
    expect(linkReferral(bob, alice.referralCode, all)).toEqual({ ok: true, referredBy: 'C-1' });
  });

  it('refuses loops, direct and longer', () => {
    // C-1 referred C-2, C-2 referred C-3, C-3 referred C-4.
    const all = [client('C-1'), client('C-2', 'C-1'), client('C-3', 'C-2'), client('C-4', 'C-3')];
    const [first, second, , fourth] = all;
    expect(linkReferral(first!, second!.referralCode, all)).toMatchObject({
      ok: false,
      error: { key: 'loyalty.referral.loop' },
    });
    expect(linkReferral(first!, fourth!.referralCode, all)).toMatchObject({
      ok: false,
      error: { key: 'loyalty.referral.loop' },
    });
  });

  it('stops on a loop already in the data', () => {
    const all = [client('C-1', 'C-2'), client('C-2', 'C-1'), client('C-3')];
    expect(linkReferral(all[2]!, all[0]!.referralCode, all)).toEqual({ ok: true, referredBy: 'C-1' });
  });

  it('credit both once, after the newcomer completes a first order', () => {
    const order = (status: Order['status']): Order => ({
      id: 'O-1',
      clientId: 'C-2',
      date: day(2026, 2, 1),
      product: 'emotes',
      quantity: 1,
      amount: 50,
      status,
      completedAt: status === 'completed' ? day(2026, 2, 3) : null,
      pointsRedeemed: 0,
      discountCode: '',
      notes: '',
    });
    const newcomer = { id: 'C-2', referredBy: 'C-1' };
    const ledger: LedgerEntry[] = [];
    expect(referralCredits(ledger, newcomer, [order('in_progress')], settings, day(2026, 2, 2))).toEqual([]);
    expect(
      referralCredits(ledger, { id: 'C-2', referredBy: '' }, [order('completed')], settings, day(2026, 2, 4)),
    ).toEqual([]);
    ledger.push(...referralCredits(ledger, newcomer, [order('completed')], settings, day(2026, 2, 4)));
    expect(ledger.map((entry) => [entry.clientId, entry.key, entry.points])).toEqual([
      ['C-1', 'referral:C-2:referrer', settings.bonusReferrer],
      ['C-2', 'referral:C-2:referee', settings.bonusReferee],
    ]);
    expect(
      referralCredits(
        ledger,
        newcomer,
        [order('completed'), { ...order('completed'), id: 'O-2' }],
        settings,
        day(2026, 3, 1),
      ),
    ).toEqual([]);
    expect(balance(ledger, 'C-1', day(2026, 3, 1))).toBe(settings.bonusReferrer);
  });
});
