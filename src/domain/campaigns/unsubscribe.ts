// One-click unsubscribe links: `base64url(payload).signature`, signed with the script's HMAC secret.
//
// The payload is `u1|<client id>|<email tag>`. It carries the client id, not the address: a link
// forwarded or pasted in a chat would otherwise hand the address to whoever reads the URL. The email
// tag is an HMAC of the address, opaque without the secret; it lets the server tell whether the link
// was made for the address the client has now. The unsubscribe page confirms in general words (or with
// a masked address), so even a stranger holding someone's link learns nothing about them, and editing
// the id to unsubscribe someone else breaks the signature.
import type { MessageKey } from '../../i18n';
import type { ClientId, Locale } from '../types';

export type Signer = (text: string) => string;

const VERSION = 'u1';
const TAG_LENGTH = 12;

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

function utf8Text(bytes: readonly number[]): string | null {
  let text = '';
  for (let i = 0; i < bytes.length;) {
    const first = bytes[i] ?? 0;
    const length = first < 0x80 ? 1 : first >> 5 === 6 ? 2 : first >> 4 === 14 ? 3 : first >> 3 === 30 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let code = length === 1 ? first : first & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] ?? 0;
      if (next >> 6 !== 2) return null;
      code = (code << 6) | (next & 63);
    }
    text += String.fromCodePoint(code);
    i += length;
  }
  return text;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64UrlEncode(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const chunk = (a << 16) | (b << 8) | c;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < chars; k++) out += ALPHABET[(chunk >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function base64UrlDecode(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i += 4) {
    const group = encoded.slice(i, i + 4);
    let chunk = 0;
    for (let k = 0; k < 4; k++) chunk = (chunk << 6) | (k < group.length ? ALPHABET.indexOf(group[k] ?? 'A') : 0);
    bytes.push((chunk >> 16) & 255);
    if (group.length > 2) bytes.push((chunk >> 8) & 255);
    if (group.length > 3) bytes.push(chunk & 255);
  }
  return utf8Text(bytes);
}

/** Equal strings, in time that depends only on their lengths, not on where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

/** An opaque fingerprint of an address: only the holder of the secret can make or check it. */
export function emailTag(email: string, sign: Signer): string {
  return sign(`unsubscribe-email:${email.trim().toLowerCase()}`).slice(0, TAG_LENGTH);
}

export function makeUnsubscribeToken(clientId: ClientId, email: string, sign: Signer): string {
  const payload = base64UrlEncode(`${VERSION}|${clientId}|${emailTag(email, sign)}`);
  return `${payload}.${sign(`unsubscribe:${payload}`)}`;
}

export type VerifiedToken = { ok: true; clientId: ClientId; emailTag: string } | { ok: false; key: MessageKey };

export function verifyUnsubscribeToken(token: string, sign: Signer): VerifiedToken {
  const invalid: VerifiedToken = { ok: false, key: 'campaigns.unsubscribe.invalid' };
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 2000) return invalid;
  const payload = token.slice(0, dot);
  if (!constantTimeEqual(token.slice(dot + 1), sign(`unsubscribe:${payload}`))) return invalid;
  const parts = base64UrlDecode(payload)?.split('|');
  if (!parts || parts.length !== 3 || parts[0] !== VERSION || !parts[1]) return invalid;
  return { ok: true, clientId: parts[1], emailTag: parts[2] ?? '' };
}

/** Whether a verified token was made for this address (the client may have changed it since). */
export function tokenMatchesEmail(token: { emailTag: string }, email: string, sign: Signer): boolean {
  return constantTimeEqual(token.emailTag, emailTag(email, sign));
}

/** `a***@example.com`: enough for the owner to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

export function unsubscribeUrl(webAppUrl: string, token: string, locale: Locale): string {
  const separator = webAppUrl.includes('?') ? '&' : '?';
  return `${webAppUrl}${separator}action=unsubscribe&token=${encodeURIComponent(token)}&hl=${locale}`;
}
