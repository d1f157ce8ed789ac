// Readable codes cut from a signature: the signer is an HMAC with a secret, so a code is
// deterministic for the studio but cannot be guessed from a client id by anyone else.

/** No 0/O, 1/I/L: codes are read aloud and copied from screenshots. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * `length` characters of CODE_ALPHABET taken from the signature's characters: the signature read as
 * one big number (16 bits per character, first character most significant), its base-31 digits
 * from the least significant up. Long division on 16-bit limbs, no BigInt.
 */
export function readableCode(signature: string, length: number): string {
  if (!signature) throw new Error('The signer returned an empty signature.');
  const base = CODE_ALPHABET.length;
  // The first `length` digits depend only on the number modulo base^length; while that stays below
  // 2^37, remainder × 2^16 + character is exact in a double and one pass over the signature suffices.
  const modulus = base ** length;
  if (modulus < 2 ** 37) {
    let remainder = 0;
    for (let i = 0; i < signature.length; i++) remainder = (remainder * 0x10000 + signature.charCodeAt(i)) % modulus;
    let code = '';
    for (let digit = 0; digit < length; digit++) {
      code += CODE_ALPHABET[remainder % base];
      remainder = Math.floor(remainder / base);
    }
    return code;
  }
  const limbs: number[] = [];
  for (let i = 0; i < signature.length; i++) limbs.push(signature.charCodeAt(i));
  let code = '';
  for (let digit = 0; digit < length; digit++) {
    let remainder = 0;
    for (let i = 0; i < limbs.length; i++) {
      const current = remainder * 0x10000 + (limbs[i] ?? 0);
      limbs[i] = Math.floor(current / base);
      remainder = current % base;
    }
    code += CODE_ALPHABET[remainder];
  }
  return code;
}

/** What a client typed, made comparable: upper case, without spaces and dashes. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s_-]+/g, '');
}

/** `ABCDEFGH` → `ABCD-EFGH`, easier to read back. */
export function groupCode(code: string, groupSize = 4): string {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += groupSize) groups.push(code.slice(i, i + groupSize));
  return groups.join('-');
}
