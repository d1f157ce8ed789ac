// E2e set-up for campaigns, automations and unsubscribe: dist/Code.js in the emulator, the database set
// up by the add-on itself, and readers for Sends/Campaigns/Clients rows by schema key.
import { createHmac } from 'node:crypto';
import { createEmulator, type Emulator } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';
import { loadBuiltBundle } from './built-bundle';
import { sheetTitle, writeFixture, type FixtureSheet } from './sheet-fixtures';
import { rowsByKey } from './sheet-rows';
import type { Locale } from '../../src/domain/types';

export const MAIL_NOW = '2026-11-24T09:00:00Z';
export const STAFF_EMAIL = 'anna@studio.test';

export interface MailStudioOptions {
  now?: string;
  /** The spreadsheet's time zone (the script's stays Europe/Moscow); default the script's. */
  spreadsheetTimeZone?: string;
  locale?: Locale;
  quota?: number;
  settings?: Record<string, string>;
  clients?: Record<string, unknown>[];
  orders?: Record<string, unknown>[];
  sends?: Record<string, unknown>[];
  templates?: Record<string, unknown>[];
  segments?: Record<string, unknown>[];
  /** Set up by the add-on (formats, validation, triggers), or bare sheets under the headers: small, quick to snapshot. */
  setup?: boolean;
}

export function consentingClient(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `Клиент ${id}`,
    email: `${id.toLowerCase()}@example.com`,
    locale: 'ru',
    consentAt: new Date('2026-01-05T10:00:00Z'),
    createdAt: new Date('2026-01-05T10:00:00Z'),
    ...fields,
  };
}

export const PROMO_TEMPLATE = {
  name: 'promo',
  subject: 'Новые эмоуты для {{first_name|друг}}',
  htmlBody:
    '<p>Привет, {{first_name|друг}}!</p><p>Город: {{city|неизвестен}}</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  textBody: '',
};

export function mailStudio(options: MailStudioOptions = {}) {
  const locale = options.locale ?? 'ru';
  const emu = createEmulator({
    now: options.now ?? MAIL_NOW,
    locale,
    timeZone: 'Europe/Moscow',
    ...(options.spreadsheetTimeZone ? { spreadsheetTimeZone: options.spreadsheetTimeZone } : {}),
    userEmail: STAFF_EMAIL,
    mailQuota: options.quota ?? 100,
    triggerErrors: 'record',
  });
  // The studio deployed its web app (unsubscribe links need the /exec URL); tests of the undeployed case make their own emulator.
  emu.webapp.deploy({ version: 1 });
  const app = loadBuiltBundle(emu);
  if (options.setup !== false) app.run('setupDatabase', [], { kind: 'menu' });
  else
    for (const key of ['campaigns', 'feedback', 'loyalty', 'discountCodes', 'problems'] as const)
      writeFixture(emu, key, [], locale);
  // The signing secret as the add-on keeps it (made once, on first use); the test signs links with it too.
  emu.properties.seed('script', { 'crm.hmacSecret': 'secret-of-this-install' });
  const settings = Object.entries(options.settings ?? {}).map(([key, value]) => ({ key, value }));
  writeFixture(emu, 'settings', settings, locale);
  writeFixture(emu, 'clients', options.clients ?? [], locale);
  writeFixture(emu, 'orders', options.orders ?? [], locale);
  writeFixture(emu, 'sends', options.sends ?? [], locale);
  writeFixture(emu, 'templates', options.templates ?? [PROMO_TEMPLATE], locale);
  writeFixture(emu, 'segments', options.segments ?? [], locale);
  return studioReaders(emu, app, locale);
}

export function studioReaders(emu: Emulator, app: BundleApp, locale: Locale) {
  const sheetName = (key: FixtureSheet) => sheetTitle(key, locale);
  /** A sheet's rows keyed by schema column key. */
  const rows = (key: FixtureSheet): Record<string, unknown>[] =>
    rowsByKey(emu, key, locale).filter((row) => Object.values(row).some((cell) => cell !== ''));
  const sendsOf = (campaignId: string) => rows('sends').filter((row) => row.campaignId === campaignId);
  /** Addresses in the outbox, each as often as it was mailed (test mails to staff left out). */
  const mailedTo = () => emu.mail.outbox.filter((mail) => !mail.to.includes(STAFF_EMAIL)).flatMap((mail) => mail.to);
  /**
   * The token the add-on would put in this client's unsubscribe link, built here from its documented shape
   * (not by the add-on's own code): base64url("u1|<client id>|<email tag>") "." HMAC("unsubscribe:" + payload),
   * the email tag being the first 12 characters of HMAC("unsubscribe-email:" + the address in lower case);
   * HMAC-SHA256 with the install's secret, base64url without padding.
   */
  const tokenFor = (clientId: string, email: string, secret = emu.properties.script()['crm.hmacSecret'] ?? '') => {
    const sign = (text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('base64url');
    const payload = Buffer.from(
      `u1|${clientId}|${sign(`unsubscribe-email:${email.trim().toLowerCase()}`).slice(0, 12)}`,
      'utf8',
    ).toString('base64url');
    return `${payload}.${sign(`unsubscribe:${payload}`)}`;
  };
  const call = <T>(fn: string, ...args: unknown[]) => app.callFromClient(fn, ...args) as T;
  return { emu, app, locale, rows, sendsOf, mailedTo, tokenFor, call, sheetName };
}

export type MailStudio = ReturnType<typeof mailStudio>;

/** Numbered consenting clients C-0001…: the usual recipients of a campaign test. */
export function consentingClients(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => consentingClient(`C-${String(i + 1).padStart(4, '0')}`));
}

/** A campaign's fields as the sidebar's form sends them: to every client, the promo template, no schedule. */
export const CAMPAIGN_FORM = {
  segmentId: 'all',
  template: 'promo',
  senderName: 'Studio',
  replyTo: '',
  scheduledAt: null,
  cost: 0,
} as const;

type CampaignFields = { name: string; template?: string; segmentId?: string; scheduledAt?: string | null };

/** Creates a campaign from the sidebar (to every client, the promo template unless told); answers its id. */
export function createCampaignFor(studio: Pick<MailStudio, 'call'>, fields: CampaignFields): string {
  return studio.call<{ id: string }>('createCampaign', { ...CAMPAIGN_FORM, ...fields }).id;
}

/** Creates a campaign, confirms its count and sends it, as staff press through the sidebar. */
export function sendCampaignFor<Progress = unknown>(
  studio: Pick<MailStudio, 'call'>,
  fields: CampaignFields,
): { id: string; progress: Progress } {
  const id = createCampaignFor(studio, fields);
  return { id, progress: studio.call<Progress>('sendCampaign', id, confirmedCount(studio, id)) };
}

/** The count staff confirm for a campaign now: sendCampaign requires it, as the sidebar sends it. */
export function confirmedCount(studio: Pick<MailStudio, 'call'>, campaignId: string): number {
  return studio.call<{ count: number }>('confirmCampaign', campaignId).count;
}

/** A campaign's status as the sidebar lists it (the code, not the sheet's translated label). */
export function campaignStatus(studio: MailStudio, campaignId: string): string {
  return (
    studio.call<{ id: string; status: string }[]>('listCampaigns').find((view) => view.id === campaignId)?.status ?? ''
  );
}
