// Client names are data, never markup: merged into a campaign they arrive escaped in the HTML body,
// links keep to safe schemes, the plain-text part is there, and the unsubscribe link carries no address.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio, PROMO_TEMPLATE, sendCampaignFor } from '../support/mail-studio';

const SCRIPT_NAME = '<script>alert(1)</script>';
const LINK_NAME = '"><a href="javascript:alert(1)">x</a>';

describe('merge fields in the outbox', () => {
  it('escape a client named <script> or "><a href="javascript:…"> in the HTML body', () => {
    const studio = mailStudio({
      clients: [consentingClient('C-1', { name: SCRIPT_NAME }), consentingClient('C-2', { name: LINK_NAME })],
      templates: [
        {
          ...PROMO_TEMPLATE,
          subject: 'Для {{name}}',
          htmlBody: '<p>Привет, {{name}}!</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
        },
      ],
    });
    sendCampaignFor(studio, { name: 'Escape' });
    const mails = studio.emu.mail.outbox;
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(['c-1@example.com', 'c-2@example.com']);
    const byTo = (to: string) => mails.find((mail) => mail.to[0] === to)!;
    const first = byTo('c-1@example.com');
    const second = byTo('c-2@example.com');
    expect(first.htmlBody).toContain('Привет, &lt;script&gt;alert(1)&lt;/script&gt;!');
    expect(second.htmlBody).toContain('Привет, &quot;&gt;&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;!');
    for (const mail of [first, second]) {
      expect(mail.htmlBody).not.toMatch(/<script|href="javascript:/i);
      // Every real link is https (the unsubscribe link); the plain-text alternative is present.
      expect(
        [...(mail.htmlBody ?? '').matchAll(/href="([^"]*)"/g)]
          .map((match) => match[1])
          .every((href) => href?.startsWith('https://')),
      ).toBe(true);
      expect(mail.body).toContain('Отписаться (https://');
      // The subject is plain text: the name as typed, no entities.
      expect(mail.subject).not.toContain('&lt;');
      const token = decodeURIComponent(/token=([^&"]+)/.exec(mail.htmlBody ?? '')?.[1] ?? '');
      const payload = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8');
      expect(payload).toMatch(/^u1\|C-\d\|/);
      expect(token + payload).not.toMatch(/example\.com|@/);
    }
    expect(first.subject).toBe(`Для ${SCRIPT_NAME}`);
  });
});
