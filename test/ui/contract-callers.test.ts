// Every function the sidebar contract offers has a caller in src/ui: a server call staff cannot reach
// from the sidebar is either dead or a missing button (issue #10 left eleven). Functions other pages
// call (src/contract/page-api.ts) have their own contract and are not listed here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_ARGS } from '../../src/contract/page-args';
import { SIDEBAR_ARGS } from '../../src/contract/sidebar-args';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The names passed to the typed wrapper, `call('name', …)`, as src/ui/server.ts asks them written. */
export function calledNames(source: string): Set<string> {
  return new Set([...source.matchAll(/\bcall\(\s*['"](\w+)['"]/g)].map((match) => match[1] ?? ''));
}

/** Contract functions no source calls. */
export function uncalled(contract: readonly string[], sources: readonly string[]): string[] {
  const called = new Set(sources.flatMap((source) => [...calledNames(source)]));
  return contract.filter((name) => !called.has(name));
}

describe('the sidebar contract has callers', () => {
  const sources = files('src/ui').map((path) => readFileSync(path, 'utf8'));

  it('every sidebar function is called from src/ui', () => {
    expect(uncalled(Object.keys(SIDEBAR_ARGS), sources)).toEqual([]);
  });

  it('no page-only function hides in the sidebar contract', () => {
    const pageOnly = Object.keys(PAGE_ARGS);
    expect(Object.keys(SIDEBAR_ARGS).filter((name) => pageOnly.includes(name))).toEqual([]);
  });

  it('finds a function without a caller (the check can fail)', () => {
    // Two contract names, one called with either quote and spacing, one only mentioned in a comment.
    const source = `// refreshProblems is not a call\nvoid call( "listOpenRequests");`;
    expect(uncalled(['listOpenRequests', 'refreshProblems'], [source])).toEqual(['refreshProblems']);
  });
});
