// Blob: bytes with a content type and a name, as Utilities.newBlob and mail attachments hand them around.
import { AppsScriptError, type Runtime } from '../runtime';
import { signatureError } from './context';

/** Java bytes: -128..127, what Apps Script returns from getBytes and the digest functions. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

/** Accepts a byte array from any realm, signed or unsigned; null if it is not one. */
export function bytesOf(value: unknown): Buffer | null {
  if (!Array.isArray(value)) return null;
  if (!value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= -128 && b <= 255)) return null;
  return Buffer.from(value.map((b: number) => b & 0xff));
}

const ENCODINGS: Record<string, BufferEncoding> = {
  'UTF-8': 'utf8',
  UTF8: 'utf8',
  'US-ASCII': 'ascii',
  ASCII: 'ascii',
  'ISO-8859-1': 'latin1',
  LATIN1: 'latin1',
};

/** Node's encoding for a Java charset name; throws Google's error for one we do not know. */
export function encodingOf(charset: string | undefined): BufferEncoding {
  if (charset === undefined) return 'utf8';
  const encoding = ENCODINGS[charset.toUpperCase()];
  if (!encoding) throw new AppsScriptError(`Unsupported charset: ${charset}`);
  return encoding;
}

export interface BlobSnapshot {
  name: string | null;
  contentType: string | null;
  base64: string;
}

export class Blob {
  readonly #rt: Runtime;
  #bytes: Buffer;
  #contentType: string | null;
  #name: string | null;

  constructor(rt: Runtime, bytes: Buffer, contentType: string | null, name: string | null) {
    this.#rt = rt;
    this.#bytes = bytes;
    this.#contentType = contentType;
    this.#name = name;
  }

  static fromSnapshot(rt: Runtime, snapshot: BlobSnapshot): Blob {
    return new Blob(rt, Buffer.from(snapshot.base64, 'base64'), snapshot.contentType, snapshot.name);
  }

  snapshot(): BlobSnapshot {
    return { name: this.#name, contentType: this.#contentType, base64: this.#bytes.toString('base64') };
  }

  getBytes(): number[] {
    this.#rt.call('Blob', 'getBytes');
    return toSignedBytes(this.#bytes);
  }

  setBytes(data: unknown): Blob {
    this.#rt.call('Blob', 'setBytes');
    const bytes = bytesOf(data);
    if (!bytes) throw signatureError('Blob.setBytes', [data]);
    this.#bytes = bytes;
    return this;
  }

  getDataAsString(charset?: string): string {
    this.#rt.call('Blob', 'getDataAsString');
    return this.#bytes.toString(encodingOf(charset));
  }

  setDataFromString(text: unknown, charset?: string): Blob {
    this.#rt.call('Blob', 'setDataFromString');
    if (typeof text !== 'string') throw signatureError('Blob.setDataFromString', [text]);
    this.#bytes = Buffer.from(text, encodingOf(charset));
    return this;
  }

  getContentType(): string | null {
    this.#rt.call('Blob', 'getContentType');
    return this.#contentType;
  }

  setContentType(contentType: unknown): Blob {
    this.#rt.call('Blob', 'setContentType');
    if (typeof contentType !== 'string') throw signatureError('Blob.setContentType', [contentType]);
    this.#contentType = contentType;
    return this;
  }

  getName(): string | null {
    this.#rt.call('Blob', 'getName');
    return this.#name;
  }

  setName(name: unknown): Blob {
    this.#rt.call('Blob', 'setName');
    if (typeof name !== 'string') throw signatureError('Blob.setName', [name]);
    this.#name = name;
    return this;
  }

  isGoogleType(): boolean {
    this.#rt.call('Blob', 'isGoogleType');
    return false;
  }

  copyBlob(): Blob {
    this.#rt.call('Blob', 'copyBlob');
    return new Blob(this.#rt, Buffer.from(this.#bytes), this.#contentType, this.#name);
  }

  getBlob(): Blob {
    this.#rt.call('Blob', 'getBlob');
    return this;
  }
}

/**
 * Reads any blob-like value a script passes as an attachment (ours, or another service's BlobSource),
 * uncounted; null when it is not one.
 */
export function snapshotOf(rt: Runtime, value: unknown): BlobSnapshot | null {
  if (value instanceof Blob) return value.snapshot();
  if (typeof value !== 'object' || value === null) return null;
  const source = value as {
    getBlob?: () => unknown;
    getBytes?: () => unknown;
    getName?: () => unknown;
    getContentType?: () => unknown;
  };
  return rt.internal(() => {
    const blob = (typeof source.getBytes === 'function' ? source : source.getBlob?.()) as typeof source | undefined;
    if (blob instanceof Blob) return blob.snapshot();
    if (!blob || typeof blob.getBytes !== 'function') return null;
    const bytes = bytesOf(blob.getBytes());
    if (!bytes) return null;
    const name = blob.getName?.();
    const contentType = blob.getContentType?.();
    return {
      name: typeof name === 'string' ? name : null,
      contentType: typeof contentType === 'string' ? contentType : null,
      base64: bytes.toString('base64'),
    };
  });
}
