// Changing the studio's currency in Settings shows the new sign in the money columns at once: saveSetting
// re-applies the money number format to Clients, Orders and Campaigns, with no refresh run in between.
import { describe, expect, it } from 'vitest';
import { freshStudio } from '../support/studio';

type Row = unknown[];

/** A1 column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
const letters = (index: number): string =>
  (index >= 26 ? letters(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

describe.each([
  [
    'ru',
    {
      orders: 'Заказы',
      amount: 'Сумма',
      clients: 'Клиенты',
      predicted: 'Прогноз выручки (авто)',
      campaigns: 'Кампании',
      cost: 'Затраты',
    },
  ],
  [
    'en',
    {
      orders: 'Orders',
      amount: 'Amount',
      clients: 'Clients',
      predicted: 'Predicted value (auto)',
      campaigns: 'Campaigns',
      cost: 'Cost',
    },
  ],
] as const)('a %s studio switching its currency', (locale, names) => {
  it('shows € then $ in every money column straight after saving, and back to ₽ when cleared', () => {
    const { emu, app } = freshStudio(locale);
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
    const formatOf = (sheet: string, title: string, row = 2) => {
      const header = (emu.spreadsheet.values(sheet) as Row[])[0] ?? [];
      const at = header.indexOf(title);
      expect(at, `${sheet} has a column "${title}"`).toBeGreaterThanOrEqual(0);
      return emu.spreadsheet.numberFormats(sheet)[`${letters(at)}${row}`];
    };
    const money = () => [
      formatOf(names.orders, names.amount),
      formatOf(names.orders, names.amount, 50),
      formatOf(names.clients, names.predicted),
      formatOf(names.campaigns, names.cost),
    ];
    // Setup's default: roubles, sign after the amount.
    expect(formatOf(names.orders, names.amount)).toBe('#,##0.00 "₽"');

    app.callFromClient('saveSetting', 'core.currency', 'EUR');
    expect(money()).toEqual(Array(4).fill('#,##0.00 "€"'));

    // The dollar sign goes before the amount.
    app.callFromClient('saveSetting', 'core.currency', '$');
    expect(money()).toEqual(Array(4).fill('"$"#,##0.00'));

    // Blank means the default currency again.
    app.callFromClient('saveSetting', 'core.currency', '');
    expect(money()).toEqual(Array(4).fill('#,##0.00 "₽"'));
  });
});
