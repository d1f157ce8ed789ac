// English catalog. Every string staff or clients see lives here and in ru.ts, under the same keys.
// Placeholders are {name}; ru.ts must have exactly these keys (a test checks).
export const en = {
  'app.name': 'Studio CRM',
  'menu.openSidebar': 'Open sidebar',
} as const;

export type MessageKey = keyof typeof en;
