// Feedback that names an order: an unknown order is listed on Problems (not saved silently without a client)
// unless the address is the one a mail's link was signed for (door-feedback-link.test.ts); it earns no points;
// a second answer for the same order earns no points again, at intake or at night.
import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio } from '../support/studio';

function studio() {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  app.run('createForms', [], { kind: 'menu' });
  writeFixture(emu, 'clients', [{ id: 'C-0007', name: 'Вера', email: 'vera@example.com' }], 'ru');
  writeFixture(
    emu,
    'orders',
    [{ id: 'O-0042', clientId: 'C-0007', date: new Date('2026-11-01T10:00:00Z'), amount: 3000, status: 'completed' }],
    'ru',
  );
  const template = JSON.parse(emu.properties.script()['forms.feedback'] ?? '{}').prefillTemplate as string;
  const answer = (order: string, email?: string) =>
    emu.forms.submitPrefilled(template.replace('ORDER_REFERENCE_PLACEHOLDER', order), {
      'Оценка работы': '5',
      ...(email === undefined ? {} : { 'Ваша электронная почта (та, с которой заказывали)': email }),
    });
  return { emu, app, answer };
}

const feedbackBonuses = (emu: ReturnType<typeof freshStudio>['emu']) => {
  const rows = emu.spreadsheet.values('Баллы');
  const header = rows[0] ?? [];
  return rows
    .slice(1)
    .filter((row) => String(row[header.indexOf('Ключ')]).startsWith('feedback:'))
    .map((row) => [row[header.indexOf('ID клиента')], row[header.indexOf('Баллы')]]);
};

describe('feedback on an order', () => {
  it('names an order that does not exist on Problems, once', () => {
    const { emu, answer } = studio();
    answer('O-99999');
    const problems = emu.spreadsheet.values('Проблемы');
    const header = problems[0] ?? [];
    const listed = problems
      .slice(1)
      .map((row) => [row[header.indexOf('Лист')], row[header.indexOf('Столбец')], row[header.indexOf('Значение')]]);
    expect(listed).toEqual([['Отзывы', 'ID заказа', 'O-99999']]);
    const message = String(problems[1]?.[header.indexOf('Что не так')]);
    expect(message).toMatch(/O-99999/);
    expect(message).not.toMatch(/undefined|\{value\}/);
    expect(feedbackBonuses(emu)).toEqual([]);
  });

  it('lets a typed address not claim feedback on an unknown order: nobody’s, on Problems, no points', () => {
    const { emu, app, answer } = studio();
    // Vera's address typed with a made-up reference (no signature from a mail): it finds no client; only the
    // address a mail's link was signed for does (door-feedback-link.test.ts).
    answer('O-99999', 'Vera@Example.com');
    const feedback = emu.spreadsheet.values('Отзывы');
    const header = feedback[0] ?? [];
    expect(
      feedback.slice(1).map((row) => [row[header.indexOf('ID клиента')], row[header.indexOf('ID заказа')]]),
    ).toEqual([['', 'O-99999']]);
    const problems = emu.spreadsheet.values('Проблемы');
    const problemHeader = problems[0] ?? [];
    expect(problems.slice(1).map((row) => row[problemHeader.indexOf('Значение')])).toEqual(['O-99999']);
    // A made-up order reference earns no feedback points, at intake or at night.
    app.run('runLoyaltyNow', [], { kind: 'client' });
    expect(feedbackBonuses(emu)).toEqual([]);
  });

  it('lists feedback on an unknown order on Problems when the address given is nobody’s', () => {
    const { emu, answer } = studio();
    answer('O-99999', 'stranger@example.com');
    const problems = emu.spreadsheet.values('Проблемы');
    const header = problems[0] ?? [];
    expect(problems.slice(1).map((row) => [row[header.indexOf('Столбец')], row[header.indexOf('Значение')]])).toEqual([
      ['ID заказа', 'O-99999'],
    ]);
    const feedback = emu.spreadsheet.values('Отзывы');
    expect(feedback[1]?.[(feedback[0] ?? []).indexOf('ID клиента')]).toBe('');
  });

  it('gives the feedback points once per order, at intake and in the nightly run', () => {
    const { emu, app, answer } = studio();
    answer('O-0042');
    answer('o-0042');
    expect(emu.spreadsheet.values('Отзывы').length - 1).toBe(2); // both answers kept
    expect(feedbackBonuses(emu)).toEqual([['C-0007', 50]]);
    app.run('runLoyaltyNow', [], { kind: 'client' });
    expect(feedbackBonuses(emu)).toEqual([['C-0007', 50]]);
  });
});
