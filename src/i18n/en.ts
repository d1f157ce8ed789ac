// English catalog. Every string staff or clients see lives here and in ru.ts, under the same keys.
// Placeholders are {name}; ru.ts must have exactly these keys (a test checks).
export const en = {
  'app.name': 'Studio CRM',
  'menu.openSidebar': 'Open sidebar',
  'cells.notANumber': 'Not a number: “{value}”.',
  'cells.notADate': 'Not a date: “{value}”. Write it as 24.11.2026 or 2026-11-24.',
  'cells.dateAmbiguous': '“{value}” could be day/month or month/day. Write it as 2026-11-24.',
  'cells.notABoolean': 'Expected yes or no, got “{value}”.',
  'cells.badEmail': 'Not an email address: “{value}”.',
  'cells.notAllowed': '“{value}” is not one of: {allowed}.',
  'cells.textTooLong': 'Text is too long ({length} characters, at most {max}).',
  'cells.required': 'This cell must not be empty.',
  'cells.garbageRow': 'The row has no {column}: it looks like a title or merged cells, so it was skipped.',
  'cells.notAnId': 'Not a valid id: “{value}”.',
  'schema.missingColumn': 'Sheet “{sheet}” has no column “{column}”. Run Setup to add it.',
  'schema.duplicateColumn': 'Sheet “{sheet}” has column “{column}” twice; the first one is used.',
  'schema.missingSheet': 'There is no sheet “{sheet}”. Run Setup to create it.',
  'settings.invalid': 'Setting “{key}” has an invalid value “{value}”; the default is used.',
  'settings.unknown': 'Unknown setting “{key}” is kept but not used.',
} as const;

export type MessageKey = keyof typeof en;
