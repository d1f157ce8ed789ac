// Class Service, getUrl(): "Returns the URL of the web app, if it has been deployed; otherwise returns null."
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { loadBundleSource } from '../../local/emulator/bundle';

const SCRIPT = `function url() { return ScriptApp.getService().getUrl(); }`;

describe('ScriptApp.getService().getUrl()', () => {
  it('is null until a web app is deployed', () => {
    const emu = createEmulator();
    const app = loadBundleSource(emu, SCRIPT);
    expect(app.run('url')).toBeNull();
  });

  it('answers the /dev URL for the test deployment and /exec once a version is deployed', () => {
    const emu = createEmulator();
    const app = loadBundleSource(emu, SCRIPT);
    const dev = emu.webapp.testDeploy();
    expect(dev).toMatch(/\/dev$/);
    expect(app.run('url')).toBe(dev);
    const exec = emu.webapp.deploy({ version: 3 });
    expect(exec).toMatch(/\/exec$/);
    expect(exec).not.toBe(dev);
    expect(app.run('url')).toBe(exec);
    expect(emu.webapp.state()).toEqual({ version: 3, testDeployed: true });
  });

  it('keeps the deployment across a snapshot and forgets it on undeploy', () => {
    const emu = createEmulator();
    emu.webapp.deploy({ version: 1 });
    const copy = createEmulator();
    copy.restore(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(loadBundleSource(copy, SCRIPT).run('url')).toMatch(/\/exec$/);
    copy.webapp.undeploy();
    expect(loadBundleSource(copy, SCRIPT).run('url')).toBeNull();
  });
});
