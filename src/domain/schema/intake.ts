// The two Google Forms the studio gives clients, as pure descriptions, and turning their answers
// (by question title, in either language) into typed values for the Clients and Feedback sheets.
import { ENUMS, isBlank, isDate, parseCell, type CellValue } from '../cells';
import type { Locale } from '../types';
import { constantTimeEqual } from '../campaigns/unsubscribe';
import type { MessageKey, MessageParams } from '../../i18n';
import { catalogEntry } from '../../i18n/labels';
import { columnSpec, sheetSpec } from './catalog';
import { normaliseHeader } from './headers';
import type { RowProblem } from './rows';

export type FormKind = 'registration' | 'feedback';

export type QuestionType = 'text' | 'email' | 'paragraph' | 'choice' | 'date' | 'scale' | 'consent';

export interface Question {
  /** The Clients or Feedback column the answer fills (`consent` for the consent box, `referredByCode` for a friend's referral code). */
  field: string;
  title: string;
  type: QuestionType;
  required: boolean;
  choices?: string[];
  bounds?: [number, number];
}

/** A form as Google builds it: every text already in the form's language. */
export interface FormDefinition {
  kind: FormKind;
  title: string;
  description: string;
  questions: Question[];
}

/** A catalog text, or text staff wrote (the consent text from Settings). */
export type Wording = { key: MessageKey; params?: MessageParams } | { text: string };

/** A question as the domain plans it: its words are catalog keys, translated where the form is built. */
export interface QuestionPlan extends Omit<Question, 'title' | 'choices'> {
  title: MessageKey;
  choices?: Wording[];
}

export interface FormPlan {
  kind: FormKind;
  title: Wording;
  description: Wording;
  questions: QuestionPlan[];
}

/** The questions of each form, by the field their answer fills; titles are in the catalogs (`forms.<kind>.<field>`). */
const FIELDS: Record<FormKind, readonly string[]> = {
  registration: [
    'name',
    'email',
    'twitch',
    'topic',
    'country',
    'city',
    'birthday',
    'source',
    'referredByCode',
    'consent',
  ],
  feedback: ['orderId', 'email', 'rating', 'nps', 'comment', 'mayQuote'],
};

function questionTitle(kind: FormKind, field: string): MessageKey {
  return `forms.${kind}.${field}` as MessageKey;
}

/** The question's title in both languages: answers are matched by either. */
function questionTitles(kind: FormKind, field: string): string[] {
  return Object.values(catalogEntry(questionTitle(kind, field)));
}

/** A question of `kind`'s form. */
function questionOf(kind: FormKind) {
  return (field: string, type: QuestionType, required: boolean, extra: Partial<QuestionPlan> = {}): QuestionPlan => ({
    field,
    title: questionTitle(kind, field),
    type,
    required,
    ...extra,
  });
}

export function registrationForm(studioName: string, consentText: string): FormPlan {
  const q = questionOf('registration');
  return {
    kind: 'registration',
    title: { key: 'forms.registration.formTitle', params: { studio: studioName } },
    description: { key: 'forms.registration.formDescription' },
    questions: [
      q('name', 'text', true),
      q('email', 'email', true),
      q('twitch', 'text', false),
      q('topic', 'choice', false, { choices: ENUMS.channelTopic.map((option) => ({ key: option.label })) }),
      q('country', 'text', false),
      q('city', 'text', false),
      q('birthday', 'date', false),
      q('source', 'text', false),
      q('referredByCode', 'text', false),
      q('consent', 'consent', true, { choices: [{ text: consentText }] }),
    ],
  };
}

export function feedbackForm(studioName: string): FormPlan {
  const q = questionOf('feedback');
  return {
    kind: 'feedback',
    title: { key: 'forms.feedback.formTitle', params: { studio: studioName } },
    description: { key: 'forms.feedback.formDescription' },
    questions: [
      q('orderId', 'text', true),
      // Optional: it finds the client when the order reference is mistyped or unknown.
      q('email', 'email', false),
      q('rating', 'scale', true, { bounds: [1, 5] }),
      q('nps', 'scale', false, { bounds: [0, 10] }),
      q('comment', 'paragraph', false),
      q('mayQuote', 'choice', false, { choices: [{ key: 'forms.yes' }, { key: 'forms.no' }] }),
    ],
  };
}

/** Question title → field, for the titles as built plus both languages' defaults (a renamed locale still matches). */
export function titleMapping(kind: FormKind, built: Readonly<Record<string, string>> = {}): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const field of FIELDS[kind])
    for (const title of questionTitles(kind, field)) mapping[normaliseHeader(title)] = field;
  for (const [title, field] of Object.entries(built)) mapping[normaliseHeader(title)] = field;
  return mapping;
}

/** Which form answers by these titles belong to: the one whose key question is among them. */
export function formKindOfTitles(titles: readonly string[]): FormKind | null {
  const folded = new Set(titles.map(normaliseHeader));
  const has = (kind: FormKind, field: string) =>
    questionTitles(kind, field).some((title) => folded.has(normaliseHeader(title)));
  if (has('registration', 'email')) return 'registration';
  if (has('feedback', 'orderId')) return 'feedback';
  return null;
}

/** One answer as the trigger gave it: a string, or the ticked boxes of a checkbox question. */
export type RawAnswers = Readonly<Record<string, string | readonly string[]>>;

export interface ReadAnswers {
  /** Typed values by column key; unanswered questions are absent. */
  fields: Record<string, CellValue>;
  consentGiven: boolean;
  /** The referral code of the friend who sent the client, as typed (registration only). */
  referralCode?: string;
  /** The respondent's address as typed on the feedback form (not a Feedback column: it finds the client). */
  email?: string;
  problems: RowProblem[];
}

/** Types each answer by its column; an answer that cannot be read is reported and left out, never guessed. */
export function readAnswers(
  kind: FormKind,
  answers: RawAnswers,
  mapping: Readonly<Record<string, string>>,
  locale: Locale,
): ReadAnswers {
  const spec = sheetSpec(kind === 'registration' ? 'clients' : 'feedback');
  const read: ReadAnswers = { fields: {}, consentGiven: false, problems: [] };
  for (const [title, raw] of Object.entries(answers)) {
    const field = mapping[normaliseHeader(title)];
    if (!field) continue;
    const text = Array.isArray(raw) ? raw.join(', ') : String(raw ?? '');
    if (isBlank(text)) continue;
    if (field === 'consent') {
      read.consentGiven = true;
      continue;
    }
    // The friend's code is not a Clients column: loyalty links the two clients by it.
    if (field === 'referredByCode') {
      read.referralCode = text.trim();
      continue;
    }
    const isFeedbackEmail = kind === 'feedback' && field === 'email';
    // The feedback form's address is read as the Clients sheet reads one.
    const column = isFeedbackEmail ? columnSpec(sheetSpec('clients'), 'email') : columnSpec(spec, field);
    const result = parseCell(text, column, { locale });
    if (isFeedbackEmail) {
      // Only a helper to find the client: an address that cannot be read finds nobody, and is no problem itself.
      if (result.ok && typeof result.value === 'string' && result.value !== '') read.email = result.value;
      continue;
    }
    if (result.ok) {
      if (result.value !== null && result.value !== '') read.fields[field] = result.value;
    } else
      read.problems.push({
        sheet: spec.key,
        row: 0,
        column: title,
        value: text,
        code: result.problem.code,
        params: { value: text, ...(result.problem.params ?? {}) },
      });
  }
  return read;
}

/**
 * What both trigger shapes (form-bound and spreadsheet-bound) agree on for one response: its time to the
 * second and its typed answers, hashed. The shapes give different response ids, and answers as typed
 * differ (a date as 2026-11-24 or 24.11.2026), but typed values do not.
 */
export function answerKey(at: Date, fields: Readonly<Record<string, CellValue>>): string {
  const canonical = Object.keys(fields)
    .sort()
    .map((key) => {
      const value = fields[key];
      return `${key}=${isDate(value) ? value.toISOString() : String(value)}`;
    })
    .join('\u0001');
  return `A${Math.floor(at.getTime() / 1000)}-${fnv1a(canonical)}`;
}

/** Same response: the same answers hashed, at most a second apart (the response sheet may round the time). */
export function sameAnswerKey(a: string, b: string): boolean {
  const parse = (key: string) => /^A(\d+)-([0-9a-f]{8})$/.exec(key);
  const left = parse(a);
  const right = parse(b);
  return !!left && !!right && left[2] === right[2] && Math.abs(Number(left[1]) - Number(right[1])) <= 1;
}

/** 32-bit FNV-1a as 8 hex digits: short, stable, and enough to tell two answers at one second apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The placeholder put into the order question of the prefilled feedback link, replaced per order. */
export const ORDER_PLACEHOLDER = 'ORDER_REFERENCE_PLACEHOLDER';

/** The placeholder put into the optional email question, replaced by the recipient's address (email-shaped: the question checks). */
export const EMAIL_PLACEHOLDER = 'client.email.placeholder@example.com';

/** Between an order id and its signature in the prefilled reference (`O-0042~k3J9x2Qm0aZb`). */
const SIGNATURE_MARK = '~';
const SIGNATURE_CHARS = 16;

function referenceSignature(orderId: string, email: string, sign: (text: string) => string): string {
  return sign(`feedback:${orderId.trim().toLowerCase()}|${email.trim().toLowerCase()}`).slice(0, SIGNATURE_CHARS);
}

/** The order reference a feedback mail prefills: the order id, signed together with the address it was mailed to. */
export function signedOrderReference(orderId: string, email: string, sign: (text: string) => string): string {
  return `${orderId}${SIGNATURE_MARK}${referenceSignature(orderId, email, sign)}`;
}

/** Whether the reference as answered carries a signature (then `readOrderReference` needs the signer). */
export function isSignedReference(reference: string): boolean {
  return reference.includes(SIGNATURE_MARK);
}

/**
 * The order id of an answered reference, and whether the address answered is the one the link was mailed to
 * (only then may the address find the client): a changed address or order breaks the signature.
 */
export function readOrderReference(
  reference: string,
  email: string | undefined,
  sign: (text: string) => string,
): { orderId: string; emailVouched: boolean } {
  const mark = reference.lastIndexOf(SIGNATURE_MARK);
  if (mark < 0) return { orderId: reference.trim(), emailVouched: false };
  const orderId = reference.slice(0, mark).trim();
  const signature = reference.slice(mark + 1).trim();
  const expected = email ? referenceSignature(orderId, email, sign) : '';
  return { orderId, emailVouched: expected !== '' && constantTimeEqual(signature, expected) };
}

/** The feedback link for one order and its recipient from the template made once with the placeholders. */
export function feedbackLinkFromTemplate(template: string, reference: string, email: string): string {
  return template
    .split(encodeURIComponent(ORDER_PLACEHOLDER))
    .join(encodeURIComponent(reference))
    .split(encodeURIComponent(EMAIL_PLACEHOLDER))
    .join(encodeURIComponent(email));
}
