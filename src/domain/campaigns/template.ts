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
    const missing = missingFields(template, (key) => folded.get(key));
    if (missing.length > 0) problems.push({ clientId: recipient.clientId, missing });
  }
  return problems;
}

/**
 * Fields (as written) with no value and no fallback, each once; `valueOf` answers by folded name. For values
 * already keyed by folded name (a campaign's merge values) the check folds nothing per recipient.
 */
export function missingFields(template: Template, valueOf: (key: string) => FieldValue): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const part of template.parts) {
    if (part.kind !== 'field' || part.fallback !== null || seen.has(part.key)) continue;
    seen.add(part.key);
    if (present(valueOf(part.key)) === null) missing.push(part.name);
  }
  return missing;
}

/**
 * Edits between two names: insertions, deletions, substitutions and swaps of neighbours (a typed
 * `frist` is one edit from `first`, as a typist sees it).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The real field an unknown name was most likely meant to be, as staff spell it in `candidates`;
 * null when none is close (more than a third of the name's letters would have to change).
 * Ties go to the earlier candidate, so built-in fields listed first win.
 */
export function nearestField(name: string, candidates: readonly string[]): string | null {
  const typed = foldFieldName(name);
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { name: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(typed, foldFieldName(candidate));
    if (distance === 0 || distance > limit) continue;
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best?.name ?? null;
}
