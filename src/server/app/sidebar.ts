// The sidebar: opening it (from the menu, at a section), what it needs to start, and the Settings
// section's listing and validated saving. Each feature's own sidebar calls live in its feature file.
import {
  OLDER_RESPONSE_TARGET_KEYS,
  RESPONSE_TARGET_KEY,
  responseTargetHours,
} from '../../domain/analysis/response-target';
import type { Boot, SettingRowView, SidebarSection } from '../../contract/sidebar-api';
import { quoteCell } from '../../domain/cells';
import {
  DEFAULT_CORE_SETTINGS,
  readableSettingText,
  SCHEMA,
  settingValue,
  sheetSpec,
  type SettingEntry,
} from '../../domain/schema';
import { DEFAULT_LOYALTY_SETTINGS } from '../../domain/loyalty/settings';
import { DEFAULT_CAMPAIGN_SETTINGS } from '../../domain/campaigns/settings';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../domain/analysis/settings';
import { DEFAULT_TELEGRAM_SETTINGS } from '../../domain/telegram/alerts';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey } from '../../i18n';
import { en } from '../../i18n/en';
import {
  findSheet,
  readCoreSettings,
  readSettingDescriptions,
  settingEntries,
  writeSetting,
  type Workbook,
} from '../../sheets';
import { applyMoneyFormat, MONEY_SHEETS } from '../../sheets/money-formats';
import { moneyNumberFormat } from '../../domain/cells/money';
import { relabelWorkbook } from '../../sheets/relabel';
import { ledgerCodeSentence } from '../loyalty/loyalty-words';
import { buildMenu } from './menu';
import { UserFacingError } from './respond';
import { asStaff, staffLocaleFor } from './staff';
import { missingColumnMessage } from './schema-check';

function bootFor(book: Workbook, locale: Locale, section: SidebarSection): Boot {
  return {
    locale,
    section,
    ready: findSheet(book, 'clients') !== null,
    userEmail: Session.getActiveUser().getEmail(),
    timeZone: book.timeZone,
  };
}

function showSidebarAt(section: SidebarSection): void {
  asStaff((book, locale) => {
    const boot = bootFor(book, locale, section);
    const template = HtmlService.createTemplateFromFile('sidebar');
    // Inside <script>: "<" escaped so "</script>" or "<!--" in any value cannot end the script early;
    // U+2028/2029 escaped as well (line terminators in older script parsers).
    template.bootJson = JSON.stringify(boot).replace(
      /[<\u2028\u2029]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    const page = template.evaluate().setTitle(translate(locale, 'app.name'));
    const ui = SpreadsheetApp.getUi();
    ui.showSidebar(page);
    // The sidebar still opens (Setup is reachable from it), but staff hear first what is wrong.
    const missing = boot.ready ? missingColumnMessage(book, locale) : null;
    if (missing) ui.alert(missing);
  });
}

export function openSidebar(): void {
  showSidebarAt('overview');
}

export function openCampaigns(): void {
  showSidebarAt('campaigns');
}

export function openAutomations(): void {
  showSidebarAt('automations');
}

export function openSettings(): void {
  showSidebarAt('settings');
}

export function showHelp(): void {
  showSidebarAt('help');
}

/** Every area's defaults, by the prefix of its Settings keys: what the Settings section can validate. */
const KNOWN_AREAS: ReadonlyArray<[prefix: string, defaults: object]> = [
  ['core', DEFAULT_CORE_SETTINGS],
  ['loyalty', DEFAULT_LOYALTY_SETTINGS],
  ['campaigns', DEFAULT_CAMPAIGN_SETTINGS],
  ['analysis', DEFAULT_ANALYSIS_SETTINGS],
  ['telegram', DEFAULT_TELEGRAM_SETTINGS],
  // The consent text is read by the forms; its default is the catalog's sentence.
  ['forms', { consentText: '' }],
  // The tabs a studio keeps its client and order lists on, when not under the add-on's names (blank: those).
  ['sheets', { clients: '', orders: '' }],
];

function knownDefault(key: string): { found: boolean; value: unknown } {
  const dot = key.indexOf('.');
  const area = KNOWN_AREAS.find(([prefix]) => prefix === key.slice(0, dot));
  if (dot < 0 || !area) return { found: false, value: undefined };
  const field = key.slice(dot + 1);
  return Object.prototype.hasOwnProperty.call(area[1], field)
    ? { found: true, value: (area[1] as Record<string, unknown>)[field] }
    : { found: false, value: undefined };
}

function kindOf(fallback: unknown, found: boolean): SettingRowView['kind'] {
  if (!found) return 'unknown';
  if (typeof fallback === 'number') return 'number';
  if (typeof fallback === 'boolean') return 'boolean';
  if (typeof fallback === 'string') return 'text';
  return 'json';
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Null when `value` may be stored under `key`, else the reason in `locale`. */
function settingProblem(key: string, value: string, spreadsheetLocale: Locale, locale: Locale): string | null {
  if (value.trim() === '') return null;
  const known = knownDefault(key);
  if (!known.found) return null;
  const parsed = settingValue(value, known.value, spreadsheetLocale);
  const ok = parsed !== undefined && (key !== 'core.locale' || parsed === 'ru' || parsed === 'en');
  return ok ? null : translate(locale, 'settings.invalid', { key, value: quoteCell(value) });
}

/** A setting's name in staff words: its catalog label, else its catalog description, else the key itself. */
export function settingLabelFor(key: string, locale: Locale): string {
  for (const candidate of [`ui.settings.label.${key}`, `settings.description.${key}`])
    if (candidate in en) return translate(locale, candidate as MessageKey);
  return key;
}

function rowView(
  key: string,
  stored: SettingEntry | undefined,
  description: string,
  book: Workbook,
  locale: Locale,
): SettingRowView {
  const known = knownDefault(key);
  const cell = asText(stored?.value ?? '');
  // A table the sheet holds as readable text reaches the form as the JSON its table control edits.
  const table =
    known.found && readableSettingText(known.value, known.value, book.spreadsheetLocale) !== null && cell !== ''
      ? settingValue(cell, known.value, book.spreadsheetLocale)
      : undefined;
  const value = table === undefined ? cell : JSON.stringify(table);
  return {
    key,
    value,
    description,
    defaultValue: known.found ? asText(known.value) : null,
    kind: kindOf(known.value, known.found),
    problem: settingProblem(key, value, book.spreadsheetLocale, locale),
  };
}

export function listSettings(): SettingRowView[] {
  return asStaff((book, locale) => {
    const descriptions = readSettingDescriptions(book);
    const entries = settingEntries(book);
    const keys = [...entries.map((entry) => entry.key)];
    for (const [prefix, defaults] of KNOWN_AREAS) {
      for (const field of Object.keys(defaults))
        if (!keys.includes(`${prefix}.${field}`)) keys.push(`${prefix}.${field}`);
    }
    // The answer target is one row: older rows for it stay in the sheet and are read while it is blank, so its
    // default shows what they give (nothing else changes a default).
    const target = String(Math.round(responseTargetHours(entries, book.spreadsheetLocale) * 100) / 100);
    return keys
      .filter((key) => key !== '' && !OLDER_RESPONSE_TARGET_KEYS.includes(key))
      .map((key) => {
        const view = rowView(
          key,
          entries.find((entry) => entry.key === key),
          descriptions.get(key) ?? '',
          book,
          locale,
        );
        return key === RESPONSE_TARGET_KEY ? { ...view, defaultValue: target } : view;
      });
  });
}

export function saveSetting(key: string, value: string): SettingRowView {
  return asStaff((book, locale) => {
    const cleanKey = String(key).trim();
    const text = String(value ?? '').trim();
    if (!/^[\w-]+\.[\w.-]+$/.test(cleanKey)) throw new UserFacingError('ui.settings.badKey', { key: cleanKey });
    const problem = settingProblem(cleanKey, text, book.spreadsheetLocale, locale);
    if (problem !== null) {
      // Nothing is written: say what the sheet keeps (its old value, or blank and so the default).
      const kept = asText(settingEntries(book).find((entry) => entry.key === cleanKey)?.value ?? '');
      const known = knownDefault(cleanKey);
      throw new UserFacingError(kept === '' ? 'ui.settings.refusedBlank' : 'ui.settings.refused', {
        label: settingLabelFor(cleanKey, locale),
        value: quoteCell(text),
        kept: kept === '' ? (known.found ? asText(known.value) : '') : kept,
      });
    }
    if (!findSheet(book, 'settings')) throw new UserFacingError('ui.setupFirst');
    // A chosen list must be a tab that exists, or every reader would fall back to the add-on's own sheet.
    if (cleanKey.startsWith('sheets.') && text !== '') {
      if (!book.spreadsheet.getSheetByName(text))
        throw new UserFacingError('ui.settings.noSuchSheet', { value: quoteCell(text) });
      // Nor the tab of another of the add-on's sheets: setup would add the list's columns to it.
      const taken = SCHEMA.find(
        (spec) => `sheets.${spec.key}` !== cleanKey && findSheet(book, spec.key)?.getName() === text,
      );
      if (taken)
        throw new UserFacingError('ui.settings.sheetTaken', {
          value: quoteCell(text),
          sheet: translate(locale, sheetSpec(taken.key).name),
        });
    }
    // Tables (tiers, discounts) are stored as words staff can read and edit in the sheet, not JSON.
    const known = knownDefault(cleanKey);
    const readable =
      known.found && text !== ''
        ? readableSettingText(
            settingValue(text, known.value, book.spreadsheetLocale),
            known.value,
            book.locale,
            book.spreadsheetLocale,
          )
        : null;
    writeSetting(book, cleanKey, readable ?? text);
    // Money columns show the new sign at once, not after the next refresh.
    if (cleanKey === 'core.currency') applyMoneyFormat(book, MONEY_SHEETS, moneyNumberFormat(text));
    // A new staff language: the add-on's own tabs, headers and list words follow it, and the menu too.
    if (cleanKey === 'core.locale') {
      const target = staffLocaleFor(book);
      const currency = readCoreSettings(book).settings.currency;
      relabelWorkbook(book, target, (code) => ledgerCodeSentence(code, target, currency));
      buildMenu(target);
    }
    const saved = settingEntries(book).find((entry) => entry.key === cleanKey);
    // The language may just have changed: answer in the new one.
    return rowView(cleanKey, saved, '', book, staffLocaleFor(book));
  });
}
