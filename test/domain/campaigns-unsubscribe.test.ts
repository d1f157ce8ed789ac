import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  base64UrlEncode,
  constantTimeEqual,
  makeUnsubscribeToken,
  maskEmail,
  tokenMatchesEmail,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from '../../src/domain/campaigns/unsubscribe';

// The same shape as the server's signer: HMAC-SHA256, web-safe base64 without padding.
const signer = (secret: string) => (text: string) =>
  createHmac('sha256', secret).update(text, 'utf8').digest('base64url');
const sign = signer('studio-secret');

describe('unsubscribe tokens', () => {
  it('round-trips a client id and does not reveal the address', () => {
    const token = makeUnsubscribeToken('C-17', 'anna@example.com', sign);
    expect(verifyUnsubscribeToken(token, sign)).toMatchObject({ ok: true, clientId: 'C-17' });
    const payload = base64UrlDecode(token.split('.')[0] ?? '') ?? '';
    expect(payload).toMatch(/^u1\|C-17\|[A-Za-z0-9_-]{12}$/);
    expect(payload).not.toContain('anna');
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it('refuses an altered payload, an altered signature, a foreign secret and junk', () => {
    const token = makeUnsubscribeToken('C-17', 'anna@example.com', sign);
    const [payload = '', signature = ''] = token.split('.');
    const forged = base64UrlEncode(`u1|C-18|${(base64UrlDecode(payload) ?? '').split('|')[2]}`);
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `${forged}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.`,
      payload,
      '',
      '.x',
      `${payload}.${signature}x`,
    ]) {
      expect(verifyUnsubscribeToken(bad, sign)).toEqual({ ok: false, key: 'campaigns.unsubscribe.invalid' });
    }
    expect(
      verifyUnsubscribeToken(makeUnsubscribeToken('C-17', 'anna@example.com', signer('another-studio')), sign).ok,
    ).toBe(false);
    // A correctly signed payload of the wrong shape is refused too.
    const odd = base64UrlEncode('u2|C-17|x');
    expect(verifyUnsubscribeToken(`${odd}.${sign(`unsubscribe:${odd}`)}`, sign).ok).toBe(false);
  });

  it('tells whether the token was made for the current address', () => {
    const verified = verifyUnsubscribeToken(makeUnsubscribeToken('C-17', 'Anna@Example.com', sign), sign);
    if (!verified.ok) throw new Error('expected a valid token');
    expect(tokenMatchesEmail(verified, 'anna@example.com', sign)).toBe(true);
    expect(tokenMatchesEmail(verified, 'anna.new@example.com', sign)).toBe(false);
  });

  it('builds the link with the token encoded and the locale', () => {
    expect(unsubscribeUrl('https://script.example/macros/s/X/exec', 'abc.def', 'ru')).toBe(
      'https://script.example/macros/s/X/exec?action=unsubscribe&token=abc.def&hl=ru',
    );
    expect(unsubscribeUrl('https://x.example/exec?v=1', 'a+b', 'en')).toBe(
      'https://x.example/exec?v=1&action=unsubscribe&token=a%2Bb&hl=en',
    );
  });

  it('encodes base64url like node does, for any text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'u1|C-17|xyz', 'Клиент №7 🎨']) {
      expect(base64UrlEncode(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
      expect(base64UrlDecode(base64UrlEncode(text))).toBe(text);
    }
    expect(base64UrlDecode('a')).toBeNull();
    expect(base64UrlDecode('a+b/')).toBeNull();
  });

  it('compares in constant time and masks addresses', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(maskEmail('anna@example.com')).toBe('a***@example.com');
  });
});
