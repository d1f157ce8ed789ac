// A studio whose client list lives on a tab of its own name ("Клиенты 2025") and its orders on another
// ("Sales"): chosen in Settings, every reader and setup's adoption use those tabs; a tab that does not exist
// is refused with a sentence.
import { describe, expect, it } from 'vitest';
import { writeSheet } from '../support/sheet-fixtures';
import { freshStudio, workbookState } from '../support/studio';

type Row = unknown[];
const column = (rows: Row[], title: string) => (rows[0] ?? []).indexOf(title);

describe('a client list under another name, chosen in Settings', () => {
  it('adopts "Клиенты 2025": ids assigned there, its problems named by its tab, readers use it, a re-run changes nothing', () => {
    const { emu, app } = freshStudio('ru');
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
    writeSheet(emu, 'Клиенты 2025', [
      ['Имя', 'E-mail', 'Заметки студии'],
      ['Анна Петрова', 'anna@example.com', 'VIP'],
      ['Борис', 'bad@', ''],
      ['Глеб', 'gleb@example.com', ''],
    ]);
    app.callFromClient('saveSetting', 'sheets.clients', 'Клиенты 2025');
    app.run('setupDatabase', [], { kind: 'menu' });

    const clients = emu.spreadsheet.values('Клиенты 2025') as Row[];
    const idAt = column(clients, 'ID клиента');
    // The three staff columns stay first; setup appended the rest, the id among them.
    expect(idAt).toBeGreaterThanOrEqual(3);
    expect(clients.slice(0, 4).map((row) => row.slice(0, 3))).toEqual([
      ['Имя', 'E-mail', 'Заметки студии'],
      ['Анна Петрова', 'anna@example.com', 'VIP'],
      ['Борис', 'bad@', ''],
      ['Глеб', 'gleb@example.com', ''],
    ]);
    expect(clients.slice(1, 4).map((row) => row[idAt])).toEqual(['C-0001', 'C-0002', 'C-0003']);
    // The add-on's own empty "Клиенты" tab stays empty: nothing was written there.
    expect(emu.spreadsheet.values('Клиенты').length).toBe(1);

    // Only the bad address is a problem, and it names the studio's tab.
    const problems = emu.spreadsheet.values('Проблемы') as Row[];
    const at = (title: string) => column(problems, title);
    expect(
      problems.slice(1).map((row) => [row[at('Лист')], row[at('Строка')], row[at('Столбец')], row[at('Значение')]]),
    ).toEqual([['Клиенты 2025', 3, 'E-mail', 'bad@']]);

    // The sidebar reads the chosen tab.
    const found = app.callFromClient('searchClients', 'гле') as { id: string; email: string }[];
    expect(found.map((client) => [client.id, client.email])).toEqual([['C-0003', 'gleb@example.com']]);
    app.callFromClient('logRequest', { clientId: 'C-0001', channel: 'email', summary: 'Стикеры?' });
    expect(emu.spreadsheet.values('Обращения').length).toBe(2);

    const before = workbookState(emu);
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(workbookState(emu)).toEqual(before);
  });

  it('takes orders from a chosen "Sales" tab, with ids given to its rows, on the client card', () => {
    const { emu, app } = freshStudio('en');
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
    writeSheet(emu, 'Customers', [
      ['Client ID', 'Name', 'Email'],
      ['C-0001', 'Ann', 'ann@example.com'],
    ]);
    writeSheet(emu, 'Sales', [
      ['Order date', 'Client ID', 'Product', 'Amount', 'Status'],
      [new Date('2026-10-01T12:00:00Z'), 'C-0001', 'Overlay', 50, 'Completed'],
      [new Date('2026-10-02T12:00:00Z'), 'C-0001', 'Logo', 80, 'Completed'],
    ]);
    app.callFromClient('saveSetting', 'sheets.clients', 'Customers');
    app.callFromClient('saveSetting', 'sheets.orders', 'Sales');
    app.run('setupDatabase', [], { kind: 'menu' });

    const sales = emu.spreadsheet.values('Sales') as Row[];
    expect(sales.slice(1, 3).map((row) => row[column(sales, 'Order ID')])).toEqual(['O-0001', 'O-0002']);
    const card = app.callFromClient('getClientCard', 'C-0001') as { orders: { id: string; amount: number }[] };
    // Newest first: the logo of 2 October, then the overlay of 1 October.
    expect(card.orders.map((order) => [order.id, order.amount])).toEqual([
      ['O-0002', 80],
      ['O-0001', 50],
    ]);
  });

  it('refuses a tab that does not exist or holds another of the add-on’s sheets, and keeps the setting as it was', () => {
    const { emu, app } = freshStudio('en');
    app.run('setupDatabase', [], { kind: 'menu' });
    const before = JSON.stringify(emu.spreadsheet.values('Settings'));
    expect(() => app.callFromClient('saveSetting', 'sheets.clients', 'Clients 2024')).toThrow(
      'Not saved: there is no tab “Clients 2024” in this spreadsheet. Write the tab’s name exactly as it shows, or leave it blank.',
    );
    // The Orders tab is the add-on's own order sheet: a client list there would mix the two.
    expect(() => app.callFromClient('saveSetting', 'sheets.clients', 'Orders')).toThrow(
      'Not saved: the tab “Orders” already holds the add-on’s sheet “Orders”. Choose the tab the list is kept on.',
    );
    expect(JSON.stringify(emu.spreadsheet.values('Settings'))).toBe(before);
  });
});
