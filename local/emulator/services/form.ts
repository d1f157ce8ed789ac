// Form: one form's settings, items, destination and stored responses, as a script holds it. FormApp (forms.ts)
// owns the records and lends each Form a backend for what reaches beyond the form.
import { AppsScriptError, type Runtime } from '../runtime';
import { checkArgs } from '../signature';
import { isDate, signatureError } from './context';
import { createEnum, enumKey } from './enums';
import { itemObject } from './form-item-api';
import { ITEM_TYPES, newItemRecord, type BuiltItemType, type ItemRecord } from './form-items';
import { FormResponse, type ResponseEnv, type ResponseRecord } from './form-responses';

export const ItemType = createEnum('FormApp.ItemType', ITEM_TYPES);
export const DestinationType = createEnum('FormApp.DestinationType', ['SPREADSHEET']);

export const editUrl = (form: FormRecord) => `https://docs.google.com/forms/d/${form.id}/edit`;
export const publishedUrl = (form: FormRecord) => `https://docs.google.com/forms/d/e/${form.publishedId}/viewform`;

export interface FormRecord {
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

/** What a Form needs from FormApp: the live record, item ids, and linking a response spreadsheet. */
export interface FormBackend {
  rt: Runtime;
  record(formId: string): FormRecord;
  nextItemId(): number;
  /** Creates the response sheet in that spreadsheet and copies the responses so far into it. */
  linkSpreadsheet(form: FormRecord, spreadsheetId: string): void;
}

export class Form {
  readonly #backend: FormBackend;
  readonly #env: ResponseEnv;
  readonly #id: string;
  constructor(backend: FormBackend, env: ResponseEnv, id: string) {
    this.#backend = backend;
    this.#env = env;
    this.#id = id;
  }
  get #form(): FormRecord {
    return this.#backend.record(this.#id);
  }
  #call(method: string): void {
    this.#backend.rt.call('Form', method);
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
    if (enumKey('FormApp.DestinationType', args[0]) !== 'SPREADSHEET')
      throw signatureError('FormApp.Form.setDestination', args);
    this.#backend.linkSpreadsheet(this.#form, args[1] as string);
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
    const item = newItemRecord(this.#backend.nextItemId(), type);
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
    return this.#form.items
      .filter((i) => wanted === null || i.type === wanted)
      .map((i) => itemObject(this.#env, i.id, 'Item'));
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
          ? form.items.findIndex(
              (i) => i.id === this.#backend.rt.internal(() => (value as { getId(): number }).getId()),
            )
          : NaN;
    if (Number.isNaN(index)) throw signatureError(`FormApp.Form.${method}`, args);
    if (!Number.isInteger(index) || index < 0 || index >= form.items.length) {
      throw new AppsScriptError(
        `Index (${String(value)}) must be less than the number of items (${form.items.length}).`,
      );
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
    if (form.responses.length === before)
      throw new AppsScriptError(`No response with ID ${String(args[0])} exists for this form.`);
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
