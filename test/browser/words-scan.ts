// Walks every sidebar section and every sheet as staff see them and lists text that looks like a developer's
// word: a catalog key, a JSON brace, `[object`, `undefined`, `NaN`. Shared by words-scan-ru/en.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignConfirmation, CampaignProgress, CampaignView } from '../../src/contract/sidebar-api';
import { ENUMS } from '../../src/domain/cells';
import { catalogEntry } from '../../src/i18n/labels';
import { get, openSection, openStudio, post, settled, type Studio } from './harness';

/** catalog-key shapes such as `loyalty.reason.orderEarned` or `lifecycle.churned`. */
const KEY_SHAPE = /\b[a-z]+\.[a-z][A-Za-z]*(\.[A-Za-z]+)*\b/g;
const LEAKS: Array<[string, RegExp]> = [
  ['catalog key', KEY_SHAPE],
  ['[object', /\[object/g],
  ['undefined', /\bundefined\b/g],
  ['NaN', /\bNaN\b/g],
  ['JSON', /[{}]|\[\s*"/g],
  ['machine prefix', /\b(lifecycle|rfm|tier|draft|segment):\S/g],
  // A skip reason's code (`noConsent`, `weeklyCap`; the one-word ones are English words) and `code=n` counts.
  [
    'skip code',
    new RegExp(
      `\\b(${skipCodes()
        .filter((code) => /[A-Z]/.test(code))
        .join('|')})\\b`,
      'g',
    ),
  ],
  ['code=n', new RegExp(`\\b(${skipCodes().join('|')})=\\d+`, 'g')],
  // A reason's machine part left in a sentence, in any sheet: `… [orderEarned amount=5250 rate=1]`, `[expired credited=…]`.
  ['bracketed code', /\[[a-z][A-Za-z]*(?:[A-Z][A-Za-z]*(?:\s[A-Za-z]+=[^\]\s]*)*|(?:\s[A-Za-z]+=[^\]\s]*)+)\]/g],
];

function skipCodes(): string[] {
  return ENUMS.skipReason.map((option) => option.value);
}

/** Addresses, links, file names and decimals are text staff write, not keys. */
function withoutOrdinaryDots(text: string): string {
  return (
    text
      // Mail-merge tags are the staff's own template syntax, written in their Gmail drafts.
      .replace(/\{\{[^{}]*\}\}/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
      .replace(/\b[\w-]+\.(com|ru|org|net|png|jpg|pdf)\b/g, ' ')
      .replace(/\be\.g\./g, ' ')
      .replace(/\d+[.,]\d+/g, ' ')
  );
}

export function leaksIn(text: string): string[] {
  const clean = withoutOrdinaryDots(text);
  const found: string[] = [];
  for (const [name, pattern] of LEAKS)
    for (const match of clean.matchAll(pattern)) {
      const at = match.index ?? 0;
      found.push(`${name}: …${clean.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, ' ')}…`);
    }
  return [...new Set(found)];
}

/**
 * Columns the code reads back by machine (the Settings key, the ledger's idempotency key and Reason code): staff
 * see them, but they are the store's handles, not words; every other column is scanned.
 */
const MACHINE_COLUMNS = new Set(['Ключ', 'Key', 'Код причины', 'Reason code']);

/**
 * Structured settings the sidebar edits as tables; the Settings sheet stores them as JSON (the format the loyalty
 * settings reader parses). Known gap, listed in the report: their cells are not words yet.
 */
const JSON_SETTINGS = new Set(['loyalty.tiers', 'loyalty.discountByTier', 'loyalty.discountBySegment']);

function wordsColumns(rows: string[][]): string {
  const header = rows[0] ?? [];
  const keep = header.map((title) => !MACHINE_COLUMNS.has(title.trim()));
  const keyColumn = header.findIndex((title) => MACHINE_COLUMNS.has(title.trim()));
  return rows
    .filter((row) => !JSON_SETTINGS.has(row[keyColumn] ?? ''))
    .map((row) => row.filter((_, column) => keep[column] ?? true).join(' | '))
    .join('\n');
}

const SECTIONS = ['overview', 'clients', 'segments', 'campaigns', 'automations', 'forms', 'settings', 'help'];

const DAY = 24 * 3_600_000;

async function run<T>(studio: Studio, fn: string, ...args: unknown[]): Promise<T> {
  return ((await post(studio.server.url, '/api/run', { fn, args })) as { value: T }).value;
}

export function wordsScan(locale: 'ru' | 'en'): void {
  let studio: Studio;
  /** A sheet's rows as the playground shows them, by the first of these tab names that exists. */
  const sheetRows = async (names: string[]): Promise<string[][]> => {
    const state = await get<{ sheets: string[] }>(studio.server.url, '/api/state');
    const name = names.find((candidate) => state.sheets.includes(candidate)) ?? names[0]!;
    const url = `/api/sheet?name=${encodeURIComponent(name)}&limit=100000`;
    return (await get<{ rows: string[][] }>(studio.server.url, url)).rows;
  };
  describe(`staff see words, not keys (${locale})`, () => {
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('the scanner itself finds a key, JSON and undefined (so a clean pass means something)', () => {
      expect(leaksIn('Причина: loyalty.reason.orderEarned')).toHaveLength(1);
      expect(leaksIn('{"vip":1}').length).toBeGreaterThan(0);
      expect(leaksIn('undefined ₽')).toHaveLength(1);
      expect(leaksIn('frostneko22@example.com, 0.05 ₽, https://a.b/c, e.g. 2, RFM segment: Lost')).toEqual([]);
      expect(leaksIn('Сегмент lifecycle:churned')).toHaveLength(1);
      expect(leaksIn('Пропущено | noConsent')).toHaveLength(1);
      expect(leaksIn('Пропуски: unsubscribed=1').map((leak) => leak.split(':')[0])).toEqual(['code=n']);
      expect(leaksIn('Нет согласия на рассылки: 3; The client unsubscribed.')).toEqual([]);
      expect(leaksIn('Баллы за заказ на 5 250 ₽ [orderEarned amount=5250 rate=1]')).toHaveLength(1);
      expect(leaksIn('Достигнут уровень VIP [tierUp tier=VIP]').map((leak) => leak.split(':')[0])).toEqual([
        'bracketed code',
      ]);
      expect(leaksIn('Баллы сгорели [expired credited=2025-11-20]')).toHaveLength(1);
      expect(leaksIn('Подарок [за отзыв] [см. заметку] [vip]')).toEqual([]);
    });

    for (const section of SECTIONS)
      it(`section ${section} shows no key, JSON or undefined`, async () => {
        await openSection(studio, section);
        await settled(studio.sidebar);
        if (section === 'clients') {
          await studio.sidebar.fill('input[type=search]', 'frostneko22');
          await studio.sidebar.click('form.search button[type=submit]');
          await studio.sidebar.click('[data-client="C-00001"]');
          await settled(studio.sidebar);
        }
        const text = await studio.sidebar.locator('#section').innerText();
        // Select options are words too.
        const options = await studio.sidebar.$$eval('#section option', (nodes) =>
          nodes.map((node) => node.textContent ?? ''),
        );
        expect(leaksIn([text, ...options].join('\n'))).toEqual([]);
      });

    // The demo has no mail history: a campaign finished over two days (its skips rolled up into Send totals by
    // the night) and a second one sent after it (its skips still in Sends) give both sheets skip reasons to scan.
    it('campaigns with skipped members leave skip reasons in Sends and Send totals', async () => {
      const campaign = async (name: string) => {
        const { id } = await run<CampaignView>(studio, 'createCampaign', {
          name,
          segmentId: 'all',
          template: 'winter-sale',
          senderName: 'Studio',
          replyTo: '',
          scheduledAt: null,
          cost: 0,
        });
        const { count } = await run<CampaignConfirmation>(studio, 'confirmCampaign', id);
        return { id, progress: await run<CampaignProgress>(studio, 'sendCampaign', id, count) };
      };
      const first = await campaign('Words 1');
      expect(Object.keys(first.progress.skippedByReason).length).toBeGreaterThan(0);
      await post(studio.server.url, '/api/clock', { ms: 3 * DAY });
      expect((await run<CampaignProgress>(studio, 'getCampaignProgress', first.id)).status).toBe('done');
      await campaign('Words 2');

      const labels = new Set(ENUMS.skipReason.flatMap((option) => Object.values(catalogEntry(option.label))));
      const sends = await sheetRows(['Отправки', 'Sends']);
      const reason = (sends[0] ?? []).findIndex((title) => title === 'Причина' || title === 'Reason');
      const skipReasons = sends
        .slice(1)
        .map((row) => row[reason] ?? '')
        .filter((cell) => labels.has(cell));
      expect(skipReasons.length).toBeGreaterThan(0);
      const totals = await sheetRows(['Итоги отправок', 'Send totals']);
      const column = (totals[0] ?? []).findIndex((title) => /^(Пропуски по причинам|Skips by reason)$/.test(title));
      const cells = totals
        .slice(1)
        .map((row) => row[column] ?? '')
        .filter((cell) => cell !== '');
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells)
        for (const part of cell.split('; ')) expect(labels.has(part.replace(/: \d+$/, '')), part).toBe(true);
    });

    it("the ledger has the add-on's own reasons to scan: sentences with their code apart", async () => {
      const ledger = await sheetRows(['Баллы', 'Loyalty']);
      const header = ledger[0] ?? [];
      const reason = header.findIndex((title) => title === 'Причина' || title === 'Reason');
      const code = header.findIndex((title) => title === 'Код причины' || title === 'Reason code');
      const own = ledger.slice(1).filter((row) => (row[code] ?? '') !== '');
      expect(own.length).toBeGreaterThan(0);
      for (const row of own) expect(row[reason] ?? '').not.toMatch(/\[/);
    });

    it('every sheet shows no key, JSON or undefined', async () => {
      const state = await get<{ sheets: string[]; hiddenSheets: string[] }>(studio.server.url, '/api/state');
      // The one hidden tab is the client cards' machine store (kept by the night, never shown to staff). Known gap:
      // in the English playground the night still names it in Russian; it is hidden, so staff do not see it.
      expect(state.hiddenSheets.length).toBe(1);
      expect(['Карточки клиентов', 'Client cards']).toContain(state.hiddenSheets[0]);
      const found: string[] = [];
      for (const name of state.sheets.filter((sheet) => !state.hiddenSheets.includes(sheet))) {
        const sheet = await get<{ rows: string[][] }>(
          studio.server.url,
          `/api/sheet?name=${encodeURIComponent(name)}&limit=100000`,
        );
        for (const leak of leaksIn(wordsColumns(sheet.rows))) found.push(`${name}: ${leak}`);
      }
      expect(found).toEqual([]);
    });
  });
}
