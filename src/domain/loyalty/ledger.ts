// The Loyalty sheet is an append-only ledger: every function here returns the entries to
// append and never changes existing ones. Each entry's `key` names the event it records, so
// applying an event again appends nothing; ids derive from keys, so two runs write the same rows.

import type { MessageKey, MessageParams } from '../../i18n';
import type { ClientId, LedgerEntry, LedgerKind, OrderId } from '../types';
import { addDays, birthdayIn } from '../analysis/dates';
import { wallParts } from '../cells/dates';
import type { LoyaltySettings } from './settings';

/** What domain code says to staff: a catalog key and its placeholders. */
export interface LoyaltyMessage {
  key: MessageKey;
  params: MessageParams;
}

export type LedgerResult = { ok: true; entries: LedgerEntry[] } | { ok: false; error: LoyaltyMessage };

export function refused(key: MessageKey, params: MessageParams = {}): LedgerResult {
  return { ok: false, error: { key, params } };
}

/**
 * FNV-1a, 64-bit: short, stable across runs and realms, and collisions are vanishingly rare.
 * Kept in two 32-bit halves (BigInt per character was the nightly run's hot spot): the prime is
 * 2^40 + 0x1b3, so hash × prime = hash × 0x1b3 + (low half << 40), each product exact in a double.
 */
function fnv1a64(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low = (low ^ text.charCodeAt(i)) >>> 0;
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (high * 0x1b3 + carry + ((low << 8) >>> 0)) >>> 0;
    low = lowProduct >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** The entry id for a key, e.g. `L-3f2a…`; the same key always gives the same id. */
export function ledgerEntryId(key: string): string {
  return `L-${fnv1a64(key)}`;
}

export interface NewLedgerEntry {
  clientId: ClientId;
  kind: LedgerKind;
  points: number;
  key: string;
  orderId?: OrderId | '';
  reason: string;
  by?: string;
}

export function ledgerEntry(fields: NewLedgerEntry, date: Date): LedgerEntry {
  return {
    id: ledgerEntryId(fields.key),
    date: new Date(date.getTime()),
    clientId: fields.clientId,
    kind: fields.kind,
    points: fields.points,
    key: fields.key,
    orderId: fields.orderId ?? '',
    reason: fields.reason,
    by: fields.by ?? '',
  };
}

/** A closed years' roll-up entry (one per client): its reason lists the keys of the entries it replaced. */
export const LEDGER_ROLLUP_PREFIX = 'rollup:';
const rolledKeysCache = new WeakMap<LedgerEntry, ReadonlySet<string>>();

/** The keys a roll-up entry settled (empty for any other entry): those events never apply again. */
export function rolledUpKeys(entry: LedgerEntry): ReadonlySet<string> {
  if (!entry.key.startsWith(LEDGER_ROLLUP_PREFIX)) return new Set();
  let keys = rolledKeysCache.get(entry);
  if (!keys) {
    const listed = parseLedgerReason(entry.reason)?.params['keys'] ?? '';
    keys = new Set(listed === '' ? [] : listed.split(','));
    rolledKeysCache.set(entry, keys);
  }
  return keys;
}

export function hasKey(entries: readonly LedgerEntry[], key: string): boolean {
  return entries.some((entry) => entry.key === key || rolledUpKeys(entry).has(key));
}

/**
 * Reasons are catalog keys with parameters (`loyalty.reason.orderEarned amount=150 rate=1.25`); a few of them the
 * ledger itself reads later (the rate). Staff's free-text reasons for manual adjustments are stored as typed.
 */
export function ledgerReason(key: MessageKey, params: Record<string, string | number> = {}): string {
  const parts = Object.entries(params).map(([name, value]) => `${name}=${String(value).replace(/\s+/g, '_')}`);
  return [key, ...parts].join(' ');
}

const REASON_PREFIX = 'loyalty.reason.';
/**
 * The machine part at the end of a reason held in memory: `… [orderEarned amount=150 rate=1.25]`. The sheet keeps
 * it in its own Reason code column (splitLedgerReason / joinLedgerReason); Reason cells written before keep it here.
 */
const REASON_SUFFIX = /(?:^|\s)\[([a-z][A-Za-z]*)((?:\s[A-Za-z]+=\S*)*)\]$/;

/**
 * The Reason cell as the sheet shows it: the staff-language sentence, then the reason's name and parameters in
 * brackets so the ledger can still read them back (parseLedgerReason). Free text and ready cells stay as they are.
 */
export function ledgerReasonCell(reason: string, sentence: string): string {
  const trimmed = reason.trim();
  if (!trimmed.startsWith(REASON_PREFIX)) return reason;
  return `${sentence} [${trimmed.slice(REASON_PREFIX.length)}]`;
}

/** A Reason cell and its Reason code cell as the sheet holds them: the sentence alone, the machine part apart. */
export function splitLedgerReason(reason: string): { sentence: string; code: string } {
  const trimmed = reason.trim();
  const suffix = REASON_SUFFIX.exec(trimmed);
  if (!suffix) return { sentence: reason, code: '' };
  return { sentence: trimmed.slice(0, suffix.index), code: `${suffix[1]}${suffix[2] ?? ''}` };
}

/** The reason as read from the two cells; an old cell's own suffix gives way to the code column's. */
export function joinLedgerReason(sentence: string, code: string): string {
  if (code.trim() === '') return sentence;
  // Most cells are a sentence alone: the suffix is looked for only in one that ends like it.
  const own = sentence.trimEnd().endsWith(']') ? ledgerReasonSentence(sentence) : null;
  return `${own ?? sentence.trim()} [${code.trim()}]`;
}

/** The machine form of a Reason code cell, `loyalty.reason.orderEarned amount=150`, as parseLedgerReason reads it. */
export function reasonFromCode(code: string): string {
  return `${REASON_PREFIX}${code.trim()}`;
}

/** A reason's key and parameters, from the machine form or from a sheet cell's bracketed suffix; free text: null. */
export function parseLedgerReason(reason: string): { key: string; params: Record<string, string> } | null {
  const suffix = REASON_SUFFIX.exec(reason.trim());
  const machine = suffix ? `${REASON_PREFIX}${suffix[1]}${suffix[2] ?? ''}` : reason.trim();
  const [key, ...parts] = machine.split(/\s+/);
  if (!key || !key.startsWith(REASON_PREFIX)) return null;
  const params: Record<string, string> = {};
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals > 0) params[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return { key, params };
}

/** The sentence part of a Reason cell (without its bracketed machine suffix). */
export function ledgerReasonSentence(reason: string): string | null {
  const suffix = REASON_SUFFIX.exec(reason.trim());
  return suffix ? reason.trim().slice(0, suffix.index) : null;
}

/** The client's points at `asOf`: the sum of the ledger (never the Clients sheet's copy). */
export function balance(entries: readonly LedgerEntry[], clientId: ClientId, asOf: Date): number {
  let total = 0;
  for (const entry of entries) {
    if (entry.clientId === clientId && entry.date.getTime() <= asOf.getTime()) total += entry.points;
  }
  return total;
}

/** Every client's balance at `asOf`, for the nightly refresh of the Clients sheet. */
export function balances(entries: readonly LedgerEntry[], asOf: Date): Map<ClientId, number> {
  const byClient = new Map<ClientId, number>();
  for (const entry of entries) {
    if (entry.date.getTime() > asOf.getTime()) continue;
    byClient.set(entry.clientId, (byClient.get(entry.clientId) ?? 0) + entry.points);
  }
  return byClient;
}

/** A credit once per key: nothing when the key is already in the ledger or points are not positive. */
export function awardBonus(
  entries: readonly LedgerEntry[],
  bonus: { clientId: ClientId; key: string; points: number; reason: string; orderId?: OrderId | '' },
  asOf: Date,
): LedgerEntry[] {
  const points = Math.floor(bonus.points);
  if (points <= 0 || hasKey(entries, bonus.key)) return [];
  return [ledgerEntry({ ...bonus, kind: 'bonus', points }, asOf)];
}

export function feedbackBonus(
  entries: readonly LedgerEntry[],
  feedback: { id: string; clientId: ClientId },
  settings: LoyaltySettings,
  asOf: Date,
): LedgerEntry[] {
  if (!feedback.id || !feedback.clientId) return [];
  const reason = ledgerReason('loyalty.reason.feedback', { feedback: feedback.id });
  return awardBonus(
    entries,
    { clientId: feedback.clientId, key: `feedback:${feedback.id}`, points: settings.bonusFeedback, reason },
    asOf,
  );
}

export function registrationBonus(
  entries: readonly LedgerEntry[],
  clientId: ClientId,
  settings: LoyaltySettings,
  asOf: Date,
): LedgerEntry[] {
  const reason = ledgerReason('loyalty.reason.registration');
  return awardBonus(
    entries,
    { clientId, key: `registration:${clientId}`, points: settings.bonusRegistration, reason },
    asOf,
  );
}

/**
 * The birthday bonus, once per calendar year: due from the birthday until `birthdayWindowDays`
 * later, so a missed nightly run still pays. A 29 February birthday counts as 28 February in other years.
 */
export function birthdayBonus(
  entries: readonly LedgerEntry[],
  client: { id: ClientId; birthday: Date | null },
  settings: LoyaltySettings,
  asOf: Date,
): LedgerEntry[] {
  if (!client.birthday) return [];
  // Check this year's birthday and last year's (a window crossing New Year).
  const thisYear = wallParts(asOf).year;
  for (const year of [thisYear, thisYear - 1]) {
    const day = birthdayIn(year, client.birthday);
    const windowEnd = addDays(day, settings.birthdayWindowDays);
    if (day.getTime() <= asOf.getTime() && asOf.getTime() < windowEnd.getTime()) {
      const reason = ledgerReason('loyalty.reason.birthday', { year });
      return awardBonus(
        entries,
        { clientId: client.id, key: `birthday:${client.id}:${year}`, points: settings.bonusBirthday, reason },
        asOf,
      );
    }
  }
  return [];
}

const STAFF_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A manual correction by staff. `requestId` identifies the staff action (the sidebar makes one
 * per submit), so a double click or a retried call records it once.
 */
export function adjustPoints(
  entries: readonly LedgerEntry[],
  adjustment: { clientId: ClientId; points: number; reason: string; by: string; requestId: string },
  asOf: Date,
): LedgerResult {
  const reason = adjustment.reason.trim();
  const by = adjustment.by.trim().toLowerCase();
  if (!Number.isInteger(adjustment.points) || adjustment.points === 0) {
    return refused('loyalty.adjust.invalidPoints', { points: String(adjustment.points) });
  }
  if (!reason) return refused('loyalty.adjust.reasonRequired');
  if (!STAFF_EMAIL.test(by)) return refused('loyalty.adjust.staffRequired');
  if (!adjustment.requestId.trim()) return refused('loyalty.adjust.requestRequired');
  const key = `adjust:${adjustment.clientId}:${adjustment.requestId.trim()}`;
  if (hasKey(entries, key)) return { ok: true, entries: [] };
  const available = balance(entries, adjustment.clientId, asOf);
  if (available + adjustment.points < 0) {
    return refused('loyalty.adjust.wouldGoNegative', { points: -adjustment.points, available });
  }
  return {
    ok: true,
    entries: [
      ledgerEntry({ clientId: adjustment.clientId, kind: 'adjust', points: adjustment.points, key, reason, by }, asOf),
    ],
  };
}
