// The BigInt-free ledger ids, readable codes and pure HMAC must give exactly what the BigInt
// originals and Apps Script's signer gave: ids and codes already written in sheets must not change.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, readableCode } from '../../src/domain/loyalty/codes';
import { base64WebSafe, hmacSigner, sha256, utf8Bytes } from '../../src/domain/hmac';
import { ledgerEntryId } from '../../src/domain/loyalty/ledger';
import { createHash } from 'node:crypto';

/** The original BigInt FNV-1a 64. */
function referenceId(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `L-${hash.toString(16).padStart(16, '0')}`;
}

/** The original BigInt readable code. */
function referenceCode(signature: string, length: number): string {
  const base = BigInt(CODE_ALPHABET.length);
  let number = 0n;
  for (let i = 0; i < signature.length; i++) number = (number << 16n) | BigInt(signature.charCodeAt(i));
  let code = '';
  for (let i = 0; i < length; i++) {
    code += CODE_ALPHABET[Number(number % base)];
    number /= base;
  }
  return code;
}

/** Deterministic pseudo-random texts, including non-ASCII and astral characters. */
function texts(count: number): string[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const pieces = ['order:', 'O-', 'birthday:C-', ':2026', 'Ёж', '🎉', 'é', ' ', 'referral:', 'x'];
  return Array.from({ length: count }, (_, index) => {
    let text = index % 7 === 0 ? '' : String(index);
    const parts = next() % 40;
    for (let i = 0; i < parts; i++) text += pieces[next() % pieces.length];
    return text;
  });
}

describe('ledger entry ids without BigInt', () => {
  it('equal the BigInt FNV-1a 64 for known keys and many generated ones', () => {
    expect(ledgerEntryId('')).toBe('L-cbf29ce484222325');
    expect(ledgerEntryId('a')).toBe('L-af63dc4c8601ec8c');
    for (const text of [...texts(3000), 'order:O-1:earn', 'x'.repeat(5000)])
      expect(ledgerEntryId(text)).toBe(referenceId(text));
  });
});

describe('readable codes without BigInt', () => {
  it('equal the BigInt version for signatures of any length and code lengths 1..40', () => {
    const sign = (text: string) => createHmac('sha256', 's').update(text).digest('base64url');
    for (const [index, text] of texts(500).entries()) {
      const signature = index % 3 === 0 ? text || 'z' : sign(text);
      const length = 1 + (index % 40);
      expect(readableCode(signature, length)).toBe(referenceCode(signature, length));
    }
  });
});

describe('pure HMAC-SHA256 signer', () => {
  it('hashes like node:crypto across block boundaries', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 300]) {
      const bytes = Array.from({ length }, (_, i) => (i * 37 + length) & 255);
      expect(Buffer.from(sha256(bytes)).toString('hex')).toBe(
        createHash('sha256').update(Buffer.from(bytes)).digest('hex'),
      );
    }
  });

  it('signs like Utilities.computeHmacSha256Signature + base64EncodeWebSafe with padding stripped', () => {
    const longSecret = 'k'.repeat(100) + 'Ключ';
    for (const secret of ['studio-secret', '3f0c6d2e-uuid-uuid' + 'a'.repeat(46), longSecret, '']) {
      const sign = hmacSigner(secret);
      for (const text of texts(200))
        expect(sign(text)).toBe(
          createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(text, 'utf8')).digest('base64url'),
        );
    }
  });

  it('encodes UTF-8 and unpadded web-safe base64 as Node does', () => {
    for (const text of texts(300)) {
      const bytes = utf8Bytes(text);
      expect(Buffer.from(bytes).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(base64WebSafe(bytes)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
    }
  });
});
