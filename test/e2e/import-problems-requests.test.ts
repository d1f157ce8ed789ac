import { describe, expect, it } from 'vitest';
import { writeFixture, writeStudioFixture } from '../support/sheet-fixtures';
import { generateDemoStudio } from '../../local/playground/demo-studio';
import { freshStudio } from '../support/studio';

function setUp() {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  return { emu, app };
}

describe('Problems', () => {
  it('lists bad cells typed by staff with sheet/row/column/value/message, losing nothing', () => {
    const { emu, app } = setUp();
    writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Анна', email: 'anna@example.com' }], 'ru');
    const header = emu.spreadsheet.values('Клиенты')[0] ?? [];
    const letter = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    emu.spreadsheet.edit('Клиенты', `A3:${letter('Email')}3`, [['C-0002', 'Борис', '', 'не почта']]);
    emu.spreadsheet.edit('Клиенты', `${letter('День рождения')}2`, [['31.02.2001']]);
    writeFixture(
      emu,
      'orders',
      [
        { id: 'O-1', clientId: 'C-0001', date: '24.11.2026', amount: '1 200,50 ₽', status: 'Выполнен' },
        { id: 'O-2', clientId: 'C-0001', date: 'вчера', amount: 'много', status: 'completed' },
      ],
      'ru',
    );
    const before = JSON.stringify(emu.spreadsheet.values('Клиенты')) + JSON.stringify(emu.spreadsheet.values('Заказы'));
    const view = app.callFromClient('refreshProblems') as {
      count: number;
      problems: { sheet: string; row: number; column: string; value: string; message: string }[];
    };
    expect(JSON.stringify(emu.spreadsheet.values('Клиенты')) + JSON.stringify(emu.spreadsheet.values('Заказы'))).toBe(
      before,
    );
    expect(view.problems).toContainEqual(
      expect.objectContaining({ sheet: 'Клиенты', row: 3, column: 'Email', value: 'не почта' }),
    );
    expect(view.problems.find((p) => p.value === 'не почта')?.message).toMatch(/Не .*адрес|почт/i);
    expect(view.problems).toContainEqual(expect.objectContaining({ sheet: 'Заказы', row: 3, column: 'Дата' }));
    expect(view.problems.some((p) => p.sheet === 'Заказы' && p.row === 2)).toBe(false);
    const sheet = emu.spreadsheet.values('Проблемы');
    expect(sheet.length - 1).toBe(view.count);
    // Nothing new: the Problems sheet is not rewritten.
    const stored = JSON.stringify(sheet);
    emu.advance(60_000);
    app.callFromClient('refreshProblems');
    expect(JSON.stringify(emu.spreadsheet.values('Проблемы'))).toBe(stored);
  });
});

describe('importCsv', () => {
  it('merges clients by email and orders by id or email, stores formulas as text, and reports bad cells with their line', () => {
    const { emu, app } = setUp();
    writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Анна', email: 'anna@example.com', city: 'Казань' }], 'ru');
    const csv =
      'Имя;Email;Город;Страна\r\nАнна К.;ANNA@example.com;;Россия\r\n"=cmd|\' /C calc\'!A0";evil@example.com;Москва;\r\nБез почты;не почта;Омск;\r\n';
    const clients = app.callFromClient('importCsv', 'clients', csv) as {
      added: number;
      updated: number;
      skipped: number;
      problems: { row: number; column: string; value: string; message: string }[];
    };
    expect(clients).toMatchObject({ added: 1, updated: 1, skipped: 1 });
    expect(clients.problems).toContainEqual(expect.objectContaining({ row: 4, column: 'Email', value: 'не почта' }));
    const rows = emu.spreadsheet.values('Клиенты');
    const h = rows[0] ?? [];
    const anna = rows.find((row) => row[h.indexOf('Email')] === 'anna@example.com');
    expect(anna?.[h.indexOf('Город')]).toBe('Казань');
    expect(anna?.[h.indexOf('Страна')]).toBe('Россия');
    expect(anna?.[h.indexOf('Имя')]).toBe('Анна К.');
    const evil = rows.find((row) => row[h.indexOf('Email')] === 'evil@example.com');
    expect(evil?.[h.indexOf('Имя')]).toBe("=cmd|' /C calc'!A0");
    expect(
      emu.spreadsheet
        .formulas('Клиенты')
        .flat()
        .filter((f) => f !== ''),
    ).toEqual([]);

    const tsv =
      'ID заказа\tEmail клиента\tДата\tСумма\tСтатус\nO-9\tevil@example.com\t24.11.2026\t1 200,50 ₽\tВыполнен\nO-10\tnobody@example.com\t2026-11-20\t$40\tcompleted\n';
    const orders = app.callFromClient('importPasted', 'orders', tsv) as {
      added: number;
      problems: { message: string }[];
    };
    expect(orders.added).toBe(2);
    expect(orders.problems.map((p) => p.message).join()).toMatch(/без клиента/);
    const orderRows = emu.spreadsheet.values('Заказы');
    const oh = orderRows[0] ?? [];
    const o9 = orderRows.find((row) => row[oh.indexOf('ID заказа')] === 'O-9');
    expect(o9?.[oh.indexOf('Сумма')]).toBe(1200.5);
    expect(o9?.[oh.indexOf('ID клиента')]).toBe(evil?.[h.indexOf('ID клиента')]);
    // The same import again changes nothing.
    const snapshot = JSON.stringify(emu.spreadsheet.values('Заказы'));
    const again = app.callFromClient('importPasted', 'orders', tsv) as { added: number; updated: number };
    expect(again).toMatchObject({ added: 0, updated: 0 });
    expect(JSON.stringify(emu.spreadsheet.values('Заказы'))).toBe(snapshot);
  });
});

describe('requests', () => {
  it('logs a request, lists it as open, and keeps the first answer time', () => {
    const { emu, app } = setUp();
    writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Анна', email: 'anna@example.com' }], 'ru');
    const logged = app.callFromClient('logRequest', {
      clientId: 'C-0001',
      channel: 'Телеграм',
      summary: 'Нужны бейджи',
    }) as { id: string; channel: string; receivedAt: string };
    expect(logged.channel).toBe('telegram');
    expect((app.callFromClient('listOpenRequests') as { id: string }[]).map((r) => r.id)).toEqual([logged.id]);
    emu.advance(30 * 60_000);
    const answered = app.callFromClient('markRequestAnswered', logged.id) as { answeredAt: string };
    expect(Date.parse(answered.answeredAt) - Date.parse(logged.receivedAt)).toBe(30 * 60_000);
    emu.advance(60_000);
    expect((app.callFromClient('markRequestAnswered', logged.id) as { answeredAt: string }).answeredAt).toBe(
      answered.answeredAt,
    );
    expect(app.callFromClient('listOpenRequests')).toEqual([]);
    expect(() => app.callFromClient('logRequest', { clientId: 'C-9999', channel: 'email', summary: 'x' })).toThrow(
      /Нет клиента/,
    );
    const card = app.callFromClient('getClientCard', 'C-0001') as { requests: unknown[]; profile: { email: string } };
    expect(card.profile.email).toBe('anna@example.com');
    expect(card.requests).toHaveLength(1);
    expect((app.callFromClient('searchClients', 'ANNA') as { id: string }[]).map((c) => c.id)).toEqual(['C-0001']);
  });
});

describe('call counts do not grow with clients', () => {
  const callsAt = (clients: number) => {
    const { emu, app } = setUp();
    writeStudioFixture(emu, generateDemoStudio({ clients, asOf: new Date('2026-11-24T09:00:00Z') }), 'ru');
    app.run('createForms', [], { kind: 'menu' });
    const ids = JSON.parse(emu.properties.script()['forms.registration'] ?? '{}').id as string;
    const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
    // The run after the data arrived settles the Problems sheet; the measured one is a true repeat.
    app.run('setupDatabase', [], { kind: 'menu' });
    emu.rt.resetCounts();
    app.run('setupDatabase', [], { kind: 'menu' });
    emu.forms.submit(ids, { Имя: 'Новый', 'Электронная почта': 'new@example.com', Согласие: [consent] });
    app.callFromClient('importCsv', 'clients', 'Имя,Email\nИмпорт,imported@example.com\n');
    if (process.env.DEBUG_CALLS) console.log(clients, JSON.stringify(emu.rt.snapshotCounts()));
    return emu.rt.total();
  };
  // Both sizes past the sheet's first 1,000 rows, so both appends grow the sheet (one call either way).
  it('setup (second run), a registration and an import cost the same at 1,200 and 3,000 clients', () => {
    expect(callsAt(3000)).toBe(callsAt(1200));
  });
});
