// The deep link that binds a client's Telegram chat: https://t.me/<bot>?start=<token>. Telegram hands the
// token back as `/start <token>`; it allows 1–64 characters of A–Z, a–z, 0–9, _ and - ("Deep linking").
// The token is the client id and an HMAC of it, so an altered token or one signed by another studio binds nothing.

const SIGNATURE_CHARS = 22;
const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;
const LINKABLE_ID = /^[A-Za-z0-9-]+$/;

const signedText = (clientId: string) => `telegram-link:${clientId}`;

/** The start token for a client, or null when the id cannot travel in one (characters or length). */
export function linkToken(clientId: string, sign: (text: string) => string): string | null {
  if (!LINKABLE_ID.test(clientId)) return null;
  const token = `${clientId}_${sign(signedText(clientId)).slice(0, SIGNATURE_CHARS)}`;
  return START_PARAMETER.test(token) ? token : null;
}

/** The client id a token was made for, or null for an altered, foreign or malformed one. */
export function verifyLinkToken(token: string, sign: (text: string) => string): string | null {
  if (!START_PARAMETER.test(token)) return null;
  // The signature may itself hold `_`: split by its fixed length, not by the last underscore.
  const split = token.length - SIGNATURE_CHARS - 1;
  if (split <= 0 || token[split] !== '_') return null;
  const clientId = token.slice(0, split);
  const expected = linkToken(clientId, sign);
  return expected !== null && constantTimeEqual(expected, token) ? clientId : null;
}

/** The start token that makes a chat the studio's alert chat: signed like a client's, with its own text. */
export function staffLinkToken(sign: (text: string) => string): string {
  return `staff_${sign('telegram-staff-chat').slice(0, SIGNATURE_CHARS)}`;
}

export function isStaffLinkToken(token: string, sign: (text: string) => string): boolean {
  return constantTimeEqual(staffLinkToken(sign), token);
}

export function deepLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername}?start=${token}`;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
