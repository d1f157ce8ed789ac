// Size limits PropertiesService and CacheService share: Google counts a value's UTF-8 bytes.
import { AppsScriptError } from '../runtime';

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Throws `message` when `text` is over `maxBytes` in UTF-8; returns the text. */
export function withinBytes(text: string, maxBytes: number, message: string): string {
  if (utf8Bytes(text) > maxBytes) throw new AppsScriptError(message);
  return text;
}
