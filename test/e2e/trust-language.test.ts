// Each client in their language, on dist/Code.js: a Templates row `promo` (the studio's Russian) and
// its variant `promo (en)`; each client gets their own, a client whose language has no variant gets
// the studio's and the preview counts them; what the add-on writes into the mail (a date) follows the
// recipient's language too.
import { describe, expect, it } from 'vitest';
import { consentingClient, createCampaignFor, mailStudio } from '../support/mail-studio';
import type { CampaignConfirmation, CampaignPreview } from '../../src/contract/sidebar-api';

const RU = {
  name: 'promo',
  subject: 'Новинки для {{first_name}}',
  htmlBody: '<p>Привет, {{first_name}}! Ваш день рождения: {{birthday}}</p>',
  textBody: '',
};
const EN = {
  name: 'promo (en)',
  subject: 'New for {{first_name}}',
  htmlBody: '<p>Hi {{first_name}}! Your birthday: {{birthday}}</p>',
  textBody: '',
};
const RU_ONLY = { name: 'news', subject: 'Новости', htmlBody: '<p>Только по-русски</p>', textBody: '' };

function mixedStudio() {
  const birthday = new Date(1995, 10, 27, 12);
  return mailStudio({
    clients: [
      consentingClient('C-0001', { name: 'Анна Котова', locale: 'ru', birthday }),
      consentingClient('C-0002', { name: 'John Smith', locale: 'en', birthday }),
      consentingClient('C-0003', { name: 'Mary Jones', locale: 'en', birthday }),
      consentingClient('C-0004', { name: 'Олег Петров', locale: '', birthday }),
    ],
    templates: [RU, EN, RU_ONLY],
  });
}

describe('each client in their language', () => {
  it('a mixed segment gets each client their own variant, dates written their way', () => {
    const studio = mixedStudio();
    const id = createCampaignFor(studio, { name: 'Микс', template: 'promo' });
    const preview = studio.call<CampaignPreview>('previewCampaign', id, 'C-0002');
    expect(preview.subject).toBe('New for John');
    expect(preview.notes).toEqual([]);
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    studio.call('sendCampaign', id, confirmation.count);
    const bySubject = Object.fromEntries(studio.emu.mail.outbox.map((mail) => [mail.to[0], mail]));
    expect(bySubject['c-0001@example.com']?.subject).toBe('Новинки для Анна');
    expect(bySubject['c-0001@example.com']?.htmlBody).toContain('Ваш день рождения: 27.11.1995');
    expect(bySubject['c-0002@example.com']?.subject).toBe('New for John');
    expect(bySubject['c-0002@example.com']?.htmlBody).toContain('Your birthday: 1995-11-27');
    expect(bySubject['c-0003@example.com']?.subject).toBe('New for Mary');
    // No language stored: the studio's.
    expect(bySubject['c-0004@example.com']?.subject).toBe('Новинки для Олег');
  });

  it('a template with no English variant: the English clients get the studio language, counted at preview', () => {
    const studio = mixedStudio();
    const id = createCampaignFor(studio, { name: 'Новости', template: 'news' });
    const note = 'Клиентов без варианта шаблона на их языке: 2 — они получат письмо на языке студии (русский).';
    expect(studio.call<CampaignPreview>('previewCampaign', id, null).notes).toEqual([note]);
    expect(studio.call<CampaignConfirmation>('confirmCampaign', id).sentence).toContain(note);
  });

  it('a broken English variant blocks the send too, though the Russian one is whole', () => {
    const studio = mailStudio({
      clients: [consentingClient('C-0001'), consentingClient('C-0002', { locale: 'en' })],
      templates: [RU, { ...EN, subject: 'New for {{frist_name}}' }],
    });
    const id = createCampaignFor(studio, { name: 'Микс', template: 'promo' });
    expect(() => studio.call('sendCampaign', id, 2)).toThrow('frist_name → first_name?');
    expect(studio.emu.mail.outbox).toEqual([]);
  });
});
