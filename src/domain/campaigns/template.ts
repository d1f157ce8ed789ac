// Mail templates with merge fields: `{{first_name}}`, `{{Город}}`, `{{first_name|друг}}` (a fallback).
// Parsed once, rendered per recipient; what would be missing is found at preview, not in a sent mail.
import { isoDay } from '../analysis/dates';
import { isDate } from '../cells/result';
import { escapeHtml, escapeUnquotedAttribute, htmlToText, sanitizeLinks } from './html';
import { foldFieldName, type FieldValue, type MergeValues } from './fields';

/**
 * Where a field sits in HTML decides how its value is escaped: element text, an attribute, the start
 * of an href (the value is the link itself) or later in an href (the value is part of a URL).
 */
export type FieldContext = 'text' | 'attribute' | 'unquotedAttribute' | 'linkStart' | 'linkPart';

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'field'; name: string; key: string; fallback: string | null; context: FieldContext };

export interface Template {
  source: string;
  parts: readonly TemplatePart[];
}

const FIELD = /\{\{\s*([^{}|]+?)\s*(?:\|([^{}]*))?\}\}/g;

function contextAt(before: string): FieldContext {
  if (before.lastIndexOf('<') <= before.lastIndexOf('>')) return 'text';
  const href = /\shref\s*=\s*(["']?)([^"'>\s]*)$/i.exec(before);
  if (href) return href[2] === '' ? 'linkStart' : 'linkPart';
  const attribute = /=\s*(["']?)[^"'>]*$/.exec(before);
  return attribute && attribute[1] !== '' ? 'attribute' : 'unquotedAttribute';
}

export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(FIELD)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: source.slice(last, at) });
    const name = (match[1] ?? '').trim();
    const fallback = match[2] === undefined ? null : match[2].trim();
    parts.push({ kind: 'field', name, key: foldFieldName(name), fallback, context: contextAt(source.slice(0, at)) });
    last = at + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  return { source, parts };
}

export interface RenderOptions {
  /** An HTML body: values are escaped and links checked. A plain-text body or a subject: values as they are. */
  html: boolean;
}

export interface RenderedMail {
  body: string;
  /** The plain-text alternative (the body itself for a plain-text template). */
  text: string;
  /** Fields written as they appear in the template that had no value and no fallback, each once. */
  missing: string[];
}

function byFoldedName(values: MergeValues): Map<string, FieldValue> {
  const folded = new Map<string, FieldValue>();
  for (const [name, value] of Object.entries(values)) folded.set(foldFieldName(name), value);
  return folded;
}

function present(value: FieldValue): string | null {
  if (value === null || value === undefined) return null;
  const text = isDate(value) ? (Number.isNaN(value.getTime()) ? '' : isoDay(value)) : String(value);
  return text.trim() === '' ? null : text;
}

function escapeFor(context: FieldContext, value: string): string {
  switch (context) {
    case 'text':
    case 'attribute':
      return escapeHtml(value);
    case 'unquotedAttribute':
      return escapeUnquotedAttribute(value);
    case 'linkStart':
      // The whole link: spaces can't be in a URL anyway, and encoding them keeps an unquoted href whole.
      return escapeHtml(value.trim()).replace(/\s/g, '%20');
    case 'linkPart':
      return escapeHtml(encodeURIComponent(value));
  }
}

export function render(template: Template, values: MergeValues, options: RenderOptions): RenderedMail {
  const folded = byFoldedName(values);
  const missing: string[] = [];
  const seenMissing = new Set<string>();
  let body = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      body += part.text;
      continue;
    }
    const value = present(folded.get(part.key)) ?? part.fallback;
    if (value === null) {
      if (!seenMissing.has(part.key)) missing.push(part.name);
      seenMissing.add(part.key);
      continue;
    }
    body += options.html ? escapeFor(part.context, value) : value;
  }
  if (!options.html) return { body, text: body, missing };
  const safe = sanitizeLinks(body);
  return { body: safe, text: htmlToText(safe), missing };
}

/** Field names (as written) the template uses that are not among `knownFields`; each once. */
export function checkTemplate(template: Template, knownFields: Iterable<string>): string[] {
  const known = new Set<string>();
  for (const name of knownFields) known.add(foldFieldName(name));
  const unknown: string[] = [];
  const reported = new Set<string>();
  for (const part of template.parts) {
    if (part.kind !== 'field' || known.has(part.key) || reported.has(part.key)) continue;
    reported.add(part.key);
    unknown.push(part.name);
  }
  return unknown;
}

export interface PreviewRecipient {
  clientId: string;
  values: MergeValues;
}

export interface PreviewProblem {
  clientId: string;
  /** Fields with no value for this client and no fallback in the template. */
  missing: string[];
}

/** Recipients whose mail would have a hole, in the order given; clients with a complete mail are left out. */
export function previewProblems(template: Template, recipients: readonly PreviewRecipient[]): PreviewProblem[] {
  const problems: PreviewProblem[] = [];
  for (const recipient of recipients) {
    const folded = byFoldedName(recipient.values);
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const part of template.parts) {
      if (part.kind !== 'field' || part.fallback !== null || seen.has(part.key)) continue;
      seen.add(part.key);
      if (present(folded.get(part.key)) === null) missing.push(part.name);
    }
    if (missing.length > 0) problems.push({ clientId: recipient.clientId, missing });
  }
  return problems;
}
