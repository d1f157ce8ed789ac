// FormApp: forms, items, responses, the linked response sheet, and form-submit triggers fired on each respondent's response.
import { AppsScriptError, type Runtime } from '../runtime';
import { checkArgs } from '../signature';
import { isDate, requireAuthorization, signatureError, type ServiceDeps } from './context';
import { createEnum, enumKey } from './enums';
import { appendResponseRow, createResponseSheet, type DestinationApp, type WrittenRow } from './form-destination';
import { createTextValidationBuilder, itemObject, type ItemEnv } from './form-item-api';
import { checkAnswer, isEmailAddress, isQuestion, ITEM_TYPES, newItemRecord, type Answer, type BuiltItemType, type ItemRecord } from './form-items';
import { FormResponse, parsePrefilledUrl, type ResponseEnv, type ResponseRecord, type StoredAnswer } from './form-responses';

const FORMS_SCOPE = 'https://www.googleapis.com/auth/forms';
const ItemType = createEnum('FormApp.ItemType', ITEM_TYPES);
const DestinationType = createEnum('FormApp.DestinationType', ['SPREADSHEET']);

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

interface FormRecord {
  id: string;
  publishedId: string;
  title: string;
  description: string;
  confirmationMessage: string;
  collectEmail: boolean;
  acceptingResponses: boolean;
  allowResponseEdits: boolean;
  limitOneResponsePerUser: boolean;
  destination: { spreadsheetId: string; sheetName: string } | null;
  items: ItemRecord[];
  responses: ResponseRecord[];
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

const editUrl = (form: FormRecord) => `https://docs.google.com/forms/d/${form.id}/edit`;
const publishedUrl = (form: FormRecord) => `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`;

export function createFormApp(rt: Runtime, deps: FormsDeps): { globals: { FormApp: object }; host: FormsHost } {
  let state: FormsState = { nextForm: 1, nextItem: 1, nextResponse: 1, forms: [] };

  const findForm = (id: string): FormRecord | undefined => state.forms.find((f) => f.id === id);
  const formOrThrow = (id: string): FormRecord => {
    const form = findForm(id);
    if (!form) throw new AppsScriptError('No item with the given ID could be found, or you do not have permission to access it.');
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
  function submitResponse(form: FormRecord, answers: StoredAnswer[], opts: SubmitOptions, byRespondent = true): ResponseRecord {
    if (!form.acceptingResponses) throw new AppsScriptError(`The form "${form.title}" is no longer accepting responses.`);
    let email = '';
    if (form.collectEmail) {
      email = (opts.email ?? '').trim();
      if (!isEmailAddress(email)) throw new AppsScriptError(`Invalid response to "Email": must be a valid email address.`);
      if (form.limitOneResponsePerUser && form.responses.some((r) => r.email === email)) {
        throw new AppsScriptError(`${email} has already responded to "${form.title}".`);
      }
    }
    const given = new Map(answers.map((a) => [a.itemId, a.answer]));
    for (const itemId of given.keys()) {
      if (!form.items.some((i) => i.id === itemId && isQuestion(i))) throw new AppsScriptError(`Item ${itemId} is not a question of this form.`);
    }
    const stored: StoredAnswer[] = [];
    for (const item of form.items.filter(isQuestion)) {
      const answer = checkAnswer(item, given.get(item.id));
      if (answer !== undefined) stored.push({ itemId: item.id, answer });
    }
    const timestamp = opts.at === undefined ? rt.clock.now() : new Date(opts.at).getTime();
    if (!Number.isFinite(timestamp)) throw new Error(`Not a time: ${String(opts.at)}`);
    const record: ResponseRecord = { id: `2_ABaOnu${String(state.nextResponse++).padStart(6, '0')}`, timestamp, email, answers: stored };
    form.responses.push(record);
    const written = form.destination ? writeRow(form, record) : null;
    if (byRespondent) fireTriggers(form, record, written, opts);
    return record;
  }

  function writeRow(form: FormRecord, record: ResponseRecord): WrittenRow | null {
    const destination = form.destination;
    if (!destination) return null;
    return rt.internal(() =>
      appendResponseRow(deps.spreadsheetApp().openById(destination.spreadsheetId), destination.sheetName, form.items, record, deps.dateCtor),
    );
  }

  function fireTriggers(form: FormRecord, record: ResponseRecord, written: WrittenRow | null, opts: SubmitOptions): void {
    const rounds = opts.fireTwice ? 2 : 1;
    for (let round = 0; round < rounds; round += 1) {
      for (const trigger of deps.formSubmitTriggers(form.id)) {
        const env = itemEnv(form.id);
        deps.runTrigger(trigger.handler, {
          authMode: deps.authModeFull(),
          response: new FormResponse(env, record),
          source: new Form(env, form.id),
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
        deps.runTrigger(trigger.handler, { authMode: deps.authModeFull(), namedValues, range, triggerUid: trigger.uid, values });
      }
    }
  }

  class Form {
    readonly #env: ResponseEnv;
    readonly #id: string;
    constructor(env: ResponseEnv, id: string) {
      this.#env = env;
      this.#id = id;
    }
    get #form(): FormRecord {
      return formOrThrow(this.#id);
    }
    #call(method: string): void {
      rt.call('Form', method);
    }
    #set<K extends keyof FormRecord>(method: string, args: unknown[], kind: 'string' | 'boolean', key: K): Form {
      this.#call(method);
      checkArgs(`FormApp.Form.${method}`, args, [kind]);
      this.#form[key] = args[0] as FormRecord[K];
      return this;
    }

    getId(): string {
      this.#call('getId');
      return this.#id;
    }
    getTitle(): string {
      this.#call('getTitle');
      return this.#form.title;
    }
    setTitle(...args: unknown[]): Form {
      return this.#set('setTitle', args, 'string', 'title');
    }
    getDescription(): string {
      this.#call('getDescription');
      return this.#form.description;
    }
    setDescription(...args: unknown[]): Form {
      return this.#set('setDescription', args, 'string', 'description');
    }
    getConfirmationMessage(): string {
      this.#call('getConfirmationMessage');
      return this.#form.confirmationMessage;
    }
    setConfirmationMessage(...args: unknown[]): Form {
      return this.#set('setConfirmationMessage', args, 'string', 'confirmationMessage');
    }
    collectsEmail(): boolean {
      this.#call('collectsEmail');
      return this.#form.collectEmail;
    }
    setCollectEmail(...args: unknown[]): Form {
      return this.#set('setCollectEmail', args, 'boolean', 'collectEmail');
    }
    isAcceptingResponses(): boolean {
      this.#call('isAcceptingResponses');
      return this.#form.acceptingResponses;
    }
    setAcceptingResponses(...args: unknown[]): Form {
      return this.#set('setAcceptingResponses', args, 'boolean', 'acceptingResponses');
    }
    canEditResponse(): boolean {
      this.#call('canEditResponse');
      return this.#form.allowResponseEdits;
    }
    setAllowResponseEdits(...args: unknown[]): Form {
      return this.#set('setAllowResponseEdits', args, 'boolean', 'allowResponseEdits');
    }
    hasLimitOneResponsePerUser(): boolean {
      this.#call('hasLimitOneResponsePerUser');
      return this.#form.limitOneResponsePerUser;
    }
    setLimitOneResponsePerUser(...args: unknown[]): Form {
      return this.#set('setLimitOneResponsePerUser', args, 'boolean', 'limitOneResponsePerUser');
    }
    getEditUrl(): string {
      this.#call('getEditUrl');
      return editUrl(this.#form);
    }
    getPublishedUrl(): string {
      this.#call('getPublishedUrl');
      return publishedUrl(this.#form);
    }
    getSummaryUrl(): string {
      this.#call('getSummaryUrl');
      return `${editUrl(this.#form).replace(/\/edit$/, '')}/viewanalytics`;
    }
    shortenFormUrl(...args: unknown[]): string {
      this.#call('shortenFormUrl');
      checkArgs('FormApp.Form.shortenFormUrl', args, ['string']);
      return `https://forms.gle/${this.#form.publishedId.slice(-17)}`;
    }

    setDestination(...args: unknown[]): Form {
      this.#call('setDestination');
      checkArgs('FormApp.Form.setDestination', args, ['object', 'string']);
      if (enumKey('FormApp.DestinationType', args[0]) !== 'SPREADSHEET') throw signatureError('FormApp.Form.setDestination', args);
      const form = this.#form;
      const spreadsheetId = args[1] as string;
      const sheetName = rt.internal(() => createResponseSheet(deps.spreadsheetApp().openById(spreadsheetId), form.items, form.collectEmail));
      form.destination = { spreadsheetId, sheetName };
      // Google copies the responses collected so far into the new sheet.
      for (const response of form.responses) writeRow(form, response);
      return this;
    }
    getDestinationId(): string {
      this.#call('getDestinationId');
      const destination = this.#form.destination;
      if (!destination) throw new AppsScriptError('The form currently has no response destination.');
      return destination.spreadsheetId;
    }
    getDestinationType(): unknown {
      this.#call('getDestinationType');
      if (!this.#form.destination) throw new AppsScriptError('The form currently has no response destination.');
      return DestinationType.SPREADSHEET;
    }
    removeDestination(): Form {
      this.#call('removeDestination');
      this.#form.destination = null;
      return this;
    }

    #add(method: string, type: BuiltItemType, args: unknown[]): object {
      this.#call(method);
      checkArgs(`FormApp.Form.${method}`, args, []);
      const item = newItemRecord(1_000_000_000 + state.nextItem++ * 7919, type);
      this.#form.items.push(item);
      return itemObject(this.#env, item.id, type);
    }
    addTextItem(...args: unknown[]): object {
      return this.#add('addTextItem', 'TEXT', args);
    }
    addParagraphTextItem(...args: unknown[]): object {
      return this.#add('addParagraphTextItem', 'PARAGRAPH_TEXT', args);
    }
    addMultipleChoiceItem(...args: unknown[]): object {
      return this.#add('addMultipleChoiceItem', 'MULTIPLE_CHOICE', args);
    }
    addCheckboxItem(...args: unknown[]): object {
      return this.#add('addCheckboxItem', 'CHECKBOX', args);
    }
    addListItem(...args: unknown[]): object {
      return this.#add('addListItem', 'LIST', args);
    }
    addScaleItem(...args: unknown[]): object {
      return this.#add('addScaleItem', 'SCALE', args);
    }
    addDateItem(...args: unknown[]): object {
      return this.#add('addDateItem', 'DATE', args);
    }
    addSectionHeaderItem(...args: unknown[]): object {
      return this.#add('addSectionHeaderItem', 'SECTION_HEADER', args);
    }

    getItems(...args: unknown[]): object[] {
      this.#call('getItems');
      checkArgs('FormApp.Form.getItems', args, [], ['object']);
      const wanted = args.length > 0 ? enumKey('FormApp.ItemType', args[0]) : null;
      if (args.length > 0 && wanted === null) throw signatureError('FormApp.Form.getItems', args);
      return this.#form.items.filter((i) => wanted === null || i.type === wanted).map((i) => itemObject(this.#env, i.id, 'Item'));
    }
    getItemById(...args: unknown[]): object | null {
      this.#call('getItemById');
      checkArgs('FormApp.Form.getItemById', args, ['number']);
      return this.#form.items.some((i) => i.id === args[0]) ? itemObject(this.#env, args[0] as number, 'Item') : null;
    }
    #indexArg(method: string, value: unknown, args: unknown[]): number {
      const form = this.#form;
      const index =
        typeof value === 'number'
          ? value
          : typeof value === 'object' && value !== null && typeof (value as { getId?: unknown }).getId === 'function'
            ? form.items.findIndex((i) => i.id === rt.internal(() => (value as { getId(): number }).getId()))
            : NaN;
      if (Number.isNaN(index)) throw signatureError(`FormApp.Form.${method}`, args);
      if (!Number.isInteger(index) || index < 0 || index >= form.items.length) {
        throw new AppsScriptError(`Index (${String(value)}) must be less than the number of items (${form.items.length}).`);
      }
      return index;
    }
    deleteItem(...args: unknown[]): void {
      this.#call('deleteItem');
      const index = this.#indexArg('deleteItem', args[0], args);
      this.#form.items.splice(index, 1);
    }
    moveItem(...args: unknown[]): object {
      this.#call('moveItem');
      const from = this.#indexArg('moveItem', args[0], args);
      const to = this.#indexArg('moveItem', args[1], args);
      const [item] = this.#form.items.splice(from, 1);
      if (!item) throw signatureError('FormApp.Form.moveItem', args);
      this.#form.items.splice(to, 0, item);
      return itemObject(this.#env, item.id, 'Item');
    }

    createResponse(): FormResponse {
      this.#call('createResponse');
      return new FormResponse(this.#env, null);
    }
    getResponses(...args: unknown[]): FormResponse[] {
      this.#call('getResponses');
      checkArgs('FormApp.Form.getResponses', args, [], ['date']);
      const since = args.length > 0 && isDate(args[0]) ? args[0].getTime() : -Infinity;
      return this.#form.responses.filter((r) => r.timestamp >= since).map((r) => new FormResponse(this.#env, r));
    }
    getResponse(...args: unknown[]): FormResponse {
      this.#call('getResponse');
      checkArgs('FormApp.Form.getResponse', args, ['string']);
      const record = this.#form.responses.find((r) => r.id === args[0]);
      if (!record) throw new AppsScriptError(`No response with ID ${String(args[0])} exists for this form.`);
      return new FormResponse(this.#env, record);
    }
    deleteResponse(...args: unknown[]): Form {
      this.#call('deleteResponse');
      checkArgs('FormApp.Form.deleteResponse', args, ['string']);
      const form = this.#form;
      const before = form.responses.length;
      form.responses = form.responses.filter((r) => r.id !== args[0]);
      if (form.responses.length === before) throw new AppsScriptError(`No response with ID ${String(args[0])} exists for this form.`);
      return this;
    }
    deleteAllResponses(): Form {
      this.#call('deleteAllResponses');
      this.#form.responses = [];
      return this;
    }
    toString(): string {
      return 'Form';
    }
  }

  const openForm = (id: string) => new Form(itemEnv(id), id);

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
        questions: form.items.filter(isQuestion).map((i) => ({ id: i.id, title: i.title, type: i.type, required: i.required, choices: [...i.choices] })),
        responses: form.responses.length,
      })),
    responses: (formId) => structuredClone(formOrThrow(formId).responses),
    submit: (formId, answers, opts = {}) => submitResponse(formOrThrow(formId), answersByTitle(formOrThrow(formId), answers), opts).id,
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
      return submitResponse(form, [...merged].map(([itemId, answer]) => ({ itemId, answer })), opts).id;
    },
    toJSON: () => structuredClone(state),
    restore: (json) => {
      state = structuredClone(json as FormsState);
    },
  };

  return { globals: { FormApp }, host };
}
