// SpreadsheetApp, the Charts enums and the spreadsheet Ui, emulated offline. See host.ts for the
// host API tests and the playground use.
import type { Runtime } from '../runtime';
import { ChartPosition, ChartType } from './enums';
import type { Env, StoreState } from './env';
import { bookHost, hostUi, makeBook, type SpreadsheetHost } from './host';
import { createSpreadsheetGlobal } from './spreadsheet';
import { emptyUi } from './ui-state';
import './range-style';
import { editEventParts } from './edit-event';
import { createWriteBuffer, type PendingCell } from './buffer';

export type { SpreadsheetHost, BookHost, HostUi, ChartView } from './host';
export type { UserEdit, StoreState } from './env';
export type { UiAnswer } from './ui-state';
export type { PendingCell } from './buffer';

export interface SpreadsheetDeps {
  dateCtor: DateConstructor;
  context: () => { kind: string; authMode: string };
  timeZone: string;
  locale: string;
  name?: string;
  id?: string;
  /** The html host's page reader: Ui then accepts only real HtmlOutputs and reads them uncounted. */
  htmlPage?: (value: unknown) => { title: string; content: string; width: number | null; height: number | null } | null;
}

export type SpreadsheetAppGlobal = Record<string, unknown>;
export interface ChartsGlobal {
  ChartType: typeof ChartType;
  Position: typeof ChartPosition;
}

/** A document id shaped like Google's (44 characters of [A-Za-z0-9_-]), derived from a sequence number. */
function documentId(seq: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  let state = (seq * 2654435761) >>> 0;
  let id = '1';
  while (id.length < 44) {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    id += alphabet[state % alphabet.length];
  }
  return id;
}

export function createSpreadsheetApp(
  rt: Runtime,
  deps: SpreadsheetDeps,
): { global: SpreadsheetAppGlobal; charts: ChartsGlobal; host: SpreadsheetHost } {
  const store: StoreState = {
    books: [],
    activeBookId: '',
    nextSheetId: 0,
    nextChartId: 1,
    nextBookSeq: 1,
    ui: emptyUi(),
  };
  const buffer = createWriteBuffer(rt);
  const env: Env = {
    rt,
    dateCtor: deps.dateCtor,
    context: deps.context,
    store,
    editListeners: [],
    htmlPage: deps.htmlPage,
    buffer,
  };
  const createBook = (name: string) => {
    const id = documentId(env.store.nextBookSeq++);
    const book = makeBook(env, id, name, deps.locale, deps.timeZone);
    // Sheets after the first document's get large, Google-like ids; the bound document's first sheet is 0.
    env.store.books.push(book);
    return book;
  };
  const first = makeBook(
    env,
    deps.id ?? documentId(env.store.nextBookSeq++),
    deps.name ?? 'Studio CRM',
    deps.locale,
    deps.timeZone,
  );
  store.books.push(first);
  store.activeBookId = first.id;
  store.nextSheetId = 1_000_000;

  // The host reads and types into the committed state: a running execution's pending writes are set aside.
  const committed = <T extends object>(host: T): T =>
    Object.fromEntries(
      Object.entries(host).map(([key, value]) => [
        key,
        typeof value === 'function' ? (...args: unknown[]) => buffer.aside(() => value(...args)) : value,
      ]),
    ) as T;
  const active = committed(bookHost(env, first.id));
  const host: SpreadsheetHost = {
    ...active,
    active,
    executionView: bookHost(env, first.id),
    pendingCells: (executionId) => buffer.pendingCells(executionId),
    create: (name) => committed(bookHost(env, createBook(name).id)),
    get: (id) => (env.store.books.some((b) => b.id === id) ? committed(bookHost(env, id)) : null),
    ui: hostUi(env),
    onEdit: (listener) => {
      env.editListeners.push(listener);
    },
    editEvent: (edit) => editEventParts(env, edit),
    toJSON: () => buffer.aside(() => structuredClone(env.store)),
    restore: (json) => {
      const copy = structuredClone(json);
      env.store = copy;
    },
  };
  return { global: createSpreadsheetGlobal(env, createBook), charts: { ChartType, Position: ChartPosition }, host };
}
