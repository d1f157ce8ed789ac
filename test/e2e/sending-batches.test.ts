// Sending in batches, on dist/Code.js: a batch's intents go into the journal in one write, its drafts' entries
// in one more, then each draft is sent. What this must keep: one mail per recipient, no draft left behind, the
// unsubscribe check right before each send, a cancel noticed within five mails, the journal under Google's
// 9 KB per property; and what it is for: journal and Sends writes per batch, not per mail.
import { describe, expect, it } from 'vitest';
import { confirmedCount, consentingClient, mailStudio, STAFF_EMAIL, type MailStudio } from '../support/mail-studio';
import { createCampaignFor } from '../support/mail-studio';

/**
 * `recipients` consenting clients C-0001…, with a client without consent after every fifth: in Clients (and so
 * in the campaign's members) the skipped ones sit between the recipients.
 */
function world(recipients: number, template?: Record<string, unknown>): MailStudio {
  const clients: Record<string, unknown>[] = [];
  for (let i = 1; i <= recipients; i += 1) {
    clients.push(consentingClient(`C-${String(i).padStart(4, '0')}`));
    if (i % 5 === 0) clients.push(consentingClient(`C-${String(900 + i).padStart(4, '0')}`, { consentAt: null }));
  }
  const studio = mailStudio({ quota: 1000, clients, setup: false, ...(template ? { templates: [template] } : {}) });
  createCampaignFor(studio, { name: 'Batches' });
  return studio;
}

const press = (studio: MailStudio) => studio.call('sendCampaign', 'K-0001', confirmedCount(studio, 'K-0001'));
const clientDrafts = (studio: MailStudio) => studio.emu.mail.drafts(STAFF_EMAIL).filter((draft) => draft.to !== '');
const eligible = (n: number) => Array.from({ length: n }, (_, i) => `c-${String(i + 1).padStart(4, '0')}@example.com`);

/** The press's calls of one kind. */
function pressCalls(studio: MailStudio, call: string): number {
  studio.emu.rt.resetCounts();
  press(studio);
  return studio.emu.rt.total(call);
}

describe('sending in batches', () => {
  it('writes the journal per batch and the Sends rows per chunk, not per mail, and mails each once', () => {
    // Batches: the first of 1 mail (nothing timed yet), then up to the chunk of 40 rows: 50 mails are batches
    // 1, 39, 10 (two journal writes each, the third's first one also trimming the 40 rows written), then the
    // closing write: 2 + 2 + 2 + 1 = 7. 10 mails: batches 1, 9: 2 + 2 + 1 = 5. Everything else a press writes
    // (the waiting mark, the sending account, ...) is the same for both: 50 mails cost 2 writes more, not 40.
    const fifty = world(50);
    const ten = world(10);
    const writes50 = pressCalls(fifty, 'Properties.setProperty');
    const writes10 = pressCalls(ten, 'Properties.setProperty');
    expect(writes50 - writes10).toBe(2);
    expect([...fifty.mailedTo()].sort()).toEqual(eligible(50));
    expect(clientDrafts(fifty)).toEqual([]);

    // Sends rows: queued rows first (50), then the 10 skipped ones, so the rows each chunk marks are one block:
    // rows 1-40 and rows 41-50, 2 writes; 10 mails, 1. Without the order, every fifth row would split a block.
    const rows50 = world(50);
    const rows10 = world(10);
    expect(pressCalls(rows50, 'Range.setValues') - pressCalls(rows10, 'Range.setValues')).toBe(1);
    expect(rows50.sendsOf('K-0001').map((row) => row.status)).toEqual([
      ...Array<string>(50).fill('Отправлено'),
      ...Array<string>(10).fill('Пропущено'),
    ]);
  });

  it('a run killed while drafting a batch: the next run deletes its unjournaled drafts, then mails each once', () => {
    const studio = world(50);
    const { emu, app } = studio;
    let drafts = 0;
    emu.rt.onCall = (call) => {
      // The 6th createDraft is the 5th of the second batch (C-0002…C-0040); the kill lands on the next call
      // (its getId): that draft is made, its id never journaled.
      if (call === 'GmailApp.createDraft' && ++drafts === 6) emu.rt.killExecutionsAfter(0);
    };
    expect(() => press(studio)).toThrow(/Exceeded maximum execution time/);
    emu.rt.onCall = null;
    emu.rt.killExecutionsAfter(null);
    // C-0001 went out with batch 1; the drafts of C-0002…C-0006 exist with intents only, never sent.
    expect(studio.mailedTo()).toEqual(['c-0001@example.com']);
    expect(clientDrafts(studio).map((draft) => draft.to)).toEqual(eligible(6).slice(1));
    app.run('continueCampaigns', [], { kind: 'trigger' });
    expect([...studio.mailedTo()].sort()).toEqual(eligible(50));
    expect(clientDrafts(studio)).toEqual([]);
  });

  it('an unsubscribe clicked after the batch was drafted stops that mail; its draft is deleted', () => {
    const studio = world(50);
    let sends = 0;
    studio.emu.rt.onCall = (call) => {
      // The 3rd send of batch 2 (C-0004's): C-0010's draft is made, its send still to come.
      if (call === 'GmailDraft.send' && ++sends === 4)
        studio.app.callFromClient('confirmUnsubscribe', studio.tokenFor('C-0010', 'c-0010@example.com'), 'ru');
    };
    press(studio);
    studio.emu.rt.onCall = null;
    expect([...studio.mailedTo()].sort()).toEqual(eligible(50).filter((email) => email !== 'c-0010@example.com'));
    expect(studio.sendsOf('K-0001').find((row) => row.clientId === 'C-0010')?.status).toBe('Пропущено');
    expect(clientDrafts(studio)).toEqual([]);
  });

  it('a cancel during a batch is noticed within five mails; the batch drafts not sent are deleted at once', () => {
    const studio = world(50);
    let sends = 0;
    studio.emu.rt.onCall = (call) => {
      if (call === 'GmailDraft.send' && ++sends === 4) studio.call('cancelCampaign', 'K-0001');
    };
    press(studio);
    studio.emu.rt.onCall = null;
    // Asked before batch 2 (after 1 mail) and before every 5th mail after: the cancel comes with the 4th, the
    // check before the 6th sees it. 5 mails; the 35 other drafts of batch 2 are deleted by the same run.
    expect(studio.mailedTo()).toEqual(eligible(5));
    expect(clientDrafts(studio)).toEqual([]);
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect(studio.mailedTo()).toHaveLength(5);
  });

  it('long subjects make smaller batches: the journal stays under 9 KB per property and each mail goes once', () => {
    // 230 Cyrillic letters (Gmail takes subjects up to 250 characters): about 470 bytes of UTF-8 per intent,
    // so 40 intents (19 KB) would not fit in one property; the emulator refuses a value over 9 KB as Google does.
    const studio = world(50, {
      name: 'promo',
      subject: `${'Ж'.repeat(230)} {{first_name|друг}}`,
      htmlBody: '<p>Привет!</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
      textBody: '',
    });
    const journalKey = `crm.sendJournal.${STAFF_EMAIL}`;
    let largest = 0;
    studio.emu.rt.onCall = () => {
      largest = Math.max(largest, Buffer.byteLength(studio.emu.properties.script()[journalKey] ?? '', 'utf8'));
    };
    press(studio);
    studio.emu.rt.onCall = null;
    expect([...studio.mailedTo()].sort()).toEqual(eligible(50));
    expect(clientDrafts(studio)).toEqual([]);
    expect(largest).toBeLessThanOrEqual(9 * 1024);
    // More than one intent at a time all the same: 470 bytes each, several fit.
    expect(largest).toBeGreaterThan(3 * 470);
  });
});
