// Delivery-status notices as RFC 3464 lays them out and Gmail delivers them: the failed address and the
// status class decide; a notice about nobody or with only a 2.x.x success says nothing.
import { describe, expect, it } from 'vitest';
import { isDeliveryNotice, parseDeliveryFailure } from '../../src/domain/inbox/dsn';

const dsn = (lines: string[]) => ['From: x', '', 'human text', '', ...lines].join('\r\n');

describe('parseDeliveryFailure', () => {
  it('reads a permanent failure from Final-Recipient and Status 5.1.1', () => {
    expect(
      parseDeliveryFailure({
        from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        subject: 'Delivery Status Notification (Failure)',
        failedRecipients: 'Gone@Example.com',
        raw: dsn([
          'Final-Recipient: rfc822; Gone@Example.com',
          'Action: failed',
          'Status: 5.1.1',
          'Diagnostic-Code: smtp; 550 no such user',
        ]),
      }),
    ).toEqual({ address: 'gone@example.com', kind: 'hard', status: '5.1.1', diagnostic: '550 no such user' });
  });

  it('reads a temporary failure (4.x.x) as soft, with no X-Failed-Recipients header', () => {
    expect(
      parseDeliveryFailure({
        from: 'mailer-daemon@googlemail.com',
        subject: 'Delivery Status Notification (Delay)',
        failedRecipients: '',
        raw: dsn(['Final-Recipient: rfc822;full@example.com', 'Action: delayed', 'Status: 4.2.2']),
      }),
    ).toMatchObject({ address: 'full@example.com', kind: 'soft', status: '4.2.2' });
  });

  it('falls back to X-Failed-Recipients, a failure for good when no status is given', () => {
    expect(
      parseDeliveryFailure({
        from: 'postmaster@mx.test',
        subject: 'Undeliverable',
        failedRecipients: 'a@b.test',
        raw: 'no dsn part',
      }),
    ).toMatchObject({ address: 'a@b.test', kind: 'hard' });
  });

  it('gives nothing for a success report or a notice naming no address', () => {
    expect(
      parseDeliveryFailure({
        from: 'mailer-daemon@x.test',
        subject: 'Delivered',
        failedRecipients: '',
        raw: dsn(['Final-Recipient: rfc822; a@b.test', 'Status: 2.0.0']),
      }),
    ).toBeNull();
    expect(
      parseDeliveryFailure({ from: 'mailer-daemon@x.test', subject: 'x', failedRecipients: '', raw: 'Status: 5.1.1' }),
    ).toBeNull();
  });
});

describe('isDeliveryNotice', () => {
  it('knows mailer-daemon and postmaster, and the usual subjects, but not a client writing about delivery', () => {
    expect(isDeliveryNotice('Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'x')).toBe(true);
    expect(isDeliveryNotice('postmaster@outlook.test', 'x')).toBe(true);
    expect(isDeliveryNotice('system@mx.test', 'Undeliverable: Offer')).toBe(true);
    expect(isDeliveryNotice('anna@client.test', 'When is the delivery of my emotes?')).toBe(false);
  });
});
