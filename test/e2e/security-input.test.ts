// Text typed by staff in the sidebar reaches the sheets as text: never a formula, never turned into a
// date or number, never an apostrophe lost; text too long for a cell is refused with a sentence.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, type MailStudio } from '../support/mail-studio';

const TYPED = [
  '=HYPERLINK("http://evil.test","click")',
  '+1+2',
  '-2+3',
  '@SUM(A1)',
  "'Tis",
  '24.11.2026',
  '1 200,50 ₽',
  'ИСТИНА',
];
const HUGE = 'x'.repeat(60_000);

function noFormulas(studio: MailStudio): void {
  for (const name of studio.emu.spreadsheet.sheetNames()) {
    expect(studio.emu.spreadsheet.formulas(name).flat().filter(Boolean), name).toEqual([]);
  }
}

describe('sidebar text is stored as typed', () => {
  it('request summaries, point reasons, segment names and rules, campaign and sender names, settings', () => {
    const studio = mailStudio({ clients: [consentingClient('C-1')] });
    const { call, rows } = studio;
    TYPED.forEach((text, i) => {
      call('logRequest', { clientId: 'C-1', channel: 'email', summary: text });
      call('adjustPoints', { clientId: 'C-1', points: 1, reason: text, pressId: `r${i}` });
      call('saveSegment', { name: `${text} #${i}`, rules: `name = "${text.replace(/"/g, '')}"` });
      call('createCampaign', {
        name: `${text} #${i}`,
        segmentId: 'all',
        template: 'promo',
        senderName: text,
        replyTo: '',
        scheduledAt: null,
        cost: 0,
      });
      call('saveSetting', `custom.note${i}`, text);
    });
    call('saveSetting', 'core.studioName', '24.11.2026');
    noFormulas(studio);
    expect(rows('requests').map((row) => row.summary)).toEqual(TYPED);
    expect(
      rows('loyalty')
        .filter((row) => row.reason !== '')
        .map((row) => row.reason),
    ).toEqual(TYPED);
    const segments = rows('segments');
    expect(segments.map((row) => row.name)).toEqual(TYPED.map((text, i) => `${text} #${i}`));
    expect(segments.map((row) => row.rules)).toEqual(TYPED.map((text) => `name = "${text.replace(/"/g, '')}"`));
    const campaigns = rows('campaigns');
    expect(campaigns.map((row) => row.name)).toEqual(TYPED.map((text, i) => `${text} #${i}`));
    expect(campaigns.map((row) => row.senderName)).toEqual(TYPED);
    const settings = new Map(rows('settings').map((row) => [row.key, row.value]));
    expect(TYPED.map((_, i) => settings.get(`custom.note${i}`))).toEqual(TYPED);
    expect(settings.get('core.studioName')).toBe('24.11.2026');
  });

  it('refuses text longer than a cell holds with a sentence naming the column, storing nothing', () => {
    const studio = mailStudio({ clients: [consentingClient('C-1')] });
    const { call, rows } = studio;
    const refusals: [string, () => unknown][] = [
      ['Суть обращения', () => call('logRequest', { clientId: 'C-1', channel: 'email', summary: HUGE })],
      ['Причина', () => call('adjustPoints', { clientId: 'C-1', points: 5, reason: HUGE, pressId: 'big' })],
      ['Правила сегмента', () => call('saveSegment', { name: 'Большой', rules: `name = "${HUGE}"` })],
      [
        'Название',
        () =>
          call('createCampaign', {
            name: HUGE,
            segmentId: 'all',
            template: 'promo',
            senderName: 's',
            replyTo: '',
            scheduledAt: null,
            cost: 0,
          }),
      ],
    ];
    for (const [column, attempt] of refusals) {
      // Refused at the door (src/server/app/door.ts), before anything is read.
      expect(attempt).toThrow(new RegExp(`^${column}: ожидается текст не длиннее \\d+ символов`));
      expect(attempt).not.toThrow(/Exception|Что-то пошло не так/);
    }
    expect(rows('requests')).toEqual([]);
    expect(rows('loyalty')).toEqual([]);
    expect(rows('segments')).toEqual([]);
    expect(rows('campaigns')).toEqual([]);
  });
});

describe('settings refusals', () => {
  it('quote at most 80 characters of a refused value', () => {
    const { call } = mailStudio();
    let message = '';
    try {
      call('saveSetting', 'core.consentVersion', HUGE);
    } catch (error) {
      message = (error as Error).message;
    }
    // The setting named in staff words.
    expect(message).toMatch(/«Версия текста согласия»|“Consent text version”/);
    expect(message.length).toBeLessThan(300);
  });
});

describe('sidebar boot data', () => {
  it('escapes U+2028 and U+2029 as well as "<" in the embedded JSON', async () => {
    const { createEmulator } = await import('../../local/emulator');
    const { loadBuiltBundle } = await import('../support/built-bundle');
    const email = 'a\u2028b\u2029</script>@studio.example';
    const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'en', userEmail: email });
    loadBuiltBundle(emu).run('openSidebar', [], { kind: 'menu' });
    const html = emu.spreadsheet.ui.sidebars().at(-1)?.content ?? '';
    const json = /window\.STUDIO_CRM_BOOT = (.*?);<\/script>/s.exec(html)?.[1] ?? '';
    expect(json).toContain('\\u2028');
    expect(json).not.toMatch(/[<\u2028\u2029]/);
    expect((JSON.parse(json) as { userEmail: string }).userEmail).toBe(email);
  });
});

describe('a required column renamed away', () => {
  it('is named when the sidebar opens and when the analysis is refreshed from the menu', () => {
    const { emu, app } = mailStudio({ clients: [consentingClient('C-1')] });
    const header = emu.spreadsheet.values('Клиенты')[0] ?? [];
    const column = String.fromCharCode(65 + header.indexOf('ID клиента'));
    emu.spreadsheet.edit('Клиенты', `${column}1`, [['Номер']]);
    emu.spreadsheet.ui.autoAnswer('OK');
    app.run('openSidebar', [], { kind: 'menu' });
    expect(emu.spreadsheet.ui.sidebars()).toHaveLength(1);
    expect(JSON.stringify(emu.spreadsheet.ui.alerts())).toContain('На листе «Клиенты» нет столбца «ID клиента»');
    expect(() => app.run('refreshAnalysis', [], { kind: 'menu' })).toThrow(/нет столбца «ID клиента»/);
  });

  it('raises no alert when the columns are all there', () => {
    const { emu, app } = mailStudio({ clients: [consentingClient('C-1')] });
    app.run('openSidebar', [], { kind: 'menu' });
    expect(emu.spreadsheet.ui.alerts()).toEqual([]);
  });
});
