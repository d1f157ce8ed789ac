// How errors reach staff: a sentence in their language; the stack trace goes to the execution log.
import { translate, localeFrom, type MessageKey, type MessageParams } from '../../i18n';
import type { Locale } from '../../domain/types';
import { BusyError } from '../../services/locks';
import { CellTooLongError, MAX_CELL_CHARS } from '../../domain/schema/writes';

/** An error whose message is meant for staff, as a catalog key. */
export class UserFacingError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params: MessageParams = {},
  ) {
    super(key);
    this.name = 'UserFacingError';
  }
}

/** The staff member's language: the Settings override when given, else their Google account's locale. */
export function staffLocale(override?: string | null): Locale {
  if (override === 'ru' || override === 'en') return override;
  return localeFrom(Session.getActiveUserLocale());
}

/** A failure as a sentence in `locale` (details of an unexpected one go to the log); see asStaff in staff.ts. */
export function explain(locale: Locale, error: unknown): string {
  if (error instanceof UserFacingError) return translate(locale, error.key, error.params);
  if (error instanceof BusyError) return translate(locale, 'error.busy');
  if (error instanceof CellTooLongError)
    return translate(locale, 'error.cellTooLong', {
      sheet: error.sheet,
      column: error.column,
      length: error.length,
      max: MAX_CELL_CHARS,
    });
  console.error(error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error));
  const detail = error instanceof Error ? error.message : String(error);
  return translate(locale, 'error.unexpected', { detail });
}
