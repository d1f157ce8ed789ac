// Catalog entries read as data, in both languages at once: for matching what staff typed in either
// language (sheet names, list labels) and for the sheet's own words written into its cells.
// Messages are translated with translate() outside src/domain; this is not a second way to do that.
import { en, type MessageKey } from './en';
import type { Locale } from './locale';
import { ru } from './ru';

export function catalogEntry(key: MessageKey): Readonly<Record<Locale, string>> {
  return { en: en[key], ru: ru[key] };
}
