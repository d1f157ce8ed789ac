// The send protocol's newer decisions: when a failure counts against a recipient, withdrawn drafts, mail size.
import { describe, expect, it } from 'vitest';
import {
  countFailure,
  mailTooLarge,
  reconcile,
  utf8Length,
  type JournalEntry,
} from '../../src/domain/campaigns/sending';

const HOUR = 60 * 60_000;

describe('countFailure', () => {
  it('the first failure counts; another with no mail sent in between and minutes later does not', () => {
    const first = countFailure(undefined, 1000, 7);
    expect(first).toEqual({ record: { attempts: 1, at: 1000, sentBefore: 7 }, giveUp: false });
    const again = countFailure(first.record, 1000 + 5 * 60_000, 7);
    expect(again).toEqual({ record: first.record, giveUp: false });
  });

  it('counts when the mailbox sent mail since, or two hours passed; the third counted failure gives up', () => {
    const first = countFailure(undefined, 0, 0).record;
    const second = countFailure(first, 60_000, 1);
    expect(second).toEqual({ record: { attempts: 2, at: 60_000, sentBefore: 1 }, giveUp: false });
    const third = countFailure(second.record, 60_000 + 2 * HOUR, 1);
    expect(third).toEqual({ record: { attempts: 3, at: 60_000 + 2 * HOUR, sentBefore: 1 }, giveUp: true });
  });

  it('an outage of many runs, minutes apart, never gives up', () => {
    let record = countFailure(undefined, 0, 3).record;
    for (let minute = 1; minute <= 100; minute += 1) {
      const next = countFailure(record, minute * 60_000, 3);
      expect(next.giveUp).toBe(false);
      record = next.record;
    }
    expect(record.attempts).toBe(1);
  });
});

describe('reconcile with withdrawn entries', () => {
  const entry = (clientId: string, draftId: string, withdrawn = false): JournalEntry =>
    withdrawn ? { campaignId: 'K-1', clientId, draftId, withdrawn } : { campaignId: 'K-1', clientId, draftId };

  it('a withdrawn draft that is gone is neither sent nor recorded; one still there is deleted, never retried', () => {
    const gone = entry('C-1', 'd1', true);
    const present = entry('C-2', 'd2', true);
    const result = reconcile([gone, present], new Set(['d2']));
    expect(result.sent).toEqual([]);
    expect(result.toRecord).toEqual([]);
    expect(result.retry).toEqual([]);
    expect(result.discard).toEqual([present]);
  });
});

describe('mail size', () => {
  it('counts UTF-8 bytes: ASCII 1, Cyrillic 2, the euro sign 3, an emoji 4', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('Ж')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
  });

  it('refuses a body over 200 KB and attachments over 25 MB (guide "Quotas for Google Services")', () => {
    expect(mailTooLarge(200 * 1024, 0)).toBeNull();
    expect(mailTooLarge(200 * 1024 + 1, 0)).toEqual({
      key: 'campaigns.send.tooLarge',
      params: { size: 201, limit: 200 },
    });
    expect(mailTooLarge(10, 25 * 1024 * 1024 + 1)?.key).toBe('campaigns.send.attachmentsTooLarge');
  });
});
