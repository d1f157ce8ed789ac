import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';

const manifest = JSON.parse(readFileSync('dist/appsscript.json', 'utf8'));
const schema = JSON.parse(readFileSync('test/fixtures/appsscript.schema.json', 'utf8'));
const bundle = readFileSync('dist/Code.js', 'utf8');

const AUTH = 'https://www.googleapis.com/auth/';
/** What each service the bundle calls needs, from Google's "Authorization scopes" tables. */
const scopeNeeds: Array<{ uses: RegExp; scope: string }> = [
  { uses: /\bSpreadsheetApp\.getActive(Spreadsheet)?\(/, scope: `${AUTH}spreadsheets.currentonly` },
  { uses: /\bSpreadsheetApp\.open(ById|ByUrl)?\(/, scope: `${AUTH}spreadsheets` },
  { uses: /\.getUi\(\)|\bshowSidebar\(|\bshowModalDialog\(/, scope: `${AUTH}script.container.ui` },
  { uses: /\bFormApp\./, scope: `${AUTH}forms` },
  { uses: /\bMailApp\./, scope: `${AUTH}script.send_mail` },
  { uses: /\bGmailApp\./, scope: 'https://mail.google.com/' },
  { uses: /\bScriptApp\.(newTrigger|getProjectTriggers|deleteTrigger)\(/, scope: `${AUTH}script.scriptapp` },
  { uses: /\bUrlFetchApp\.fetch(All)?\(/, scope: `${AUTH}script.external_request` },
  { uses: /\bSession\.(getActiveUser|getEffectiveUser)\(\)\.getEmail\(/, scope: `${AUTH}userinfo.email` },
];

describe('appsscript.json', () => {
  it("is valid against the manifest schema written from Google's reference", () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('runs on V8 and logs exceptions', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('rejects a manifest with an unknown field or a wrong enum (the schema can fail)', () => {
    const validate = new Ajv().compile(schema);
    expect(validate({ ...manifest, runtimeVersion: 'V9' })).toBe(false);
    expect(validate({ ...manifest, oauthScope: [] })).toBe(false);
  });

  const needed = scopeNeeds.filter((need) => need.uses.test(bundle)).map((need) => need.scope);

  it('declares a scope for every service the bundle calls', () => {
    for (const scope of needed) expect(manifest.oauthScopes).toContain(scope);
  });

  it('declares no scope the bundle does not need (the narrowest set)', () => {
    expect([...manifest.oauthScopes].sort()).toEqual([...new Set(needed)].sort());
  });
});
