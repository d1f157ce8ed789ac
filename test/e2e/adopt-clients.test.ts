// Adopting the client list a studio already keeps by hand: setup gives every record an id, reads every
// row, and lists only what is really wrong; a second setup changes nothing.
import { describe, expect, it } from 'vitest';
import { writeSheet } from '../support/sheet-fixtures';
import { freshStudio, workbookState } from '../support/studio';

// As staff type it: Russian headers, no ID column, a blank row, the same address twice in other case,
// one address without a domain, one date that does not exist (typed as text: Sheets keeps it as text).
const HAND_KEPT = [
  ['Имя', 'E-mail', 'Дата рождения', 'Заметки студии'],
  ['Анна Петрова', 'anna@example.com', '12.03.1991', 'VIP'],
  ['Борис', 'bad@', '', ''],
  ['', '', '', ''],
  ['Вера', 'vera@example.com', '31.02.2000', ''],
  ['Анна П.', 'Anna@Example.com', '', 'та же Анна?'],
  ['Глеб', 'gleb@example.com', '', ''],
];

type Row = unknown[];
const column = (rows: Row[], title: string) => (rows[0] ?? []).indexOf(title);

describe('adopting a hand-kept Clients sheet', () => {
  it('assigns ids in the studio style, lists only the real problems once each, and a re-run changes nothing', () => {
    const { emu, app } = freshStudio('ru');
    writeSheet(emu, 'Клиенты', HAND_KEPT);
    app.run('setupDatabase', [], { kind: 'menu' });

    const clients = emu.spreadsheet.values('Клиенты') as Row[];
    const idAt = column(clients, 'ID клиента');
    expect(idAt).toBeGreaterThanOrEqual(4);
    // Staff's cells stay where they were (Sheets itself turned the typed real date into a date).
    const kept = clients.slice(0, 7).map((row) => row.slice(0, 4));
    expect(kept.map((row) => [row[0], row[1], row[3]])).toEqual(HAND_KEPT.map((row) => [row[0], row[1], row[3]]));
    expect(kept.map((row) => row[2] instanceof Date || row[2])).toEqual([
      'Дата рождения',
      true,
      '',
      '',
      '31.02.2000',
      '',
      '',
    ]);
    // Every record row gets an id, in sheet order, one width (C-0001 as the add-on makes them); the blank row none.
    expect(clients.slice(1, 7).map((row) => row[idAt])).toEqual(['C-0001', 'C-0002', '', 'C-0003', 'C-0004', 'C-0005']);

    const problems = (emu.spreadsheet.values('Проблемы') as Row[]).slice(1);
    const at = (title: string) => column(emu.spreadsheet.values('Проблемы'), title);
    const listed = problems.map((row) => [row[at('Лист')], row[at('Строка')], row[at('Столбец')], row[at('Значение')]]);
    // The bad address, the impossible date, and the second row of the same address; nothing else.
    expect(listed).toEqual([
      ['Клиенты', 3, 'E-mail', 'bad@'],
      ['Клиенты', 5, 'Дата рождения', '31.02.2000'],
      ['Клиенты', 6, 'E-mail', 'Anna@Example.com'],
    ]);
    const messages = problems.map((row) => String(row[at('Что не так')]));
    expect(messages[2]).toMatch(/строк[аеи] 2/);
    for (const message of messages) expect(message).not.toMatch(/заголов|undefined|NaN|\[object/);

    const before = workbookState(emu);
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(workbookState(emu)).toEqual(before);
  });

  it('continues the width the studio already uses and never reuses an id', () => {
    const { emu, app } = freshStudio('en');
    writeSheet(emu, 'Clients', [
      ['Client ID', 'Name', 'Email'],
      ['C-00007', 'Ann', 'ann@example.com'],
      ['', 'Bob', 'bob@example.com'],
      ['C-00002', 'Cy', 'cy@example.com'],
      ['', 'Dee', 'dee@example.com'],
    ]);
    app.run('setupDatabase', [], { kind: 'menu' });
    const clients = emu.spreadsheet.values('Clients') as Row[];
    expect(clients.slice(1, 5).map((row) => row[0])).toEqual(['C-00007', 'C-00008', 'C-00002', 'C-00009']);
  });

  it('gives hand-kept orders ids too', () => {
    const { emu, app } = freshStudio('en');
    writeSheet(emu, 'Orders', [
      ['Order date', 'Email', 'Product', 'Amount', 'Status'],
      [new Date('2026-10-01T12:00:00Z'), 'ann@example.com', 'Overlay', 50, 'Completed'],
      [new Date('2026-10-02T12:00:00Z'), 'bob@example.com', 'Logo', 80, 'Completed'],
    ]);
    app.run('setupDatabase', [], { kind: 'menu' });
    const orders = emu.spreadsheet.values('Orders') as Row[];
    const idAt = column(orders, 'Order ID');
    expect(orders.slice(1, 3).map((row) => row[idAt])).toEqual(['O-0001', 'O-0002']);
    const problems = (emu.spreadsheet.values('Problems') as Row[]).slice(1);
    expect(problems.filter((row) => String(row[1]) === 'Orders')).toEqual([]);
  });
});
