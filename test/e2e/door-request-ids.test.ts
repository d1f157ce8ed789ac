// One request id per press: the sidebar makes one per submit, and the same call twice with that id (a double
// click, a retry after a lost answer) changes the sheet once and answers the first result; a new press
// (a new id) is a new action.
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_FORM } from '../support/mail-studio';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio } from '../support/studio';
import { linked, telegramStudio } from './telegram-support';

function studio() {
  const { emu, app } = freshStudio('en');
  app.run('setupDatabase', [], { kind: 'menu' });
  writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Anna', email: 'anna@example.com' }], 'en');
  const rowsOf = (sheet: string) => emu.spreadsheet.values(sheet).length - 1; // without the header
  return { emu, app, rowsOf };
}

describe('one request id per action', () => {
  it('logs a request once for two presses of one submit, and again for a new submit', () => {
    const { app, rowsOf } = studio();
    const request = { clientId: 'C-0001', channel: 'email', summary: 'Sticker pack?', pressId: 'press-1' };
    const first = app.callFromClient('logRequest', request) as { id: string };
    const again = app.callFromClient('logRequest', request) as { id: string };
    expect(again).toEqual(first);
    expect(rowsOf('Requests')).toBe(1);
    const next = app.callFromClient('logRequest', { ...request, pressId: 'press-2' }) as { id: string };
    // Ids count up from R-0001: the second press is the second request.
    expect([first.id, next.id]).toEqual(['R-0001', 'R-0002']);
    expect(rowsOf('Requests')).toBe(2);
  });

  it('creates a campaign once for two presses of one submit', () => {
    const { app, rowsOf } = studio();
    const campaign = { name: 'Autumn', ...CAMPAIGN_FORM, pressId: 'press-7' };
    const first = app.callFromClient('createCampaign', campaign) as { id: string };
    expect(app.callFromClient('createCampaign', campaign)).toEqual(first);
    expect(rowsOf('Campaigns')).toBe(1);
    expect((app.callFromClient('createCampaign', { ...campaign, pressId: 'press-8' }) as { id: string }).id).toBe(
      'K-0002',
    );
    expect(rowsOf('Campaigns')).toBe(2);
  });

  it('saves a new segment once for two presses of one submit', () => {
    const { app, rowsOf } = studio();
    const before = rowsOf('Segments');
    const segment = { name: 'Anna only', rules: 'email = "anna@example.com"', pressId: 'press-3' };
    const first = app.callFromClient('saveSegment', segment) as { id: string; name: string };
    expect(app.callFromClient('saveSegment', segment)).toEqual(first);
    expect(rowsOf('Segments')).toBe(before + 1);
    app.callFromClient('saveSegment', { ...segment, pressId: 'press-4' });
    expect(rowsOf('Segments')).toBe(before + 2);
  });

  it('forgets a press after a day: its memo key is dropped by the next action', () => {
    const { emu, app, rowsOf } = studio();
    const request = { clientId: 'C-0001', channel: 'email', summary: 'Hi', pressId: 'press-old' };
    app.callFromClient('logRequest', request);
    const memoKeys = () => Object.keys(emu.properties.script()).filter((key) => key.startsWith('action|'));
    expect(memoKeys()).toHaveLength(1);
    emu.advance(25 * 60 * 60 * 1000); // 25 hours: past the day the memo is kept
    app.callFromClient('logRequest', { ...request, pressId: 'press-new' });
    expect(memoKeys().map((key) => key.split('|').at(-1))).toEqual(['press-new']);
    expect(rowsOf('Requests')).toBe(2);
  });

  it('keeps a refused press out of the memo: the corrected press with a new id goes through', () => {
    const { app, rowsOf } = studio();
    expect(() =>
      app.callFromClient('logRequest', { clientId: 'C-0404', channel: 'email', summary: 'x', pressId: 'press-5' }),
    ).toThrow(/C-0404/);
    expect(rowsOf('Requests')).toBe(0);
    // The same id after a refusal is not a repeat of anything recorded: it records.
    app.callFromClient('logRequest', { clientId: 'C-0001', channel: 'email', summary: 'x', pressId: 'press-5' });
    expect(rowsOf('Requests')).toBe(1);
  });

  it('sends a Telegram reply once for two presses of one submit, and again for a new press', () => {
    const studio = telegramStudio('ru');
    linked(studio, 'C-0001', 501, 'Аня');
    studio.emu.advance(60_000);
    studio.bot.userWrites({ id: 501, firstName: 'Аня' }, 'Сколько стоит оверлей?');
    studio.poll();
    const first = studio.app.callFromClient('replyOnTelegram', 'R-0001', 'От 3 000 ₽', 'press-9');
    expect(studio.app.callFromClient('replyOnTelegram', 'R-0001', 'От 3 000 ₽', 'press-9')).toEqual(first);
    expect(studio.bot.sent(501).filter((message) => message.text === 'От 3 000 ₽')).toHaveLength(1);
    studio.app.callFromClient('replyOnTelegram', 'R-0001', 'От 3 000 ₽', 'press-10');
    expect(studio.bot.sent(501).filter((message) => message.text === 'От 3 000 ₽')).toHaveLength(2);
  });
});
