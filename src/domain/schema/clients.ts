// Merging a client's answer (form, import) into the Clients sheet by email.
import { isDate, type CellValue } from '../cells';

export interface ClientAnswer {
  /** Normalised email: the client's identity for answers from outside. */
  email: string;
  /** Typed values by Clients column key; blanks are ignored, never written. */
  fields: Readonly<Record<string, CellValue>>;
  /** When the client answered. */
  at: Date;
  /** Consent given in this answer, with the version of the text shown. */
  consentVersion?: string;
}

/** Columns an answer may never set: identity, consent bookkeeping and analysis output. */
const PROTECTED = new Set([
  'id',
  'email',
  'createdAt',
  'consentAt',
  'consentVersion',
  'unsubscribedAt',
  'bouncedAt',
  'referralCode',
]);

const blank = (value: CellValue | undefined) => value === null || value === undefined || value === '';

/**
 * The cells to write for an answer: for a new client every answered field; for a known one the
 * answered fields that differ — unless the answer is older than the record, then only blanks are filled.
 */
export function mergeClientAnswer(
  existing: Readonly<Record<string, CellValue>> | null,
  answer: ClientAnswer,
  derived: ReadonlySet<string>,
): Record<string, CellValue> {
  const changes: Record<string, CellValue> = {};
  const createdAt = existing?.createdAt;
  const older = isDate(createdAt) && createdAt.getTime() > answer.at.getTime();
  for (const [key, value] of Object.entries(answer.fields)) {
    if (PROTECTED.has(key) || derived.has(key) || blank(value)) continue;
    const current = existing?.[key];
    if (!blank(current) && (older || sameValue(current, value))) continue;
    changes[key] = value;
  }
  if (answer.consentVersion && !(older && !blank(existing?.consentAt))) {
    changes.consentAt = answer.at;
    changes.consentVersion = answer.consentVersion;
  }
  if (!existing) {
    changes.email = answer.email;
    changes.createdAt = answer.at;
  }
  return changes;
}

function sameValue(a: CellValue | undefined, b: CellValue): boolean {
  const time = (value: unknown) => (isDate(value) ? value.getTime() : value);
  return time(a) === time(b);
}

/**
 * The next id after the highest one in use, as wide as the widest id of that prefix already there (`C-00221`
 * after `C-00001`), `<prefix>-0001` on an empty sheet: one width in a column.
 */
export function nextId(prefix: string, existing: Iterable<string>): string {
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`);
  let highest = 0;
  let width = 4;
  for (const id of existing) {
    const match = pattern.exec(id);
    if (!match?.[1]) continue;
    highest = Math.max(highest, Number(match[1]));
    width = Math.max(width, match[1].length);
  }
  return `${prefix}-${String(highest + 1).padStart(width, '0')}`;
}
