// The one response target: Settings `analysis.goalResponseHours`, with the older minutes rows read while it is blank.
import { describe, expect, it } from 'vitest';
import { responseTargetHours, responseTargetMinutes } from '../../src/domain/analysis/response-target';

const rows = (values: Record<string, string | number>) =>
  Object.entries(values).map(([key, value]) => ({ key, value }));

describe('responseTargetHours', () => {
  it('the one row wins over the older ones', () => {
    const entries = rows({ 'analysis.goalResponseHours': '3', 'inbox.responseTargetMinutes': '30' });
    expect(responseTargetHours(entries, 'ru')).toBe(3);
    expect(responseTargetMinutes(entries, 'ru')).toBe(180); // 3 × 60
  });

  it('blank, it reads the inbox minutes, then the Telegram ones; broken or zero rows are passed over', () => {
    expect(
      responseTargetHours(rows({ 'analysis.goalResponseHours': '', 'inbox.responseTargetMinutes': 90 }), 'ru'),
    ).toBe(
      1.5, // 90 / 60
    );
    expect(
      responseTargetMinutes(rows({ 'inbox.responseTargetMinutes': 'x', 'telegram.responseTargetMinutes': '45' }), 'en'),
    ).toBe(45);
    expect(
      responseTargetMinutes(rows({ 'analysis.goalResponseHours': '0', 'telegram.responseTargetMinutes': '45' }), 'en'),
    ).toBe(45);
  });

  it('a Russian decimal comma reads in a Russian sheet; nothing set gives the 2-hour default', () => {
    expect(responseTargetMinutes(rows({ 'analysis.goalResponseHours': '0,25' }), 'ru')).toBe(15); // 0.25 × 60
    expect(responseTargetHours([], 'ru')).toBe(2);
    expect(responseTargetMinutes([], 'en')).toBe(120);
  });
});
