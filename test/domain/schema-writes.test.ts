import { describe, expect, it } from 'vitest';
import {
  coreSettings,
  mapHeaders,
  mergeClientAnswer,
  nextId,
  overridesFrom,
  planBlocks,
  sheetSpec,
  type RowWrite,
} from '../../src/domain/schema';

const clients = sheetSpec('clients');
const header = ['Client ID', 'Name', 'Email', 'My column', 'Channel topic', 'Notes'];
const mapping = mapHeaders(clients, header, { locale: 'en' });

describe('planBlocks', () => {
  it('writes adjacent rows setting the same columns as one block per column run', () => {
    const writes: RowWrite[] = [
      { rowNumber: 3, values: { name: 'Bo', topic: 'art' } },
      { rowNumber: 2, values: { name: 'Al', topic: 'gaming' } },
      { rowNumber: 5, values: { name: 'Cy', topic: 'music' } },
    ];
    const blocks = planBlocks(clients, mapping, writes, 'ru');
    // Name (col 2) and topic (col 5) are not adjacent, rows 2-3 adjacent, row 5 apart: 2 × 2 blocks.
    expect(blocks).toEqual([
      { row: 2, column: 2, values: [['Al'], ['Bo']] },
      { row: 2, column: 5, values: [['Игры'], ['Творчество']] },
      { row: 5, column: 2, values: [['Cy']] },
      { row: 5, column: 5, values: [['Музыка']] },
    ]);
  });

  it('never touches staff columns or cells the caller did not set, and neutralises outside text', () => {
    const blocks = planBlocks(
      clients,
      mapping,
      [{ rowNumber: 7, values: { name: '=IMPORTXML("x")', email: 'a@b.co', nonsense: 'x' } }],
      'en',
    );
    expect(blocks).toEqual([{ row: 7, column: 2, values: [['\'=IMPORTXML("x")', 'a@b.co']] }]);
  });

  it('groups rows that set different columns separately', () => {
    const blocks = planBlocks(
      clients,
      mapping,
      [
        { rowNumber: 2, values: { name: 'A' } },
        { rowNumber: 3, values: { notes: 'n' } },
      ],
      'en',
    );
    expect(blocks).toEqual([
      { row: 2, column: 2, values: [['A']] },
      { row: 3, column: 6, values: [['n']] },
    ]);
  });
});

describe('mergeClientAnswer', () => {
  const at = new Date(2026, 10, 24, 10);
  const derived = new Set(['tier']);

  it('creates a client with answered fields, consent and creation time', () => {
    const changes = mergeClientAnswer(
      null,
      { email: 'anna@example.com', fields: { name: 'Anna', city: '', tier: 'Gold' }, at, consentVersion: 'v2' },
      derived,
    );
    expect(changes).toEqual({
      name: 'Anna',
      consentAt: at,
      consentVersion: 'v2',
      email: 'anna@example.com',
      createdAt: at,
    });
  });

  it('updates changed non-empty fields; blanks never erase', () => {
    const existing = { id: 'C-0001', name: 'Anna', city: 'Moscow', twitch: 'anna_tv', createdAt: new Date(2026, 0, 1) };
    const changes = mergeClientAnswer(
      existing,
      { email: 'anna@example.com', fields: { name: 'Anna', city: 'Kazan', twitch: '', id: 'C-9' }, at },
      derived,
    );
    expect(changes).toEqual({ city: 'Kazan' });
  });

  it('lets an older answer fill gaps only', () => {
    const existing = {
      id: 'C-0001',
      city: 'Moscow',
      country: '',
      consentAt: new Date(2026, 11, 1),
      createdAt: new Date(2026, 11, 1),
    };
    const changes = mergeClientAnswer(
      existing,
      { email: 'a@b.co', fields: { city: 'Kazan', country: 'RU' }, at, consentVersion: 'v1' },
      derived,
    );
    expect(changes).toEqual({ country: 'RU' });
  });
});

describe('nextId', () => {
  it('continues after the highest id of the prefix', () => {
    expect(nextId('C', ['C-0002', 'C-0010', 'X-0099', 'C-7a', ''])).toBe('C-0011');
    expect(nextId('C', [])).toBe('C-0001');
  });
});

describe('settings overrides', () => {
  const defaults = {
    weeklyCap: 2,
    margin: 0.7,
    enabled: true,
    template: 'welcome',
    tiers: [{ name: 'Gold', threshold: 100 }],
  };
  it('reads typed overrides and reports bad values keeping the default', () => {
    const read = overridesFrom(
      [
        { key: 'campaigns.weeklyCap', value: '3' },
        { key: 'campaigns.margin', value: '0,5' },
        { key: 'campaigns.enabled', value: 'Нет' },
        { key: 'campaigns.template', value: 'promo' },
        { key: 'campaigns.tiers', value: '[{"name":"Silver","threshold":50}]' },
        { key: 'loyalty.weeklyCap', value: '9' },
      ],
      defaults,
      'campaigns',
      'ru',
    );
    expect(read.overrides).toEqual({
      weeklyCap: 3,
      margin: 0.5,
      enabled: false,
      template: 'promo',
      tiers: [{ name: 'Silver', threshold: 50 }],
    });
    expect(read.problems).toEqual([]);
    const bad = overridesFrom(
      [
        { key: 'campaigns.weeklyCap', value: 'many' },
        { key: 'campaigns.tiers', value: '{' },
      ],
      defaults,
      'campaigns',
      'en',
    );
    expect(bad.overrides).toEqual({});
    expect(bad.problems.map((problem) => problem.params.key)).toEqual(['campaigns.weeklyCap', 'campaigns.tiers']);
  });

  it('falls back to the spreadsheet locale and rejects unknown languages', () => {
    expect(coreSettings([], 'en').settings.locale).toBe('en');
    expect(coreSettings([{ key: 'core.locale', value: 'ru' }], 'en').settings.locale).toBe('ru');
    const bad = coreSettings([{ key: 'core.locale', value: 'de' }], 'en');
    expect(bad.settings.locale).toBe('en');
    expect(bad.problems).toHaveLength(1);
  });
});
