// Staff switch the studio's language in Settings: on dist/Code.js the add-on renames its own tabs and headers
// and rewrites its list words (statuses, channels, topics, languages) — never a column staff added, never any
// other value — and rebuilds the menu. A ru studio switched to en and back loses no cell; a re-run changes nothing.
import { describe, expect, it } from 'vitest';
import { writeSheet } from '../support/sheet-fixtures';
import { freshStudio, workbookState } from '../support/studio';

type Row = unknown[];

/** A1 column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
const letters = (index: number): string =>
  (index >= 26 ? letters(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));
const at = (iso: string) => new Date(iso);

function ruStudio() {
  const { emu, app } = freshStudio('ru');
  emu.spreadsheet.ui.autoAnswer('OK');
  writeSheet(emu, 'Клиенты', [
    ['ID клиента', 'Имя', 'Email', 'Тематика канала', 'Язык', 'Любимый цвет'],
    ['C-0001', 'Аня', 'a@example.com', 'Игры', 'Английский', 'Выполнен'],
    ['C-0002', 'Боря', 'b@example.com', '', 'Русский', 'синий'],
  ]);
  writeSheet(emu, 'Заказы', [
    ['ID заказа', 'ID клиента', 'Дата', 'Продукт', 'Сумма', 'Статус', 'Заметки'],
    ['O-1', 'C-0001', at('2026-10-01T12:00:00Z'), 'emotes', 1200, 'Выполнен', 'Выполнен в срок'],
    ['O-2', 'C-0002', at('2026-10-02T12:00:00Z'), 'badges', 500, 'Отменён', ''],
    ['O-3', 'C-0002', at('2026-10-03T12:00:00Z'), 'stickers', 700, 'нечто своё', ''],
  ]);
  app.run('setupDatabase', [], { kind: 'menu' });
  return { emu, app };
}

const valuesOf = (emu: ReturnType<typeof ruStudio>['emu'], name: string) => emu.spreadsheet.values(name) as Row[];

describe('switching the staff language in Settings', () => {
  it('ru → en: tabs, own headers and list words in English; staff column, its values and the rest unchanged', () => {
    const { emu, app } = ruStudio();
    const clientsBefore = valuesOf(emu, 'Клиенты');
    const ordersBefore = valuesOf(emu, 'Заказы');

    app.callFromClient('saveSetting', 'core.locale', 'en');

    const names = emu.spreadsheet.sheetNames();
    expect(names).toEqual(expect.arrayContaining(['Clients', 'Orders', 'Requests', 'Settings']));
    expect(names).not.toContain('Клиенты');
    expect(names).not.toContain('Заказы');

    const clients = valuesOf(emu, 'Clients');
    expect(clients[0]?.slice(0, 6)).toEqual([
      'Client ID',
      'Name',
      'Email',
      'Channel topic',
      'Language',
      'Любимый цвет',
    ]);
    // List columns: Игры → Gaming, Английский → English, Русский → Russian. The staff column's "Выполнен" stays.
    expect(clients.slice(1).map((row) => row.slice(0, 6))).toEqual([
      ['C-0001', 'Аня', 'a@example.com', 'Gaming', 'English', 'Выполнен'],
      ['C-0002', 'Боря', 'b@example.com', '', 'Russian', 'синий'],
    ]);
    const orders = valuesOf(emu, 'Orders');
    const status = (orders[0] ?? []).indexOf('Status');
    expect(status).toBe(5);
    // Выполнен → Completed, Отменён → Cancelled; a word that is no option stays; the note mentioning one stays.
    expect(orders.slice(1).map((row) => [row[status], row[6]])).toEqual([
      ['Completed', 'Выполнен в срок'],
      ['Cancelled', ''],
      ['нечто своё', ''],
    ]);
    // Every other body cell is as it was, column by column (the header rows aside).
    const listColumns = { clients: [3, 4], orders: [5] };
    const others = (rows: Row[], skip: number[]) =>
      rows.slice(1).map((row) => row.filter((_, index) => !skip.includes(index)));
    expect(others(clients, listColumns.clients)).toEqual(others(clientsBefore, listColumns.clients));
    expect(others(orders, listColumns.orders)).toEqual(others(ordersBefore, listColumns.orders));

    // A dropdown setup made (Requests' channel) offers the new words; the hand-made Status column gets none.
    const requestsHeader = valuesOf(emu, 'Requests')[0] ?? [];
    const channel = letters(requestsHeader.indexOf('Channel'));
    const validations = emu.spreadsheet.validations('Requests') as Record<string, { args: unknown[] }>;
    expect(validations[`${channel}2`]?.args[0]).toEqual(['Email', 'Twitch', 'Discord', 'Telegram', 'Other']);
    expect((emu.spreadsheet.validations('Orders') as Record<string, unknown>)['F2']).toBeUndefined();
    // The menu speaks English.
    const menuCaptions = (emu.spreadsheet.ui.menus().at(-1)?.items ?? []).map((item) => item.caption);
    expect(menuCaptions).toContain('Open sidebar');
    expect(menuCaptions).not.toContain('Открыть боковую панель');

    // Reopening the document: onOpen (LIMITED, the document readable) builds the menu in Settings' English;
    // under NONE it cannot read Settings and uses the account's Russian.
    const openedCaptions = (authMode: string) => {
      app.run('onOpen', [{ authMode }], { kind: 'simpleTrigger' });
      return (emu.spreadsheet.ui.menus().at(-1)?.items ?? []).map((item) => item.caption);
    };
    expect(openedCaptions('LIMITED')).toContain('Open sidebar');
    expect(openedCaptions('NONE')).toContain('Открыть боковую панель');
  });

  it('ru → en → ru gives back every cell of every sheet; saving en twice changes nothing the second time', () => {
    const { emu, app } = ruStudio();
    app.callFromClient('saveSetting', 'core.locale', 'ru');
    const ruState = workbookState(emu);

    app.callFromClient('saveSetting', 'core.locale', 'en');
    const enState = workbookState(emu);
    app.callFromClient('saveSetting', 'core.locale', 'en');
    expect(workbookState(emu)).toEqual(enState);

    app.callFromClient('saveSetting', 'core.locale', 'ru');
    expect(workbookState(emu)).toEqual(ruState);
  });

  it('the Dashboard tab follows too, so the next refresh writes into it rather than a second one', () => {
    const { emu, app } = ruStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    expect(emu.spreadsheet.sheetNames()).toContain('Дашборд');
    app.callFromClient('saveSetting', 'core.locale', 'en');
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const names = emu.spreadsheet.sheetNames();
    expect(names).toContain('Dashboard');
    expect(names).not.toContain('Дашборд');
  });
});
