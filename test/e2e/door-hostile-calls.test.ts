// Every function of the sidebar contract and of the other pages (page-api.ts), called from the page as google.script.run would, with
// missing, null, wrongly typed, huge and hostile arguments, in both languages: every answer and every
// refusal is a sentence (no raw JavaScript error, no "[object Object]", "undefined" or "NaN"), and a
// refusal changes nothing stored.
import { describe, expect, it } from 'vitest';
import { SIDEBAR_ARGS } from '../../src/contract/sidebar-args';
import { PAGE_ARGS } from '../../src/contract/page-args';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio } from '../support/studio';
import type { Emulator } from '../../local/emulator';
import type { Locale } from '../../src/domain/types';

const HUGE = 'x'.repeat(60_000);
const HOSTILE: readonly unknown[] = [null, HUGE, '=HYPERLINK("http://evil.example","click")', {}, [5], true, 42];
/** What never belongs in an answer or a cell. */
const GARBAGE = /\[object Object\]|\bundefined\b|\bNaN\b/;
/** Raw engine errors: the door must have turned every failure into a sentence. */
const RAW_ERROR =
  /Cannot read propert|is not a function|is not iterable|Cannot convert|TypeError|ReferenceError|RangeError|unknown import kind/;

/** How many arguments each function takes at most (the contract's own arity, counted by hand). */
const ARITY: Record<string, number> = {
  saveSetting: 2,
  issueDiscountCodes: 3,
  markDiscountCodeUsed: 3,
  importCsv: 2,
  importPasted: 2,
  renameSegment: 2,
  previewCampaign: 2,
  scheduleCampaign: 2,
  confirmUnsubscribe: 2,
};

/** The sidebar's functions and the other pages' (Check installation, unsubscribe page, Telegram broadcast). */
const CALLABLE = [...Object.keys(SIDEBAR_ARGS), ...Object.keys(PAGE_ARGS)];

function argumentSets(name: string): unknown[][] {
  const arity = ARITY[name] ?? 1;
  const sets: unknown[][] = [[]];
  for (const value of HOSTILE) {
    sets.push(Array.from({ length: arity }, () => value));
    // One bad argument among plausible ones, so each position is checked on its own.
    for (let position = 0; position < arity; position += 1)
      sets.push(Array.from({ length: arity }, (_, index) => (index === position ? value : 'C-0001')));
  }
  return sets;
}

/** Every stored cell and script property: what a refusal must leave as it was. */
function stored(emu: Emulator): string {
  const sheets = emu.spreadsheet.sheetNames().map((name) => [name, emu.spreadsheet.values(name)]);
  return JSON.stringify({ sheets, properties: emu.properties.script() });
}

function studio(locale: Locale) {
  const { emu, app } = freshStudio(locale);
  emu.spreadsheet.ui.autoAnswer('OK');
  app.run('setupDatabase', [], { kind: 'menu' });
  writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Anna', email: 'anna@example.com' }], locale);
  return { emu, app };
}

describe.each(['ru', 'en'] as const)('every contract function at the door (%s)', (locale) => {
  it('answers or refuses with a sentence, and a refusal changes nothing', () => {
    const { emu, app } = studio(locale);
    const outcomes: string[] = [];
    for (const name of CALLABLE) {
      for (const args of argumentSets(name)) {
        const before = stored(emu);
        let refused: string | null = null;
        let answer: unknown;
        try {
          answer = app.callFromClient(name, ...args);
        } catch (error) {
          refused = error instanceof Error ? error.message : String(error);
        }
        const label = `${name}(${JSON.stringify(args).slice(0, 60)})`;
        if (refused !== null) {
          outcomes.push(`${label} refused`);
          expect(refused, label).not.toMatch(GARBAGE);
          expect(refused, label).not.toMatch(RAW_ERROR);
          expect(refused.length, label).toBeLessThan(400);
          expect(stored(emu), label).toBe(before);
        } else {
          expect(JSON.stringify(answer ?? null), label).not.toMatch(GARBAGE);
        }
      }
    }
    // The huge text is refused everywhere it is an argument, never echoed whole.
    expect(outcomes.length).toBeGreaterThan(CALLABLE.length);
    for (const name of emu.spreadsheet.sheetNames())
      for (const row of emu.spreadsheet.values(name))
        for (const cell of row) expect(String(cell), `${name}: ${String(cell).slice(0, 60)}`).not.toMatch(GARBAGE);
  }, 600_000);
});
