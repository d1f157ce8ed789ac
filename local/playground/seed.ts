// Puts a studio's records into the emulated spreadsheet as staff would have them: under the schema's
// headers (found by header mapping, so a sheet set up by the add-on or by hand both work), one
// setValues per sheet. Used by the playground, the e2e tests and the benchmark; uncounted.
import { formatCell, isDate } from '../../src/domain/cells';
import { translate } from '../../src/i18n';
import { findSheetName, mapHeaders, placeValues, sheetSpec, tiersText, type SheetKey } from '../../src/domain/schema';
import type { Locale } from '../../src/domain/types';
import type { Emulator } from '../emulator/index';
import type { BundleApp } from '../emulator/bundle';
import { generateDemoStudio, type DemoStudio } from './demo-studio';

export const DEMO_AS_OF = new Date('2026-11-24T09:00:00Z');

/** The few SpreadsheetApp calls seeding makes (the emulator's objects are untyped from here). */
interface SeedSheet {
  getRange(
    row: number,
    column: number,
    rows?: number,
    columns?: number,
  ): { getValues(): unknown[][]; setValues(values: unknown[][]): unknown };
  getLastColumn(): number;
  getLastRow(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(after: number, count: number): unknown;
  insertColumnsAfter(after: number, count: number): unknown;
}
interface SeedSpreadsheet {
  getSheets(): Array<{ getName(): string }>;
  getSheetByName(name: string): SeedSheet;
  insertSheet(name: string): SeedSheet;
}

/** Appends records (keyed by schema column) to a database sheet, creating it with headers if missing. */
export function writeRecords(
  emu: Emulator,
  key: SheetKey,
  records: ReadonlyArray<Record<string, unknown>>,
  locale: Locale = 'ru',
): void {
  const spec = sheetSpec(key);
  emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
    emu.rt.internal(() => {
      const spreadsheet = (
        emu.globals() as { SpreadsheetApp: { getActiveSpreadsheet(): SeedSpreadsheet } }
      ).SpreadsheetApp.getActiveSpreadsheet();
      const existing = findSheetName(
        key,
        spreadsheet.getSheets().map((sheet) => sheet.getName()),
      );
      const sheet = existing
        ? spreadsheet.getSheetByName(existing)
        : spreadsheet.insertSheet(translate(locale, spec.name));
      if (sheet.getLastColumn() === 0) {
        const headers = spec.columns.map((column) => translate(locale, column.header));
        // A new tab has 26 columns; wide sheets (Clients) need more before their header fits.
        const missingColumns = headers.length - sheet.getMaxColumns();
        if (missingColumns > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), missingColumns);
        sheet.getRange(1, 1, 1, headers.length).setValues([headers]);
      }
      const width = sheet.getLastColumn();
      const header = sheet.getRange(1, 1, 1, width).getValues()[0] ?? [];
      const mapping = mapHeaders(spec, header, { locale });
      if (records.length === 0) return;
      const rows = records.map((record) => {
        const cells: Record<string, unknown> = {};
        for (const column of spec.columns) {
          if (!(column.key in record)) continue;
          const value = formatCell(record[column.key] as never, column, locale);
          cells[column.key] = isDate(value) ? new emu.dateCtor(value.getTime()) : value;
        }
        return placeValues(mapping, width, cells).map((cell) => (cell === undefined ? '' : cell));
      });
      const start = sheet.getLastRow() + 1;
      const missingRows = start + rows.length - 1 - sheet.getMaxRows();
      if (missingRows > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missingRows);
      sheet.getRange(start, 1, rows.length, width).setValues(rows);
    }),
  );
}

/** Writes a whole studio: clients, orders, feedback and requests. */
export function writeStudio(emu: Emulator, studio: DemoStudio, locale: Locale = 'ru'): void {
  writeRecords(
    emu,
    'clients',
    studio.clients.map(({ extra: _extra, ...client }) => client),
    locale,
  );
  writeRecords(emu, 'orders', studio.orders as unknown as Record<string, unknown>[], locale);
  writeRecords(emu, 'feedback', studio.feedback as unknown as Record<string, unknown>[], locale);
  writeRecords(emu, 'requests', studio.requests as unknown as Record<string, unknown>[], locale);
}

/** Mail templates the demo studio starts with: one for a campaign and one per automated flow. */
export const DEMO_TEMPLATES: ReadonlyArray<{ name: string; subject: string; htmlBody: string }> = [
  {
    name: 'winter-sale',
    subject: '{{first_name|Привет}}, зимние эмоуты со скидкой',
    htmlBody:
      '<p>{{first_name|Привет}}!</p><p>До конца декабря — скидка {{discount|10%}} на новые эмоуты и саб-бейджи.</p><p>У вас {{points}} баллов.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  // The same campaign for the studio's English-speaking clients: linked by name, `<name> (en)`.
  {
    name: 'winter-sale (en)',
    subject: '{{first_name|Hi}}, winter emotes on sale',
    htmlBody:
      '<p>{{first_name|Hi}}!</p><p>Until the end of December: {{discount|10%}} off new emotes and sub badges.</p><p>You have {{points}} points.</p><p><a href="{{unsubscribe_link}}">Unsubscribe</a></p>',
  },
  // Left half-written by staff, with two typos: the desk names them and blocks every send until fixed.
  {
    name: 'spring-teaser',
    subject: '{{frist_name}}, весной — новые стикеры',
    htmlBody:
      '<p>У вас {{poinst}} баллов: потратьте их весной.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  {
    name: 'welcome',
    subject: 'Добро пожаловать в студию, {{first_name|друг}}!',
    htmlBody:
      '<p>Спасибо за регистрацию! Мы начислили вам приветственные баллы: {{points}}.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  {
    name: 'feedback',
    subject: 'Как вам заказ?',
    htmlBody:
      '<p>{{first_name|Привет}}, оцените, пожалуйста, заказ: <a href="{{feedback_link}}">оставить отзыв</a>.</p>',
  },
  {
    name: 'winback',
    subject: 'Давно не виделись, {{first_name|друг}}',
    htmlBody:
      '<p>Мы скучаем! Попробуйте {{recommendation|новые стикеры}}.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  {
    name: 'birthday',
    subject: 'С днём рождения, {{first_name|друг}}!',
    htmlBody:
      '<p>Дарим бонусные баллы ко дню рождения. Сейчас у вас {{points}}.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  {
    name: 'points-expiry',
    subject: 'Баллы скоро сгорят',
    htmlBody:
      '<p>У вас {{points}} баллов: успейте потратить их.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
  {
    name: 'tier-reached',
    subject: 'Новый уровень: {{tier}}',
    htmlBody:
      '<p>Поздравляем с уровнем {{tier}}! Ваша скидка — {{discount}}.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  },
];

export const DEMO_DRAFT_SUBJECT = 'Новогодние стикеры';

const DEMO_TIERS = [
  { name: 'Bronze', threshold: 0, multiplier: 1, upBonus: 0 },
  { name: 'Silver', threshold: 15000, multiplier: 1.25, upBonus: 100 },
  { name: 'Gold', threshold: 40000, multiplier: 1.5, upBonus: 250 },
  { name: 'VIP', threshold: 100000, multiplier: 2, upBonus: 500 },
];

/**
 * The demo studio prices in roubles: the loyalty defaults are currency-neutral, so it sets its own. The tiers
 * are words, as staff read them in the sheet (`Silver: от 15000, ×1,25, бонус 100` in Russian).
 */
export function demoSettings(locale: Locale): Array<{ key: string; value: string; description: string }> {
  return [
    {
      key: 'loyalty.pointsPerCurrencyUnit',
      value: '0.05',
      description: locale === 'ru' ? '5 баллов за каждые 100 ₽' : '5 points per 100 ₽',
    },
    {
      key: 'loyalty.tiers',
      value: tiersText(DEMO_TIERS, locale),
      description:
        locale === 'ru' ? 'Уровни по сумме заказов за 365 дней, ₽' : 'Tiers by the sum of orders over 365 days, ₽',
    },
  ];
}

/** The playground's first state: the database set up by the add-on itself, then the demo studio's data. */
export function seedDemoStudio(
  emu: Emulator,
  app: BundleApp,
  options: { clients?: number; locale?: Locale } = {},
): DemoStudio {
  const locale = options.locale ?? 'ru';
  if (app.functions().includes('setupDatabase')) app.run('setupDatabase', [], { kind: 'menu' });
  const studio = generateDemoStudio({ clients: options.clients ?? 220, asOf: DEMO_AS_OF });
  writeStudio(emu, studio, locale);
  writeRecords(emu, 'templates', DEMO_TEMPLATES, locale);
  writeRecords(emu, 'settings', demoSettings(locale), locale);
  // A template written in Gmail: a draft with no recipient, picked as `draft:<subject>`.
  emu.mail.addDraft({
    subject: DEMO_DRAFT_SUBJECT,
    body: '',
    htmlBody:
      '<p>{{first_name|Привет}}!</p><p>Новогодние стикеры уже в студии.</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  });
  // What staff would do next on a new studio: forms for clients, then the nightly work (points,
  // analysis), so every sidebar section has something to show.
  for (const step of ['createForms', 'runNightly'])
    if (app.functions().includes(step)) app.run(step, [], { kind: step === 'runNightly' ? 'trigger' : 'menu' });
  return studio;
}
