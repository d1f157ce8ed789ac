// A spreadsheet emulator on a fixed clock, with a context the test can switch.
import { createClock, Runtime } from '../../local/emulator/runtime';
import { createSpreadsheetApp } from '../../local/emulator/spreadsheet';

export function makeSpreadsheet(locale = 'ru', timeZone = 'Europe/Moscow') {
  const rt = new Runtime(createClock('2026-11-24T09:00:00Z'));
  const context = { kind: 'test', authMode: 'FULL' };
  const app = createSpreadsheetApp(rt, { dateCtor: Date, context: () => context, timeZone, locale, name: 'CRM' });
  // Scripts see loosely typed Apps Script objects; tests talk to them the same way.
  const SpreadsheetApp = app.global as any;
  const book = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = book.getSheets()[0];
  return { rt, context, SpreadsheetApp, Charts: app.charts as any, host: app.host, book, sheet };
}
