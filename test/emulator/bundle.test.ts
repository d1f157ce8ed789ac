import { describe, expect, it } from 'vitest';
import { ClientCallError, loadBundleSource } from '../../local/emulator/bundle';
import { createEmulator } from '../../local/emulator';

// A tiny Apps Script file: what dist/Code.js looks like to the emulator.
const SCRIPT = `
var counted = 0;
function echo(value) { return value; }
function secret_() { return 'hidden'; }
function describeArg(value) {
  return {
    isArray: Array.isArray(value.list),
    arrayOfThisRealm: value.list instanceof Array,
    list: value.list,
    keys: Object.keys(value),
  };
}
function returnsDate() { return { when: new Date() }; }
function returnsHoles() { return { list: [1, undefined, 3], gone: undefined, kept: 'yes' }; }
function fails() { throw new Error('Client not found'); }
function globalsSeen() {
  return [typeof require, typeof process, typeof setTimeout, typeof fetch, typeof SpreadsheetApp, typeof HtmlService];
}
function now() { return [new Date().getTime(), Date.now()]; }
function isDateHere(value) { return value instanceof Date && Object.prototype.toString.call(value) === '[object Date]'; }
function scheduleReport() { ScriptApp.newTrigger('weeklyReport').timeBased().everyHours(1).create(); }
function weeklyReport(e) {
  var store = PropertiesService.getScriptProperties();
  var runs = JSON.parse(store.getProperty('runs') || '[]');
  runs.push([new Date().toISOString(), e.triggerUid, e.authMode === ScriptApp.AuthMode.FULL]);
  store.setProperty('runs', JSON.stringify(runs));
}
function runsSoFar() { return JSON.parse(PropertiesService.getScriptProperties().getProperty('runs') || '[]'); }
function countInModule() { counted += 1; return counted; }
function doGet(e) {
  if (e.parameter.format === 'json') {
    return ContentService.createTextOutput(JSON.stringify(e.parameters)).setMimeType(ContentService.MimeType.JSON);
  }
  var page = HtmlService.createTemplate('<h1><?= name ?></h1>');
  page.name = helperTitle(e.parameter.name);
  return page.evaluate().setTitle('Студия').addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
function helperTitle(name) { return 'Hi, ' + name; }
var notAFunction = function () {};
`;

function load() {
  const emu = createEmulator({ now: '2024-03-15T10:00:00Z' });
  const app = loadBundleSource(emu, SCRIPT);
  return { emu, app };
}

describe('loadBundle', () => {
  it('lists the top-level function declarations only', () => {
    const { app } = load();
    expect(app.functions()).toContain('doGet');
    expect(app.functions()).toContain('weeklyReport');
    expect(app.functions()).not.toContain('notAFunction');
  });

  it('gives the script only Apps Script globals, and a Date on the emulator clock', () => {
    const { emu, app } = load();
    expect(app.run('globalsSeen')).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'object', 'object']);
    const at = Date.parse('2024-03-15T10:00:00Z');
    expect(app.run('now')).toEqual([at, at]);
    emu.clock.advance(5000);
    expect(app.run('now')).toEqual([at + 5000, at + 5000]);
    expect(app.run('isDateHere', [new emu.dateCtor(0)])).toBe(true);
  });

  it("the script sees its realm's own builtins, may declare a builtin's name itself, and keeps its line numbers", () => {
    const emu = createEmulator({ now: '2024-03-15T10:00:00Z' });
    const app = loadBundleSource(
      emu,
      [
        'var Map = function () { return "mine"; };',
        'function builtins() { return [Math === globalThis.Math, JSON === globalThis.JSON, Date === globalThis.Date, Map()]; }',
        'function line() { try { null.x; } catch (e) { return String(e.stack).match(/Code\\.js:(\\d+)/)[1]; } }',
      ].join('\n'),
    );
    expect(app.run('builtins')).toEqual([true, true, true, 'mine']);
    expect(app.run('line')).toBe('3');
    expect(new (app.sandbox as { Date: DateConstructor }).Date().getTime()).toBe(Date.parse('2024-03-15T10:00:00Z'));
  });

  it("the clock Date is callable as a function, constructs, subclasses and keeps Date's statics", () => {
    const emu = createEmulator({ now: '2024-03-15T10:00:00Z' });
    const app = loadBundleSource(
      emu,
      [
        'class Stamp extends Date { label() { return "at " + this.getTime(); } }',
        'function dates() {',
        '  var parts = new Date(2024, 0, 31, 12, 0, 0);',
        '  return [typeof Date(), Date().indexOf("2024") >= 0, new Date() instanceof Date, new Date(5).getTime(), parts.getMonth(), parts.getDate(),',
        '    new Stamp(7).label(), new Stamp(7) instanceof Date, Date.now(), Date.UTC(2024, 0, 1), Date.parse("2024-01-01T00:00:00Z"), Date.name,',
        '    Object.getPrototypeOf(new Date(1)) === Date.prototype];',
        '}',
      ].join('\n'),
    );
    const at = Date.parse('2024-03-15T10:00:00Z');
    expect(app.run('dates')).toEqual([
      'string',
      true,
      true,
      5,
      0,
      31,
      'at 7',
      true,
      at,
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 0, 1),
      'Date',
      true,
    ]);
  });

  it('evaluates the file afresh for each execution: a module variable set in one is not seen by the next', () => {
    const { emu, app } = load();
    // Each run adds 1 to \`counted\`, which the file starts at 0: on Google every execution sees 0 + 1.
    expect(app.run('countInModule')).toBe(1);
    expect(app.run('countInModule')).toBe(1);
    expect(app.callFromClient('countInModule')).toBe(1);
    // A second execution interleaved inside a first gets a realm of its own too.
    let inner: unknown;
    emu.rt.interleaveAt(0, () => {
      inner = app.run('countInModule');
    });
    expect(app.run('runsSoFar')).toEqual([]);
    expect(inner).toBe(1);
    expect(app.run('countInModule')).toBe(1);
  });

  it('runs each call as one execution and propagates errors with their message', () => {
    const { emu, app } = load();
    expect(() => app.run('fails')).toThrow('Client not found');
    expect(() => app.run('missing')).toThrow('Script function not found: missing');
    expect(emu.rt.execution).toBeNull();
  });
});

describe('callFromClient follows google.script.run rules', () => {
  it('hands arrays and objects to the server as values of its own realm', () => {
    const { app } = load();
    expect(app.callFromClient('describeArg', { list: [1, undefined, 'x'], skip: undefined })).toEqual({
      isArray: true,
      arrayOfThisRealm: true,
      list: [1, null, 'x'],
      keys: ['list'],
    });
  });

  it('refuses a Date, a function, a class instance or a cycle as a parameter', () => {
    const { app } = load();
    expect(() => app.callFromClient('echo', new Date())).toThrow('Failed due to illegal value in property: 0');
    expect(() => app.callFromClient('echo', { when: new Date() })).toThrow(
      'Failed due to illegal value in property: when',
    );
    expect(() => app.callFromClient('echo', { run: () => 1 })).toThrow(ClientCallError);
    expect(() => app.callFromClient('echo', new Map())).toThrow(ClientCallError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => app.callFromClient('echo', loop)).toThrow(ClientCallError);
  });

  it('returns null for a result holding a Date; drops undefined fields, nulls undefined in arrays', () => {
    const { app } = load();
    expect(app.callFromClient('returnsDate')).toBeNull();
    expect(app.callFromClient('returnsHoles')).toEqual({ list: [1, null, 3], kept: 'yes' });
  });

  it('offers no private (trailing underscore) or unknown function, and runs nothing for them', () => {
    const { emu, app } = load();
    expect(app.run('secret_')).toBe('hidden');
    emu.rt.resetCounts();
    expect(() => app.callFromClient('secret_')).toThrow(
      new ClientCallError('google.script.run.secret_ is not a function'),
    );
    expect(() => app.callFromClient('nowhere')).toThrow(
      new ClientCallError('google.script.run.nowhere is not a function'),
    );
    expect(emu.rt.total('')).toBe(0);
  });

  it('brings a server error back as a failure with its message', () => {
    const { app } = load();
    expect(() => app.callFromClient('fails')).toThrow(new ClientCallError('Client not found'));
  });
});

describe('triggers and the web app', () => {
  it('advance runs each due time-driven trigger at its time, as a trigger execution', () => {
    const { emu, app } = load();
    app.run('scheduleReport');
    const runs = emu.advance(3 * 60 * 60 * 1000);
    expect(runs.map((r) => r.handler)).toEqual(['weeklyReport', 'weeklyReport', 'weeklyReport']);
    const seen = app.run('runsSoFar') as Array<[string, string, boolean]>;
    expect(seen.map(([at]) => at)).toEqual(runs.map((r) => new Date(r.at).toISOString()));
    expect(seen.every(([, uid, full]) => uid === runs[0]?.triggerUid && full)).toBe(true);
    expect(emu.clock.now()).toBe(Date.parse('2024-03-15T13:00:00Z'));
  });

  it("doGet renders an HtmlOutput with the script's own functions and its meta tags, or a TextOutput", () => {
    const { app } = load();
    expect(app.doGet({ name: '<Ann>' })).toEqual({
      mimeType: 'text/html',
      content: '<h1>Hi, &lt;Ann&gt;</h1>',
      title: 'Студия',
      metaTags: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
    });
    const json = app.doGet('format=json&tag=a&tag=b');
    expect(json.mimeType).toBe('application/json');
    expect(json.metaTags).toEqual([]);
    expect(JSON.parse(json.content)).toEqual({ format: ['json'], tag: ['a', 'b'] });
  });

  it('a web app execution has no UI context: the kind is webapp', () => {
    const { emu, app } = load();
    let seen = '';
    emu.rt.onCall = () => {
      seen = emu.context().kind;
    };
    app.doGet({ name: 'x' });
    expect(seen).toBe('webapp');
  });
});
