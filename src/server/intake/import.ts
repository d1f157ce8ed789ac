// Sidebar import: a client list or order history pasted from another sheet (TSV) or a CSV file.
import type { ImportSummary } from '../../contract/sidebar-api';
import {
  importSpec,
  mapHeaders,
  parseDelimited,
  parseRows,
  renamesFromSettings,
  type ImportKind,
} from '../../domain/schema';
import { isBlank } from '../../domain/cells';
import { translate } from '../../i18n';
import { addProblems, findSheet, mergeImport, settingEntries } from '../../sheets';
import { problemsView } from '../app/problems-view';
import { UserFacingError } from '../app/respond';
import { asStaff } from '../app/staff';

/** Parses, merges (clients by email, orders by id) and reports every unreadable cell with its line. */
export function importCsv(kind: ImportKind, text: string): ImportSummary {
  return asStaff((book, locale) => {
    if (kind !== 'clients' && kind !== 'orders') throw new Error(`unknown import kind ${String(kind)}`);
    if (!findSheet(book, kind)) throw new UserFacingError('database.setupFirst');
    const lines = parseDelimited(String(text ?? '')).filter((cells) => !cells.every(isBlank));
    if (lines.length < 2) throw new UserFacingError('database.import.empty');
    const spec = importSpec(kind);
    const mapping = mapHeaders(spec, lines[0] ?? [], {
      locale,
      renames: renamesFromSettings(settingEntries(book), kind),
    });
    const missing = spec.columns.find((column) => column.key === mapping.missingRequired[0]);
    if (missing)
      throw new UserFacingError('database.import.missingColumn', { column: translate(locale, missing.header) });
    const parsed = parseRows(spec, lines, mapping, { locale: book.spreadsheetLocale });
    const now = new Date();
    const outcome = mergeImport(book, kind, parsed.rows, parsed.rowNumbers, now);
    const problems = [...parsed.problems, ...outcome.problems];
    // Rows are the import's own lines, so the sheet says "Import (Clients)", in the workbook's language.
    addProblems(
      book,
      problems,
      'import',
      now,
      translate(book.locale, 'database.import.sheetLabel', { kind: translate(book.locale, spec.name) }),
    );
    const label = translate(locale, 'database.import.sheetLabel', { kind: translate(locale, spec.name) });
    return {
      added: outcome.added,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      skipped: lines.length - 1 - parsed.rows.length,
      ...problemsView(book, locale, problems, label),
    };
  });
}

/** The same for text pasted from a spreadsheet (tab-separated). */
export function importPasted(kind: ImportKind, text: string): ImportSummary {
  return importCsv(kind, text);
}
