// Two time zones, as Google has them: the script's (appsscript.json, Session.getScriptTimeZone()) governs the
// script's Date local-time methods; the spreadsheet's (getSpreadsheetTimeZone(), File → Settings) governs how date
// cells are typed and read. Offsets by hand: Moscow UTC+3, Novosibirsk UTC+7, Berlin UTC+1 in winter,
// New York UTC−5 (EST) / UTC−4 (EDT from 8 March 2026, the second Sunday of March).
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';

const SCRIPT = `
function localMidnight(y, m, d) { return new Date(y, m, d).toISOString(); }
function localNoon(y, m, d) { return new Date(y, m, d, 12).toISOString(); }
function readings(iso) {
  var d = new Date(iso);
  return { hours: d.getHours(), date: d.getDate(), day: d.getDay(), offset: d.getTimezoneOffset(), text: d.toString() };
}
function startOfDay(iso) { var d = new Date(iso); d.setHours(0, 0, 0, 0); return d.toISOString(); }
function parsed(text) { return new Date(Date.parse(text)).toISOString(); }
function zones() { return { script: Session.getScriptTimeZone(), sheet: SpreadsheetApp.getActive().getSpreadsheetTimeZone() }; }
function cellInstant(a1) { return SpreadsheetApp.getActive().getSheets()[0].getRange(a1).getValue().toISOString(); }
function writeDate(a1, iso) {
  var range = SpreadsheetApp.getActive().getSheets()[0].getRange(a1);
  range.setNumberFormat('yyyy-mm-dd hh:mm').setValue(new Date(iso));
  return range.getDisplayValue();
}
function format(iso, zone) { return Utilities.formatDate(new Date(iso), zone, 'yyyy-MM-dd HH:mm'); }
function setSheetZone(zone) { SpreadsheetApp.getActive().setSpreadsheetTimeZone(zone); }
`;

function load(options: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru', ...options });
  return { emu, app: loadBundleSource(emu, SCRIPT), sheet: emu.spreadsheet.activeSheetName() };
}

const processZone = process.env.TZ;
afterEach(() => {
  if (processZone === undefined) delete process.env.TZ;
  else process.env.TZ = processZone;
});

describe("the script's time zone in Date", () => {
  it('builds and reads local time in the script zone', () => {
    const { app } = load({ timeZone: 'Europe/Moscow' });
    expect(app.run('localMidnight', [2026, 10, 24])).toBe('2026-11-23T21:00:00.000Z');
    expect(app.run('readings', ['2026-11-24T22:30:00Z'])).toEqual({
      hours: 1,
      date: 25,
      day: 3,
      offset: -180,
      text: 'Wed Nov 25 2026 01:30:00 GMT+0300 (Moscow Standard Time)',
    });
    expect(app.run('startOfDay', ['2026-11-24T22:30:00Z'])).toBe('2026-11-24T21:00:00.000Z');
    expect(app.run('parsed', ['2026-11-24T10:00:00'])).toBe('2026-11-24T07:00:00.000Z');
    expect(app.run('parsed', ['2026-11-24T10:00:00Z'])).toBe('2026-11-24T10:00:00.000Z');
  });

  it('follows daylight saving time of the script zone', () => {
    const { app } = load({ timeZone: 'America/New_York' });
    expect(app.run('localNoon', [2026, 0, 15])).toBe('2026-01-15T17:00:00.000Z');
    expect(app.run('localNoon', [2026, 2, 8])).toBe('2026-03-08T16:00:00.000Z');
    expect((app.run('readings', ['2026-03-08T16:00:00Z']) as { offset: number }).offset).toBe(240);
  });

  it('does not depend on the Node process time zone', () => {
    const { app } = load({ timeZone: 'Europe/Moscow' });
    const inUtc = [
      app.run('localMidnight', [2026, 10, 24]),
      app.run('readings', ['2026-11-24T22:30:00Z']),
      app.run('parsed', ['2026-11-24 10:00']),
    ];
    process.env.TZ = 'Pacific/Auckland';
    const elsewhere = [
      app.run('localMidnight', [2026, 10, 24]),
      app.run('readings', ['2026-11-24T22:30:00Z']),
      app.run('parsed', ['2026-11-24 10:00']),
    ];
    expect(elsewhere).toEqual(inUtc);
    expect(inUtc[2]).toBe('2026-11-24T07:00:00.000Z');
  });
});

describe("the spreadsheet's time zone", () => {
  it('is its own, apart from the script zone', () => {
    const { app } = load({ timeZone: 'Europe/Moscow', spreadsheetTimeZone: 'Asia/Novosibirsk' });
    expect(app.run('zones')).toEqual({ script: 'Europe/Moscow', sheet: 'Asia/Novosibirsk' });
  });

  it('defaults to the script zone', () => {
    const { app } = load({ timeZone: 'Europe/Berlin' });
    expect(app.run('zones')).toEqual({ script: 'Europe/Berlin', sheet: 'Europe/Berlin' });
  });

  it('reads a typed date as midnight in the spreadsheet zone', () => {
    const { emu, app, sheet } = load({ timeZone: 'Europe/Moscow', spreadsheetTimeZone: 'Asia/Novosibirsk' });
    emu.spreadsheet.edit(sheet, 'A1', '24.11.2026');
    expect(app.run('cellInstant', ['A1'])).toBe('2026-11-23T17:00:00.000Z');
    expect(emu.spreadsheet.values(sheet)[0]?.[0]).toEqual(new Date('2026-11-23T17:00:00Z'));
  });

  it("shows a written date on the spreadsheet zone's wall clock", () => {
    const { app } = load({ timeZone: 'Europe/Moscow', spreadsheetTimeZone: 'Europe/Berlin' });
    expect(app.run('writeDate', ['B1', '2026-11-24T00:00:00Z'])).toBe('2026-11-24 01:00');
  });

  it('keeps the wall clock of date cells when staff change the zone (the instant moves)', () => {
    const { emu, app, sheet } = load({ timeZone: 'Europe/Moscow', spreadsheetTimeZone: 'Europe/Moscow' });
    emu.spreadsheet.edit(sheet, 'A1', '24.11.2026');
    app.run('setSheetZone', ['America/New_York']);
    expect(app.run('cellInstant', ['A1'])).toBe('2026-11-24T05:00:00.000Z');
  });
});

describe('Utilities.formatDate', () => {
  it('formats in the zone it is given, not the script or spreadsheet zone', () => {
    const { app } = load({ timeZone: 'Europe/Moscow', spreadsheetTimeZone: 'Europe/Berlin' });
    expect(app.run('format', ['2026-11-24T21:30:00Z', 'Asia/Novosibirsk'])).toBe('2026-11-25 04:30');
    expect(app.run('format', ['2026-11-24T21:30:00Z', 'America/New_York'])).toBe('2026-11-24 16:30');
  });
});
