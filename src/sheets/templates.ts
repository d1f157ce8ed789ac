// The Templates sheet: one mail template per row, found by its name (spelling and case folded).
import { foldFieldName } from '../domain/campaigns/fields';
import { readTable } from './table';
import type { Workbook } from './workbook';

export interface TemplateRow {
  name: string;
  subject: string;
  htmlBody: string;
  textBody: string;
}

export function readTemplateRows(book: Workbook): TemplateRow[] {
  return readTable(book, 'templates').rows.map((row) => ({
    name: String(row.values.name ?? ''),
    subject: String(row.values.subject ?? ''),
    htmlBody: String(row.values.htmlBody ?? ''),
    textBody: String(row.values.textBody ?? ''),
  }));
}

export function findTemplateRow(book: Workbook, name: string): TemplateRow | null {
  const folded = foldFieldName(name);
  if (!folded) return null;
  return readTemplateRows(book).find((row) => foldFieldName(row.name) === folded) ?? null;
}
