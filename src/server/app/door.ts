// The server's door: every function the sidebar's page can call parses its arguments with its schema
// (src/contract/sidebar-args.ts) before anything is read; a refusal is one sentence in the staff's
// language naming the field, what is expected and a short printable excerpt of what came. Functions
// only triggers and menus call refuse any argument a page could send (see README "At the door").
import * as z from 'zod/v4-mini';
import { SIDEBAR_ARGS, type SidebarArgs, type SidebarFunction } from '../../contract/sidebar-args';
import { PAGE_ARGS, type PageArgs, type PageFunction } from '../../contract/page-args';
import type { Locale } from '../../domain/types';
import { translate, type MessageKey, type MessageParams } from '../../i18n';
import { openWorkbook } from '../../sheets';
import { staffLocale } from './respond';
import { staffLocaleFor } from './staff';
import { settingLabelFor } from './sidebar';

// No code generation: Apps Script bundles stay free of eval/new Function paths being taken.
z.config({ jitless: true });

/** Every function a page can call: the sidebar's and the other pages'. */
type DoorFunction = SidebarFunction | PageFunction;
type DoorArgs = SidebarArgs & PageArgs;
const DOOR_ARGS: { [F in DoorFunction]: z.ZodMiniType } = { ...SIDEBAR_ARGS, ...PAGE_ARGS };

/** The words for each argument, in order, as the refusal names them. */
const ARGUMENT_FIELDS: Partial<Record<DoorFunction, readonly FieldName[]>> = {
  saveSetting: ['key', 'value'],
  getLoyaltyCard: ['clientId'],
  issueDiscountCodes: ['campaignId', 'clientIds', 'percent'],
  lookupDiscountCode: ['code'],
  markDiscountCodeUsed: ['code', 'clientId', 'orderId'],
  importCsv: ['kind', 'text'],
  importPasted: ['kind', 'text'],
  markRequestAnswered: ['requestId'],
  replyOnTelegram: ['requestId', 'text', 'pressId'],
  searchClients: ['query'],
  getClientCard: ['clientId'],
  getClientInsights: ['clientId'],
  previewSegment: ['rules'],
  renameSegment: ['id', 'name'],
  deleteSegment: ['id'],
  previewCampaign: ['campaignId', 'clientId'],
  testSendCampaign: ['campaignId'],
  sendCampaign: ['campaignId', 'confirmedCount'],
  scheduleCampaign: ['campaignId', 'scheduledAt'],
  cancelCampaign: ['campaignId'],
  getCampaignProgress: ['campaignId'],
  getClientMails: ['clientId'],
  confirmUnsubscribe: ['token', 'hl'],
  getTelegramBroadcast: ['id'],
};

const FIELDS = [
  'key',
  'value',
  'clientId',
  'clientIds',
  'campaignId',
  'orderId',
  'requestId',
  'pressId',
  'points',
  'reason',
  'percent',
  'code',
  'kind',
  'text',
  'channel',
  'summary',
  'receivedAt',
  'query',
  'rules',
  'id',
  'name',
  'segmentId',
  'template',
  'senderName',
  'replyTo',
  'scheduledAt',
  'cost',
  'flow',
  'enabled',
  'delayDays',
  'token',
  'hl',
  'ru',
  'en',
  'confirmedCount',
] as const;
type FieldName = (typeof FIELDS)[number];
const isField = (name: unknown): name is FieldName => (FIELDS as readonly unknown[]).includes(name);

/** A refusal at the door, already a sentence for staff. */
export class RefusedAtDoor extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedAtDoor';
  }
}

/** The function, callable from the page: its arguments parsed with its schema first. */
export function atTheDoor<F extends DoorFunction, R>(
  name: F,
  body: (...args: DoorArgs[F]) => R,
): (...args: DoorArgs[F]) => R {
  return (...args: DoorArgs[F]) => {
    const received: unknown[] = args;
    const schema = DOOR_ARGS[name];
    const parsed = z.safeParse(schema, received);
    if (!parsed.success) throw new RefusedAtDoor(refusal(name, received, innermost(parsed.error.issues[0])));
    // The schema of `name` is what SidebarArgs[F] is derived from.
    return body(...(parsed.data as DoorArgs[F]));
  };
}

/**
 * A function only a trigger, a menu or the editor runs: with no argument, or with the event Apps Script
 * passes (its `authMode` is a ScriptApp.AuthMode member, which no JSON from a page can be).
 */
export function onlyFromScript<A extends unknown[], R>(body: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    if (args.length === 0 || (args.length === 1 && isScriptEvent(args[0]))) return body(...args);
    throw new RefusedAtDoor(sentence('door.notFromPage'));
  };
}

function isScriptEvent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('authMode' in value)) return false;
  const modes: unknown[] = Object.values(ScriptApp.AuthMode);
  return modes.includes(value.authMode);
}

type Issue = z.core.$ZodIssue;

/** Of a value that fits no alternative, the alternative of its own kind says best what is wrong. */
function innermost(issue: Issue | undefined): Issue | undefined {
  if (issue?.code !== 'invalid_union') return issue;
  const branch = issue.errors.find((issues) => issues[0] !== undefined && issues[0].code !== 'invalid_type');
  const inner = branch?.[0];
  return inner ? innermost({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}

function refusal(name: DoorFunction, args: readonly unknown[], issue: Issue | undefined): string {
  const path = issue?.path ?? [];
  const argumentIndex = typeof path[0] === 'number' ? path[0] : 0;
  const inner = path.slice(1).filter((step) => typeof step === 'string');
  const fieldName = inner.length > 0 ? inner[inner.length - 1] : ARGUMENT_FIELDS[name]?.[argumentIndex];
  const value = path.reduce<unknown>(
    (at, step) =>
      typeof at === 'object' && at !== null && (typeof step === 'string' || typeof step === 'number')
        ? (at as Record<string | number, unknown>)[step]
        : undefined,
    args,
  );
  const locale = refusalLocale();
  const word = isField(fieldName) ? translate(locale, `door.field.${fieldName}`) : translate(locale, 'door.field.call');
  // A setting's value is named in staff words (its label), the key only when it has none.
  const settingKey = name === 'saveSetting' && argumentIndex === 1 ? args[0] : undefined;
  const field =
    typeof settingKey === 'string' && settingKey !== ''
      ? translate(locale, 'door.field.settingValue', { key: excerpt(settingLabelFor(settingKey, locale), locale) })
      : word;
  const [expectKey, expectParams] = expectation(issue, value, fieldName);
  return translate(locale, 'door.refused', {
    field,
    expected: translate(locale, expectKey, expectParams),
    received: excerpt(value, locale),
  });
}

function expectation(issue: Issue | undefined, value: unknown, field: unknown): [MessageKey, MessageParams] {
  if (!issue) return ['door.expect.shape', {}];
  const isTimeField = field === 'receivedAt' || field === 'scheduledAt';
  if ((issue.code === 'invalid_format' || issue.code === 'custom') && typeof value === 'string') {
    if (isTimeField) return ['door.expect.isoTime', {}];
    if (field === 'replyTo') return ['door.expect.email', {}];
  }
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined || value === null) return ['door.expect.present', {}];
      if (issue.expected === 'string') return ['door.expect.text', {}];
      if (issue.expected === 'int') return ['door.expect.wholeNumber', {}];
      if (issue.expected === 'number') return ['door.expect.number', {}];
      if (issue.expected === 'boolean') return ['door.expect.yesNo', {}];
      if (issue.expected === 'array' || issue.expected === 'tuple') return ['door.expect.list', {}];
      return ['door.expect.shape', {}];
    case 'too_big':
      if (issue.origin === 'string') return ['door.expect.maxChars', { max: Number(issue.maximum) }];
      if (issue.origin === 'array') return ['door.expect.shape', {}];
      return ['door.expect.atMost', { max: Number(issue.maximum) }];
    case 'too_small':
      if (issue.origin === 'string') return ['door.expect.notEmpty', {}];
      if (issue.origin === 'array') return ['door.expect.notEmptyList', {}];
      return ['door.expect.atLeast', { min: Number(issue.minimum) }];
    case 'invalid_value':
      return ['door.expect.oneOf', { values: issue.values.map(String).join(', ') }];
    case 'invalid_format':
      return issue.format === 'regex' ? ['door.expect.oneLine', {}] : ['door.expect.shape', {}];
    case 'not_multiple_of':
      return ['door.expect.wholeNumber', {}];
    default:
      return ['door.expect.shape', {}];
  }
}

/** At most 40 printable characters of what came, or a word for what it was. */
function excerpt(value: unknown, locale: Locale): string {
  if (value === undefined || value === null) return translate(locale, 'door.received.nothing');
  if (Array.isArray(value)) return translate(locale, 'door.received.list');
  if (typeof value === 'object') return translate(locale, 'door.received.record');
  const printable = String(value)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim();
  const cut = printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
  return translate(locale, 'door.received.text', { value: cut });
}

function sentence(key: MessageKey, params: MessageParams = {}): string {
  return translate(refusalLocale(), key, params);
}

/** The staff's language as every other answer has it; the account's when the workbook cannot say. */
function refusalLocale(): Locale {
  try {
    return staffLocaleFor(openWorkbook());
  } catch {
    return staffLocale();
  }
}
