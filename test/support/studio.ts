// Shared e2e set-up for the database features: a fresh emulated studio running dist/Code.js.
import { createEmulator, type Emulator } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';
import { loadBuiltBundle } from './built-bundle';
import type { Locale } from '../../src/domain/types';

export const NOW = '2026-11-24T09:00:00Z';

export function freshStudio(locale: Locale = 'ru'): { emu: Emulator; app: BundleApp } {
  const emu = createEmulator({ now: NOW, locale });
  const app = loadBuiltBundle(emu);
  return { emu, app };
}

/** Every sheet's values, notes, formats, validations and frozen rows: what "nothing changed" compares. */
export function workbookState(emu: Emulator): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const name of emu.spreadsheet.sheetNames()) {
    state[name] = {
      values: emu.spreadsheet.values(name),
      notes: emu.spreadsheet.notes(name),
      formats: emu.spreadsheet.numberFormats(name),
      validations: emu.spreadsheet.validations(name),
      frozen: emu.spreadsheet.frozenRows(name),
    };
  }
  return JSON.parse(JSON.stringify(state));
}

/** The form ids createForms kept in script properties. */
export function formIds(emu: Emulator): { registration: string; feedback: string } {
  const props = emu.properties.script();
  const id = (key: string) => (JSON.parse(props[key] ?? '{}') as { id?: string }).id ?? '';
  return { registration: id('forms.registration'), feedback: id('forms.feedback') };
}

/** The few ScriptApp/SpreadsheetApp calls an older setup made (the emulator's objects are untyped from here). */
interface OlderSetupGlobals {
  SpreadsheetApp: { getActiveSpreadsheet(): unknown };
  ScriptApp: {
    newTrigger(handler: string): { forSpreadsheet(spreadsheet: unknown): { onFormSubmit(): { create(): unknown } } };
  };
}

/** What an older setup left: a spreadsheet-bound form-submit trigger for onFormResponse, beside the form-bound ones. */
export function installSpreadsheetFormTrigger(emu: Emulator): void {
  emu.withContext({ kind: 'test', authMode: 'FULL' }, () => {
    const { ScriptApp, SpreadsheetApp } = emu.globals() as unknown as OlderSetupGlobals;
    ScriptApp.newTrigger('onFormResponse')
      .forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet())
      .onFormSubmit()
      .create();
  });
}
