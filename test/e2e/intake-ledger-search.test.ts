// Loyalty's readLedgerOf (a registration's welcome, a feedback bonus) finds the client's ledger rows with a search
// of the ledger's client column (src/sheets/lookup.ts findRowsWhere) instead of reading that column: a large
// ledger would cost every answer ≈ 4 s. Adjacent proposed rows are read together.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio } from '../support/studio';

const clientId = (n: number) => `C-${String(n).padStart(4, '0')}`;
type Emu = ReturnType<typeof freshStudio>['emu'];

/** 20 clients; a 400-row ledger whose rows at `rowsOfTen` (sheet rows) are C-0010's, the first its welcome. */
function studio(rowsOfTen: readonly number[]) {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  writeFixture(
    emu,
    'clients',
    Array.from({ length: 20 }, (_, i) => ({
      id: clientId(i + 1),
      name: `Клиент ${i + 1}`,
      email: `c${i + 1}@example.com`,
      createdAt: new Date('2026-01-05T10:00:00Z'),
    })),
    'ru',
  );
  const ten = new Set(rowsOfTen);
  writeFixture(
    emu,
    'loyalty',
    Array.from({ length: 400 }, (_, i) => {
      const sheetRow = i + 2;
      const own = ten.has(sheetRow);
      const welcome = own && sheetRow === rowsOfTen[0];
      return {
        id: `L-${i + 1}`,
        date: new Date('2026-06-01T12:00:00Z'),
        clientId: own ? clientId(10) : clientId(11),
        kind: welcome ? 'bonus' : 'earn',
        points: welcome ? 100 : 10,
        key: welcome ? `registration:${clientId(10)}` : `earn:O-${i + 1}`,
        orderId: welcome ? '' : `O-${i + 1}`,
        reason: 'заказ',
        by: '',
      };
    }),
    'ru',
  );
  app.run('createForms', [], { kind: 'menu' });
  const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
  const register = () =>
    emu.forms.submit(formIds(emu).registration, {
      Имя: 'Клиент 10',
      'Электронная почта': 'c10@example.com',
      Город: 'Казань',
      Согласие: [consent],
    });
  return { emu, register };
}

function counted(emu: Emu, run: () => void) {
  const cells = (call: string) => emu.rt.cellCounts.get(call) ?? 0;
  const calls = (call: string) => emu.rt.counts.get(call) ?? 0;
  const before = { read: cells('Range.getValues'), reads: calls('Range.getValues') };
  run();
  return { read: cells('Range.getValues') - before.read, reads: calls('Range.getValues') - before.reads };
}

const ledgerRows = (emu: Emu) =>
  emu.spreadsheet
    .values('Баллы')
    .slice(1)
    .filter((row) => row[0] !== '');

describe('a registration’s welcome finds the client’s ledger rows by a search', () => {
  it('reads the proposed rows in runs, not the client column, and pays no second welcome', () => {
    // C-0010's 8 rows: 3 | 10 11 12 | 49 | 100 | 201 202 — five runs, five reads (the most read alone at 400).
    const inRuns = studio([3, 10, 11, 12, 49, 100, 201, 202]);
    // The same 8 rows as six runs (12 moved to 13): past five, the client column is read, then each row alone.
    const column = studio([3, 10, 11, 13, 49, 100, 201, 202]);
    const a = counted(inRuns.emu, inRuns.register);
    const b = counted(column.emu, column.register);
    // Either way the welcome of 100 is found: no new ledger row (400 still), the city is written.
    expect([ledgerRows(inRuns.emu).length, ledgerRows(column.emu).length]).toEqual([400, 400]);
    const city = (emu: Emu) => {
      const rows = emu.spreadsheet.values('Клиенты');
      return rows[10]?.[(rows[0] ?? []).indexOf('Город')];
    };
    expect([city(inRuns.emu), city(column.emu)]).toEqual(['Казань', 'Казань']);
    // The column read: 400 cells more, and 1 column read + 8 row reads against 5 run reads: 4 more calls.
    expect(b.read - a.read).toBe(400);
    expect(b.reads - a.reads).toBe(4);
  });
});
