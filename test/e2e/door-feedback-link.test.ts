// The feedback mail's link fills in the order reference, signed with the recipient's address, and that
// address: answered as mailed, the feedback is the client's even when the order has since left the sheet;
// the same link with another client's address (or a typed reference with one) claims nobody's feedback.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, sendCampaignFor, type MailStudio } from '../support/mail-studio';

const SECRET = 'secret-of-this-install'; // the one mailStudio seeds
const EMAIL_TITLE = 'Your email (the one you ordered with)';
const ORDER_TITLE = 'Order reference';

const order = (id: string, clientId = 'C-0007') => ({
  id,
  clientId,
  date: new Date('2026-11-01T10:00:00Z'),
  completedAt: new Date('2026-11-01T12:00:00Z'),
  amount: 3000,
  status: 'completed',
});

function studio() {
  const studio = mailStudio({
    locale: 'en',
    clients: [
      consentingClient('C-0007', { email: 'vera@example.com', name: 'Vera' }),
      consentingClient('C-0008', { email: 'anna@example.com', name: 'Anna' }),
    ],
    // Anna has an order too, so the campaign has a feedback link for every recipient.
    orders: [order('O-0042'), order('O-0050', 'C-0008')],
    templates: [
      {
        name: 'ask',
        subject: 'How was it?',
        htmlBody: '<p><a href="{{feedback_link}}">Tell us</a></p><p><a href="{{unsubscribe_link}}">Unsubscribe</a></p>',
        textBody: '',
      },
    ],
  });
  studio.app.run('createForms', [], { kind: 'menu' });
  sendCampaignFor(studio, { name: 'Ask', template: 'ask' });
  const mail = studio.emu.mail.outbox.find((sent) => sent.to[0] === 'vera@example.com');
  const link = (/href="([^"]+)"/.exec(mail?.htmlBody ?? '')?.[1] ?? '').replace(/&amp;/g, '&');
  const answer = (url: string, extra: Record<string, string> = {}) =>
    studio.emu.forms.submitPrefilled(url, { Rating: '5', ...extra });
  const feedbackRows = () => studio.rows('feedback').map((row) => [row.clientId, row.orderId]);
  const problemValues = () => studio.rows('problems').map((row) => row.value);
  return { ...studio, link, answer, feedbackRows, problemValues };
}

/** The studio renames O-0042 on the Orders sheet after the mail went out: the reference is no order now. */
function renameOrder(emu: MailStudio['emu']): void {
  const rows = emu.spreadsheet.values('Orders');
  const row = rows.findIndex((cells) => cells[0] === 'O-0042');
  expect(rows[0]?.[0], 'the id is the first column').toBe('Order ID');
  emu.spreadsheet.edit('Orders', `A${row + 1}`, 'O-0043');
}

/** The prefilled answers of a link, by entry. */
const prefilled = (link: string) => [...new URL(link).searchParams].filter(([key]) => key.startsWith('entry.'));

describe('the feedback link', () => {
  it('fills in the order reference, signed with the recipient’s address, and that address', () => {
    const { link } = studio();
    // HMAC-SHA256 of "feedback:<order lower-case>|<address lower-case>" with the install's secret, web-safe
    // base64 without padding, its first 16 characters: worked out here with Node's own HMAC.
    const signature = createHmac('sha256', SECRET)
      .update('feedback:o-0042|vera@example.com')
      .digest('base64url')
      .slice(0, 16);
    expect(prefilled(link).map(([, value]) => value)).toEqual([`O-0042~${signature}`, 'vera@example.com']);
  });

  it('answered as mailed: the client’s feedback on the order, the reference stored without its signature', () => {
    const { link, answer, feedbackRows, problemValues } = studio();
    answer(link);
    expect(feedbackRows()).toEqual([['C-0007', 'O-0042']]);
    expect(problemValues()).toEqual([]);
  });

  it('finds the client by the signed address when the order has been renamed on the Orders sheet since the mail', () => {
    const s = studio();
    renameOrder(s.emu);
    s.answer(s.link);
    expect(s.feedbackRows()).toEqual([['C-0007', 'O-0042']]);
    expect(s.problemValues()).toEqual([]);
  });

  it('lets no changed or typed address claim the feedback of an unknown order for another client', () => {
    const s = studio();
    renameOrder(s.emu);
    // The mailed link with Anna's address put in: the signature was Vera's; nobody's feedback, on Problems.
    s.answer(s.link, { [EMAIL_TITLE]: 'anna@example.com' });
    // A reference typed by hand (no signature) with Anna's address: the same.
    s.answer(s.link, { [ORDER_TITLE]: 'O-0042', [EMAIL_TITLE]: 'anna@example.com' });
    expect(s.feedbackRows()).toEqual([
      ['', 'O-0042'],
      ['', 'O-0042'],
    ]);
    expect(s.problemValues()).toEqual(['O-0042', 'O-0042']);
  });
});
