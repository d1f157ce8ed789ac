// The e2e guard against a stale build: it compares modification times, so a temp dir with set times proves it.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertBuildIsFresh } from '../support/built-bundle';

describe('the e2e guard against a stale dist/', () => {
  let root: string;
  const at = (path: string, isoTime: string) => {
    const time = new Date(isoTime);
    utimesSync(path, time, time);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fresh-bundle-'));
    mkdirSync(join(root, 'src/domain'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src/domain/rfm.ts'), 'export {};');
    writeFileSync(join(root, 'appsscript.json'), '{}');
    writeFileSync(join(root, 'dist/Code.js'), '');
    at(join(root, 'src/domain/rfm.ts'), '2026-11-24T09:00:00Z');
    at(join(root, 'appsscript.json'), '2026-11-24T09:00:00Z');
    at(join(root, 'dist/Code.js'), '2026-11-24T10:00:00Z');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const check = () =>
    assertBuildIsFresh(
      join(root, 'dist/Code.js'),
      [join(root, 'src'), join(root, 'appsscript.json')],
      join(root, 'dist/appsscript.json'),
    );

  it('lets a build newer than every source through', () => {
    expect(check).not.toThrow();
  });

  it('refuses a build older than a file deep under src/, naming the file and the fix', () => {
    at(join(root, 'src/domain/rfm.ts'), '2026-11-24T11:00:00Z');
    expect(check).toThrow(
      `${join(root, 'dist/Code.js')} is older than ${join(root, 'src/domain/rfm.ts')}: run npm run build`,
    );
  });

  it('refuses a build older than the manifest', () => {
    at(join(root, 'appsscript.json'), '2026-11-24T11:00:00Z');
    expect(check).toThrow(`is older than ${join(root, 'appsscript.json')}: run npm run build`);
  });

  it('lets an unchanged Code.js through when a later build rewrote the stamp (webpack skips an identical bundle)', () => {
    at(join(root, 'src/domain/rfm.ts'), '2026-11-24T11:00:00Z');
    writeFileSync(join(root, 'dist/appsscript.json'), '{}');
    at(join(root, 'dist/appsscript.json'), '2026-11-24T12:00:00Z');
    expect(check).not.toThrow();
  });

  it('refuses a missing build', () => {
    rmSync(join(root, 'dist/Code.js'));
    expect(check).toThrow(`${join(root, 'dist/Code.js')} is missing: run npm run build`);
  });
});
