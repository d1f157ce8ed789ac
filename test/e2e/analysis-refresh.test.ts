// Refresh analysis end to end on dist/Code.js: derived Clients columns, Segments counts, Dashboard, fallback.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { translate } from '../../src/i18n';
import { ANALYSIS_NOW, rowsByHeader } from '../support/analysis-studio';
import { loadBuiltBundle } from '../support/built-bundle';
import { writeSheet } from '../support/sheet-fixtures';

const completed = (id: string, clientId: string, day: string, amount: number) => [
  id,
  clientId,
  new Date(`${day}T12:00:00Z`),
  amount,
  'Выполнен',
];

/** Five clients as literal cells: too few repeat buyers to fit, so the fallback is used. */
function tinyStudio(settings: ReadonlyArray<[key: string, value: string]>) {
  const emu = createEmulator({ now: ANALYSIS_NOW, locale: 'ru' });
  const app = loadBuiltBundle(emu);
  writeSheet(emu, 'Клиенты', [
    // The derived columns are there (as setup leaves them): refresh fills columns, it does not add them.
    [
      'ID клиента',
      'Имя',
      'Email',
      'Тематика канала',
      'Добавлен',
      'Этап (авто)',
      'RFM-сегмент (авто)',
      'Риск ухода (авто)',
      'Прогноз выручки (авто)',
      'Ожидаемый заказ (авто)',
    ],
    ...[
      ['C-0001', 'Late regular'],
      ['C-0002', 'Newcomer'],
      ['C-0003', 'Lead'],
      ['C-0004', 'Loyal'],
      ['C-0005', 'Cancelled only'],
    ].map(([id, name]) => [id, name, `${id!.toLowerCase()}@example.com`, 'Игры', new Date('2026-01-01T12:00:00Z')]),
  ]);
  writeSheet(emu, 'Заказы', [
    ['ID заказа', 'ID клиента', 'Дата', 'Сумма', 'Статус'],
    // A 30-day rhythm that stopped in May: far beyond their own rhythm by November.
    completed('O-1', 'C-0001', '2026-03-01', 1000),
    completed('O-2', 'C-0001', '2026-03-31', 1000),
    completed('O-3', 'C-0001', '2026-04-30', 1000),
    completed('O-4', 'C-0001', '2026-05-30', 1000),
    completed('O-5', 'C-0002', '2026-11-10', 500),
    ...['2026-06-15', '2026-07-15', '2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15'].map((day, i) =>
      completed(`O-${10 + i}`, 'C-0004', day, 1000),
    ),
    ['O-20', 'C-0005', new Date('2026-11-01T12:00:00Z'), 900, 'Отменён'],
  ]);
  writeSheet(emu, 'Отзывы', [['ID отзыва', 'Дата', 'ID клиента', 'ID заказа', 'Оценка', 'NPS']]);
  writeSheet(emu, 'Обращения', [['ID обращения', 'ID клиента', 'Канал', 'Получено', 'Отвечено', 'Суть']]);
  writeSheet(emu, 'Сегменты', [['ID сегмента', 'Название', 'Правила', 'Описание', 'Клиентов', 'Обновлён']]);
  writeSheet(emu, 'Настройки', [['Ключ', 'Значение', 'Описание'], ...settings]);
  writeSheet(emu, 'Проблемы', [['Когда', 'Лист', 'Строка', 'Столбец', 'Значение', 'Что не так', 'Источник']]);
  return { emu, app };
}

describe('refreshAnalysis on a hand-built studio', () => {
  it('writes lifecycle, RFM and CLV columns, says the fallback is used and why', () => {
    // Churn by model risk switched off in Settings, so the own-rhythm rule decides lapsing.
    const { emu, app } = tinyStudio([['analysis.churnRiskThreshold', '1']]);
    const message = app.run('refreshAnalysis', [], { kind: 'menu' }) as string;
    expect(message).toContain(
      translate('ru', 'clv.fallback.tooFewRepeatBuyers', { repeatBuyers: 2, minRepeatBuyers: 20 }),
    );
    expect(JSON.stringify(emu.spreadsheet.ui.toasts())).toContain(translate('ru', 'analysis.refresh.title'));

    const rows = rowsByHeader(emu, 'Клиенты');
    const byId = new Map(rows.map((row) => [row['ID клиента'], row]));
    const stage = (id: string) => byId.get(id)?.['Этап (авто)'];
    expect(stage('C-0001')).toBe(translate('ru', 'analysis.lifecycle.lapsing'));
    expect(stage('C-0002')).toBe(translate('ru', 'analysis.lifecycle.new'));
    expect(stage('C-0003')).toBe(translate('ru', 'analysis.lifecycle.lead'));
    expect(stage('C-0004')).toBe(translate('ru', 'analysis.lifecycle.loyal'));
    expect(stage('C-0005')).toBe(translate('ru', 'analysis.lifecycle.lead'));

    // RFM by hand over the three clients with counted orders (quintile score floor(5 · (position + 0.5) / 3) + 1,
    // so positions 0, 1, 2 score 1, 3, 5): recency C1 178 d, C2 14 d, C4 9 d → 1, 3, 5; orders 4, 1, 6 → 3, 1, 5;
    // spend 4000, 500, 6000 → 3, 1, 5. The segment is the R × FM cell of the usual RFM table, FM = (F + M) / 2
    // rounded half up: C1 R1 FM3 "at risk", C2 R3 FM1 "about to sleep", C4 R5 FM5 "champions".
    expect(byId.get('C-0001')?.['RFM-сегмент (авто)']).toBe('Под угрозой ухода (133)');
    expect(byId.get('C-0002')?.['RFM-сегмент (авто)']).toBe('Засыпающие (311)');
    expect(byId.get('C-0004')?.['RFM-сегмент (авто)']).toBe('Чемпионы (555)');
    expect(byId.get('C-0003')?.['RFM-сегмент (авто)']).toBe(''); // no orders
    expect(byId.get('C-0005')?.['RFM-сегмент (авто)']).toBe(''); // a cancelled order only

    const risk = byId.get('C-0001')?.['Риск ухода (авто)'];
    expect(typeof risk).toBe('number');
    expect(risk as number).toBeGreaterThan(byId.get('C-0004')?.['Риск ухода (авто)'] as number);
    expect(byId.get('C-0003')?.['Риск ухода (авто)']).toBe('');
    expect(Object.prototype.toString.call(byId.get('C-0004')?.['Ожидаемый заказ (авто)'])).toBe('[object Date]');
    expect(byId.get('C-0004')?.['Прогноз выручки (авто)'] as number).toBeGreaterThan(0);

    for (const name of emu.spreadsheet.sheetNames()) {
      for (const row of emu.spreadsheet.values(name))
        for (const cell of row) if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
    }
    expect(emu.spreadsheet.values('Проблемы')).toHaveLength(1); // the header only: nothing in the fixture is wrong
    const dashboard = emu.spreadsheet.values('Дашборд');
    expect(dashboard[2]?.[0]).toBe(
      translate('ru', 'clv.fallback.tooFewRepeatBuyers', { repeatBuyers: 2, minRepeatBuyers: 20 }),
    );
  });
});
