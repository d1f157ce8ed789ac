// A form answer finds its rows with a TextFinder search of one column instead of reading it (src/sheets/lookup.ts):
// a registration searches Clients' emails, a feedback answer Feedback's order column. A search only proposes rows:
// each is read and its parsed value checked, so part of another address, or another case, is never taken on trust.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio } from '../support/studio';

const clientId = (n: number) => `C-${String(n).padStart(4, '0')}`;
type Emu = ReturnType<typeof freshStudio>['emu'];

/** `clients` clients; client 120 is joanna@…, 200 is written `Вера <…>`, 300 in mixed case with spaces. */
function studio(clients: number) {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  const email = (n: number) =>
    n === 120
      ? 'joanna@example.com'
      : n === 200
        ? 'Вера <Vera@Example.com>'
        : n === 300
          ? '  Mixed.Case@Example.COM '
          : `c${n}@example.com`;
  writeFixture(
    emu,
    'clients',
    Array.from({ length: clients }, (_, i) => ({
      id: clientId(i + 1),
      name: `Клиент ${i + 1}`,
      email: email(i + 1),
      createdAt: new Date('2026-01-05T10:00:00Z'),
    })),
    'ru',
  );
  writeFixture(
    emu,
    'orders',
    ['O-7', 'O-77'].map((id) => ({
      id,
      clientId: clientId(300),
      date: new Date('2026-11-20T10:00:00Z'),
      product: 'Стикеры',
      amount: 100,
      quantity: 1,
      status: 'completed',
      completedAt: new Date('2026-11-20T10:00:00Z'),
    })),
    'ru',
  );
  app.run('createForms', [], { kind: 'menu' });
  const consent = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
  return { emu, ids: formIds(emu), consent };
}

/** Cells read by getValues and scanned by TextFinder searches while `run` runs. */
function counted(emu: Emu, run: () => void) {
  const cells = (call: string) => emu.rt.cellCounts.get(call) ?? 0;
  const calls = (call: string) => emu.rt.counts.get(call) ?? 0;
  const before = {
    read: cells('Range.getValues'),
    reads: calls('Range.getValues'),
    scanned: cells('TextFinder.findAll'),
    finds: calls('TextFinder.findAll'),
  };
  run();
  return {
    read: cells('Range.getValues') - before.read,
    reads: calls('Range.getValues') - before.reads,
    scanned: cells('TextFinder.findAll') - before.scanned,
    finds: calls('TextFinder.findAll') - before.finds,
  };
}

const clientRows = (emu: Emu) =>
  emu.spreadsheet
    .values('Клиенты')
    .slice(1)
    .filter((row) => row[0] !== '');
const column = (emu: Emu, sheet: string, title: string) => (emu.spreadsheet.values(sheet)[0] ?? []).indexOf(title);

describe('a registration finds its client with a search of the email column', () => {
  it('lands on the row whose address parses to the answer’s, however it was typed', () => {
    const { emu, ids, consent } = studio(400);
    const register = (address: string, city: string) =>
      emu.forms.submit(ids.registration, {
        Имя: 'Ответ',
        'Электронная почта': address,
        Город: city,
        Согласие: [consent],
      });
    register('mixed.case@example.com', 'Казань'); // stored "  Mixed.Case@Example.COM ": client 300, sheet row 301
    register('VERA@example.com', 'Тула'); // stored "Вера <Vera@Example.com>": client 200, sheet row 201
    const rows = emu.spreadsheet.values('Клиенты');
    const city = column(emu, 'Клиенты', 'Город');
    expect(clientRows(emu)).toHaveLength(400); // no new client
    expect(rows[300]?.[city]).toBe('Казань');
    expect(rows[200]?.[city]).toBe('Тула');
  });

  it('does not take part of another address: anna@ is inside joanna@ yet makes a new client', () => {
    const { emu, ids, consent } = studio(400);
    emu.forms.submit(ids.registration, { Имя: 'Анна', 'Электронная почта': 'anna@example.com', Согласие: [consent] });
    const rows = clientRows(emu);
    const email = column(emu, 'Клиенты', 'Email');
    const name = column(emu, 'Клиенты', 'Имя');
    expect(rows).toHaveLength(401);
    expect(rows[119]?.[name]).toBe('Клиент 120'); // joanna's row untouched
    // The new client takes the id after the highest, C-0400 + 1, on the row after the last (sheet row 402).
    expect(rows[400]?.[0]).toBe('C-0401');
    expect(rows[400]?.[email]).toBe('anna@example.com');
  });

  it('reads the whole column when the search proposes more rows than it would read one by one', () => {
    // `count` addresses hold "ann@example.com" as part of them, none whole: each a proposal to turn down, on
    // every other row (rows 2, 4, …), so each is a read of its own (adjacent rows are read together).
    const near = ['joann', 'lyann', 'mariann', 'suzann', 'dianne-ann', 'ann-ann'].map(
      (local) => `${local}@example.com`,
    );
    const answerWith = (count: number) => {
      const { emu, ids, consent } = studio(400);
      const email = column(emu, 'Клиенты', 'Email');
      near
        .slice(0, count)
        .forEach((address, i) =>
          emu.spreadsheet.edit('Клиенты', `${String.fromCharCode(65 + email)}${2 * i + 2}`, address),
        );
      const read = counted(emu, () =>
        emu.forms.submit(ids.registration, { Имя: 'Энн', 'Электронная почта': 'ann@example.com', Согласие: [consent] }),
      );
      const rows = clientRows(emu);
      expect(rows).toHaveLength(401); // a new client each time, no proposal taken
      expect(rows[400]?.[email]).toBe('ann@example.com');
      return { ...read, width: (emu.spreadsheet.values('Клиенты')[0] ?? []).length };
    };
    const five = answerWith(5);
    const six = answerWith(6);
    // Five proposals: five row reads. Six: one read of the email column (rows 2–401) instead; all else the same.
    expect(five.reads - six.reads).toBe(4);
    expect(six.read - five.read).toBe(400 - 5 * five.width);
    expect([five.scanned, six.scanned]).toEqual([400, 400]);
  });

  it('scans the email column instead of reading it: reads do not grow with clients, except a new id’s column', () => {
    const returning = (clients: number) => {
      const { emu, ids, consent } = studio(clients);
      return counted(emu, () =>
        emu.forms.submit(ids.registration, { Имя: 'Вера', 'Электронная почта': 'c7@example.com', Согласие: [consent] }),
      );
    };
    const joining = (clients: number) => {
      const { emu, ids, consent } = studio(clients);
      return counted(emu, () =>
        emu.forms.submit(ids.registration, {
          Имя: 'Новая',
          'Электронная почта': 'new@example.com',
          Согласие: [consent],
        }),
      );
    };
    const [small, large] = [returning(400), returning(800)];
    // One search of the email column, rows 2–401 and 2–801: 400 and 800 cells.
    expect([small.finds, small.scanned, large.finds, large.scanned]).toEqual([1, 400, 1, 800]);
    // A returning client needs no new id: the same reads at either size (header, the client's row, Settings, …).
    expect(large.read - small.read).toBe(0);
    // A new client reads the id column for the next id: 400 more cells at 800 clients; no email column.
    const [smallNew, largeNew] = [joining(400), joining(800)];
    expect(largeNew.read - smallNew.read).toBe(400);
    expect(largeNew.scanned - smallNew.scanned).toBe(400);
  });
});

describe('a feedback answer finds the order’s earlier answers with one search of the order column', () => {
  const answer = (orderId: string, comment: string) => ({
    'Номер заказа': orderId,
    'Оценка работы': '5',
    Комментарий: comment,
    'Можно ли процитировать ваш отзыв?': 'Да',
  });
  const feedbackRows = (emu: Emu) =>
    emu.spreadsheet
      .values('Отзывы')
      .slice(1)
      .filter((row) => row[0] !== '');
  const feedbackBonuses = (emu: Emu) => {
    const key = column(emu, 'Баллы', 'Ключ');
    return emu.spreadsheet
      .values('Баллы')
      .slice(1)
      .filter((row) => String(row[key]).startsWith('feedback:'))
      .map((row) => row[key]);
  };

  it('records a response fired twice once, and pays the order’s points once, whatever the case typed', () => {
    const { emu, ids } = studio(400);
    emu.forms.submit(ids.feedback, answer('O-77', 'Спасибо'), { fireTwice: true });
    expect(feedbackRows(emu)).toHaveLength(1);
    // A second answer for the same order, typed in another case: its own row, no second bonus.
    const second = counted(emu, () => emu.forms.submit(ids.feedback, answer('o-77', 'Ещё раз')));
    const rows = feedbackRows(emu);
    const order = column(emu, 'Отзывы', 'ID заказа');
    // Each row keeps the order as it was typed; the second still counts as the same order.
    expect(rows.map((row) => [row[0], row[order]])).toEqual([
      ['F-0001', 'O-77'],
      ['F-0002', 'o-77'],
    ]);
    expect(feedbackBonuses(emu)).toEqual(['feedback:F-0001']);
    // One search of the order column, rows 2–2 (the one answer so far): 1 cell; one of the id column for the
    // new id, F-0001 + 1 (the last issued), rows 2–2: 1 cell.
    expect([second.finds, second.scanned]).toEqual([2, 2]);
  });

  it('takes no other order for this one: O-7 is inside O-77 yet earns its own points', () => {
    const { emu, ids } = studio(400);
    emu.forms.submit(ids.feedback, answer('O-77', 'Первый'));
    emu.forms.submit(ids.feedback, answer('O-7', 'Второй'));
    expect(feedbackBonuses(emu)).toEqual(['feedback:F-0001', 'feedback:F-0002']);
  });
});

describe('a form answer’s fixed calls', () => {
  it('reads the script properties it starts with in one call and asks Google about no lock it holds', () => {
    const { emu, ids, consent } = studio(400);
    // A running studio has its signing secret (made once, at the first signed link or referral code).
    emu.properties.seed('script', { 'crm.hmacSecret': 'test-secret' });
    emu.rt.resetCounts();
    emu.forms.submit(ids.registration, { Имя: 'Новая', 'Электронная почта': 'new@example.com', Согласие: [consent] });
    const calls = emu.rt.snapshotCounts();
    // One snapshot at the trigger's start (sending account, run log, stored forms, the old queue) and one read
    // of the queue under the lock; one script-properties handle for the whole execution.
    expect(calls['Properties.getProperties']).toBe(2);
    expect(calls['PropertiesService.getScriptProperties']).toBe(1);
    // What is still read by key: the workbook's language (document properties) and the signing secret
    // (the new client's referral code), and the last client id issued (none yet: the id column is read).
    expect(calls['Properties.getProperty']).toBe(3);
    // Writes: the run log at start and end, the queued answer, the id issued; the answer's delete once recorded.
    expect([calls['Properties.setProperty'], calls['Properties.deleteProperty']]).toEqual([4, 1]);
    // The nested database locks (answer, upsert, append, loyalty's welcome) run inside the one taken.
    expect([calls['Lock.tryLock'], calls['Lock.hasLock'] ?? 0]).toEqual([1, 0]);
    // Each tab found once: Settings, Clients, the loyalty ledger.
    expect(calls['Spreadsheet.getSheetByName']).toBe(3);
  });
});
