// HMAC-SHA256 with a secret kept in script properties; the domain takes it as a plain `sign(text)`.
// The secret is read once per signer; each text is then signed in memory (domain/hmac.ts gives the
// same string as Utilities.computeHmacSha256Signature + base64EncodeWebSafe, without their two calls).
import { hmacSigner } from '../domain/hmac';
import { scriptSecret } from './properties';

const SECRET_KEY = 'crm.hmacSecret';

/** A signer for one run: make it once, sign any number of texts. */
export function makeSigner(): (text: string) => string {
  return hmacSigner(signingSecret());
}

/** The signer's secret, for signing many texts in memory (domain hmacSigner) at one properties read. */
export function signingSecret(): string {
  return scriptSecret(SECRET_KEY);
}

/**
 * One signer per execution, made on first use: it reads the secret from script properties once and
 * signs in memory (same codes as Utilities' HMAC), so signing codes for every client costs no calls per client.
 */
export function lazySigner(): () => (text: string) => string {
  let signer: ((text: string) => string) | null = null;
  return () => (signer ??= hmacSigner(signingSecret()));
}
