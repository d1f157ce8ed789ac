// HMAC-SHA256 in plain TypeScript, for every signature the add-on makes (referral and discount codes,
// unsubscribe tokens). Utilities.computeHmacSha256Signature costs an Apps Script call per text (two
// with the base64 step), which grows with the client list. Here the key's inner and outer states are
// computed once, and each text costs two SHA-256 blocks in memory; the output is the same string as
// Utilities' HMAC in web-safe base64 without padding (checked in test/domain/loyalty-hashing.test.ts).

const ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const BLOCK_BYTES = 64;

/** UTF-8 bytes, as Apps Script encodes a string argument by default. */
export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

const schedule = new Uint32Array(64);

/** One SHA-256 compression of the 64 bytes at `offset` into `state`. */
function compress(state: Uint32Array, bytes: ArrayLike<number>, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const at = offset + i * 4;
    schedule[i] =
      ((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
  }
  for (let i = 16; i < 64; i++) {
    const w15 = schedule[i - 15] ?? 0;
    const w2 = schedule[i - 2] ?? 0;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    schedule[i] = (schedule[i - 16] ?? 0) + s0 + (schedule[i - 7] ?? 0) + s1;
  }
  let a = state[0] ?? 0,
    b = state[1] ?? 0,
    c = state[2] ?? 0,
    d = state[3] ?? 0;
  let e = state[4] ?? 0,
    f = state[5] ?? 0,
    g = state[6] ?? 0,
    h = state[7] ?? 0;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const choice = (e & f) ^ (~e & g);
    const temp1 = (h + S1 + choice + (ROUND_CONSTANTS[i] ?? 0) + (schedule[i] ?? 0)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const temp2 = (S0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + temp1) | 0;
    d = c;
    c = b;
    b = a;
    a = (temp1 + temp2) | 0;
  }
  state[0] = (state[0] ?? 0) + a;
  state[1] = (state[1] ?? 0) + b;
  state[2] = (state[2] ?? 0) + c;
  state[3] = (state[3] ?? 0) + d;
  state[4] = (state[4] ?? 0) + e;
  state[5] = (state[5] ?? 0) + f;
  state[6] = (state[6] ?? 0) + g;
  state[7] = (state[7] ?? 0) + h;
}

/** Finishes a hash whose state already absorbed `absorbed` bytes (whole blocks), over `tail`. */
function finish(start: Uint32Array, absorbed: number, tail: readonly number[]): number[] {
  const state = new Uint32Array(start);
  const length = absorbed + tail.length;
  const padded = [...tail, 0x80];
  while (padded.length % BLOCK_BYTES !== 56) padded.push(0);
  const bits = length * 8;
  // Lengths here stay far below 2^32 bytes; the high word only carries bits above 2^32.
  const high = Math.floor(bits / 0x100000000);
  padded.push((high >>> 24) & 255, (high >>> 16) & 255, (high >>> 8) & 255, high & 255);
  padded.push((bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255);
  for (let offset = 0; offset < padded.length; offset += BLOCK_BYTES) compress(state, padded, offset);
  const digest: number[] = [];
  for (const word of state) digest.push(word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  return digest;
}

export function sha256(bytes: readonly number[]): number[] {
  return finish(new Uint32Array(INITIAL_STATE), 0, bytes);
}

/** The HMAC-SHA256 of texts under one key: the key's padded blocks are hashed once, here. */
export function hmacSha256(key: readonly number[]): (message: readonly number[]) => number[] {
  const block = key.length > BLOCK_BYTES ? sha256(key) : [...key];
  while (block.length < BLOCK_BYTES) block.push(0);
  const inner = new Uint32Array(INITIAL_STATE);
  const outer = new Uint32Array(INITIAL_STATE);
  compress(
    inner,
    block.map((byte) => byte ^ 0x36),
    0,
  );
  compress(
    outer,
    block.map((byte) => byte ^ 0x5c),
    0,
  );
  return (message) => {
    // Whole blocks of a long message go straight into a copy of the inner state.
    const state = new Uint32Array(inner);
    const whole = message.length - (message.length % BLOCK_BYTES);
    for (let offset = 0; offset < whole; offset += BLOCK_BYTES) compress(state, message, offset);
    const innerDigest = finish(state, BLOCK_BYTES + whole, message.slice(whole));
    return finish(outer, BLOCK_BYTES, innerDigest);
  };
}

const WEB_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64 in the web-safe alphabet, without `=` padding. */
export function base64WebSafe(bytes: readonly number[]): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const characters = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let k = 0; k < characters; k++) text += WEB_SAFE_ALPHABET[(chunk >>> (18 - 6 * k)) & 63];
  }
  return text;
}

/** `sign(text)` = web-safe base64 (unpadded) of HMAC-SHA256(secret, text), both UTF-8: the key set up once. */
export function hmacSigner(secret: string): (text: string) => string {
  const mac = hmacSha256(utf8Bytes(secret));
  return (text) => base64WebSafe(mac(utf8Bytes(text)));
}
