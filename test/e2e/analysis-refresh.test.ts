// Refresh analysis end to end on dist/Code.js: derived Clients columns, Segments counts, Dashboard, fallback.
import { describe, expect, it } from 'vitest';
import { rfmSegment, rfmSegmentKey, type RfmScoreValue } from '../../src/domain/analysis';
import { translate } from '../../src/i18n';
import { analysisStudio, client, order, rowsByHeader } from '../support/analysis-studio';

/** Five clients built by hand: too few repeat buyers to fit, so the fallback is used. */
function tinyStudio() {
  const clients = [client('C-0001', 'Late regular'), client('C-0002', 'Newcomer'), client('C-0003', 'Lead'), client('C-0004', 'Loyal'), client('C-0005', 'Cancelled only')];
  const orders = [
    // A 30-day rhythm that stopped in May: far beyond their own rhythm by November.
    order('O-1', 'C-0001', '2026-03-01', 1000), order('O-2', 'C-0001', '2026-03-31', 1000), order('O-3', 'C-0001', '2026-04-30', 1000), order('O-4', 'C-0001', '2026-05-30', 1000),
    order('O-5', 'C-0002', '2026-11-10', 500),
    ...['2026-06-15', '2026-07-15', '2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15'].map((day, i) => order(`O-${10 + i}`, 'C-0004', day, 1000)),
    order('O-20', 'C-0005', '2026-11-01', 900, 'cancelled'),
  ];
  return { clients, orders, feedback: [], requests: [] };
}

describe('refreshAnalysis on a hand-built studio', () => {
  it('writes lifecycle, RFM and CLV columns, says the fallback is used and why', () => {
    // Churn by model risk switched off in Settings, so the own-rhythm rule decides lapsing.
    const { emu, app } = analysisStudio(tinyStudio(), { 'analysis.churnRiskThreshold': '1' });
    const message = app.run('refreshAnalysis', [], { kind: 'menu' }) as string;
    expect(message).toContain(translate('ru', 'clv.fallback.tooFewRepeatBuyers', { repeatBuyers: 2, minRepeatBuyers: 20 }));
    expect(JSON.stringify(emu.spreadsheet.ui.toasts())).toContain(translate('ru', 'analysis.refresh.title'));

    const rows = rowsByHeader(emu, 'Клиенты');
    const byId = new Map(rows.map((row) => [row['ID клиента'], row]));
    const stage = (id: string) => byId.get(id)?.['Этап (авто)'];
    expect(stage('C-0001')).toBe(translate('ru', 'analysis.lifecycle.lapsing'));
    expect(stage('C-0002')).toBe(translate('ru', 'analysis.lifecycle.new'));
    expect(stage('C-0003')).toBe(translate('ru', 'analysis.lifecycle.lead'));
    expect(stage('C-0004')).toBe(translate('ru', 'analysis.lifecycle.loyal'));
    expect(stage('C-0005')).toBe(translate('ru', 'analysis.lifecycle.lead'));

    // RFM by hand: recency C1 178 d, C2 14 d, C4 9 d → 1, 3, 5; orders 4, 1, 6 → 3, 1, 5; spend 4000, 500, 6000 → 3, 1, 5.
    const rfm = (r: RfmScoreValue, f: RfmScoreValue, m: RfmScoreValue) =>
      `${translate('ru', rfmSegmentKey(rfmSegment(r, Math.floor((f + m + 1) / 2) as RfmScoreValue)))} (${r}${f}${m})`;
    expect(byId.get('C-0001')?.['RFM-сегмент (авто)']).toBe(rfm(1, 3, 3));
    expect(byId.get('C-0002')?.['RFM-сегмент (авто)']).toBe(rfm(3, 1, 1));
    expect(byId.get('C-0004')?.['RFM-сегмент (авто)']).toBe(rfm(5, 5, 5));
    expect(byId.get('C-0003')?.['RFM-сегмент (авто)']).toBe('');

    const risk = byId.get('C-0001')?.['Риск ухода (авто)'];
    expect(typeof risk).toBe('number');
    expect(risk as number).toBeGreaterThan(byId.get('C-0004')?.['Риск ухода (авто)'] as number);
    expect(byId.get('C-0003')?.['Риск ухода (авто)']).toBe('');
    expect(Object.prototype.toString.call(byId.get('C-0004')?.['Ожидаемый заказ (авто)'])).toBe('[object Date]');
    expect((byId.get('C-0004')?.['Прогноз выручки (авто)'] as number) > 0).toBe(true);

    for (const name of emu.spreadsheet.sheetNames()) {
      for (const row of emu.spreadsheet.values(name)) for (const cell of row) if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
    }
    const dashboard = emu.spreadsheet.values('Дашборд');
    expect(dashboard[2]?.[0]).toBe(translate('ru', 'clv.fallback.tooFewRepeatBuyers', { repeatBuyers: 2, minRepeatBuyers: 20 }));
  });
});
