// The Dashboard sheet on dist/Code.js speaks the studio's words: money in the studio's currency (€ here),
// each KPI against the studio's target coloured green, amber or red with its trend, and a 5W row per segment.
// Every expected figure is worked out by hand from the five-client studio below.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { ANALYSIS_NOW } from '../support/analysis-studio';
import { loadBuiltBundle } from '../support/built-bundle';
import { writeSheet } from '../support/sheet-fixtures';

const at = (iso: string) => new Date(iso);
const DASHBOARD = 'Дашборд';

/**
 * Now is 2026-11-24 (Moscow): October 2026 against September 2026. Orders at 12:00Z of the day:
 *   C-C 2025-10-15 1200 · C-A 2026-08-01 800, 09-20 600, 10-05 2000, 11-10 700 · C-B 10-10 1500, 10-20 500
 *   C-E 10-28 1000 · C-D 10-25 4000 cancelled (never counts)
 */
function handStudio() {
  const emu = createEmulator({ now: ANALYSIS_NOW, locale: 'ru' });
  const app = loadBuiltBundle(emu);
  writeSheet(emu, 'Клиенты', [
    ['ID клиента', 'Имя', 'Email', 'Тематика канала', 'Источник'],
    ['C-A', 'Аня', 'a@example.com', 'Игры', 'Twitch-рейд'],
    ['C-B', 'Боря', 'b@example.com', 'Игры', 'Twitch-рейд'],
    ['C-C', 'Вера', 'c@example.com', 'Творчество', 'Друзья'],
    ['C-D', 'Гоша', 'd@example.com', '', ''],
    ['C-E', 'Дина', 'e@example.com', 'Творчество', 'Друзья'],
  ]);
  writeSheet(emu, 'Заказы', [
    ['ID заказа', 'ID клиента', 'Дата', 'Продукт', 'Сумма', 'Статус', 'Заметки'],
    ['O-1', 'C-C', at('2025-10-15T12:00:00Z'), 'stickers', 1200, 'Выполнен', ''],
    ['O-2', 'C-A', at('2026-08-01T12:00:00Z'), 'emotes', 800, 'Выполнен', 'на день рождения канала'],
    ['O-3', 'C-A', at('2026-09-20T12:00:00Z'), 'emotes', 600, 'Выполнен', ''],
    ['O-4', 'C-A', at('2026-10-05T12:00:00Z'), 'badges', 2000, 'Выполнен', 'На день  рождения канала'],
    ['O-5', 'C-B', at('2026-10-10T12:00:00Z'), 'emotes', 1500, 'Выполнен', 'для сабов'],
    ['O-6', 'C-B', at('2026-10-20T12:00:00Z'), 'badges', 500, 'Выполнен', ''],
    ['O-7', 'C-E', at('2026-10-28T12:00:00Z'), 'stickers', 1000, 'Выполнен', ''],
    ['O-8', 'C-D', at('2026-10-25T12:00:00Z'), 'emotes', 4000, 'Отменён', ''],
    ['O-9', 'C-A', at('2026-11-10T12:00:00Z'), 'emotes', 700, 'Выполнен', ''],
  ]);
  writeSheet(emu, 'Отзывы', [['ID отзыва', 'Дата', 'ID клиента', 'Оценка', 'NPS']]);
  writeSheet(emu, 'Обращения', [
    ['ID обращения', 'ID клиента', 'Канал', 'Получено', 'Отвечено'],
    ['R-1', 'C-A', 'Discord', at('2026-10-02T09:00:00Z'), at('2026-10-02T13:00:00Z')], // 4 h
    ['R-2', 'C-B', 'Discord', at('2026-10-03T10:00:00Z'), at('2026-10-04T10:00:00Z')], // 24 h
    ['R-3', 'C-E', 'Почта', at('2026-10-06T10:00:00Z'), at('2026-10-06T12:00:00Z')], // 2 h
  ]);
  writeSheet(emu, 'Сегменты', [
    ['ID сегмента', 'Название', 'Правила', 'Описание', 'Клиентов', 'Обновлён'],
    ['S-0001', 'Геймеры', 'topic = gaming', '', '', ''],
  ]);
  writeSheet(emu, 'Настройки', [
    ['Ключ', 'Значение', 'Описание'],
    ['core.currency', 'EUR', ''],
  ]);
  writeSheet(emu, 'Проблемы', [['Когда', 'Лист', 'Строка', 'Столбец', 'Значение', 'Что не так', 'Источник']]);
  return { emu, app };
}

/** The rows under the header row whose first cell is `header`, up to the first blank first cell. */
function block(rows: string[][], header: string): { at: number; rows: string[][] } {
  const start = rows.findIndex((row) => row[0] === header);
  expect(start, header).toBeGreaterThanOrEqual(0);
  const body: string[][] = [];
  for (let index = start + 1; index < rows.length && rows[index]![0] !== ''; index++) body.push(rows[index]!);
  return { at: start + 1, rows: body };
}

describe('the Dashboard in the studio’s words', () => {
  it('money in euros: the money tiles and the Orders amounts carry €', () => {
    const { emu, app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const shown = emu.spreadsheet.displayValues(DASHBOARD);
    const tiles = new Map(block(shown, 'Показатель').rows.map((row) => [row[0], row.slice(1, 3)]));
    // October: revenue 2000 + 1500 + 500 + 1000 = 5000 over 4 orders = 1250 average; September 600 / 1.
    expect(tiles.get('Средний чек')?.map((text) => text.replace(/\s/gu, ' '))).toEqual(['1 250 €', '600 €']);
    // Profit per client: 5000 × 0.5 margin / 3 active = 833.33 → 833 €; September 600 × 0.5 / 1 = 300 €.
    expect(tiles.get('Прибыль на клиента')?.map((text) => text.replace(/\s/gu, ' '))).toEqual(['833 €', '300 €']);
    // The Orders sheet's amount column: 1200 shown as "1 200,00 €" in the Russian spreadsheet.
    const orders = emu.spreadsheet.displayValues('Заказы');
    expect(orders[1]?.[4]?.replace(/\s/gu, ' ')).toBe('1 200,00 €');
  });

  it('each KPI against the target, coloured by how far it is, with the trend', () => {
    const { emu, app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const shown = emu.spreadsheet.displayValues(DASHBOARD);
    const goals = block(shown, 'Показатель');
    const goalsAt = shown.findIndex((row, index) => index > goals.at && row[1] === 'Этот период' && row[2] === 'Цель');
    expect(goalsAt).toBeGreaterThan(0);
    expect(shown[goalsAt - 1]?.[0]).toBe('Цели студии');
    const rows = block(shown.slice(goalsAt), shown[goalsAt]![0]!).rows.map((row) => row.slice(0, 5));
    expect(rows).toEqual([
      // Repeaters / active in October: A and B of A, B, E = 66.7 % ≥ 60 %; September 1 of 1, so worse.
      ['Повторные заказы', '66,7%', '60,0%', 'цель достигнута', 'хуже прошлого периода'],
      // Returning revenue: October A's 2000 against September's 600: (2000 − 600) / 600 = +233.3 % ≥ +30 %.
      ['Выручка от постоянных клиентов', '+233,3%', '+30,0%', 'цель достигнута', 'лучше прошлого периода'],
      // No campaign costs are recorded: nothing to measure.
      ['Затраты на маркетинг на повторный заказ', '', '-20,0%', 'нет данных', ''],
      // (4 + 24 + 2) / 3 = 10 h against 2 h: 8 h short, beyond the amber fifth (0.4 h) → red; September had none.
      ['Ответ на обращение', '10,0 ч', '2,0 ч', 'далеко от цели', ''],
      // (3 active at end − 2 new) / 2 at start = 50 % = the 50 % target; September (2 − 0) / 2 = 100 %.
      ['Удержание клиентов', '50,0%', '50,0%', 'цель достигнута', 'хуже прошлого периода'],
      // Profit per client 833.33 against 300: +177.8 % ≥ 0 %.
      ['Прибыль на клиента', '+177,8%', '0,0%', 'цель достигнута', 'лучше прошлого периода'],
    ]);
    const styles = emu.spreadsheet.styles(DASHBOARD);
    const fill = (row: number) => JSON.stringify(styles[`A${goalsAt + 2 + row}`] ?? {});
    expect(fill(0)).toContain('#d9ead3'); // green
    expect(fill(2)).not.toMatch(/#d9ead3|#fff2cc|#f4cccc/); // no data: no colour
    expect(fill(3)).toContain('#f4cccc'); // red
  });

  it('a 5W row per segment, worked out for the saved segment "Геймеры" (A and B)', () => {
    const { emu, app } = handStudio();
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const shown = emu.spreadsheet.displayValues(DASHBOARD);
    const headerAt = shown.findIndex((row) => row[2] === 'Что заказывают' || row[2] === 'Что заказывает');
    expect(headerAt).toBeGreaterThan(0);
    expect(shown[headerAt - 1]?.[0]).toBe('Сегменты в пяти вопросах');
    const gamers = shown.slice(headerAt + 1).find((row) => row[0] === 'Геймеры');
    expect(gamers?.slice(0, 7)).toEqual([
      'Геймеры',
      '2',
      // Completed orders: emotes O-2, O-3, O-5, O-9 (4), badges O-4, O-6 (2).
      'emotes, badges',
      'Игры',
      // The same note twice (case and double space aside), as first written; "для сабов" once.
      'на день рождения канала',
      // Rhythm: A 1 Aug → 10 Nov = 101 days / 3 gaps = 33.7; B 10 → 20 Oct = 10; median 21.8 → 22 days.
      // Since last: A 10 → 24 Nov = 14, B 20 Oct → 24 Nov = 35; median 24.5 → 25 days.
      'заказывают раз в 22 дня, последний — 25 дней назад',
      'Twitch-рейд · Discord',
    ]);
  });

  it('a first setup formats money columns in roubles, the default currency', () => {
    const emu = createEmulator({ now: ANALYSIS_NOW, locale: 'ru' });
    const app = loadBuiltBundle(emu);
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('setupDatabase', [], { kind: 'menu' });
    const [header = []] = emu.spreadsheet.values('Заказы');
    const letter = String.fromCharCode(65 + header.indexOf('Сумма'));
    expect(emu.spreadsheet.numberFormats('Заказы')[`${letter}2`]).toBe('#,##0.00 "₽"');
  });
});
