// HMAC-SHA256 with a secret kept in script properties; the domain takes it as a plain `sign(text)`.
import { scriptSecret } from './properties';

const SECRET_KEY = 'crm.hmacSecret';

export function makeSigner(): (text: string) => string {
  const secret = scriptSecret(SECRET_KEY);
  return (text) => Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(text, secret)).replace(/=+$/, '');
}

/** The signer's secret, for signing many texts in memory (domain hmacSigner) at one properties read. */
export function signingSecret(): string {
  return scriptSecret(SECRET_KEY);
}
