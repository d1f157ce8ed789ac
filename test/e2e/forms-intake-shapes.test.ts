import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio, installSpreadsheetFormTrigger } from '../support/studio';

describe('both trigger shapes installed for one form', () => {
  it('records a feedback answer once, whichever shape fires first and however often', () => {
    const { emu, app } = freshStudio('ru');
    app.run('setupDatabase', [], { kind: 'menu' });
    app.run('createForms', [], { kind: 'menu' });
    // An older setup also left a spreadsheet-bound trigger: now every response fires both shapes.
    installSpreadsheetFormTrigger(emu);
    writeFixture(emu, 'clients', [{ id: 'C-0007', name: 'Вера', email: 'vera@example.com' }], 'ru');
    writeFixture(
      emu,
      'orders',
      [{ id: 'O-0042', clientId: 'C-0007', date: new Date('2026-11-01T10:00:00Z'), amount: 3000, status: 'completed' }],
      'ru',
    );
    const { feedback } = formIds(emu);
    const answers = {
      'Номер заказа': 'O-0042',
      'Оценка работы': '4',
      Комментарий: 'Всё отлично,\nспасибо',
      'Можно ли процитировать ваш отзыв?': 'Да',
    };

    emu.forms.submit(feedback, answers, { fireTwice: true });
    const runs = emu.triggerRuns.filter((run) => run.handler === 'onFormResponse');
    expect(runs.length).toBe(4);
    const rows = () =>
      emu.spreadsheet
        .values('Отзывы')
        .slice(1)
        .filter((row) => row[0] !== '');
    expect(rows()).toHaveLength(1);
    const header = emu.spreadsheet.values('Отзывы')[0] ?? [];
    expect(rows()[0]?.[header.indexOf('Оценка')]).toBe(4);
    expect(String(rows()[0]?.[header.indexOf('ID ответа формы')])).toMatch(/^A\d+-[0-9a-f]{8}$/);
    // The loyalty feedback bonus is paid once too.
    expect(
      emu.spreadsheet
        .values('Баллы')
        .slice(1)
        .filter((row) => row.some((cell) => String(cell).startsWith('feedback:'))),
    ).toHaveLength(1);

    // A second, different answer a minute later is a new row.
    emu.advance(60_000);
    emu.forms.submit(feedback, { ...answers, 'Оценка работы': '5' });
    expect(rows()).toHaveLength(2);
  });
});
