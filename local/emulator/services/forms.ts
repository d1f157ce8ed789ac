// FormApp: the store of forms, submitting responses (checked, written to the linked sheet, firing form-submit
// triggers for a respondent's answer), and the host API. One form as a script holds it is in form.ts.
import { AppsScriptError, type Runtime } from '../runtime';
import { checkArgs } from '../signature';
import { requireAuthorization, type ServiceDeps } from './context';
import { DestinationType, editUrl, Form, ItemType, publishedUrl, type FormBackend, type FormRecord } from './form';
import { appendResponseRow, createResponseSheet, type DestinationApp, type WrittenRow } from './form-destination';
import { createTextValidationBuilder, itemObject } from './form-item-api';
import { checkAnswer, isEmailAddress, isQuestion, type Answer } from './form-items';
import {
  FormResponse,
  parsePrefilledUrl,
  type ResponseEnv,
  type ResponseRecord,
  type StoredAnswer,
} from './form-responses';

const FORMS_SCOPE = 'https://www.googleapis.com/auth/forms';

export interface FormsDeps extends ServiceDeps {
  /** The script-facing SpreadsheetApp: the response sheet is written through it, uncounted. */
  spreadsheetApp(): DestinationApp;
  /** Installed form-submit triggers whose source is `sourceId` (a form id or a spreadsheet id). */
  formSubmitTriggers(sourceId: string): Array<{ uid: string; handler: string }>;
  /** Runs `handler(event)` as its own trigger execution. */
  runTrigger(handler: string, event: Record<string, unknown>): void;
  /** `ScriptApp.AuthMode.FULL`, what form-submit events carry. */
  authModeFull(): unknown;
  /** The effective user: the respondent when a script submits a response to a form that collects addresses. */
  userEmail(): string;
}

export interface FormsState {
  nextForm: number;
  nextItem: number;
  nextResponse: number;
  forms: FormRecord[];
}

export interface SubmitOptions {
  /** The respondent's address (required when the form collects addresses). */
  email?: string;
  /** When the response arrives; default the emulator clock. */
  at?: Date | string | number;
  /** Fire the form-submit triggers a second time, as Google is known to. */
  fireTwice?: boolean;
  /** With fireTwice: the spreadsheet event of the second firing carries blank answers. */
  emptySecondEvent?: boolean;
}

export interface FormSummary {
  id: string;
  title: string;
  editUrl: string;
  publishedUrl: string;
  destinationId: string | null;
  destinationSheet: string | null;
  questions: Array<{ id: number; title: string; type: string; required: boolean; choices: string[] }>;
  responses: number;
}

export interface FormsHost {
  list(): FormSummary[];
  responses(formId: string): ResponseRecord[];
  /** A respondent submits `answers` keyed by question title; returns the response id. */
  submit(formId: string, answers: Record<string, string | string[]>, opts?: SubmitOptions): string;
  /** Opens a pre-filled link and submits it, with `extraAnswers` (by title) filled in on top. */
  submitPrefilled(url: string, extraAnswers?: Record<string, string | string[]>, opts?: SubmitOptions): string;
  toJSON(): FormsState;
  restore(json: unknown): void;
}

export function createFormApp(rt: Runtime, deps: FormsDeps): { globals: { FormApp: object }; host: FormsHost } {
  let state: FormsState = { nextForm: 1, nextItem: 1, nextResponse: 1, forms: [] };

  const findForm = (id: string): FormRecord | undefined => state.forms.find((f) => f.id === id);
  const formOrThrow = (id: string): FormRecord => {
    const form = findForm(id);
    if (!form)
      throw new AppsScriptError(
        'No item with the given ID could be found, or you do not have permission to access it.',
      );
    return form;
  };

  function itemEnv(formId: string): ResponseEnv {
    const form = () => formOrThrow(formId);
    const env: ResponseEnv = {
      rt,
      formId,
      dateCtor: deps.dateCtor,
      timeZone: () => deps.timeZone(),
      record: (itemId) => {
        const item = form().items.find((i) => i.id === itemId);
        if (!item) throw new AppsScriptError(`Item ${itemId} does not exist in this form.`);
        return item;
      },
      indexOf: (itemId) => form().items.findIndex((i) => i.id === itemId),
      item: (itemId) => itemObject(env, itemId, 'Item'),
      itemType: (type) => ItemType[type],
      publishedUrl: () => publishedUrl(form()),
      itemOrder: () => form().items.map((i) => i.id),
      submitDraft: (answers) => {
        const f = form();
        // Google: "calling FormResponse.submit() ... doesn't cause the form's submit trigger to run".
        return submitResponse(f, answers, { email: f.collectEmail ? deps.userEmail() : '' }, false);
      },
    };
    return env;
  }

  /** Stores a response after checking it as the Forms page would, writes the row, fires the triggers. */
  function submitResponse(
    form: FormRecord,
    answers: StoredAnswer[],
    opts: SubmitOptions,
    byRespondent = true,
  ): ResponseRecord {
    if (!form.acceptingResponses)
      throw new AppsScriptError(`The form "${form.title}" is no longer accepting responses.`);
    let email = '';
    if (form.collectEmail) {
      email = (opts.email ?? '').trim();
      if (!isEmailAddress(email))
        throw new AppsScriptError(`Invalid response to "Email": must be a valid email address.`);
      if (form.limitOneResponsePerUser && form.responses.some((r) => r.email === email)) {
        throw new AppsScriptError(`${email} has already responded to "${form.title}".`);
      }
    }
    const given = new Map(answers.map((a) => [a.itemId, a.answer]));
    for (const itemId of given.keys()) {
      if (!form.items.some((i) => i.id === itemId && isQuestion(i)))
        throw new AppsScriptError(`Item ${itemId} is not a question of this form.`);
    }
    const stored: StoredAnswer[] = [];
    for (const item of form.items.filter(isQuestion)) {
      const answer = checkAnswer(item, given.get(item.id));
      if (answer !== undefined) stored.push({ itemId: item.id, answer });
    }
    const timestamp = opts.at === undefined ? rt.clock.now() : new Date(opts.at).getTime();
    if (!Number.isFinite(timestamp)) throw new Error(`Not a time: ${String(opts.at)}`);
    const record: ResponseRecord = {
      id: `2_ABaOnu${String(state.nextResponse++).padStart(6, '0')}`,
      timestamp,
      email,
      answers: stored,
    };
    form.responses.push(record);
    const written = form.destination ? writeRow(form, record) : null;
    if (byRespondent) fireTriggers(form, record, written, opts);
    return record;
  }

  function writeRow(form: FormRecord, record: ResponseRecord): WrittenRow | null {
    const destination = form.destination;
    if (!destination) return null;
    return rt.internal(() =>
      appendResponseRow(
        deps.spreadsheetApp().openById(destination.spreadsheetId),
        destination.sheetName,
        form.items,
        record,
        deps.dateCtor,
      ),
    );
  }

  function fireTriggers(
    form: FormRecord,
    record: ResponseRecord,
    written: WrittenRow | null,
    opts: SubmitOptions,
  ): void {
    const rounds = opts.fireTwice ? 2 : 1;
    for (let round = 0; round < rounds; round += 1) {
      for (const trigger of deps.formSubmitTriggers(form.id)) {
        const env = itemEnv(form.id);
        deps.runTrigger(trigger.handler, {
          authMode: deps.authModeFull(),
          response: new FormResponse(env, record),
          source: new Form(backend, env, form.id),
          triggerUid: trigger.uid,
        });
      }
      if (!form.destination || !written) continue;
      const blank = round === 1 && opts.emptySecondEvent === true;
      for (const trigger of deps.formSubmitTriggers(form.destination.spreadsheetId)) {
        // The known empty duplicate keeps the timestamp and blanks every answer.
        const values = written.values.map((value, i) => (blank && i > 0 ? '' : value));
        const namedValues: Record<string, string[]> = {};
        written.headers.forEach((header, i) => (namedValues[header] = [values[i] ?? '']));
        const range = rt.internal(() => written.sheet.getRange(written.row, 1, 1, written.headers.length));
        deps.runTrigger(trigger.handler, {
          authMode: deps.authModeFull(),
          namedValues,
          range,
          triggerUid: trigger.uid,
          values,
        });
      }
    }
  }

  const backend: FormBackend = {
    rt,
    record: formOrThrow,
    nextItemId: () => 1_000_000_000 + state.nextItem++ * 7919,
    linkSpreadsheet: (form, spreadsheetId) => {
      const sheetName = rt.internal(() =>
        createResponseSheet(deps.spreadsheetApp().openById(spreadsheetId), form.items, form.collectEmail),
      );
      form.destination = { spreadsheetId, sheetName };
      // Google copies the responses collected so far into the new sheet.
      for (const response of form.responses) writeRow(form, response);
    },
  };

  const openForm = (id: string) => new Form(backend, itemEnv(id), id);

  const FormApp = {
    ItemType,
    DestinationType,
    create(...args: unknown[]): Form {
      rt.call('FormApp', 'create');
      requireAuthorization(deps, 'FormApp.create', FORMS_SCOPE);
      checkArgs('FormApp.create', args, ['string']);
      const n = state.nextForm++;
      const form: FormRecord = {
        id: `1emuForm${String(n).padStart(4, '0')}`,
        publishedId: `1FAIpQLSemuForm${String(n).padStart(4, '0')}`,
        title: args[0] as string,
        description: '',
        confirmationMessage: '',
        collectEmail: false,
        acceptingResponses: true,
        allowResponseEdits: false,
        limitOneResponsePerUser: false,
        destination: null,
        items: [],
        responses: [],
      };
      state.forms.push(form);
      return openForm(form.id);
    },
    openById(...args: unknown[]): Form {
      rt.call('FormApp', 'openById');
      requireAuthorization(deps, 'FormApp.openById', FORMS_SCOPE);
      checkArgs('FormApp.openById', args, ['string']);
      return openForm(formOrThrow(args[0] as string).id);
    },
    openByUrl(...args: unknown[]): Form {
      rt.call('FormApp', 'openByUrl');
      requireAuthorization(deps, 'FormApp.openByUrl', FORMS_SCOPE);
      checkArgs('FormApp.openByUrl', args, ['string']);
      const id = /\/forms\/d\/([^/e][^/]*)\//.exec(`${args[0] as string}/`)?.[1];
      return openForm(formOrThrow(id ?? '').id);
    },
    /** A spreadsheet-bound script has no active form. */
    getActiveForm(): null {
      rt.call('FormApp', 'getActiveForm');
      return null;
    },
    createTextValidation(): object {
      rt.call('FormApp', 'createTextValidation');
      return createTextValidationBuilder(rt);
    },
    getUi(): never {
      rt.call('FormApp', 'getUi');
      throw new AppsScriptError('Cannot call FormApp.getUi() from this context.');
    },
  };

  function answersByTitle(form: FormRecord, answers: Record<string, string | string[]>): StoredAnswer[] {
    return Object.entries(answers).map(([title, answer]) => {
      const item = form.items.find((i) => isQuestion(i) && i.title === title);
      if (!item) throw new Error(`Form "${form.title}" has no question titled "${title}"`);
      return { itemId: item.id, answer: Array.isArray(answer) ? [...answer] : answer };
    });
  }

  const host: FormsHost = {
    list: () =>
      state.forms.map((form) => ({
        id: form.id,
        title: form.title,
        editUrl: editUrl(form),
        publishedUrl: publishedUrl(form),
        destinationId: form.destination?.spreadsheetId ?? null,
        destinationSheet: form.destination?.sheetName ?? null,
        questions: form.items
          .filter(isQuestion)
          .map((i) => ({ id: i.id, title: i.title, type: i.type, required: i.required, choices: [...i.choices] })),
        responses: form.responses.length,
      })),
    responses: (formId) => structuredClone(formOrThrow(formId).responses),
    submit: (formId, answers, opts = {}) =>
      submitResponse(formOrThrow(formId), answersByTitle(formOrThrow(formId), answers), opts).id,
    submitPrefilled: (url, extraAnswers = {}, opts = {}) => {
      const prefilled = parsePrefilledUrl(url);
      const form = state.forms.find((f) => f.publishedId === prefilled.publishedId);
      if (!form) throw new Error(`No form is published at ${url}`);
      const merged = new Map<number, Answer>();
      for (const [itemId, values] of prefilled.entries) {
        const item = form.items.find((i) => i.id === itemId);
        if (!item) throw new Error(`The link pre-fills entry.${itemId}, which is not a question of "${form.title}"`);
        merged.set(itemId, item.type === 'CHECKBOX' ? values : (values[0] ?? ''));
      }
      for (const { itemId, answer } of answersByTitle(form, extraAnswers)) merged.set(itemId, answer);
      return submitResponse(
        form,
        [...merged].map(([itemId, answer]) => ({ itemId, answer })),
        opts,
      ).id;
    },
    toJSON: () => structuredClone(state),
    restore: (json) => {
      state = structuredClone(json as FormsState);
    },
  };

  return { globals: { FormApp }, host };
}
