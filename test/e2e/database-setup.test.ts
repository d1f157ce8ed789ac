import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio, workbookState } from '../support/studio';

describe('setupDatabase', () => {
  it('creates every sheet in the staff language, seeds Settings, installs the shared triggers, and a second run changes nothing', () => {
    const { emu, app } = freshStudio('ru');
    const first = app.run('setupDatabase', [], { kind: 'menu' }) as {
      sheetsCreated: string[];
      settingsAdded: number;
      message: string;
    };
    expect(first.sheetsCreated).toContain('Клиенты');
    expect(first.sheetsCreated).toContain('Настройки');
    expect(emu.spreadsheet.values('Клиенты')[0]?.slice(0, 4)).toEqual(['ID клиента', 'Имя', 'Имя для письма', 'Email']);
    expect(emu.spreadsheet.frozenRows('Клиенты')).toBe(1);
    const settings = emu.spreadsheet.values('Настройки');
    // The answer counts exactly the rows it seeded under the header, and seeds at least the consent text.
    expect(first.settingsAdded).toBe(settings.length - 1);
    const consent = settings.find((row) => row[0] === 'forms.consentText');
    expect(String(consent?.[1])).toMatch(/согласен/);
    expect(JSON.stringify(emu.spreadsheet.ui.toasts().at(-1))).toMatch(/создано листов/);
    const handlers = () =>
      emu.triggers
        .list()
        .map((trigger) => trigger.handler)
        .sort();
    expect(handlers()).toEqual(['continueCampaigns', 'runHourly', 'runNightly']);

    const before = workbookState(emu);
    const second = app.run('setupDatabase', [], { kind: 'menu' }) as {
      sheetsCreated: string[];
      columnsAdded: number;
      settingsAdded: number;
      message: string;
    };
    expect(second).toMatchObject({ sheetsCreated: [], columnsAdded: 0, settingsAdded: 0 });
    expect(second.message).toMatch(/ничего не изменилось/);
    expect(workbookState(emu)).toEqual(before);
    expect(handlers()).toEqual(['continueCampaigns', 'runHourly', 'runNightly']);
  });

  it('keeps user columns, reordered and renamed headers and their data; appends only missing columns at the end', () => {
    const { emu, app } = freshStudio('ru');
    // A hand-made Clients sheet: own order, an alias ("Почта"), a rename kept in Settings, a staff column.
    emu.spreadsheet.addSheet('Клиенты');
    emu.spreadsheet.edit('Клиенты', 'A1:E3', [
      ['Почта', 'Мой столбец', 'ID клиента', 'Твич-канал', 'Имя'],
      ['anna@example.com', 'VIP', 'C-0001', 'twitch.tv/anna', 'Анна'],
      ['boris@example.com', '', 'C-0002', '', 'Борис'],
    ]);
    writeFixture(
      emu,
      'settings',
      [{ key: 'header.clients.twitch', value: 'Твич-канал', description: 'переименовано' }],
      'ru',
    );
    // A staff-changed setting must survive seeding.
    writeFixture(emu, 'settings', [{ key: 'core.studioName', value: 'Кот и Ко', description: '' }], 'ru');
    const report = app.run('setupDatabase', [], { kind: 'menu' }) as { columnsAdded: number };
    const rows = emu.spreadsheet.values('Клиенты');
    expect(rows[0]?.slice(0, 5)).toEqual(['Почта', 'Мой столбец', 'ID клиента', 'Твич-канал', 'Имя']);
    expect(rows[1]?.slice(0, 5)).toEqual(['anna@example.com', 'VIP', 'C-0001', 'twitch.tv/anna', 'Анна']);
    expect(rows[2]?.slice(0, 5)).toEqual(['boris@example.com', '', 'C-0002', '', 'Борис']);
    // Only what was missing, after the last used column, nothing duplicated.
    expect(rows[0]?.slice(5)).not.toContain('Email');
    expect(rows[0]?.slice(5)).not.toContain('Канал Twitch');
    expect(rows[0]?.slice(5)).toContain('Город');
    expect(report.columnsAdded).toBe((rows[0]?.length ?? 0) - 5);
    const settings = emu.spreadsheet.values('Настройки');
    expect(settings.filter((row) => row[0] === 'core.studioName').map((row) => row[1])).toEqual(['Кот и Ко']);

    const before = workbookState(emu);
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(workbookState(emu)).toEqual(before);
  });

  it('speaks English to an English studio', () => {
    const { emu, app } = freshStudio('en');
    const summary = app.run('setupDatabase', [], { kind: 'menu' }) as { message: string };
    expect(emu.spreadsheet.sheetNames()).toContain('Clients');
    expect(summary.message).toMatch(/sheets created/);
  });
});
