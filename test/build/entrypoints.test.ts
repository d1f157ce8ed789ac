// Every function something outside the bundle calls by name must be a top-level function of
// dist/Code.js: the menu's items, the sidebar's google.script.run calls, installed trigger handlers,
// and doGet. Names are read from the built artifacts, so a renamed export fails here, not in Sheets.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundle, type BundleApp } from '../../local/emulator/bundle';

const sidebarHtml = readFileSync('dist/sidebar.html', 'utf8');

/** The names the sidebar passes to its typed wrapper: `call("name", …)` in the bundled script. */
function sidebarCalls(html: string): string[] {
  return [...new Set([...html.matchAll(/\bcall\d*\(\s*["'](\w+)["']/g)].map((match) => match[1] ?? ''))].sort();
}

describe('the bundle exposes every function called by name', () => {
  let emu: ReturnType<typeof createEmulator>;
  let app: BundleApp;
  let functions: Set<string>;

  beforeAll(() => {
    emu = createEmulator({ now: '2026-11-24T09:00:00Z', locale: 'ru' });
    emu.spreadsheet.ui.autoAnswer('OK');
    app = loadBundle(emu);
    functions = new Set(app.functions());
  });

  it('the menu built by onOpen calls only exposed functions', () => {
    app.run('onOpen', [{ authMode: 'FULL' }], { kind: 'simpleTrigger' });
    const items = (emu.spreadsheet.ui.menus()[0]?.items ?? []).filter((item) => item.kind !== 'separator');
    const names = items.map((item) => item.functionName ?? '');
    expect(names).toEqual(
      expect.arrayContaining([
        'openSidebar',
        'setupDatabase',
        'createForms',
        'refreshAnalysis',
        'openCampaigns',
        'openAutomations',
        'openSettings',
        'showHelp',
      ]),
    );
    for (const name of names) expect(functions, `menu item ${name}`).toContain(name);
  });

  it('every google.script.run call of the built sidebar goes through the wrapper to an exposed function', () => {
    const names = sidebarCalls(sidebarHtml);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(functions, `sidebar calls ${name}`).toContain(name);
    // One use of google.script.run: the typed wrapper. A direct call elsewhere would escape this check.
    expect(sidebarHtml.match(/google\.script\.run\b/g)?.length).toBe(1);
  });

  it('finds a call the bundle does not expose (the check can fail)', () => {
    const names = sidebarCalls('<script>call("noSuchServerFunction", 1)</script>');
    expect(names).toEqual(['noSuchServerFunction']);
    expect(functions.has('noSuchServerFunction')).toBe(false);
  });

  it('every trigger the setup installs names an exposed handler', () => {
    app.run('setupDatabase', [], { kind: 'menu' });
    app.run('createForms', [], { kind: 'menu' });
    const handlers = [...new Set(emu.triggers.list().map((trigger) => trigger.handler))];
    expect(handlers).toEqual(expect.arrayContaining(['runNightly', 'runHourly']));
    for (const handler of handlers) expect(functions, `trigger handler ${handler}`).toContain(handler);
  });

  it('exposes doGet for the unsubscribe link', () => {
    expect(functions).toContain('doGet');
  });
});
