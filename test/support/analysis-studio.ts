// E2e set-up for analysis: an emulated workbook with the database sheets and a studio's rows in them.
import { createEmulator, type Emulator } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';
import { loadBuiltBundle } from './built-bundle';
import type { DemoStudio } from '../../local/playground/demo-studio';
import { writeFixture, writeStudioFixture } from './sheet-fixtures';
import type { Client, Order } from '../../src/domain/types';

export const ANALYSIS_NOW = '2026-11-24T09:00:00Z';

export function analysisStudio(
  studio: DemoStudio,
  settings: Record<string, string> = {},
): { emu: Emulator; app: BundleApp } {
  const emu = createEmulator({ now: ANALYSIS_NOW, locale: 'ru' });
  const app = loadBuiltBundle(emu);
  writeStudioFixture(emu, studio, 'ru');
  writeFixture(emu, 'segments', [], 'ru');
  writeFixture(
    emu,
    'settings',
    Object.entries(settings).map(([key, value]) => ({ key, value })),
    'ru',
  );
  writeFixture(emu, 'problems', [], 'ru');
  return { emu, app };
}

export function client(id: string, name: string): Client {
  return {
    id,
    name,
    email: `${id.toLowerCase()}@example.com`,
    twitch: '',
    topic: 'gaming',
    country: 'Россия',
    city: 'Москва',
    birthday: null,
    source: '',
    consentAt: null,
    consentVersion: '',
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: new Date('2026-01-01T12:00:00Z'),
    referralCode: '',
    referredBy: '',
    locale: 'ru',
    notes: '',
    extra: {},
  };
}

export function order(
  id: string,
  clientId: string,
  day: string,
  amount: number,
  status: Order['status'] = 'completed',
): Order {
  return {
    id,
    clientId,
    date: new Date(`${day}T12:00:00Z`),
    product: 'emotes',
    quantity: 1,
    amount,
    status,
    completedAt: null,
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
  };
}

/** Rows of a sheet as objects keyed by header. */
export function rowsByHeader(emu: Emulator, sheet: string): Record<string, unknown>[] {
  const [header = [], ...rows] = emu.spreadsheet.values(sheet);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [String(name), row[index]])));
}
