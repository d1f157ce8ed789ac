// One lint for the repository (`npm run lint`). TypeScript files are linted with type information from the
// same tsconfig projects `npm run typecheck` compiles.
import './scripts/classic-typescript.cjs';
import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-classic';
import tseslint from 'typescript-eslint';

/** Apps Script's global services and enums: every `declare var` of @types/google-apps-script but JavaScript's Date and console. */
export const APPS_SCRIPT_GLOBALS = [
  'Browser',
  'CacheService',
  'CalendarApp',
  'CardService',
  'Charset',
  'Charts',
  'ConferenceDataService',
  'ContactsApp',
  'ContentService',
  'DataStudioApp',
  'Date2',
  'DigestAlgorithm',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'GroupsApp',
  'HtmlService',
  'Jdbc',
  'LanguageApp',
  'LinearOptimizationService',
  'LockService',
  'Logger',
  'MacAlgorithm',
  'MailApp',
  'Maps',
  'MimeType',
  'PropertiesService',
  'RsaAlgorithm',
  'ScriptApp',
  'ScriptProperties',
  'Session',
  'SitesApp',
  'SlidesApp',
  'SpreadsheetApp',
  'UrlFetchApp',
  'UserProperties',
  'Utilities',
  'XmlService',
];

// Every tsconfig that names files (tsconfig.base.json only holds shared options); a new one is picked up by itself.
const tsconfigProjects = readdirSync(import.meta.dirname)
  .filter((name) => /^tsconfig(\..+)?\.json$/.test(name))
  .filter((name) => {
    const { config } = ts.parseConfigFileTextToJson(name, readFileSync(new URL(name, import.meta.url), 'utf8'));
    return Boolean(config?.include ?? config?.files);
  })
  .sort();

export default defineConfig(
  globalIgnores(['dist/', 'artifacts/', 'coverage/', '.playground/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: tsconfigProjects, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark a parameter an interface requires but this implementation ignores.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Off: every hit is String() of a spreadsheet cell typed unknown, which is what the code means to do.
      '@typescript-eslint/no-base-to-string': 'off',
      // Off: `ClientId | ''` says a blank cell means none, though ClientId is a plain string alias.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // The emulator checks `arguments` the way Apps Script checks a call's arity, and its parameters name Apps Script's
    // signature for the type checker even where only `arguments` is read.
    files: ['local/emulator/**/*.ts'],
    rules: {
      'prefer-rest-params': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { args: 'none', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Warn: tests reach emulator globals that tsconfig.local.json leaves untyped (28 sites); still worth typing.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Off: they repeat each such `any` at every use, and JSON round-trips of snapshots are untyped by nature.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off: `expect(builder.onEdit)` reads a method without calling it, which is what the assertion is about.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Only the service adapters and the entry points may reach Apps Script; everything else is handed what it needs
    // (a sheet passed in as a parameter is fine, a global is not).
    files: ['src/**/*.ts'],
    ignores: ['src/services/**', 'src/server/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...APPS_SCRIPT_GLOBALS.map((name) => ({
          name,
          message: `${name} is an Apps Script global: call it in src/services or src/server and pass the result in.`,
        })),
      ],
    },
  },
  {
    // Build scripts and config files: plain JavaScript on Node, outside every tsconfig.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
