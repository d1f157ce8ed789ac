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

export function findTemplateRow(book: Workbook, name: string): TemplateRow | null {
  const folded = foldFieldName(name);
  if (!folded) return null;
  const row = readTable(book, 'templates').rows.find((candidate) => foldFieldName(String(candidate.values.name ?? '')) === folded);
  if (!row) return null;
  return {
    name: String(row.values.name ?? ''),
    subject: String(row.values.subject ?? ''),
    htmlBody: String(row.values.htmlBody ?? ''),
    textBody: String(row.values.textBody ?? ''),
  };
}
