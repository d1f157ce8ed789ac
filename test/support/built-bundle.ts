// The one way e2e tests load dist/Code.js: it refuses a build older than its sources, so editing src/
// and running one e2e file never tests the previous build silently.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../local/emulator';
import { loadBundle, type BundleApp } from '../../local/emulator/bundle';

export const BUNDLE_PATH = 'dist/Code.js';
/** Copied on every `npm run build`, as its last step: webpack leaves Code.js untouched when its content is unchanged. */
export const BUILD_STAMP_PATH = 'dist/appsscript.json';
/** What the build reads: a change to any of them makes dist/ stale. */
export const BUILD_SOURCES = ['src', 'appsscript.json'] as const;

/** The newest file under `path` (or `path` itself), with its modification time. */
function newestFile(path: string): { path: string; mtimeMs: number } {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let newest = { path, mtimeMs: 0 };
  for (const entry of readdirSync(path)) {
    const candidate = newestFile(join(path, entry));
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/**
 * Throws when the bundle is missing or a source (file, or folder searched deep) changed after the last
 * build; the build's time is the newer of the bundle and the stamp the build writes last.
 */
export function assertBuildIsFresh(
  bundlePath: string = BUNDLE_PATH,
  sources: readonly string[] = BUILD_SOURCES,
  stampPath: string = BUILD_STAMP_PATH,
): void {
  if (!existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run npm run build`);
  const builtAt = Math.max(statSync(bundlePath).mtimeMs, existsSync(stampPath) ? statSync(stampPath).mtimeMs : 0);
  for (const source of sources) {
    const newest = newestFile(source);
    if (newest.mtimeMs > builtAt) throw new Error(`${bundlePath} is older than ${newest.path}: run npm run build`);
  }
}

let checked = false;

/** dist/Code.js loaded into the emulator, after checking once per test file that it is newer than src/ and the manifest. */
export function loadBuiltBundle(emu: Emulator): BundleApp {
  if (!checked) {
    assertBuildIsFresh();
    checked = true;
  }
  return loadBundle(emu, BUNDLE_PATH);
}
