// One response target on dist/Code.js: Settings `analysis.goalResponseHours` (hours, shown once in the form) is
// what the open requests' waits, the Overview's goal and the response-time KPI use; a sheet that kept the older
// minutes rows (`inbox.responseTargetMinutes`, `telegram.responseTargetMinutes`) keeps its target while the one
// row is blank, and those rows stay in the sheet.
import { describe, expect, it } from 'vitest';
import type { OpenRequestView, OverviewView, SettingRowView } from '../../src/contract/sidebar-api';
import { writeFixture } from '../support/sheet-fixtures';
import { consentingClient, mailStudio } from '../support/mail-studio';

const TARGET_KEYS = ['analysis.goalResponseHours', 'inbox.responseTargetMinutes', 'telegram.responseTargetMinutes'];

function studio(settings: Record<string, string>) {
  const s = mailStudio({ settings, clients: [consentingClient('C-0001')] });
  // One request waiting since 07:00 UTC: its wait is not what is checked, its target is.
  writeFixture(s.emu, 'requests', [
    {
      id: 'R-0001',
      clientId: 'C-0001',
      channel: 'email',
      receivedAt: new Date('2026-11-24T07:00:00Z'),
      summary: 'Цена?',
    },
  ]);
  const target = () => s.call<OpenRequestView[]>('listOpenRequests')[0]?.targetMinutes;
  const goal = () => {
    // A refresh a minute later: the Overview is cached per refresh (a goal saved alone does not renew it).
    s.emu.advance(60_000);
    s.app.run('refreshAnalysis', [], { kind: 'menu' });
    return s.call<OverviewView>('getOverview').goals.find((view) => view.key === 'averageResponseHours')?.target;
  };
  const formRows = () => s.call<SettingRowView[]>('listSettings').filter((row) => TARGET_KEYS.includes(row.key));
  return { ...s, target, goal, formRows };
}

describe('one response target', () => {
  it('a new studio: 2 hours, one row in the form', () => {
    const s = studio({});
    expect(s.target()).toBe(120);
    expect(s.goal()).toBe(2);
    expect(s.formRows().map((row) => [row.key, row.value, row.defaultValue])).toEqual([
      ['analysis.goalResponseHours', '', '2'],
    ]);
  });

  it('an older sheet with inbox minutes keeps them until the one row is set in the form', () => {
    const s = studio({ 'inbox.responseTargetMinutes': '30', 'telegram.responseTargetMinutes': '45' });
    // The inbox row comes first among the older ones: 30 minutes = 0.5 h.
    expect(s.target()).toBe(30);
    expect(s.goal()).toBe(0.5);
    expect(s.formRows().map((row) => [row.key, row.value, row.defaultValue])).toEqual([
      ['analysis.goalResponseHours', '', '0.5'],
    ]);

    // Staff type 1,5 (Russian decimal comma) hours: 90 minutes everywhere.
    s.call('saveSetting', 'analysis.goalResponseHours', '1,5');
    expect(s.target()).toBe(90);
    expect(s.goal()).toBe(1.5);
    // The older rows are still in the sheet, as they were (nothing stored is lost).
    const sheet = s.emu.spreadsheet.values('Настройки').map((cells) => [cells[0], String(cells[1])]);
    expect(sheet).toEqual(
      expect.arrayContaining([
        ['inbox.responseTargetMinutes', '30'],
        ['telegram.responseTargetMinutes', '45'],
      ]),
    );
  });

  it('an older sheet with the Telegram minutes only, or a blank or broken inbox row, reads the Telegram ones', () => {
    expect(studio({ 'telegram.responseTargetMinutes': '45' }).target()).toBe(45);
    expect(studio({ 'inbox.responseTargetMinutes': 'много', 'telegram.responseTargetMinutes': '45' }).target()).toBe(
      45,
    );
  });
});
