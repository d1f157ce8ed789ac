// One plural rule (src/i18n/plural.ts) for sheets, sidebar and mail; the {{discount}} field in the mail's language.
import { describe, expect, it } from 'vitest';
import { pluralForm } from '../../src/i18n';
import { clientMergeValues, percentText, pointsText } from '../../src/domain/campaigns/fields';
import type { Client } from '../../src/domain/types';

describe('pluralForm', () => {
  it('Russian: 1 and 21 one, 2 and 22 few, 5, 11, 25 and 111 many', () => {
    // 1 балл, 2 балла, 5 баллов, 11 баллов (11–14 never one/few), 21 балл, 22 балла, 25 баллов, 111 баллов.
    const counts = [1, 2, 5, 11, 21, 22, 25, 111];
    expect(counts.map((count) => pluralForm('ru', count))).toEqual([
      'one',
      'few',
      'many',
      'many',
      'one',
      'few',
      'many',
      'many',
    ]);
  });

  it('Russian teens and zero: 12–14, 112 and 0 are many; 101 one, 104 few; a fraction few (1,5 балла)', () => {
    expect([0, 12, 13, 14, 112, 101, 104, 1.5].map((count) => pluralForm('ru', count))).toEqual([
      'many',
      'many',
      'many',
      'many',
      'many',
      'one',
      'few',
      'few',
    ]);
  });

  it('English: exactly one (or minus one) is one, everything else other', () => {
    expect([1, -1, 0, 2, 21, 1.5].map((count) => pluralForm('en', count))).toEqual([
      'one',
      'one',
      'other',
      'other',
      'other',
      'other',
    ]);
  });

  it('points in words through the one rule and the catalogs', () => {
    expect(pointsText(624, 'ru')).toBe('624 балла');
    expect(pointsText(111, 'ru')).toBe('111 баллов');
    expect(pointsText(21, 'ru')).toBe('21 балл');
    expect(pointsText(1, 'en')).toBe('1 point');
    expect(pointsText(624, 'en')).toBe('624 points');
  });
});

describe('{{discount}} in the recipient’s language', () => {
  const client: Client = {
    id: 'C-0001',
    name: 'Аня',
    email: 'a@example.com',
    twitch: '',
    topic: '',
    country: '',
    city: '',
    birthday: null,
    source: '',
    consentAt: null,
    consentVersion: '',
    unsubscribedAt: null,
    bouncedAt: null,
    createdAt: null,
    referralCode: '',
    referredBy: '',
    locale: '',
    notes: '',
    extra: {},
  };

  it('"10 %" (no-break space) in a Russian mail, "10%" in an English one', () => {
    expect(percentText(10, 'ru')).toBe('10\u00a0%');
    expect(percentText(10, 'en')).toBe('10%');
    expect(percentText(12.5, 'ru')).toBe('12,5\u00a0%');
    expect(clientMergeValues(client, { discount: 10 }, 'ru')['discount']).toBe('10\u00a0%');
    expect(clientMergeValues(client, { discount: 10 }, 'en')['discount']).toBe('10%');
  });
});
