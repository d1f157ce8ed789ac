// Form-submit handler for both forms and both event shapes (form-bound and spreadsheet-bound).
// A duplicate firing changes nothing; a submission that finds the database busy is queued, not lost.
import {
  answerKey,
  columnSpec,
  formKindOfTitles,
  isSignedReference,
  normaliseHeader,
  readAnswers,
  readOrderReference,
  sameAnswerKey,
  sheetSpec,
  titleMapping,
  type FormKind,
  type RawAnswers,
  type ReadAnswers,
  type RowProblem,
} from '../../domain/schema';
import { translate } from '../../i18n';
import { isBlank, isDate } from '../../domain/cells';
import {
  addProblems,
  orderClientOf,
  findRowsWhere,
  issueId,
  keepIssuedId,
  readCoreSettings,
  upsertClientByEmail,
  appendRows,
  type Workbook,
  openWorkbook,
} from '../../sheets';
import { BusyError, withLock } from '../../services/locks';
import { readJsonProperty, scriptStore, type ScriptSnapshot, type ScriptStore } from '../../services/properties';
import { dequeueAnswer, enqueueAnswer, queuedAnswers } from '../../services/intake-queue';
import { scheduleContinuation } from '../../services/triggers';
import { makeSigner } from '../../services/signer';
import { newClientValues, onClientRegistered, onFeedbackReceived } from '../app/hooks';

/** What createForms keeps in script properties for each form. */
export interface StoredForm {
  id: string;
  publishedUrl: string;
  /** Question title as built → field. */
  titles: Record<string, string>;
  /** The consent text version the registration form shows. */
  consentVersion?: string;
  /** Feedback: the prefilled link with the order placeholder. */
  prefillTemplate?: string;
}

export const FORM_PROPERTY: Record<FormKind, string> = {
  registration: 'forms.registration',
  feedback: 'forms.feedback',
};
/** Where an older version queued answers, all in one property. */
const LEGACY_PENDING_PROPERTY = 'intake.pending';

export function storedForm(kind: FormKind, snapshot?: ScriptSnapshot): StoredForm | null {
  return readJsonProperty<StoredForm | null>(FORM_PROPERTY[kind], null, snapshot);
}

/**
 * The stored forms as one execution sees them: each read once (a property read each, none from a snapshot of
 * the execution's start), however often asked.
 */
type StoredForms = (kind: FormKind) => StoredForm | null;
function storedFormsOnce(snapshot?: ScriptSnapshot): StoredForms {
  const read = new Map<FormKind, StoredForm | null>();
  return (kind) => {
    if (!read.has(kind)) read.set(kind, storedForm(kind, snapshot));
    return read.get(kind) ?? null;
  };
}

/** One answer as both event shapes reduce to it; JSON-safe so it can wait in the queue. */
interface IntakeAnswer {
  kind: FormKind;
  responseId: string;
  /** ISO time of the response. */
  at: string;
  answers: Record<string, string | string[]>;
}

type FormEvent = Partial<GoogleAppsScript.Events.FormsOnFormSubmit & GoogleAppsScript.Events.SheetsOnFormSubmit>;

/**
 * The one form-submit trigger handler. The answer is queued first and recorded from the queue, so an
 * execution cut off mid-way loses nothing, and answers that arrive while others wait are recorded after them.
 */
export function onFormResponse(event: FormEvent, snapshot?: ScriptSnapshot): void {
  const forms = storedFormsOnce(snapshot);
  const answer = answerFromEvent(event, forms);
  if (!answer) return;
  enqueueAnswer(scriptStore(), answer);
  runIntakeBacklog(openWorkbook, forms, snapshot);
}

/** How long one run records queued answers before leaving the rest to a continuation. */
const BACKLOG_BUDGET_MS = 4 * 60_000;
/** How long a backlog run waits for another execution's hold on the database. */
const BACKLOG_LOCK_WAIT_MS = 10_000;

/**
 * Records the queued answers in arrival order, under the database lock (one runner at a time, so the order
 * holds), deleting each one's property only after it is recorded. Recording is idempotent (feedback by its
 * response id, registrations by email), so an answer recorded by a run killed before the delete is recorded
 * once. Busy or out of time: a continuation trigger tries again in a minute. The hourly run calls it too.
 */
export function runIntakeBacklog(
  openBook: () => Workbook = openWorkbook,
  forms?: StoredForms,
  snapshot?: ScriptSnapshot,
): void {
  const store = scriptStore();
  const formsOnce = forms ?? storedFormsOnce(snapshot);
  // One workbook for every answer of the run, opened by the first.
  let book: Workbook | null = null;
  const bookOnce = (): Workbook => {
    if (book) return book;
    book = openBook();
    // Recording answers adds, renames and deletes no tab: a workbook opened here finds each tab once.
    if (openBook === openWorkbook) book.sheetCache ??= new Map();
    return book;
  };
  moveLegacyQueue(store, snapshot);
  const started = Date.now();
  const finished = withLock(
    'database',
    () => {
      const failures: string[] = [];
      // Each recorded answer is flushed before its dequeue; only writes after the last flush need one more.
      let unflushed = false;
      try {
        for (const { key, answer } of queuedAnswers<IntakeAnswer>(store)) {
          if (Date.now() - started > BACKLOG_BUDGET_MS) return false;
          unflushed = true;
          let issued: IssuedId | null;
          try {
            issued = processAnswer(bookOnce(), answer, formsOnce);
          } catch (error) {
            if (error instanceof BusyError) return false;
            // One unreadable answer must not hold back the rest: it stays queued, the others go on.
            failures.push(`${answer.responseId}: ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          // Written rows reach the sheet before the answer leaves the queue.
          SpreadsheetApp.flush();
          unflushed = false;
          // Only a flushed row's id counts as issued: a kill before the flush loses the row, and its id is free.
          if (issued) keepIssuedId(issued.sheet, issued.id);
          dequeueAnswer(store, key);
        }
      } finally {
        if (unflushed) SpreadsheetApp.flush();
      }
      if (failures.length > 0) throw new Error(`Answers not recorded (kept in the queue): ${failures.join('; ')}`);
      return true;
    },
    { waitMs: BACKLOG_LOCK_WAIT_MS, ifBusy: () => false, flushOnRelease: false },
  );
  if (!finished) scheduleContinuation('runIntakeBacklog', new Date(Date.now() + 60_000));
}

/**
 * Answers an older version queued in one list property: moved into the queue, in their order. No version
 * writes that property any more, so one absent from the start's snapshot is not read again.
 */
function moveLegacyQueue(store: ScriptStore, snapshot?: ScriptSnapshot): void {
  if (snapshot && !(LEGACY_PENDING_PROPERTY in snapshot)) return;
  const raw = store.getProperty(LEGACY_PENDING_PROPERTY);
  if (raw === null) return;
  let legacy: IntakeAnswer[] = [];
  try {
    legacy = JSON.parse(raw) as IntakeAnswer[];
  } catch {
    console.error('the old intake queue is not JSON; dropped');
  }
  const now = Date.now();
  legacy.forEach((answer, index) => enqueueAnswer(store, answer, now - legacy.length + index));
  store.deleteProperty(LEGACY_PENDING_PROPERTY);
}

function answerFromEvent(event: FormEvent, forms: StoredForms): IntakeAnswer | null {
  if (event.response) {
    const response = event.response;
    const answers: Record<string, string | string[]> = {};
    for (const item of response.getItemResponses()) {
      const value = item.getResponse();
      answers[item.getItem().getTitle()] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const sourceId = event.source ? event.source.getId() : '';
    const kind =
      (['registration', 'feedback'] as const).find((candidate) => forms(candidate)?.id === sourceId) ??
      formKindOfTitles(Object.keys(answers));
    const at = response.getTimestamp();
    return kind && !allBlank(answers, forms)
      ? { kind, responseId: response.getId(), at: (at ?? new Date()).toISOString(), answers }
      : null;
  }
  if (event.namedValues) {
    const answers: Record<string, string> = {};
    for (const [title, values] of Object.entries(event.namedValues)) answers[title] = (values ?? []).join(', ');
    const kind = formKindOfTitles(Object.keys(answers));
    if (!kind || allBlank(answers, forms)) return null;
    const range = event.range;
    const first: unknown = range ? range.getValues()[0]?.[0] : null;
    const at = isDate(first) ? first : new Date();
    const responseId = range ? `sheet:${range.getSheet().getName()}:${range.getRow()}` : `sheet:${at.toISOString()}`;
    return { kind, responseId, at: at.toISOString(), answers };
  }
  return null;
}

/** The known empty duplicate: every answer blank (the timestamp column is not an answer). */
function allBlank(answers: RawAnswers, forms: StoredForms): boolean {
  const kind = formKindOfTitles(Object.keys(answers));
  const mapping = kind ? titleMapping(kind, forms(kind)?.titles ?? {}) : {};
  return Object.entries(answers).every(
    ([title, value]) => !(normaliseHeader(title) in mapping) || isBlank(Array.isArray(value) ? value.join('') : value),
  );
}

/** A new row's id, noted as the last issued (keepIssuedId) once the row is flushed to the sheet. */
interface IssuedId {
  sheet: 'clients' | 'feedback';
  id: string;
}

function processAnswer(book: Workbook, answer: IntakeAnswer, forms: StoredForms): IssuedId | null {
  // One lock for the answer and its hooks: one flush at the end instead of one per write.
  return withLock('database', () =>
    answer.kind === 'registration' ? register(book, answer, forms) : recordFeedback(book, answer, forms),
  );
}

function register(book: Workbook, answer: IntakeAnswer, forms: StoredForms): IssuedId | null {
  const stored = forms('registration');
  const mapping = titleMapping('registration', stored?.titles ?? {});
  const read = readAnswers('registration', answer.answers, mapping, book.spreadsheetLocale);
  const email = read.fields.email;
  const at = new Date(answer.at);
  if (typeof email !== 'string' || email === '') {
    // No email, no client to put the answer on: say so; the answer itself stays in the form's responses.
    const title =
      Object.keys(answer.answers).find((candidate) => mapping[normaliseHeader(candidate)] === 'email') ?? '';
    const typed = answer.answers[title];
    const value = Array.isArray(typed) ? typed.join(', ') : String(typed ?? '');
    addProblems(
      book,
      [
        {
          sheet: 'clients',
          row: 0,
          column: sheetHeader(book, 'clients', 'email'),
          value,
          code: 'database.forms.unreadableEmail',
          params: { value, name: String(read.fields.name ?? '') },
        },
      ],
      'form',
      at,
    );
    console.warn(`registration ${answer.responseId} has no readable email; not saved`);
    return null;
  }
  const consentVersion = read.consentGiven
    ? stored?.consentVersion || readCoreSettings(book).settings.consentVersion
    : undefined;
  const { email: _email, ...fields } = read.fields;
  const result = upsertClientByEmail(book, { email, fields, at, ...(consentVersion ? { consentVersion } : {}) }, (id) =>
    newClientValues(book, id),
  );
  addProblems(book, answerProblems(book, 'clients', read, mapping, result.rowNumber), 'form', at);
  if (result.created || result.changed.some((column) => column !== 'consentAt' && column !== 'consentVersion')) {
    onClientRegistered(book, {
      clientId: result.clientId,
      created: result.created,
      at,
      rowNumber: result.rowNumber,
      ...(result.written ? { written: result.written } : {}),
      ...(read.referralCode ? { referralCode: read.referralCode } : {}),
    });
  }
  return result.created ? { sheet: 'clients', id: result.clientId } : null;
}

/** The answers that could not be read, placed where they would have landed: the row and the sheet's own header. */
function answerProblems(
  book: Workbook,
  sheet: 'clients' | 'feedback',
  read: ReadAnswers,
  mapping: Readonly<Record<string, string>>,
  rowNumber: number,
): RowProblem[] {
  return read.problems.map((problem) => {
    const field = mapping[normaliseHeader(problem.column)];
    return { ...problem, sheet, row: rowNumber, column: field ? sheetHeader(book, sheet, field) : problem.column };
  });
}

function sheetHeader(book: Workbook, sheet: 'clients' | 'feedback', field: string): string {
  return translate(book.locale, columnSpec(sheetSpec(sheet), field).header);
}

function recordFeedback(book: Workbook, answer: IntakeAnswer, forms: StoredForms): IssuedId | null {
  const stored = forms('feedback');
  const mapping = titleMapping('feedback', stored?.titles ?? {});
  const read = readAnswers('feedback', answer.answers, mapping, book.spreadsheetLocale);
  const at = new Date(answer.at);
  // Both trigger shapes may be installed for one form: the key they share recognises the response either way.
  const key = answerKey(at, read.fields);
  // The mail's link signs its order reference with the address it went to; the secret is read only for such a one.
  const answered = String(read.fields.orderId ?? '');
  const reference = isSignedReference(answered)
    ? readOrderReference(answered, read.email, makeSigner())
    : { orderId: answered.trim(), emailVouched: false };
  const added = withLock('database', () => {
    const { orderId } = reference;
    const wanted = orderId.toLowerCase();
    // This order's answers, found by a search of the order column (not a read). The duplicate firing (or the
    // other shape's firing) of this response is one of them: the same answers name the same order. An answer
    // naming no order is looked for by the key's answers hash (its time may differ by a second) instead.
    const seen = (stored: string) => stored === answer.responseId || sameAnswerKey(stored, key);
    const earlier =
      orderId === ''
        ? findRowsWhere(book, 'feedback', 'responseId', key.slice(key.indexOf('-')), seen)
        : findRowsWhere(book, 'feedback', 'orderId', orderId, (stored) => stored.toLowerCase() === wanted, {
            wholeCell: true,
          });
    if (earlier.rows.some((row) => seen(String(row.values.responseId ?? '')))) return null;
    const order = orderClientOf(book, orderId);
    const orderClient = order.clientId;
    const orderKnown = orderId === '' || order.known;
    // An order reference that is no order (the order renamed or removed since the mail): the address finds the
    // client only when it is the one the link was signed for, so a typed address cannot claim another's feedback.
    const clientId =
      orderKnown || !read.email || !reference.emailVouched ? orderClient : clientIdOfEmail(book, read.email);
    // Points once per order, and only for an order that exists (an invented reference earns nothing): an
    // earlier answer for this order earned them.
    const earnsPoints = orderId === '' || (orderKnown && earlier.rows.length === 0);
    const id = issueId(book, 'feedback', 'F', earlier);
    const [rowNumber = 0] = appendRows(book, 'feedback', [
      { ...read.fields, id, date: at, clientId, orderId, responseId: key },
    ]);
    return { feedbackId: id, clientId, orderId, at, rowNumber, orderKnown, earnsPoints };
  });
  if (!added) return null;
  const issued: IssuedId = { sheet: 'feedback', id: added.feedbackId };
  const problems = answerProblems(book, 'feedback', read, mapping, added.rowNumber);
  // Listed when nobody could be found for it; found by the address, it is the client's feedback.
  if (!added.orderKnown && added.clientId === '')
    problems.push({
      sheet: 'feedback',
      row: added.rowNumber,
      column: sheetHeader(book, 'feedback', 'orderId'),
      value: added.orderId,
      code: 'door.feedbackUnknownOrder',
      params: { value: added.orderId },
    });
  addProblems(book, problems, 'form', at);
  // Points once per order: the nightly run counts only the first answer per order too (loyalty.ts).
  if (!added.earnsPoints) return issued;
  onFeedbackReceived(book, {
    feedbackId: added.feedbackId,
    clientId: added.clientId,
    orderId: added.orderId,
    at: added.at,
  });
  return issued;
}

function clientIdOfEmail(book: Workbook, email: string): string {
  const wanted = email.toLowerCase();
  const [client] = findRowsWhere(book, 'clients', 'email', wanted, (stored) => stored.toLowerCase() === wanted).rows;
  return String(client?.values.id ?? '');
}
