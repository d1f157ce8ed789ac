// FormResponse (a draft a script builds, or a submitted response) and the pre-filled URL round trip.
import { AppsScriptError } from '../runtime';
import { ItemResponse, type ItemEnv } from './form-item-api';
import type { Answer } from './form-items';

export interface StoredAnswer {
  itemId: number;
  answer: Answer;
}

export interface ResponseRecord {
  id: string;
  timestamp: number;
  /** '' when the form does not collect addresses. */
  email: string;
  answers: StoredAnswer[];
}

export interface ResponseEnv extends ItemEnv {
  dateCtor: DateConstructor;
  formId: string;
  publishedUrl(): string;
  /** Item ids in form order, to list answers the way Google does. */
  itemOrder(): number[];
  /** Stores a draft as the form's response (validation, destination row, triggers); returns the record. */
  submitDraft(answers: StoredAnswer[]): ResponseRecord;
}

export class FormResponse {
  readonly #env: ResponseEnv;
  #record: ResponseRecord | null;
  readonly #draft = new Map<number, Answer>();

  constructor(env: ResponseEnv, record: ResponseRecord | null) {
    this.#env = env;
    this.#record = record;
  }

  #answers(): StoredAnswer[] {
    if (this.#record) return this.#record.answers;
    const order = this.#env.itemOrder();
    return [...this.#draft]
      .map(([itemId, answer]) => ({ itemId, answer }))
      .sort((a, b) => order.indexOf(a.itemId) - order.indexOf(b.itemId));
  }

  getId(): string | null {
    this.#env.rt.call('FormResponse', 'getId');
    return this.#record?.id ?? null;
  }
  getTimestamp(): Date | null {
    this.#env.rt.call('FormResponse', 'getTimestamp');
    return this.#record ? new this.#env.dateCtor(this.#record.timestamp) : null;
  }
  getRespondentEmail(): string {
    this.#env.rt.call('FormResponse', 'getRespondentEmail');
    return this.#record?.email ?? '';
  }
  getItemResponses(): ItemResponse[] {
    this.#env.rt.call('FormResponse', 'getItemResponses');
    return this.#answers().map(({ itemId, answer }) => new ItemResponse(this.#env, itemId, answer));
  }
  getResponseForItem(item: { getId(): number }): ItemResponse | null {
    this.#env.rt.call('FormResponse', 'getResponseForItem');
    const itemId = this.#env.rt.internal(() => item.getId());
    const found = this.#answers().find((a) => a.itemId === itemId);
    return found ? new ItemResponse(this.#env, found.itemId, found.answer) : null;
  }
  withItemResponse(response: ItemResponse): FormResponse {
    this.#env.rt.call('FormResponse', 'withItemResponse');
    if (!(response instanceof ItemResponse)) {
      throw new AppsScriptError(
        "The parameters don't match the method signature for FormApp.FormResponse.withItemResponse.",
      );
    }
    if (this.#record)
      throw new AppsScriptError(
        'This response has already been submitted; the emulator does not edit submitted responses.',
      );
    this.#env.record(response.itemId);
    this.#draft.set(response.itemId, response.answer);
    return this;
  }
  toPrefilledUrl(): string {
    this.#env.rt.call('FormResponse', 'toPrefilledUrl');
    return prefilledUrl(this.#env.publishedUrl(), this.#answers());
  }
  getEditResponseUrl(): string {
    this.#env.rt.call('FormResponse', 'getEditResponseUrl');
    if (!this.#record) throw new AppsScriptError('This response has not been submitted.');
    return `${this.#env.publishedUrl()}?edit2=${encodeURIComponent(this.#record.id)}`;
  }
  submit(): FormResponse {
    this.#env.rt.call('FormResponse', 'submit');
    if (this.#record) throw new AppsScriptError('This response has already been submitted.');
    this.#record = this.#env.submitDraft(this.#answers());
    return this;
  }
}

/** `…/viewform?usp=pp_url&entry.<itemId>=<value>`, one `entry` per checked box. */
export function prefilledUrl(publishedUrl: string, answers: readonly StoredAnswer[]): string {
  const query = new URLSearchParams({ usp: 'pp_url' });
  for (const { itemId, answer } of answers) {
    for (const value of Array.isArray(answer) ? answer : [answer]) query.append(`entry.${itemId}`, value);
  }
  return `${publishedUrl}?${query.toString()}`;
}

export interface PrefilledAnswers {
  publishedId: string;
  entries: Map<number, string[]>;
}

export function parsePrefilledUrl(url: string): PrefilledAnswers {
  const match = /\/forms\/d\/e\/([^/]+)\/viewform\?(.*)$/.exec(url);
  if (!match) throw new Error(`Not a pre-filled form URL: ${url}`);
  const entries = new Map<number, string[]>();
  for (const [key, value] of new URLSearchParams(match[2])) {
    const entry = /^entry\.(\d+)$/.exec(key);
    if (!entry) continue;
    const itemId = Number(entry[1]);
    entries.set(itemId, [...(entries.get(itemId) ?? []), value]);
  }
  return { publishedId: match[1] ?? '', entries };
}
