// The lines of the Problems sheet. A sheet check finds its problems again on every run, so its lines
// are replaced each time; a form answer or an import is gone once read, so their lines stay until
// staff delete them. The same problem is never listed twice.
import type { MessageKey } from '../../i18n';
import { catalogEntry } from '../../i18n/labels';

export type ProblemSource = 'check' | 'form' | 'import';

/** How the Source column names each origin (catalog keys); a blank or unknown label reads as a sheet check. */
export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, MessageKey> = {
  check: 'problems.source.check',
  form: 'problems.source.form',
  import: 'problems.source.import',
};

export interface ProblemLine {
  /** When it was found; kept as is when the line is kept. */
  at: Date | null;
  sheet: string;
  row: number | null;
  column: string;
  value: string;
  message: string;
  source: ProblemSource;
}

export function problemSourceOf(label: unknown): ProblemSource {
  const folded = String(label ?? '')
    .trim()
    .toLowerCase();
  for (const [source, label] of Object.entries(PROBLEM_SOURCE_LABELS) as [ProblemSource, MessageKey][]) {
    if (Object.values(catalogEntry(label)).some((text) => text.toLowerCase() === folded)) return source;
  }
  return 'check';
}

/** What makes two lines the same problem: where, what and why — not when, not who found it. */
export function problemKey(line: Pick<ProblemLine, 'sheet' | 'row' | 'column' | 'value' | 'message'>): string {
  return [line.sheet, line.row ?? '', line.column, line.value, line.message]
    .map((part) => String(part).trim())
    .join('\u0001');
}

/** The sheet after a check: kept form/import lines first, then the check's lines, each problem once. */
export function linesAfterCheck(stored: readonly ProblemLine[], checked: readonly ProblemLine[]): ProblemLine[] {
  return uniqueLines([...stored.filter((line) => line.source !== 'check'), ...checked]);
}

/** The lines from outside that are not on the sheet yet (nor twice among themselves). */
export function linesToAdd(stored: readonly ProblemLine[], incoming: readonly ProblemLine[]): ProblemLine[] {
  const known = new Set(stored.map(problemKey));
  return uniqueLines(incoming).filter((line) => !known.has(problemKey(line)));
}

/** Same lines in the same order, ignoring when each was found. */
export function sameLines(a: readonly ProblemLine[], b: readonly ProblemLine[]): boolean {
  return (
    a.length === b.length &&
    a.every((line, index) => {
      const other = b[index];
      return other !== undefined && problemKey(line) === problemKey(other) && line.source === other.source;
    })
  );
}

function uniqueLines(lines: readonly ProblemLine[]): ProblemLine[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = problemKey(line);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
