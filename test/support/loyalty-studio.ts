// A small studio for the loyalty e2e tests: the built bundle in the emulator, sheets written under the
// schema's headers, and readers that turn a sheet back into rows keyed by column.
import { createEmulator } from '../../local/emulator';
import { loadBuiltBundle } from './built-bundle';
import { columnTitle, sheetTitle, writeFixture, type FixtureSheet } from './sheet-fixtures';
import { rowsByKey } from './sheet-rows';
import type { Client, Locale, Order } from '../../src/domain/types';

export type Studio = ReturnType<typeof loyaltyStudio>;

export function client(id: string, fields: Partial<Client> = {}): Record<string, unknown> {
  return {
    id,
    name: `Client ${id}`,
    email: `${id.toLowerCase()}@example.com`,
    createdAt: new Date('2026-01-10T10:00:00Z'),
    ...fields,
  };
}

export function order(
  id: string,
  clientId: string,
  amount: number,
  status: Order['status'],
  completedAt: string,
  product = 'emotes',
): Record<string, unknown> {
  return {
    id,
    clientId,
    date: new Date(completedAt),
    product,
    quantity: 1,
    amount,
    status,
    completedAt: status === 'completed' ? new Date(completedAt) : null,
  };
}

export function loyaltyStudio(
  options: {
    locale?: Locale;
    now?: string;
    settings?: Record<string, string>;
    clients?: Record<string, unknown>[];
    orders?: Record<string, unknown>[];
  } = {},
) {
  const locale = options.locale ?? 'ru';
  const emu = createEmulator({ now: options.now ?? '2026-11-24T09:00:00Z', locale, userEmail: 'anna@studio.test' });
  const app = loadBuiltBundle(emu);
  const settings = { 'loyalty.bonusRegistration': '0', 'loyalty.bonusBirthday': '0', ...options.settings };
  writeFixture(
    emu,
    'settings',
    Object.entries(settings).map(([key, value]) => ({ key, value })),
    locale,
  );
  writeFixture(emu, 'clients', options.clients ?? [], locale);
  writeFixture(emu, 'orders', options.orders ?? [], locale);
  for (const key of ['feedback', 'loyalty', 'discountCodes'] as const) writeFixture(emu, key, [], locale);

  const sheetName = (key: FixtureSheet) => sheetTitle(key, locale);
  /** The sheet's rows as objects keyed by the schema's column keys. */
  const rows = (key: FixtureSheet): Record<string, unknown>[] => rowsByKey(emu, key, locale);
  /** Types a literal value into one cell as staff would: the label they see ("Отменён"), a date, a number. */
  const edit = (key: FixtureSheet, id: string, columnKey: string, typed: string | number | Date) => {
    const [header = []] = emu.spreadsheet.values(sheetName(key));
    const title = columnTitle(key, columnKey, locale);
    const column = header.findIndex((cell) => cell === title);
    const row = rows(key).findIndex((candidate) => candidate.id === id);
    if (column === -1 || row === -1) throw new Error(`no cell ${key}.${columnKey} for ${id}`);
    const a1 = `${String.fromCharCode(65 + column)}${row + 2}`;
    emu.spreadsheet.edit(sheetName(key), a1, [[typed instanceof Date ? new emu.dateCtor(typed.getTime()) : typed]]);
  };
  const ledger = () => rows('loyalty');
  const clientRow = (id: string) => rows('clients').find((row) => row.id === id)!;
  return { emu, app, locale, rows, edit, ledger, clientRow, sheetName };
}
