// A form answer's new id (src/sheets/lookup.ts issueId): the one after the last issued, kept in a script
// property once its row is flushed, checked unused by a search of the id column instead of a read of it. It must
// never repeat an id: not one staff typed by hand, not one whose row was deleted, not one across a kill.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio } from '../support/studio';

const clientId = (n: number) => `C-${String(n).padStart(4, '0')}`;
type Emu = ReturnType<typeof freshStudio>['emu'];

function studio(clients: number) {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  writeFixture(
    emu,
    'clients',
    Array.from({ length: clients }, (_, i) => ({
      id: clientId(i + 1),
      name: `Клиент ${i + 1}`,
      email: `c${i + 1}@example.com`,
      createdAt: new Date('2026-01-05T10:00:00Z'),
    })),
    'ru',
  );
  writeFixture(
    emu,
    'orders',
    [
      {
        id: 'O-7',
        clientId: clientId(3),
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
  const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
  const register = (email: string) =>
    emu.forms.submit(formIds(emu).registration, { Имя: 'Новая', 'Электронная почта': email, Согласие: [consent] });
  const feedback = (comment: string) =>
    emu.forms.submit(formIds(emu).feedback, {
      'Номер заказа': 'O-7',
      'Оценка работы': '5',
      Комментарий: comment,
      'Можно ли процитировать ваш отзыв?': 'Да',
    });
  return { emu, app, register, feedback };
}

const ids = (emu: Emu, sheet: string) =>
  emu.spreadsheet
    .values(sheet)
    .slice(1)
    .map((row) => String(row[0]))
    .filter((id) => id !== '');
const rowOf = (emu: Emu, sheet: string, email: string) =>
  emu.spreadsheet.values(sheet).find((row) => row.includes(email));

/** Cells read by getValues and scanned by searches while `run` runs. */
function counted(emu: Emu, run: () => void) {
  const cells = (call: string) => emu.rt.cellCounts.get(call) ?? 0;
  const before = { read: cells('Range.getValues'), scanned: cells('TextFinder.findAll') };
  run();
  return { read: cells('Range.getValues') - before.read, scanned: cells('TextFinder.findAll') - before.scanned };
}

describe('a new client id', () => {
  it('is the one after the last issued, checked by a search of the id column instead of a read', () => {
    const { emu, register } = studio(400);
    // First use: no id issued yet, so the id column is read: C-0400 + 1.
    const first = counted(emu, () => register('a@example.com'));
    expect(rowOf(emu, 'Клиенты', 'a@example.com')?.[0]).toBe('C-0401');
    expect(emu.properties.script()['ids.last.clients']).toBe('C-0401');
    const second = counted(emu, () => register('b@example.com'));
    expect(rowOf(emu, 'Клиенты', 'b@example.com')?.[0]).toBe('C-0402');
    // The second scans the email column and the id column, rows 2–402 (401 clients) each, and the ledger's
    // client column, row 2 (the first's welcome points): 803 cells, where the first scanned the email column's
    // 400 (the ledger empty) and read the id column's 400 besides what both read.
    expect(second.scanned - first.scanned).toBe(803 - 400);
    expect(first.read - second.read).toBe(400);
  });

  it('skips an id staff typed by hand anywhere in the column, even padded', () => {
    const { emu, register } = studio(400);
    register('a@example.com'); // C-0401
    // Staff retype client 10's id (sheet row 11) as the next one, with a stray space.
    emu.spreadsheet.edit('Клиенты', 'A11', ' C-0402 ');
    register('b@example.com');
    // The search finds C-0402, so the column is read: highest C-0402, next C-0403.
    expect(rowOf(emu, 'Клиенты', 'b@example.com')?.[0]).toBe('C-0403');
    expect(new Set(ids(emu, 'Клиенты').map((id) => id.trim())).size).toBe(402);
  });

  it('does not issue again the id of a row staff deleted', () => {
    const { emu, register } = studio(400);
    register('a@example.com'); // C-0401, sheet row 402
    const width = (emu.spreadsheet.values('Клиенты')[0] ?? []).length;
    const last = (n: number): string =>
      (n > 26 ? last(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
    emu.spreadsheet.edit('Клиенты', `A402:${last(width)}402`, [Array<string>(width).fill('')]);
    register('b@example.com');
    // Its orders or points may still name C-0401: the next is C-0402, though the highest id left is C-0400.
    expect(rowOf(emu, 'Клиенты', 'b@example.com')?.[0]).toBe('C-0402');
  });

  it('an answer cut off after k calls, for every k, then recorded by the next run: each id once', () => {
    const { emu, app, register } = studio(20);
    register('a@example.com'); // C-0021: the last issued is now kept
    const start = emu.toJSON();
    emu.rt.resetCounts();
    register('b@example.com');
    const calls = emu.rt.total();
    const failures: string[] = [];
    for (let k = 0; k <= calls; k += 1) {
      emu.restore(start);
      emu.rt.killExecutionsAfter(k);
      try {
        register('b@example.com');
      } catch {
        // the kill, as Google's time limit ends an execution
      }
      emu.rt.clearFaults();
      app.run('runIntakeBacklog', [], { kind: 'trigger' });
      // Cut before it was queued, the answer never reached the add-on: here it is sent again.
      if (!rowOf(emu, 'Клиенты', 'b@example.com')) register('b@example.com');
      register('c@example.com');
      const all = ids(emu, 'Клиенты');
      // 20 fixture clients, a, b and c: b took C-0022 and c C-0023, however b's first execution was cut.
      const expected = [...Array.from({ length: 21 }, (_, i) => clientId(i + 1)), 'C-0022', 'C-0023'];
      if (JSON.stringify(all) !== JSON.stringify(expected)) failures.push(`k=${k}: ${all.slice(20).join(', ')}`);
      if (rowOf(emu, 'Клиенты', 'b@example.com')?.[0] !== 'C-0022') failures.push(`k=${k}: b is not C-0022`);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('a new feedback id', () => {
  it('follows the last issued, skipping one staff typed', () => {
    const { emu, feedback } = studio(20);
    feedback('Первый'); // F-0001
    feedback('Второй'); // F-0002
    // Staff retype the first answer's id as the next one.
    emu.spreadsheet.edit('Отзывы', 'A2', 'F-0003');
    feedback('Третий');
    expect(ids(emu, 'Отзывы')).toEqual(['F-0003', 'F-0002', 'F-0004']);
  });
});
