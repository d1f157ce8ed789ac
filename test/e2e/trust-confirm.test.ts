// Trust at the moment of sending, on dist/Code.js without the sidebar: the count confirmed is the count
// mailed (quota larger or smaller than the segment), a changed count is refused, a broken template or a
// hole in a recipient's values blocks Send, Schedule and Test send, a test goes as the previewed client,
// and a campaign with nobody to mail, or a finished one, is refused in words.
import { describe, expect, it } from 'vitest';
import {
  consentingClient,
  consentingClients,
  createCampaignFor,
  mailStudio,
  PROMO_TEMPLATE,
  STAFF_EMAIL,
} from '../support/mail-studio';
import { writeFixture } from '../support/sheet-fixtures';
import type {
  CampaignConfirmation,
  CampaignPreview,
  CampaignProgress,
  CampaignView,
} from '../../src/contract/sidebar-api';

const HOUR = 3_600_000;

/** Eight to mail, plus two who may not be mailed (no consent, unsubscribed). */
function mixedStudio(quota = 100) {
  const clients = [
    ...consentingClients(8),
    consentingClient('C-0101', { consentAt: null }),
    consentingClient('C-0102', { unsubscribedAt: new Date('2026-06-01T10:00:00Z') }),
  ];
  return { studio: mailStudio({ quota, clients, settings: { 'campaigns.quotaReserveForFlows': '2' } }), clients };
}

describe('the number confirmed is the number sent', () => {
  it('confirms 8 of 10 with both exclusions named, and 8 mails reach the outbox', () => {
    const { studio } = mixedStudio();
    const id = createCampaignFor(studio, { name: 'Ноябрь' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    // By hand: 10 clients, one without consent, one unsubscribed.
    expect(confirmation.count).toBe(8);
    expect(confirmation.today).toBe(8);
    expect(confirmation.skippedByReason).toEqual({ noConsent: 1, unsubscribed: 1 });
    expect(confirmation.sentence).toContain('Писем к отправке: 8.');
    expect(confirmation.sentence).toContain('Нет согласия на рассылку: 1');
    expect(confirmation.sentence).toContain('Клиент отписался: 1');
    expect(confirmation.sentence).not.toContain('Сегодня уйдёт');
    expect(confirmation.problems).toEqual([]);
    const progress = studio.call<CampaignProgress>('sendCampaign', id, confirmation.count);
    expect(progress).toMatchObject({ status: 'done', sent: 8 });
    expect(studio.mailedTo()).toHaveLength(confirmation.count);
  });

  it('with a quota smaller than the segment says how many go today, and the rest follow', () => {
    // Quota 7, 2 kept for the flows: 5 today, 3 after the quota refills.
    const { studio } = mixedStudio(7);
    const id = createCampaignFor(studio, { name: 'Ноябрь' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    expect(confirmation).toMatchObject({ count: 8, today: 5 });
    expect(confirmation.sentence).toContain('Сегодня уйдёт 5');
    expect(confirmation.sentence).toContain('остальные 3');
    studio.call<CampaignProgress>('sendCampaign', id, confirmation.count);
    expect(studio.mailedTo()).toHaveLength(confirmation.today);
    studio.emu.advance(25 * HOUR);
    expect(studio.mailedTo()).toHaveLength(confirmation.count);
  });

  it('refuses when the count changed since the confirmation, and sends nothing', () => {
    const { studio, clients } = mixedStudio();
    const id = createCampaignFor(studio, { name: 'Ноябрь' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    expect(confirmation.count).toBe(8);
    // A client joins between the confirmation and the press.
    writeFixture(studio.emu, 'clients', [...clients, consentingClient('C-0009')], 'ru');
    expect(() => studio.call('sendCampaign', id, confirmation.count)).toThrow(
      'С момента подтверждения число писем изменилось: было 8, сейчас 9.',
    );
    expect(studio.mailedTo()).toEqual([]);
    expect(studio.sendsOf(id)).toEqual([]);
    // Confirmed again, the press goes through with the new count.
    const again = studio.call<CampaignConfirmation>('confirmCampaign', id);
    studio.call('sendCampaign', id, again.count);
    expect(studio.mailedTo()).toHaveLength(9);
  });

  it('refuses a campaign nobody can get, and a finished one, in the staff language', () => {
    const studio = mailStudio({ clients: [consentingClient('C-0101', { consentAt: null })] });
    const id = createCampaignFor(studio, { name: 'Пусто' });
    expect(studio.call<CampaignConfirmation>('confirmCampaign', id).count).toBe(0);
    expect(() => studio.call('sendCampaign', id, 0)).toThrow('отправлять некому');
    expect(studio.emu.mail.outbox).toEqual([]);

    const done = mailStudio({ locale: 'en', clients: consentingClients(2) });
    const finished = createCampaignFor(done, { name: 'Once' });
    done.call('sendCampaign', finished, 2);
    expect(done.mailedTo()).toHaveLength(2);
    expect(() => done.call('sendCampaign', finished, 0)).toThrow('This campaign is finished');
    expect(() => done.call('scheduleCampaign', finished, '2026-12-01T10:00:00Z')).toThrow('This campaign is finished');
    expect(done.mailedTo()).toHaveLength(2);
  });
});

const MISSPELT = {
  name: 'typo',
  subject: 'Привет, {{frist_name}}',
  htmlBody: '<p>У вас {{poinst}} баллов</p>',
  textBody: '',
};

describe('nothing broken is sent', () => {
  it('a misspelt field blocks Send, Schedule and Test send, naming it with the nearest real field', () => {
    const studio = mailStudio({ clients: consentingClients(3), templates: [MISSPELT] });
    const id = createCampaignFor(studio, { name: 'Опечатка', template: 'typo' });
    const confirmation = studio.call<CampaignConfirmation>('confirmCampaign', id);
    expect(confirmation.problems).toEqual([
      'Неизвестное поле шаблона: frist_name → first_name?',
      'Неизвестное поле шаблона: poinst → points?',
    ]);
    for (const press of [
      () => studio.call('sendCampaign', id, confirmation.count),
      () => studio.call('scheduleCampaign', id, '2026-11-25T10:00:00Z'),
      () => studio.call('testSendCampaign', id),
    ])
      expect(press).toThrow('frist_name → first_name?');
    expect(studio.emu.mail.outbox).toEqual([]);
    expect(studio.sendsOf(id)).toEqual([]);
  });

  it('a recipient with no value and no fallback blocks the send, named; a fallback lets it go', () => {
    const clients = [consentingClient('C-0001', { city: 'Казань' }), consentingClient('C-0002')];
    const noCity = { name: 'city', subject: 'Новости', htmlBody: '<p>Город: {{city}}</p>', textBody: '' };
    const studio = mailStudio({ locale: 'en', clients, templates: [noCity, PROMO_TEMPLATE] });
    const id = createCampaignFor(studio, { name: 'City', template: 'city' });
    expect(() => studio.call('sendCampaign', id, 2)).toThrow(/Клиент C-0002 \(C-0002\).*city/);
    expect(() => studio.call('testSendCampaign', id)).toThrow('C-0002');
    expect(studio.emu.mail.outbox).toEqual([]);
    // The promo template has {{city|неизвестен}}: the same clients are mailed whole.
    const promo = createCampaignFor(studio, { name: 'Promo' });
    studio.call('sendCampaign', promo, 2);
    const bodies = studio.emu.mail.outbox.map((mail) => mail.htmlBody ?? '');
    expect(bodies.some((body) => body.includes('Город: неизвестен'))).toBe(true);
    expect(bodies.some((body) => body.includes('Город: Казань'))).toBe(true);
  });
});

describe('nothing half-filled is sent, even when the data changes after the check', () => {
  it('a scheduled campaign skips, with that reason, a recipient whose value went missing meanwhile', () => {
    const withCity = [consentingClient('C-0001', { city: 'Казань' }), consentingClient('C-0002', { city: 'Омск' })];
    const noCity = { name: 'city', subject: 'Новости', htmlBody: '<p>Город: {{city}}</p>', textBody: '' };
    const studio = mailStudio({ clients: withCity, templates: [noCity] });
    const id = createCampaignFor(studio, { name: 'Город', template: 'city' });
    studio.call('scheduleCampaign', id, '2026-11-24T11:00:00Z');
    // Staff clear C-0002's city after scheduling: the check at schedule time passed.
    writeFixture(studio.emu, 'clients', [withCity[0] as Record<string, unknown>, consentingClient('C-0002')], 'ru');
    studio.emu.advance(3 * HOUR);
    expect(studio.mailedTo()).toEqual(['c-0001@example.com']);
    const rows = Object.fromEntries(studio.sendsOf(id).map((row) => [String(row.clientId), [row.status, row.reason]]));
    expect(rows['C-0002']).toEqual(['Пропущено', 'Пустое поле в письме']);
  });
});

describe('states that fit', () => {
  it('a scheduled campaign tells its time on the studio clock, and a refusal names statuses in words', () => {
    const studio = mailStudio({ clients: consentingClients(2) });
    const id = createCampaignFor(studio, { name: 'Завтра' });
    const view = studio.call<CampaignView>('scheduleCampaign', id, '2026-11-25T10:00:00Z');
    // The studio's spreadsheet is on Moscow time (UTC+3): 10:00 UTC is 13:00 there.
    expect(view).toMatchObject({ status: 'scheduled', scheduledText: '25.11.2026 13:00 (Europe/Moscow)' });
    expect(studio.call<CampaignView[]>('listCampaigns')[0]?.scheduledText).toBe('25.11.2026 13:00 (Europe/Moscow)');
    expect(() => studio.call('scheduleCampaign', id, '2026-11-26T10:00:00Z')).toThrow(
      'Кампанию в статусе «Запланирована» нельзя перевести в «Запланирована».',
    );
  });
});

describe('test send as the previewed recipient', () => {
  it('goes to the staff member, marked as a test, with the previewed client in it; a skipped client is never shown', () => {
    const clients = [
      consentingClient('C-0001', { name: 'Анна Котова' }),
      consentingClient('C-0002', { name: 'Борис Лисин' }),
      consentingClient('C-0003', { name: 'Вера Зайцева', consentAt: null }),
    ];
    const studio = mailStudio({ clients });
    const id = createCampaignFor(studio, { name: 'Тест' });
    const preview = studio.call<CampaignPreview>('previewCampaign', id, 'C-0002');
    expect(preview.clientId).toBe('C-0002');
    expect(preview.subject).toBe('Новые эмоуты для Борис');
    expect(studio.call<string>('testSendCampaign', id, 'C-0002')).toContain('C-0002');
    const [test] = studio.emu.mail.outbox;
    expect(test?.to).toEqual([STAFF_EMAIL]);
    expect(test?.subject).toBe(`[Тест] ${preview.subject}`);
    expect(test?.htmlBody).toContain('Привет, Борис!');
    // C-0003 has no consent: asked for, the preview shows someone who will be mailed instead.
    const skipped = studio.call<CampaignPreview>('previewCampaign', id, 'C-0003');
    expect(skipped.clientId).toBe('C-0001');
    expect(skipped.skippedByReason).toEqual({ noConsent: 1 });
  });
});

describe('the confirmed count is required at the door', () => {
  it('a press without the count, or with a broken one, is refused in a sentence, in both languages, and sends nothing', () => {
    const ru = mailStudio({ clients: consentingClients(3) });
    const id = createCampaignFor(ru, { name: 'Без подтверждения' });
    expect(() => ru.call('sendCampaign', id)).toThrow(
      'Подтверждённое число получателей: ожидается значение; получено ничего. Ничего не изменено.',
    );
    expect(() => ru.call('sendCampaign', id, null)).toThrow('Подтверждённое число получателей: ожидается значение');
    expect(() => ru.call('sendCampaign', id, 2.5)).toThrow('Подтверждённое число получателей: ожидается целое число');
    expect(ru.emu.mail.outbox).toEqual([]);
    expect(ru.sendsOf(id)).toEqual([]);

    const en = mailStudio({ locale: 'en', clients: consentingClients(3) });
    const enId = createCampaignFor(en, { name: 'Unconfirmed' });
    expect(() => en.call('sendCampaign', enId)).toThrow(
      'Confirmed number of recipients: expected a value; received nothing. Nothing was changed.',
    );
    expect(en.emu.mail.outbox).toEqual([]);
    // With the confirmed count the same press goes: 3 consenting clients, 3 mails.
    en.call('sendCampaign', enId, 3);
    expect(en.mailedTo()).toHaveLength(3);
  });
});
