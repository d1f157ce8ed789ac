// A Gmail draft as the template (`draft:<subject>`): every mail keeps the draft's HTML with the merge
// fields filled, its inline images and attachments; the template draft stays in Drafts, unsent.
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClients,
  createCampaignFor,
  mailStudio,
  confirmedCount,
} from '../support/mail-studio';

const SUBJECT = 'Зимняя коллекция для {{first_name|друг}}';
const HTML =
  '<p>Привет, {{first_name|друг}}!</p><img src="cid:logo" alt="logo.png"><p>Город: {{city|где-то}}</p>' +
  '<p><a href="{{unsubscribe_link}}">Отписаться</a></p>';

describe('a Gmail draft as the template', () => {
  it('each mail has the filled HTML, the inline image and the attachment; the template draft is kept', () => {
    const clients = consentingClients(4).map((client, i) =>
      i === 0 ? { ...client, name: 'Иванов Пётр', city: 'Казань & Ко' } : client,
    );
    const studio = mailStudio({ clients, setup: false });
    const { emu, call } = studio;
    const draftId = emu.mail.addDraft({
      subject: SUBJECT,
      htmlBody: HTML,
      body: 'Привет, {{first_name|друг}}!',
      attachments: [{ name: 'price-list.pdf', contentType: 'application/pdf', base64: 'JVBERi0xLjQK' }],
      inlineImages: { logo: { name: 'logo.png', contentType: 'image/png', base64: 'iVBORw0KGgo=' } },
    });
    const id = createCampaignFor(studio, { name: 'Зима', template: `draft:${SUBJECT}` });
    call('sendCampaign', id, confirmedCount({ call }, id));
    expect(campaignStatus(studio, id)).toBe('done');

    const mails = emu.mail.outbox;
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual(clients.map((client) => String(client.email)).sort());
    for (const mail of mails) {
      expect(mail.attachments).toEqual(['price-list.pdf']);
      expect(mail.inlineImages).toEqual(['logo']);
      expect(mail.htmlBody).toContain('<img src="cid:logo" alt="logo.png">');
      expect(mail.htmlBody).not.toContain('{{');
      expect(mail.subject).not.toContain('{{');
      expect(mail.body).not.toContain('{{');
    }
    const petr = mails.find((mail) => mail.to.includes('c-0001@example.com'))!;
    expect(petr.subject).toBe('Зимняя коллекция для Пётр');
    expect(petr.htmlBody).toContain('<p>Привет, Пётр!</p>');
    expect(petr.htmlBody).toContain('Город: Казань &amp; Ко'); // values are HTML-escaped
    expect(petr.body).toContain('Привет, Пётр!'); // the plain-text alternative
    expect(/href="([^"]+)"/.exec(petr.htmlBody ?? '')?.[1]).toMatch(/action=unsubscribe/);
    const other = mails.find((mail) => mail.to.includes('c-0002@example.com'))!;
    expect(other.htmlBody).toContain('Город: где-то');

    // The template itself: still in Drafts, untouched, never sent; no per-recipient drafts left.
    expect(emu.mail.drafts()).toEqual([
      expect.objectContaining({
        id: draftId,
        to: '',
        subject: SUBJECT,
        htmlBody: HTML,
        attachments: ['price-list.pdf'],
      }),
    ]);
    expect(mails.some((mail) => mail.subject === SUBJECT)).toBe(false);
  });
});
