// `npm run check` must fail on an Apps Script call in src/domain, on a lint error and on a formatting slip. Each case
// runs the project's own `typecheck`, `lint` and `format:check` scripts in a throwaway copy of the configuration that
// holds only stand-in files plus the injected ones, beside a clean copy that passes: a failure below belongs to the
// injected file, not to the state of the real tree, which is never written to.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript-classic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const configFiles = [
  'package.json',
  'eslint.config.js',
  'scripts/classic-typescript.cjs',
  '.prettierrc.json',
  '.prettierignore',
  '.editorconfig',
];
const tsconfigFiles = readdirSync(repo).filter((name) => /^tsconfig(\..+)?\.json$/.test(name));
const hasDomainTsconfig = tsconfigFiles.includes('tsconfig.domain.json');

const domainServiceCall = 'src/domain/check-guards-service-call.ts';
const lintError = 'src/domain/check-guards-lint-error.ts';
const formatSlip = 'src/domain/check-guards-format-slip.ts';

const injected: Record<string, string> = {
  [domainServiceCall]: [
    'export function activeSpreadsheetName(): string {',
    '  return SpreadsheetApp.getActiveSpreadsheet().getName();',
    '}',
    '',
  ].join('\n'),
  // A promise nobody awaits: only a type-aware rule can see it.
  [lintError]: [
    'export function saveClient(): Promise<void> {',
    '  return Promise.resolve();',
    '}',
    '',
    'export function saveAll(): void {',
    '  saveClient();',
    '}',
    '',
  ].join('\n'),
  // Double quotes and a missing semicolon: Prettier's single quotes and semicolons, nothing a lint rule checks.
  [formatSlip]: 'export const greeting = "hello"\n',
};

// Allowed: the entry points call Apps Script, and src/sheets is handed a spreadsheet as a parameter.
const allowed: Record<string, string> = {
  'src/server/check-guards-server.ts': [
    'export function activeSpreadsheetName(): string {',
    '  return SpreadsheetApp.getActiveSpreadsheet().getName();',
    '}',
    '',
  ].join('\n'),
  'src/sheets/check-guards-sheets.ts': [
    'export function sheetNames(book: GoogleAppsScript.Spreadsheet.Spreadsheet): string[] {',
    '  return book.getSheets().map((sheet) => sheet.getName());',
    '}',
    '',
  ].join('\n'),
};

/** Every global @types/google-apps-script declares, read from the type files (Date and console are JavaScript's). */
function declaredAppsScriptGlobals(): string[] {
  const typesDir = join(repo, 'node_modules/@types/google-apps-script');
  const names = readdirSync(typesDir)
    .filter((file) => file.endsWith('.d.ts'))
    .flatMap((file) => [...readFileSync(join(typesDir, file), 'utf8').matchAll(/^declare (?:var|const) (\w+)/gm)])
    .map((match) => match[1] ?? '');
  return [...new Set(names)].filter((name) => name !== 'Date' && name !== 'console').sort();
}

const srcFolders = readdirSync(join(repo, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** One file per src folder naming every Apps Script global; @ts-nocheck keeps it out of the type-check. */
function globalsProbes(): Record<string, string> {
  const body = declaredAppsScriptGlobals().map((name) => `  ${name},`);
  const text = ['// @ts-nocheck', 'export const probe: unknown[] = [', ...body, '];', ''].join('\n');
  return Object.fromEntries(srcFolders.map((folder) => [`src/${folder}/check-guards-globals.ts`, text]));
}

/** A stand-in per tsconfig include, so every project the typecheck script compiles has an input. */
function standIns(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of tsconfigFiles) {
    const { config } = ts.parseConfigFileTextToJson(name, readFileSync(join(repo, name), 'utf8')) as {
      config?: { include?: string[]; files?: string[] };
    };
    for (const pattern of [...(config?.include ?? []), ...(config?.files ?? [])]) {
      const folder = pattern.split('/').filter((part) => !part.includes('*'));
      const path = pattern.includes('*') ? [...folder, 'check-guards-stand-in.ts'].join('/') : pattern;
      files[path] = '// Gives this project an input.\nexport const standIn = 1;\n';
    }
  }
  return files;
}

interface ScriptRun {
  status: number;
  stdout: string;
  /** stdout and stderr together. */
  output: string;
}

interface Sandbox {
  dir: string;
  run(script: string, ...args: string[]): ScriptRun;
}

const sandboxes: string[] = [];

function sandbox(files: Record<string, string>): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'check-guards-'));
  sandboxes.push(dir);
  for (const file of [...configFiles, ...tsconfigFiles]) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repo, file), join(dir, file));
  }
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  // The copied configuration is the real tree's to format; here only the files written below are checked.
  appendFileSync(join(dir, '.prettierignore'), ['', ...configFiles, ...tsconfigFiles, ''].join('\n'));
  for (const [file, text] of Object.entries({ ...standIns(), ...files })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return {
    dir,
    run(script, ...args) {
      const result = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
        cwd: dir,
        encoding: 'utf8',
      });
      return { status: result.status ?? 1, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` };
    },
  };
}

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
}

/** Error-level messages per file, from the lint script's JSON output. */
function lintErrors(box: Sandbox): { status: number; byFile: Map<string, LintMessage[]> } {
  const { status, stdout } = box.run('lint', '--format', 'json');
  const results = JSON.parse(stdout) as { filePath: string; messages: LintMessage[] }[];
  const byFile = new Map(
    results.map((result) => [
      result.filePath.slice(box.dir.length + 1),
      result.messages.filter((message) => message.severity === 2),
    ]),
  );
  return { status, byFile };
}

afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

describe('a clean copy of the configuration passes', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(allowed);
  });

  it('type-checks, including Apps Script calls in src/server and a spreadsheet parameter in src/sheets', () => {
    expect(box.run('typecheck')).toMatchObject({ status: 0 });
  });

  it('lints without an error', () => {
    const { status, byFile } = lintErrors(box);
    expect([...byFile].filter(([, messages]) => messages.length > 0)).toEqual([]);
    expect(status).toBe(0);
  });

  it('is formatted', () => {
    expect(box.run('format:check')).toMatchObject({ status: 0 });
  });
});

describe('npm run check fails on each injected mistake', () => {
  let box: Sandbox;
  let lint: ReturnType<typeof lintErrors>;
  let typecheck: ScriptRun;
  let format: ScriptRun;
  beforeAll(() => {
    box = sandbox({ ...allowed, ...injected, ...globalsProbes() });
    lint = lintErrors(box);
    typecheck = box.run('typecheck');
    format = box.run('format:check');
  });

  it('an Apps Script call in src/domain fails the lint rule at the call', () => {
    expect(lint.status).not.toBe(0);
    const restricted = (lint.byFile.get(domainServiceCall) ?? []).filter((m) => m.ruleId === 'no-restricted-globals');
    expect(restricted.map((m) => [m.line, m.message.split('.')[0]])).toEqual([
      [2, "Unexpected use of 'SpreadsheetApp'"],
    ]);
  });

  it.skipIf(!hasDomainTsconfig)(
    'an Apps Script call in src/domain fails the type-check (skipped while tsconfig.domain.json does not exist)',
    () => {
      expect(typecheck.status, 'npm run typecheck must compile tsconfig.domain.json').not.toBe(0);
      expect(typecheck.output).toMatch(/check-guards-service-call\.ts.*TS2304.*'SpreadsheetApp'/);
    },
  );

  it('a lint error fails lint, while the same file type-checks and is formatted', () => {
    const rules = (lint.byFile.get(lintError) ?? []).map((m) => [m.ruleId, m.line]);
    expect(rules).toEqual([['@typescript-eslint/no-floating-promises', 6]]);
    expect(typecheck.output).not.toContain('check-guards-lint-error');
    expect(format.output).not.toContain('check-guards-lint-error');
  });

  it('a formatting slip fails the format check, and lint has nothing to say about it', () => {
    expect(format.status).not.toBe(0);
    expect(format.output).toContain(formatSlip);
    expect(format.output).not.toContain(domainServiceCall);
    expect(lint.byFile.get(formatSlip)).toEqual([]);
  });

  it('every Apps Script global is forbidden in every src folder but src/services and src/server', () => {
    const declared = declaredAppsScriptGlobals();
    expect(declared).toContain('SpreadsheetApp');
    const forbiddenBy = (folder: string) =>
      [
        ...new Set(
          (lint.byFile.get(`src/${folder}/check-guards-globals.ts`) ?? [])
            .filter((m) => m.ruleId === 'no-restricted-globals')
            .map((m) => /'(\w+)'/.exec(m.message)?.[1]),
        ),
      ].sort();
    for (const folder of srcFolders) {
      const expected = folder === 'services' || folder === 'server' ? [] : declared;
      expect({ folder, forbidden: forbiddenBy(folder) }).toEqual({ folder, forbidden: expected });
    }
  });
});

describe('the real tree is left alone', () => {
  it('no injected file exists in the repository', () => {
    const names = [...Object.keys(injected), ...Object.keys(allowed), ...Object.keys(globalsProbes())];
    expect(names.filter((name) => existsSync(join(repo, name)))).toEqual([]);
  });
});
