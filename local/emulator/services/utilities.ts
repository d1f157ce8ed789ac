// Utilities: dates, strings, digests, base64, blobs, CSV, and sleep on the emulator clock.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { AppsScriptError, type Runtime } from '../runtime';
import { Blob, bytesOf, toSignedBytes } from './blob';
import { isDate, signatureError } from './context';
import { createEnum, enumKey } from './enums';
import { formatSimpleDate, PatternError } from './simple-date-format';
import { isKnownTimeZone } from './zoned-time';

export const SLEEP_MAX_MS = 300000;

const DIGESTS = {
  MD2: null,
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
} as const;
const MACS = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
} as const;
const CHARSETS = { US_ASCII: 'ascii', UTF_8: 'utf8' } as const;

export function createUtilities(rt: Runtime) {
  const DigestAlgorithm = createEnum('DigestAlgorithm', Object.keys(DIGESTS) as Array<keyof typeof DIGESTS>);
  const MacAlgorithm = createEnum('MacAlgorithm', Object.keys(MACS) as Array<keyof typeof MACS>);
  const Charset = createEnum('Charset', Object.keys(CHARSETS) as Array<keyof typeof CHARSETS>);

  /** A string (encoded in `charset`) or a byte array, as the digest and base64 functions take them. */
  const bytesFrom = (call: string, args: unknown[], value: unknown, charset: unknown): Buffer => {
    let encoding: BufferEncoding = 'utf8';
    if (charset !== undefined) {
      const key = enumKey('Charset', charset) as keyof typeof CHARSETS | null;
      if (!key) throw signatureError(call, args);
      encoding = CHARSETS[key];
    }
    if (typeof value === 'string') return Buffer.from(value, encoding);
    const bytes = bytesOf(value);
    if (!bytes || charset !== undefined) throw signatureError(call, args);
    return bytes;
  };

  const hmac = (call: string, args: unknown[], algorithm: string, value: unknown, key: unknown, charset: unknown) => {
    if ((typeof value === 'string') !== (typeof key === 'string')) throw signatureError(call, args);
    const mac = createHmac(algorithm, bytesFrom(call, args, key, charset));
    mac.update(bytesFrom(call, args, value, charset));
    return toSignedBytes(mac.digest());
  };

  const Utilities = {
    DigestAlgorithm,
    MacAlgorithm,
    Charset,

    formatDate(date: unknown, timeZone: unknown, format: unknown): string {
      rt.call('Utilities', 'formatDate');
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw signatureError('Utilities.formatDate', [date, timeZone, format]);
      }
      if (!isKnownTimeZone(timeZone)) throw new AppsScriptError(`Invalid argument: timeZone`);
      const time = date.getTime();
      if (!Number.isFinite(time)) throw new AppsScriptError('Invalid argument: date');
      try {
        return formatSimpleDate(time, timeZone, format);
      } catch (error) {
        if (error instanceof PatternError) throw new AppsScriptError(error.message);
        throw error;
      }
    },

    formatString(template: unknown, ...args: unknown[]): string {
      rt.call('Utilities', 'formatString');
      if (typeof template !== 'string') throw signatureError('Utilities.formatString', [template, ...args]);
      return formatJavaString(template, args);
    },

    computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
      rt.call('Utilities', 'computeDigest');
      const args = [algorithm, value, charset].slice(0, arguments.length);
      const key = enumKey('DigestAlgorithm', algorithm) as keyof typeof DIGESTS | null;
      if (!key) throw signatureError('Utilities.computeDigest', args);
      const name = DIGESTS[key];
      if (!name) throw new AppsScriptError('MD2 is not supported by the emulator');
      return toSignedBytes(
        createHash(name)
          .update(bytesFrom('Utilities.computeDigest', args, value, charset))
          .digest(),
      );
    },

    computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
      rt.call('Utilities', 'computeHmacSignature');
      const args = [algorithm, value, key, charset].slice(0, arguments.length);
      const mac = enumKey('MacAlgorithm', algorithm) as keyof typeof MACS | null;
      if (!mac) throw signatureError('Utilities.computeHmacSignature', args);
      return hmac('Utilities.computeHmacSignature', args, MACS[mac], value, key, charset);
    },

    computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
      rt.call('Utilities', 'computeHmacSha256Signature');
      const args = [value, key, charset].slice(0, arguments.length);
      return hmac('Utilities.computeHmacSha256Signature', args, 'sha256', value, key, charset);
    },

    base64Encode(data: unknown, charset?: unknown): string {
      rt.call('Utilities', 'base64Encode');
      const args = [data, charset].slice(0, arguments.length);
      return bytesFrom('Utilities.base64Encode', args, data, charset).toString('base64');
    },

    base64EncodeWebSafe(data: unknown, charset?: unknown): string {
      rt.call('Utilities', 'base64EncodeWebSafe');
      const args = [data, charset].slice(0, arguments.length);
      // Apps Script keeps the `=` padding in the web-safe alphabet.
      return bytesFrom('Utilities.base64EncodeWebSafe', args, data, charset)
        .toString('base64')
        .replace(/\+/g, '-')
        .replace(/\//g, '_');
    },

    base64Decode(encoded: unknown, charset?: unknown): number[] {
      rt.call('Utilities', 'base64Decode');
      return decodeBase64(
        'Utilities.base64Decode',
        [encoded, charset].slice(0, arguments.length),
        /^[A-Za-z0-9+/]*={0,2}$/,
      );
    },

    base64DecodeWebSafe(encoded: unknown, charset?: unknown): number[] {
      rt.call('Utilities', 'base64DecodeWebSafe');
      return decodeBase64(
        'Utilities.base64DecodeWebSafe',
        [encoded, charset].slice(0, arguments.length),
        /^[A-Za-z0-9_-]*={0,2}$/,
      );
    },

    getUuid(): string {
      rt.call('Utilities', 'getUuid');
      return randomUUID();
    },

    sleep(milliseconds: unknown): void {
      rt.call('Utilities', 'sleep');
      if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds))
        throw signatureError('Utilities.sleep', [milliseconds]);
      if (milliseconds < 0 || milliseconds > SLEEP_MAX_MS) throw new AppsScriptError('Invalid argument: milliseconds');
      rt.clock.advance(Math.floor(milliseconds));
    },

    newBlob(data: unknown, contentType?: unknown, name?: unknown): Blob {
      rt.call('Utilities', 'newBlob');
      const args = [data, contentType, name].slice(0, arguments.length);
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : bytesOf(data);
      if (!bytes) throw signatureError('Utilities.newBlob', args);
      if (
        (contentType !== undefined && contentType !== null && typeof contentType !== 'string') ||
        (name !== undefined && typeof name !== 'string')
      ) {
        throw signatureError('Utilities.newBlob', args);
      }
      return new Blob(rt, bytes, contentType ?? null, name ?? null);
    },

    parseCsv(csv: unknown, delimiter?: unknown): string[][] {
      rt.call('Utilities', 'parseCsv');
      const args = [csv, delimiter].slice(0, arguments.length);
      if (
        typeof csv !== 'string' ||
        (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1))
      ) {
        throw signatureError('Utilities.parseCsv', args);
      }
      return parseCsv(csv, delimiter ?? ',');
    },
  };

  function decodeBase64(call: string, args: unknown[], alphabet: RegExp): number[] {
    const [encoded, charset] = args;
    if (typeof encoded !== 'string') throw signatureError(call, args);
    if (charset !== undefined && !enumKey('Charset', charset)) throw signatureError(call, args);
    const compact = encoded.replace(/\s+/g, '');
    if (!alphabet.test(compact) || compact.replace(/=+$/, '').length % 4 === 1)
      throw new AppsScriptError('Could not decode string.');
    return toSignedBytes(Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }

  return { globals: { Utilities }, host: { toJSON: () => ({}), restore: (_json: unknown) => undefined } };
}

/** Java's String.format for the conversions scripts use: %s %d %f %x %o %e %b %c %% %n, flags, width, precision. */
export function formatJavaString(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(
    /%(\d+\$)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([sSdfxXoeEbBcn%])/g,
    (
      _m,
      position: string | undefined,
      flags: string,
      width: string | undefined,
      precision: string | undefined,
      conversion: string,
    ) => {
      if (conversion === '%') return '%';
      if (conversion === 'n') return '\n';
      const index = position ? Number(position.slice(0, -1)) - 1 : next++;
      if (index >= args.length) throw new AppsScriptError(`Format specifier '%${conversion}' has no argument`);
      const value = args[index];
      let text: string;
      switch (conversion) {
        case 's':
        case 'S':
          text = value === null || value === undefined ? String(value) : String(value);
          if (precision !== undefined) text = text.slice(0, Number(precision));
          if (conversion === 'S') text = text.toUpperCase();
          break;
        case 'd':
          if (typeof value !== 'number' || !Number.isInteger(value))
            throw new AppsScriptError(`d != ${typeof value === 'number' ? 'java.lang.Double' : 'java.lang.String'}`);
          text = flags.includes(',') ? Math.abs(value).toLocaleString('en-US') : String(Math.abs(value));
          text = signed(value < 0, text, flags);
          break;
        case 'f':
        case 'e':
        case 'E':
          if (typeof value !== 'number') throw new AppsScriptError(`${conversion} != java.lang.String`);
          text =
            conversion === 'f'
              ? Math.abs(value).toFixed(precision === undefined ? 6 : Number(precision))
              : Math.abs(value)
                  .toExponential(precision === undefined ? 6 : Number(precision))
                  .replace(/e([+-])(\d)$/, 'e$10$2');
          if (conversion === 'f' && flags.includes(',')) {
            const [whole, fraction] = text.split('.');
            text = Number(whole).toLocaleString('en-US') + (fraction !== undefined ? `.${fraction}` : '');
          }
          if (conversion === 'E') text = text.toUpperCase();
          text = signed(value < 0, text, flags);
          break;
        case 'x':
        case 'X':
        case 'o':
          if (typeof value !== 'number' || !Number.isInteger(value))
            throw new AppsScriptError(`${conversion} != java.lang.Double`);
          text = (value < 0 ? 2 ** 32 + value : value).toString(conversion === 'o' ? 8 : 16);
          if (conversion === 'X') text = text.toUpperCase();
          break;
        case 'b':
        case 'B':
          text = String(value !== null && value !== undefined && value !== false);
          if (conversion === 'B') text = text.toUpperCase();
          break;
        default:
          text = typeof value === 'number' ? String.fromCharCode(value) : String(value).charAt(0);
      }
      const size = width ? Number(width) : 0;
      if (text.length >= size) return text;
      if (flags.includes('-')) return text.padEnd(size, ' ');
      if (flags.includes('0') && /[dfxXoeE]/.test(conversion)) {
        const sign = /^[+\- ]/.test(text) ? text.charAt(0) : '';
        return sign + text.slice(sign.length).padStart(size - sign.length, '0');
      }
      return text.padStart(size, ' ');
    },
  );
}

function signed(negative: boolean, digits: string, flags: string): string {
  if (negative) return flags.includes('(') ? `(${digits})` : `-${digits}`;
  if (flags.includes('+')) return `+${digits}`;
  if (flags.includes(' ')) return ` ${digits}`;
  return digits;
}

/** RFC 4180 CSV: quoted fields may hold the delimiter, newlines and doubled quotes. */
export function parseCsv(csv: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < csv.length) {
    const ch = csv[i] as string;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r' && csv[i + 1] === '\n') i += 1;
    } else cell += ch;
    i += 1;
  }
  if (quoted) throw new AppsScriptError('Could not parse text.');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
