// The sidebar's own server side, on dist/Code.js: the menu's openers show it at their section in
// the staff's language with the boot data safely embedded, and Settings are listed and validated.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBuiltBundle } from '../support/built-bundle';

function studio(locale: 'ru' | 'en') {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale, userEmail: 'anna@studio.example' });
  emu.spreadsheet.ui.autoAnswer('OK');
  const app = loadBuiltBundle(emu);
  return { emu, app };
}

/** The boot object the sidebar page carries, read back from the served HTML. */
function bootOf(html: string): Record<string, unknown> {
  const json = /window\.STUDIO_CRM_BOOT = (.*?);<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('no boot data in the sidebar');
  return JSON.parse(json) as Record<string, unknown>;
}

describe('opening the sidebar', () => {
  it.each([
    ['openSidebar', 'overview'],
    ['openCampaigns', 'campaigns'],
    ['openAutomations', 'automations'],
    ['openSettings', 'settings'],
    ['showHelp', 'help'],
  ])('%s opens it at %s, in the staff language, before setup too', (opener, section) => {
    const { emu, app } = studio('en');
    app.run(opener, [], { kind: 'menu' });
    const sidebar = emu.spreadsheet.ui.sidebars().at(-1);
    expect(sidebar?.title).toBe('Studio CRM');
    const boot = bootOf(sidebar?.content ?? '');
    // The emulator's spreadsheet is in Moscow unless told: the sidebar's clock.
    expect(boot).toEqual({
      locale: 'en',
      section,
      ready: false,
      userEmail: 'anna@studio.example',
      timeZone: 'Europe/Moscow',
    });
  });

  it('follows the Settings override of the language, and says the database is ready after setup', () => {
    const { emu, app } = studio('en');
    app.run('setupDatabase', [], { kind: 'menu' });
    app.callFromClient('saveSetting', 'core.locale', 'ru');
    app.run('openSidebar', [], { kind: 'menu' });
    const boot = bootOf(emu.spreadsheet.ui.sidebars().at(-1)?.content ?? '');
    expect(boot.locale).toBe('ru');
    expect(boot.ready).toBe(true);
  });

  it('escapes "<" in the embedded boot data so no value can close the script', () => {
    const emu = createEmulator({
      now: '2026-11-24T09:00:00Z',
      locale: 'en',
      userEmail: '</script><b>x@studio.example',
    });
    const app = loadBuiltBundle(emu);
    app.run('openSidebar', [], { kind: 'menu' });
    const html = emu.spreadsheet.ui.sidebars().at(-1)?.content ?? '';
    const script = /window\.STUDIO_CRM_BOOT = (.*?);<\/script>/s.exec(html)?.[1] ?? '';
    expect(script).not.toContain('<');
    expect(bootOf(html).userEmail).toBe('</script><b>x@studio.example');
  });
});

describe('Settings in the sidebar', () => {
  it('lists every known setting with its default and kind, and stores a valid value in the sheet', () => {
    const { emu, app } = studio('ru');
    app.run('setupDatabase', [], { kind: 'menu' });
    const rows = app.callFromClient('listSettings') as Array<{
      key: string;
      kind: string;
      defaultValue: string | null;
    }>;
    expect(rows.find((row) => row.key === 'loyalty.bonusFeedback')).toMatchObject({
      kind: 'number',
      defaultValue: '50',
    });
    expect(rows.find((row) => row.key === 'core.locale')).toMatchObject({ kind: 'text' });
    const saved = app.callFromClient('saveSetting', 'loyalty.bonusFeedback', '75') as {
      value: string;
      problem: string | null;
    };
    expect(saved).toMatchObject({ value: '75', problem: null });
    const sheet = emu.spreadsheet.values('Настройки');
    expect(String(sheet.find((row) => row[0] === 'loyalty.bonusFeedback')?.[1])).toBe('75');
  });

  it('refuses a value of the wrong kind with a sentence in the staff language and leaves the sheet alone', () => {
    const { emu, app } = studio('ru');
    app.run('setupDatabase', [], { kind: 'menu' });
    const before = JSON.stringify(emu.spreadsheet.values('Настройки'));
    expect(() => app.callFromClient('saveSetting', 'loyalty.bonusFeedback', 'много')).toThrow(
      'Не сохранено: «много» не подходит для «Бонус за отзыв».',
    );
    expect(() => app.callFromClient('saveSetting', 'core.locale', 'de')).toThrow(/«Язык меню и сообщений»/);
    expect(() => app.callFromClient('saveSetting', 'no dot', '1')).toThrow('«no dot» — не имя настройки');
    expect(JSON.stringify(emu.spreadsheet.values('Настройки'))).toBe(before);
  });

  it('asks for setup first when there is no Settings sheet', () => {
    const { app } = studio('en');
    expect(() => app.callFromClient('saveSetting', 'loyalty.bonusFeedback', '75')).toThrow(
      'The database is not set up yet',
    );
  });
});
