// One playground: an emulator with the bundle loaded, persisted to a JSON file after every change.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createEmulator, type Emulator, type EmulatorSnapshot } from '../emulator/index';
import { WEB_APP_URL } from '../emulator/services/script';
import { loadBundle, type BundleApp } from '../emulator/bundle';
import { findSheetName } from '../../src/domain/schema';
import { seedDemoStudio } from './seed';
import { attachFakeTelegram, type FakeTelegram } from '../fake-telegram';

export const PLAYGROUND_START = '2026-11-24T09:00:00Z';

export interface Playground {
  emu: Emulator;
  app: BundleApp;
  sidebarHtml(): string;
  dialogHtml(index: number): string;
  doGet(parameter: Record<string, string>): { mimeType: string; content: string };
  state(): unknown;
  sheet(name: string, offset: number, limit: number): unknown;
  /** The sheet's charts as the add-on built them, each with the displayed values of its ranges. */
  charts(name: string): unknown;
  /** Staff typing into one cell: the text parsed as Sheets parses typed input (24.11.2026 → a date). */
  editCell(name: string, a1: string, text: string): unknown;
  outbox(): unknown;
  forms(): unknown;
  callFromClient(fn: string, args: unknown[]): unknown;
  runMenu(fn: string): unknown;
  submitForm(formId: string, answers: Record<string, string | string[]>, email?: string): unknown;
  advance(ms: number): unknown;
  setLocale(locale: string): unknown;
  reset(): unknown;
  /** The fake bot's chats, each with its messages both ways. */
  telegramChats(): unknown;
  /** A client writes to the bot; the poll then runs as its 5-minute trigger would. */
  telegramWrite(chatId: number, firstName: string, text: string): unknown;
}

export function openPlayground(options: { statePath: string | null; fresh: boolean }): Playground {
  let emu: Emulator;
  let app: BundleApp;
  let telegram: FakeTelegram;

  // A reset builds the demo studio in the language chosen last: its sheets, headers and lists in that language.
  const boot = (restore: boolean, locale: 'ru' | 'en' = 'ru'): void => {
    emu = createEmulator({ now: PLAYGROUND_START, locale, userEmail: 'studio@example.com', mailQuota: 100 });
    // The playground serves doGet itself, as a deployed web app.
    emu.webapp.deploy({ version: 1 });
    app = loadBundle(emu, 'dist/Code.js');
    // The bot's chats live in memory only: after a restart clients must write to the fake bot again.
    telegram = attachFakeTelegram(emu);
    if (restore && options.statePath && existsSync(options.statePath)) {
      emu.restore(JSON.parse(readFileSync(options.statePath, 'utf8')) as EmulatorSnapshot);
    } else {
      emu.spreadsheet.ui.autoAnswer('OK');
      seedDemoStudio(emu, app, { locale });
      save();
    }
    // The playground's user clicks OK on every alert, so a menu action's message never blocks it.
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('onOpen', [{ authMode: 'FULL' }], { kind: 'simpleTrigger' });
  };

  const save = (): void => {
    if (!options.statePath) return;
    mkdirSync(dirname(options.statePath), { recursive: true });
    writeFileSync(options.statePath, JSON.stringify(emu.toJSON()));
  };

  /** Runs something that may change data, then persists; reports what the UI showed meanwhile. */
  const changing = <T>(
    body: () => T,
  ): { ok: true; value: T; ui: unknown } | { ok: false; error: { message: string }; ui: unknown } => {
    const before = uiCounts();
    try {
      const value = body();
      return { ok: true, value, ui: uiSince(before) };
    } catch (error) {
      return { ok: false, error: { message: (error as Error).message }, ui: uiSince(before) };
    } finally {
      save();
    }
  };

  const ui = () => emu.spreadsheet.ui;
  const uiCounts = () => ({
    alerts: ui().alerts().length,
    toasts: ui().toasts().length,
    dialogs: ui().dialogs().length,
  });
  const uiSince = (before: ReturnType<typeof uiCounts>) => {
    const opened = ui()
      .dialogs()
      .slice(before.dialogs)
      .map((dialog, offset) => ({ kind: dialog.kind, title: dialog.title, index: before.dialogs + offset }));
    return {
      alerts: ui()
        .alerts()
        .slice(before.alerts)
        .map((alert) => ({ title: alert.title, message: alert.prompt })),
      toasts: ui()
        .toasts()
        .slice(before.toasts)
        .map((toast) => ({ title: toast.title, message: toast.message })),
      dialogs: opened.filter((dialog) => dialog.kind !== 'sidebar'),
      sidebarOpened: opened.some((dialog) => dialog.kind === 'sidebar'),
    };
  };

  boot(!options.fresh);

  return {
    get emu() {
      return emu;
    },
    get app() {
      return app;
    },
    sidebarHtml() {
      const before = ui().sidebars().length;
      app.run('openSidebar', [], { kind: 'menu' });
      const sidebar = ui().sidebars()[before];
      if (!sidebar) throw new Error('openSidebar showed no sidebar');
      return sidebar.content;
    },
    dialogHtml(index) {
      const dialog = ui().dialogs().at(index);
      return dialog ? dialog.content : '<p>No dialog.</p>';
    },
    doGet(parameter) {
      const result = app.doGet(parameter);
      save();
      return result;
    },
    state() {
      return {
        now: new Date(emu.clock.now()).toISOString(),
        locale: emu.session.toJSON().locale,
        sheets: emu.spreadsheet.sheetNames(),
        // Hidden tabs (the add-on's machine store) are not in Sheets' tab bar either.
        hiddenSheets: emu.spreadsheet.sheetNames().filter((name) => emu.spreadsheet.hidden(name)),
        // The tab the page opens on: the client database, not whichever sheet a form created last.
        firstSheet: findSheetName('clients', emu.spreadsheet.sheetNames()) ?? emu.spreadsheet.activeSheetName(),
        menus: ui().menus(),
        outbox: emu.mail.outbox.length,
        quotaLeft: emu.settings.mailQuota - emu.mail.quotaUsed(),
        triggers: emu.triggers
          .list()
          .map((trigger) => ({ handler: trigger.handler, eventType: trigger.eventType, nextRun: trigger.nextRunAt })),
        // The spreadsheet's zone: the page shows every time (outbox, triggers) on the studio's clock.
        timeZone: emu.spreadsheet.timeZone(),
        logs: withMailLines(emu).slice(-80),
      };
    },
    sheet(name, offset, limit) {
      const rows = emu.spreadsheet.displayValues(name);
      return { name, total: rows.length, offset, rows: rows.slice(offset, offset + limit), header: rows[0] ?? [] };
    },
    charts(name) {
      return emu.spreadsheet.charts(name).map((chart) => ({
        ...chart,
        series: chart.ranges.map((range) => rangeValues(emu, name, range)),
      }));
    },
    editCell(name, a1, text) {
      return changing(() => {
        emu.spreadsheet.edit(name, a1, [[text]]);
        const [row, column] = cellIndex(a1);
        const shown = emu.spreadsheet.displayValues(name)[row]?.[column] ?? '';
        const value = emu.spreadsheet.values(name)[row]?.[column];
        return { shown, isDate: value instanceof Date || Object.prototype.toString.call(value) === '[object Date]' };
      });
    },
    outbox() {
      return emu.mail.outbox
        .slice()
        .reverse()
        .map((mail) => ({ ...mail, body: localLinks(mail.body), htmlBody: localLinks(mail.htmlBody) }));
    },
    forms() {
      return emu.forms.list();
    },
    callFromClient(fn, args) {
      return changing(() => app.callFromClient(fn, ...args));
    },
    runMenu(fn) {
      return changing(() => app.run(fn, [], { kind: 'menu' }));
    },
    submitForm(formId, answers, email) {
      return changing(() => emu.forms.submit(formId, answers, email ? { email } : {}));
    },
    advance(ms) {
      return changing(() => emu.advance(ms));
    },
    setLocale(locale) {
      return changing(() => {
        emu.session.setLocale(locale);
        // Sheets builds the menu when the document opens: reopen it, so the menu speaks the chosen language.
        app.run('onOpen', [{ authMode: 'FULL' }], { kind: 'simpleTrigger' });
        return locale;
      });
    },
    reset() {
      return changing(() => boot(false, emu.session.toJSON().locale === 'en' ? 'en' : 'ru'));
    },
    telegramChats() {
      return telegram.chats().map((user) => ({
        id: user.id,
        firstName: user.firstName,
        messages: telegram.transcript(user.id),
      }));
    },
    telegramWrite(chatId, firstName, text) {
      return changing(() => {
        // Opening a client's t.me link and pressing Start sends `/start <token>`.
        const start = /^https:\/\/t\.me\/[^?]+\?start=([\w-]+)$/.exec(text.trim());
        telegram.userWrites({ id: chatId, firstName }, start ? `/start ${start[1]}` : text);
        // At once rather than within five minutes; with no bot connected the poll does nothing.
        app.run('runTelegramPoll', [], { kind: 'trigger' });
      });
    },
  };
}

/**
 * Links in a mail as they work here: the web app (unsubscribe, confirmations) is served at `/exec`, and a
 * form's public link opens that form in the playground's Forms panel, not Google URLs that do not exist offline.
 */
export function localLinks<T extends string | undefined | null>(text: T): T {
  if (typeof text !== 'string') return text;
  return text
    .split(WEB_APP_URL)
    .join('/exec')
    .replace(
      /https:\/\/docs\.google\.com\/forms\/d\/e\/([\w-]+)\/viewform(\?)?/g,
      (_link, id: string, query?: string) => `/?form=${id}${query ? '&' : ''}`,
    ) as T;
}

/** The execution log with one line per mail the outbox received, in time order (the log says which mails went out). */
function withMailLines(emu: Emulator): Array<{ level: string; message: string; at: number }> {
  const mails = emu.mail.outbox.map((mail) => ({
    level: 'mail',
    message: `→ ${mail.to.join(', ')} · ${mail.subject}`,
    at: new Date(mail.at).getTime(),
  }));
  return [...emu.logs.entries(), ...mails].sort((a, b) => a.at - b.at);
}

/** `B3` → [2, 1] (zero-based row, column). */
function cellIndex(a1: string): [number, number] {
  const match = /^([A-Z]+)(\d+)$/.exec(a1.trim().toUpperCase());
  if (!match?.[1] || !match[2]) throw new Error(`not a cell: ${a1}`);
  let column = 0;
  for (const letter of match[1]) column = column * 26 + (letter.charCodeAt(0) - 64);
  return [Number(match[2]) - 1, column - 1];
}

/** The displayed values of `A1:B13` (or `Sheet!A1:B13`) as rows. */
function rangeValues(emu: Emulator, sheetName: string, range: string): string[][] {
  const bang = range.lastIndexOf('!');
  const name = bang >= 0 ? range.slice(0, bang).replace(/^'|'$/g, '') : sheetName;
  const [from = '', to = from] = (bang >= 0 ? range.slice(bang + 1) : range).split(':');
  const [top, left] = cellIndex(from);
  const [bottom, right] = cellIndex(to);
  return emu.spreadsheet
    .displayValues(name)
    .slice(top, bottom + 1)
    .map((row) => Array.from({ length: right - left + 1 }, (_, offset) => row[left + offset] ?? ''));
}
