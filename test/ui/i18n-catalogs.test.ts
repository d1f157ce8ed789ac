// The two catalogs must say the same things: same keys, same {placeholders} in each message.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { ru } from '../../src/i18n/ru';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('message catalogs', () => {
  it('have the same keys in English and Russian', () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const differing = Object.keys(en).filter(
      (key) =>
        placeholders(en[key as keyof typeof en]).join() !== placeholders(ru[key as keyof typeof ru] ?? '').join(),
    );
    expect(differing).toEqual([]);
  });

  it('have no empty message', () => {
    const empty = [...Object.entries(en), ...Object.entries(ru)]
      .filter(([, text]) => String(text).trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('would notice a placeholder missing from one language', () => {
    expect(placeholders('Saved {key}.')).not.toEqual(placeholders('Сохранено.'));
  });
});
