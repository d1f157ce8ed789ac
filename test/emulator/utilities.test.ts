import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUtilities } from '../../local/emulator/services/utilities';
import { makeServiceDeps } from './service-deps';

function setup() {
  const env = makeServiceDeps();
  return { ...env, Utilities: createUtilities(env.rt).globals.Utilities };
}

describe('Utilities.formatDate', () => {
  const instant = new Date('2024-03-05T21:07:09.045Z'); // a Tuesday; Wednesday 00:07 in Moscow

  it("reads Y as Java's week year, so YYYY turns late December into the next year", () => {
    const { Utilities } = setup();
    const lateDecember = new Date('2024-12-30T12:00:00Z'); // Monday of the week that holds 1 January 2025
    expect(Utilities.formatDate(lateDecember, 'UTC', 'YYYY-MM-dd')).toBe('2025-12-30');
    expect(Utilities.formatDate(lateDecember, 'UTC', 'yyyy-MM-dd')).toBe('2024-12-30');
    expect(Utilities.formatDate(new Date('2024-12-27T12:00:00Z'), 'UTC', 'YYYY')).toBe('2024');
    expect(Utilities.formatDate(new Date('2025-01-02T12:00:00Z'), 'UTC', 'YY')).toBe('25');
  });

  it('formats SimpleDateFormat patterns in the given zone', () => {
    const { Utilities } = setup();
    expect(Utilities.formatDate(instant, 'Europe/Moscow', "yyyy-MM-dd'T'HH:mm:ss")).toBe('2024-03-06T00:07:09');
    expect(Utilities.formatDate(instant, 'Europe/Moscow', 'dd.MM.yyyy')).toBe('06.03.2024');
    expect(Utilities.formatDate(instant, 'UTC', 'EEE, d MMMM yy')).toBe('Tue, 5 March 24');
    expect(Utilities.formatDate(instant, 'Europe/Moscow', 'EEEE MMM Z XXX')).toBe('Wednesday Mar +0300 +03:00');
    expect(Utilities.formatDate(instant, 'GMT', 'XXX h:mm a SSS')).toBe('Z 9:07 PM 045');
    expect(Utilities.formatDate(instant, 'GMT-05:30', "HH:mm 'o''clock' Z")).toBe("15:37 o'clock -0530");
  });

  it('refuses what is not a date, an unknown zone and an illegal pattern letter', () => {
    const { Utilities } = setup();
    expect(() => Utilities.formatDate('2024-03-05', 'UTC', 'yyyy')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => Utilities.formatDate(instant, 'Mars/Olympus', 'yyyy')).toThrow('Invalid argument: timeZone');
    expect(() => Utilities.formatDate(instant, 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});

describe('Utilities digests and base64', () => {
  it('computes HMAC-SHA256 as signed Java bytes (RFC 4231 test case 2)', () => {
    const { Utilities } = setup();
    const signature = Utilities.computeHmacSha256Signature('what do ya want for nothing?', 'Jefe');
    const hex = signature.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(signature[0]).toBe(0x5b);
    expect(signature[2]).toBe(0xc1 - 256);
    expect(Math.min(...signature)).toBeGreaterThanOrEqual(-128);
    expect(Math.max(...signature)).toBeLessThanOrEqual(127);
  });

  it('takes byte arrays and the MacAlgorithm/DigestAlgorithm enums', () => {
    const { Utilities } = setup();
    const key = [-1, 0, 1, 127];
    const value = Utilities.base64Decode('aGVsbG8=');
    const expected = createHmac('sha1', Buffer.from([255, 0, 1, 127]))
      .update('hello')
      .digest();
    const signature = Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_1, value, key);
    expect(Buffer.from(signature.map((b) => b & 0xff)).equals(expected)).toBe(true);
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc', Utilities.Charset.UTF_8);
    expect(Buffer.from(md5.map((b) => b & 0xff)).toString('hex')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(() => Utilities.computeDigest('MD5', 'abc')).toThrow(
      "don't match the method signature for Utilities.computeDigest",
    );
  });

  it('encodes and decodes base64, web-safe keeping padding', () => {
    const { Utilities } = setup();
    expect(Utilities.base64Encode('Привет')).toBe('0J/RgNC40LLQtdGC');
    expect(Utilities.base64EncodeWebSafe('Привет')).toBe('0J_RgNC40LLQtdGC');
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(Utilities.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(Utilities.newBlob(Utilities.base64Decode('0J/RgNC40LLQtdGC')).getDataAsString()).toBe('Привет');
    expect(() => Utilities.base64Decode('@@@')).toThrow('Could not decode string.');
  });
});

describe('Utilities strings, blobs, CSV, sleep', () => {
  it('formats strings like Java', () => {
    const { Utilities } = setup();
    expect(Utilities.formatString('%s has %d orders, %.2f avg, %05d, %-4s|, %%', 'Anna', 3, 12.345, 42, 'x')).toBe(
      'Anna has 3 orders, 12.35 avg, 00042, x   |, %',
    );
    expect(() => Utilities.formatString('%d', 'three')).toThrow();
  });

  it('makes blobs with bytes, names and content types', () => {
    const { Utilities, rt } = setup();
    const blob = Utilities.newBlob('héllo', 'text/plain', 'note.txt');
    expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(blob.getName()).toBe('note.txt');
    const copy = blob.copyBlob().setName('copy.txt');
    expect(copy.getName()).toBe('copy.txt');
    expect(blob.getName()).toBe('note.txt');
    expect(copy.getContentType()).toBe('text/plain');
    expect(rt.counts.get('Blob.getName')).toBe(3);
  });

  it('parses CSV with quotes, embedded newlines and a custom delimiter', () => {
    const { Utilities } = setup();
    expect(Utilities.parseCsv('name,note\n"Anna ""A""","line1\nline2"\r\nBob,')).toEqual([
      ['name', 'note'],
      ['Anna "A"', 'line1\nline2'],
      ['Bob', ''],
    ]);
    expect(Utilities.parseCsv('a;b', ';')).toEqual([['a', 'b']]);
  });

  it('sleeps on the emulator clock, at most five minutes', () => {
    const { Utilities, clock } = setup();
    const before = clock.now();
    Utilities.sleep(1500);
    expect(clock.now() - before).toBe(1500);
    expect(() => Utilities.sleep(300001)).toThrow('Invalid argument: milliseconds');
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
