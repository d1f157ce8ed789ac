// Readable codes cut from a signature: the signer is an HMAC with a secret, so a code is
// deterministic for the studio but cannot be guessed from a client id by anyone else.

/** No 0/O, 1/I/L: codes are read aloud and copied from screenshots. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `length` characters of CODE_ALPHABET taken from the signature's characters. */
export function readableCode(signature: string, length: number): string {
  if (!signature) throw new Error('The signer returned an empty signature.');
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
