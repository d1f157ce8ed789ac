// Each client in their language, on dist/Code.js: a Templates row `promo` (the studio's Russian) and
// its variant `promo (en)`; each client gets their own, a client whose language has no variant gets
// the studio's and the preview counts them; what the add-on writes into the mail (a date) follows the
// recipient's language too.
import { describe, expect, it } from 'vitest';
import { consentingClient, createCampaignFor, mailStudio } from '../support/mail-studio';
import { writeFixture } from '../support/sheet-fixtures';
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

describe("what the add-on writes into a mail follows the mail's language", () => {
  const LOYAL_RU = {
    name: 'loyal',
    subject: 'Баллы',
    htmlBody: '<p>У вас {{points_text}} ({{points}}). Попробуйте {{recommendation}}.</p>',
    textBody: '',
  };
  const LOYAL_EN = {
    name: 'loyal (en)',
    subject: 'Points',
    htmlBody: '<p>You have {{points_text}} ({{points}}). Try {{recommendation}}.</p>',
    textBody: '',
  };
  const order = (id: string, clientId: string, product: string) => ({
    id,
    clientId,
    date: new Date('2026-10-01T12:00:00Z'),
    product,
    quantity: 1,
    amount: 1000,
    status: 'completed',
    completedAt: new Date('2026-10-01T12:00:00Z'),
  });
  function loyalStudio(templates: Record<string, unknown>[]) {
    const studio = mailStudio({
      clients: [
        consentingClient('C-0001', { name: 'Анна Котова', locale: 'ru' }),
        consentingClient('C-0002', { name: 'John Smith', locale: 'en' }),
        // Two who bought more, not mailed (no consent): they make the co-purchase rules.
        consentingClient('C-0005', { consentAt: null }),
        consentingClient('C-0006', { consentAt: null }),
      ],
      orders: [
        order('O-1', 'C-0001', 'значки'),
        order('O-2', 'C-0002', 'значки'),
        order('O-5a', 'C-0005', 'значки'),
        order('O-5b', 'C-0005', 'стикеры'),
        order('O-5c', 'C-0005', 'панели'),
        order('O-6a', 'C-0006', 'значки'),
        order('O-6b', 'C-0006', 'стикеры'),
      ],
      templates,
    });
    const entry = (id: string, clientId: string, points: number) => ({
      id,
      date: new Date('2026-10-01T12:00:00Z'),
      clientId,
      kind: 'adjust',
      points,
      key: `adjust:${id}`,
      reason: 'test',
      by: 'anna@studio.test',
    });
    writeFixture(studio.emu, 'loyalty', [entry('L-1', 'C-0001', 1234), entry('L-2', 'C-0002', 1234)], 'ru');
    return studio;
  }
  function sendAll(studio: ReturnType<typeof loyalStudio>): Record<string, string> {
    const id = createCampaignFor(studio, { name: 'Баллы', template: 'loyal' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    studio.call('sendCampaign', id, confirmation.count);
    return Object.fromEntries(studio.emu.mail.outbox.map((mail) => [mail.to[0], mail.htmlBody ?? '']));
  }

  it("points, their plural and the recommended list in each client's language", () => {
    const bodies = sendAll(loyalStudio([LOYAL_RU, LOYAL_EN]));
    // Of the 4 clients who bought значки, 2 bought стикеры (confidence 2/4) and 1 панели (1/4 ≥ 0.2): that order.
    // 1234: Russian groups thousands with a no-break space and says "балла" (…34 → 2–4); English "1,234 points".
    expect(bodies['c-0001@example.com']).toBe(
      '<p>У вас 1\u00a0234 балла (1\u00a0234). Попробуйте стикеры и панели.</p>',
    );
    expect(bodies['c-0002@example.com']).toBe('<p>You have 1,234 points (1,234). Try стикеры and панели.</p>');
    expect(Object.keys(bodies).sort()).toEqual(['c-0001@example.com', 'c-0002@example.com']);
  });

  it('an English client given the Russian template (no variant) reads Russian words throughout, not "and" inside Russian', () => {
    const bodies = sendAll(loyalStudio([LOYAL_RU]));
    expect(bodies['c-0002@example.com']).toBe(
      '<p>У вас 1\u00a0234 балла (1\u00a0234). Попробуйте стикеры и панели.</p>',
    );
  });
});
