// A form answer reads the key column, the id column and the matching rows, not the whole sheet
// (readTableWhere in src/sheets/table.ts, findRowsWhere and newestValuesWhere in src/sheets/lookup.ts),
// and still finds the row a whole read would have found.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio } from '../support/studio';

const CLIENTS = 400;
const clientId = (n: number) => `C-${String(n).padStart(4, '0')}`;

function studio() {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  const clients = Array.from({ length: CLIENTS }, (_, i) => ({
    id: clientId(i + 1),
    name: `Клиент ${i + 1}`,
    // Client 300's address was typed by staff in mixed case and with spaces around it.
    email: i + 1 === 300 ? '  Mixed.Case@Example.COM ' : `c${i + 1}@example.com`,
    createdAt: new Date('2026-01-05T10:00:00Z'),
  }));
  writeFixture(emu, 'clients', clients, 'ru');
  writeFixture(
    emu,
    'orders',
    [
      {
        id: 'O-77',
        clientId: clientId(300),
        date: new Date('2026-11-20T10:00:00Z'),
        product: 'Стикеры',
        amount: 100,
        quantity: 1,
        status: 'completed',
        completedAt: new Date('2026-11-20T10:00:00Z'),
      },
    ],
    'ru',
  );
  app.run('createForms', [], { kind: 'menu' });
  return { emu, app, ids: formIds(emu) };
}

const cellsReadBy = (emu: ReturnType<typeof freshStudio>['emu'], run: () => void) => {
  const before = emu.rt.cellCounts.get('Range.getValues') ?? 0;
  run();
  return (emu.rt.cellCounts.get('Range.getValues') ?? 0) - before;
};

describe('form answers read only what they look up', () => {
  it('a registration updates the one client whose email matches whatever its case, reading under a sheet of cells', () => {
    const { emu, ids } = studio();
    const clientsSheet = emu.spreadsheet.values('Клиенты');
    const width = clientsSheet[0]?.length ?? 0;
    const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
    const read = cellsReadBy(emu, () =>
      emu.forms.submit(ids.registration, {
        Имя: 'Мария',
        'Электронная почта': 'mixed.case@example.com',
        Город: 'Казань',
        Согласие: [consent],
      }),
    );
    const after = emu.spreadsheet.values('Клиенты');
    // No new client: the answer landed on client 300's row (row 301), which now has the city.
    expect(after.slice(1).filter((row) => row[0] !== '')).toHaveLength(CLIENTS);
    const header = after[0] ?? [];
    expect(after[300]?.[header.indexOf('ID клиента')]).toBe(clientId(300));
    expect(after[300]?.[header.indexOf('Город')]).toBe('Казань');
    // A whole read of Clients alone is 401 rows × its width; the email and id columns are 2 × 400.
    expect(read).toBeLessThan((CLIENTS * width) / 4);
  });

  it('a feedback answer finds its order typed in another case and puts it on that order’s client', () => {
    const { emu, ids } = studio();
    emu.forms.submit(ids.feedback, {
      'Номер заказа': 'o-77',
      'Оценка работы': '5',
      Комментарий: 'Спасибо',
      'Можно ли процитировать ваш отзыв?': 'Да',
    });
    const feedback = emu.spreadsheet.values('Отзывы');
    const header = feedback[0] ?? [];
    expect(feedback.slice(1).filter((row) => row[0] !== '')).toHaveLength(1);
    expect(feedback[1]?.[header.indexOf('ID клиента')]).toBe(clientId(300));
  });

  it('a feedback answer reads the Orders id, client and email columns from the bottom: a recent order costs one block, an old one the rest', () => {
    const ORDERS = 1_200;
    const orderClient = (n: number) => clientId(((n - 1) % CLIENTS) + 1);
    const answerFor = (orderId: string) => {
      const { emu, ids } = studio();
      writeFixture(
        emu,
        'orders',
        Array.from({ length: ORDERS }, (_, i) => ({
          id: `O-${i + 1}`,
          clientId: orderClient(i + 1),
          date: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
          product: 'Стикеры',
          amount: 100,
          quantity: 1,
          status: 'completed',
          completedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
        })),
        'ru',
      );
      const read = cellsReadBy(emu, () =>
        emu.forms.submit(ids.feedback, { 'Номер заказа': orderId, 'Оценка работы': '4', Комментарий: 'Хорошо' }),
      );
      const feedback = emu.spreadsheet.values('Отзывы');
      return { read, clientId: feedback[1]?.[(feedback[0] ?? []).indexOf('ID клиента')] };
    };
    // The studio's O-77 is row 2, so these orders are rows 3–1202 (O-n at row n + 2). O-1150 (row 1152) is
    // in the first block, the last 500 rows (703–1202); O-3 (row 5) in the second, which stops at row 2:
    // rows 2–702 of the three columns (id, client id, client email: the order's row is not read apart),
    // 701 × 3 = 2,103 cells more. Everything else the two answers read is the same.
    const recent = answerFor('O-1150');
    const old = answerFor('O-3');
    expect(recent.clientId).toBe(orderClient(1150)); // C-0350: (1150 − 1) mod 400 + 1
    expect(old.clientId).toBe(orderClient(3)); // C-0003
    expect(old.read - recent.read).toBe(2_103);
  });
});
