// The Clients sheet never shows a past "next order expected" day: after a refresh on dist/Code.js a late client
// reads "overdue by N days" in the workbook's language, and the add-on still reads that client as late.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import type { ClientInsights } from '../../src/contract/sidebar-api';
import { ANALYSIS_NOW, client, order, rowsByHeader } from '../support/analysis-studio';
import { loadBuiltBundle } from '../support/built-bundle';
import { columnTitle, sheetTitle, writeFixture, writeStudioFixture } from '../support/sheet-fixtures';

function lateStudio(locale: 'ru' | 'en') {
  const emu = createEmulator({ now: ANALYSIS_NOW, locale });
  const app = loadBuiltBundle(emu);
  writeStudioFixture(
    emu,
    {
      clients: [client('C-0001', 'Late regular'), client('C-0004', 'Monthly')],
      orders: [
        // Every 30 days until 30 May: due 30 May + 30 × 1.5 = 14 Jul.
        ...['2026-03-01', '2026-03-31', '2026-04-30', '2026-05-30'].map((day, i) =>
          order(`O-${i + 1}`, 'C-0001', day, 1000),
        ),
        // Monthly up to 15 Nov: due after 24 Nov (the refresh day).
        ...['2026-06-15', '2026-07-15', '2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15'].map((day, i) =>
          order(`O-${10 + i}`, 'C-0004', day, 1000),
        ),
      ],
      feedback: [],
      requests: [],
    },
    locale,
  );
  writeFixture(emu, 'segments', [], locale);
  // Churn by model risk off, so the own-rhythm rule alone decides who is late.
  writeFixture(emu, 'settings', [{ key: 'analysis.churnRiskThreshold', value: '1' }], locale);
  writeFixture(emu, 'problems', [], locale);
  return { emu, app };
}

describe.each(['ru', 'en'] as const)('next order expected in %s', (locale) => {
  it('a late client reads "overdue by N days", a client due later keeps the day, nothing is a problem', () => {
    const { emu, app } = lateStudio(locale);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const clients = sheetTitle('clients', locale);
    const next = columnTitle('clients', 'nextOrderExpected', locale);
    const byId = new Map(rowsByHeader(emu, clients).map((row) => [row[columnTitle('clients', 'id', locale)], row]));
    // 14 Jul → 24 Nov: 17 (rest of July) + 31 + 30 + 31 (Aug, Sep, Oct) + 24 = 133 days; Russian "133 дня".
    expect(byId.get('C-0001')?.[next]).toBe(locale === 'ru' ? 'задерживается на 133 дня' : 'overdue by 133 days');
    const due = byId.get('C-0004')?.[next];
    expect(Object.prototype.toString.call(due)).toBe('[object Date]');
    expect((due as Date).getTime()).toBeGreaterThan(Date.parse('2026-11-24T00:00:00Z'));
    // The words are not a bad date: the Problems sheet keeps its header only.
    expect(emu.spreadsheet.values(sheetTitle('problems', locale))).toHaveLength(1);

    // Read back: still late by the same days, and still in the lapsing stage after a second refresh.
    const insights = app.callFromClient('getClientInsights', 'C-0001') as ClientInsights;
    expect(insights.nextOrderOverdueDays).toBe(133);
    app.run('refreshAnalysis', [], { kind: 'menu' });
    const again = new Map(rowsByHeader(emu, clients).map((row) => [row[columnTitle('clients', 'id', locale)], row]));
    expect(again.get('C-0001')?.[next]).toBe(byId.get('C-0001')?.[next]);
    expect(again.get('C-0001')?.[columnTitle('clients', 'lifecycle', locale)]).toBe(
      locale === 'ru' ? 'Пропадает' : 'Lapsing',
    );
  });
});
