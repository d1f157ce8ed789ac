// The checks behind a trusted send: the nearest real field for a misspelt one, today's share of the
// quota, and whom a press would mail now (queued rows and new members, not those already sent).
import { describe, expect, it } from 'vitest';
import { editDistance, nearestField } from '../../src/domain/campaigns/template';
import { recipientsNow, todaysShare, type RecipientDecision } from '../../src/domain/campaigns/exclusions';
import {
  clientMergeValues,
  foldFieldName,
  isoDayText,
  listText,
  numberText,
  pointsText,
  suggestableFieldNames,
} from '../../src/domain/campaigns/fields';
import type { Send } from '../../src/domain/types';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit, as a typist makes it', () => {
    expect(editDistance('frist', 'first')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3); // the textbook case: k→s, e→i, +g
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('nearestField', () => {
  const names = suggestableFieldNames(['Город']);
  it('suggests the built-in field one edit away', () => {
    expect(nearestField('frist_name', names)).toBe('first_name');
    expect(nearestField('poinst', names)).toBe('points');
    expect(nearestField('Горд', names)).toBe('Город');
  });
  it('suggests nothing when every name is far', () => {
    expect(nearestField('favourite_colour', names)).toBeNull();
  });
});

describe('todaysShare', () => {
  it('leaves the flows reserve and sends the rest later', () => {
    expect(todaysShare(71, 100, 10)).toEqual({ today: 71, later: 0 });
    expect(todaysShare(71, 50, 10)).toEqual({ today: 40, later: 31 });
    expect(todaysShare(5, 3, 10)).toEqual({ today: 0, later: 5 });
  });
});

describe('recipientsNow', () => {
  const row = (clientId: string, status: Send['status']): Send => ({
    campaignId: 'K-0001',
    clientId,
    occasion: '',
    email: `${clientId}@x.test`,
    status,
    reason: status === 'skipped' ? 'noConsent' : '',
    at: new Date('2026-11-20T10:00:00Z'),
  });
  it('mails queued rows and new members, not rows already sent or skipped', () => {
    const fresh: RecipientDecision[] = [
      { clientId: 'C-1', email: 'C-1@x.test', action: 'send' },
      { clientId: 'C-4', email: 'c-4@x.test', action: 'send' },
      {
        clientId: 'C-5',
        email: 'c-5@x.test',
        action: 'skip',
        reason: 'bounced',
        key: 'campaigns.skip.bounced',
        params: {},
      },
    ];
    const now = recipientsNow([row('C-1', 'sent'), row('C-2', 'queued'), row('C-3', 'skipped')], fresh);
    expect(now.toMail).toEqual(['C-2', 'C-4']);
    expect(now.eligible).toEqual(['C-1', 'C-2', 'C-4']);
    expect(now.skippedByReason).toEqual({ noConsent: 1, bounced: 1 });
  });
});

describe('pointsText', () => {
  it('says the number with its word, by the Russian plural rules and the English ones', () => {
    // By hand: 1 балл, 2–4 балла, 5–20 баллов, 21 балл, 111–114 баллов, 624 балла.
    expect(['1', '3', '5', '11', '12', '21', '104', '111', '624'].map((n) => pointsText(Number(n), 'ru'))).toEqual([
      '1 балл',
      '3 балла',
      '5 баллов',
      '11 баллов',
      '12 баллов',
      '21 балл',
      '104 балла',
      '111 баллов',
      '624 балла',
    ]);
    expect([pointsText(1, 'en'), pointsText(624, 'en'), pointsText(0, 'en')]).toEqual([
      '1 point',
      '624 points',
      '0 points',
    ]);
  });
});

describe("words the add-on writes into a mail, in the mail's language", () => {
  it('joins a list with the language\'s "and", leaving out empty items', () => {
    expect(listText(['стикеры', 'панели', 'значки'], 'ru')).toBe('стикеры, панели и значки');
    expect(listText(['stickers', 'panels'], 'en')).toBe('stickers and panels');
    expect(listText(['', 'panels'], 'en')).toBe('panels');
    expect(listText([], 'ru')).toBe('');
  });

  it("writes numbers with the language's separators", () => {
    // 1234567.5: groups of three from the right (1|234|567); Russian no-break spaces and a comma.
    expect(numberText(1234567.5, 'ru')).toBe('1\u00a0234\u00a0567,5');
    expect(numberText(1234567.5, 'en')).toBe('1,234,567.5');
    expect(numberText(-1200, 'en')).toBe('-1,200');
    expect(numberText(624, 'ru')).toBe('624');
    expect(pointsText(1234, 'ru')).toBe('1\u00a0234 балла'); // 34 → 4 → балла
    expect(pointsText(1001, 'en')).toBe('1,001 points');
  });

  it('writes a day as the language does, other text as is', () => {
    expect(isoDayText('2026-12-01', 'ru')).toBe('01.12.2026');
    expect(isoDayText('2026-12-01', 'en')).toBe('2026-12-01');
    expect(isoDayText('soon', 'ru')).toBe('soon');
  });

  it("a client's merge values: the list, the number and its plural follow the locale given", () => {
    const client = {
      id: 'C-1',
      name: 'Анна Котова',
      email: 'a@example.com',
      locale: 'en',
      referralCode: '',
      extra: {},
    } as unknown as Parameters<typeof clientMergeValues>[0];
    const values = { points: 21, recommendation: ['стикеры', 'панели'] };
    const ru = clientMergeValues(client, values, 'ru');
    expect([
      ru[foldFieldName('points')],
      ru[foldFieldName('points_text')],
      ru[foldFieldName('recommendation')],
    ]).toEqual([
      '21',
      '21 балл', // 21: ends in 1, not 11 → балл
      'стикеры и панели',
    ]);
    const en = clientMergeValues(client, { ...values, points: '2500' }, 'en');
    expect([
      en[foldFieldName('points')],
      en[foldFieldName('points_text')],
      en[foldFieldName('recommendation')],
    ]).toEqual(['2,500', '2,500 points', 'стикеры and панели']);
  });
});
