// The nightly loyalty run's Apps Script calls must not grow with the client list, the first night
// included (when every client gets a referral code), and the codes must be the ones Utilities' HMAC gives.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { client, loyaltyStudio, order } from '../support/loyalty-studio';

/**
 * A referral code by its documented rule, computed here another way (BigInt, not the add-on's limb
 * division): the signature read as one number, 16 bits per character, first character most significant;
 * its 6 lowest base-31 digits, least significant first, in the alphabet without 0/O and 1/I/L.
 */
function referralCodeOf(signature: string): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let number = 0n;
  for (const char of signature) number = number * 65536n + BigInt(char.charCodeAt(0));
  let code = '';
  for (let digit = 0; digit < 6; digit++) {
    code += alphabet[Number(number % 31n)];
    number /= 31n;
  }
  return code;
}

function studioOf(size: number) {
  const clients = Array.from({ length: size }, (_, index) =>
    client(`C-${String(index + 1).padStart(4, '0')}`, index > 0 && index % 5 === 0 ? { referredBy: 'C-0001' } : {}),
  );
  const orders = clients.flatMap((row, index) => [
    order(`O-${index + 1}-a`, String(row.id), 100 + index, 'completed', '2026-10-01T12:00:00Z'),
    order(`O-${index + 1}-b`, String(row.id), 50, index % 3 === 0 ? 'cancelled' : 'completed', '2026-11-20T12:00:00Z'),
  ]);
  return loyaltyStudio({ clients, orders, settings: { 'loyalty.bonusRegistration': '20' } });
}

function nightCalls(studio: ReturnType<typeof studioOf>): { total: number; counts: Record<string, number> } {
  studio.emu.rt.resetCounts();
  studio.app.callFromClient('runLoyaltyNow');
  return { total: studio.emu.rt.total(), counts: studio.emu.rt.snapshotCounts() };
}

/** Counts without growing the Loyalty sheet (insertRowsAfter and its getMaxRows check), which happens once per thousand rows. */
function withoutSheetGrowth(counts: Record<string, number>): Record<string, number> {
  const { ['Sheet.insertRowsAfter']: _grow, ['Sheet.getMaxRows']: _maxRows, ...rest } = counts;
  return rest;
}

describe('nightly loyalty run: Apps Script calls', () => {
  it('are the same at 50 and 400 clients on the first night (codes for all) and the second', () => {
    const small = studioOf(50);
    const large = studioOf(400);
    const firstSmall = nightCalls(small);
    const firstLarge = nightCalls(large);
    // The one difference allowed: the 400-client ledger passes the sheet's 1,000 rows, grown in one call.
    expect(withoutSheetGrowth(firstLarge.counts)).toEqual(withoutSheetGrowth(firstSmall.counts));
    expect(firstLarge.counts['Sheet.insertRowsAfter']).toBe(1);
    expect(firstLarge.total).toBeLessThanOrEqual(firstSmall.total + 2);
    // Signing codes per client through Utilities took 2 × 50 calls here alone.
    expect(firstSmall.total).toBeLessThan(100);
    expect(firstLarge.counts['Utilities.computeHmacSha256Signature'] ?? 0).toBe(0);

    // The first night did real work at both sizes: every client has a code and a balance.
    expect(
      large
        .rows('clients')
        .every((row) => /^[A-Z2-9]{6}$/.test(String(row.referralCode)) && Number(row.pointsBalance) > 0),
    ).toBe(true);
    expect(large.ledger().length).toBeGreaterThan(small.ledger().length * 7);

    const secondSmall = nightCalls(small);
    const secondLarge = nightCalls(large);
    expect(secondLarge.total).toBe(secondSmall.total);
    expect(secondLarge.counts['Range.setValues'] ?? 0).toBe(0);
  });

  it('writes the referral codes Utilities.computeHmacSha256Signature would give with the script secret', () => {
    const studio = studioOf(30);
    studio.app.callFromClient('runLoyaltyNow');
    const secret = studio.emu.properties.script()['crm.hmacSecret'];
    expect(secret).toMatch(/.{32,}/);
    const expected = (id: string) =>
      referralCodeOf(
        createHmac('sha256', Buffer.from(String(secret), 'utf8'))
          .update(`referral:${id}`)
          .digest('base64url'),
      );
    const rows = studio.rows('clients');
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(row.referralCode).toBe(expected(String(row.id)));
    expect(new Set(rows.map((row) => row.referralCode)).size).toBe(30);
  });
});
