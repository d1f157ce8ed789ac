// The door's sentences for the garbage issue #13 found accepted or crashing: each refused with the
// field named, in the staff's language, and nothing stored; what the sidebar really sends still passes.
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_FORM } from '../support/mail-studio';
import { writeFixture } from '../support/sheet-fixtures';
import { freshStudio } from '../support/studio';
import type { Locale } from '../../src/domain/types';

function studio(locale: Locale) {
  const { emu, app } = freshStudio(locale);
  app.run('setupDatabase', [], { kind: 'menu' });
  writeFixture(emu, 'clients', [{ id: 'C-0001', name: 'Anna', email: 'anna@example.com' }], locale);
  const refusal = (fn: string, ...args: unknown[]) => {
    try {
      app.callFromClient(fn, ...args);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${fn} was accepted`);
  };
  return { emu, app, refusal };
}

const campaign = { name: 'Autumn', ...CAMPAIGN_FORM };

describe('meaning checks at the door', () => {
  it('refuses points given as [5] or true, impossible days, bad reply-to, negative or textual costs (ru)', () => {
    const { refusal } = studio('ru');
    const adjust = (points: unknown) => ({ clientId: 'C-0001', points, reason: 'r', pressId: 'q1' });
    expect(refusal('adjustPoints', adjust([5]))).toMatch(/^Баллы: ожидается число; получено список\./);
    expect(refusal('adjustPoints', adjust(true))).toMatch(/^Баллы: ожидается число; получено «true»/);
    expect(refusal('adjustPoints', adjust(2.5))).toMatch(/^Баллы: ожидается целое число/);
    expect(refusal('scheduleCampaign', 'K-0001', '2027-02-30T10:00:00.000Z')).toMatch(
      /^Время отправки: ожидается настоящая дата/,
    );
    // The same wall-clock check as scheduleCampaign: no hour 25, no minute 99, no 30 February.
    for (const scheduledAt of ['2026-12-05T25:99', '2026-12-05T10:60', '2027-02-30T10:00', '2026-12-05'])
      expect(refusal('createCampaign', { ...campaign, scheduledAt }), scheduledAt).toMatch(
        /^Время отправки: ожидается настоящая дата/,
      );
    expect(refusal('createCampaign', { ...campaign, replyTo: 'not an email' })).toMatch(
      /^Адрес для ответа: ожидается адрес электронной почты/,
    );
    expect(refusal('createCampaign', { ...campaign, cost: -5 })).toMatch(/^Стоимость: ожидается число не меньше 0/);
    expect(refusal('createCampaign', { ...campaign, cost: 'abc' })).toMatch(
      /^Стоимость: ожидается число; получено «abc»/,
    );
    expect(refusal('issueDiscountCodes', 'K-0001', 'C-0001', 10)).toMatch(/^Список клиентов: ожидается список/);
    expect(refusal('issueDiscountCodes', 'K-0001', ['C-0001'], 150)).toMatch(
      /^Скидка, %: ожидается число не больше 100/,
    );
    expect(refusal('logRequest', { clientId: 'C-0001', channel: 'email', summary: {} })).toMatch(
      /^Суть обращения: ожидается текст; получено набор полей\./,
    );
  });

  it('issues no discount code for a client that does not exist, nor one per character of an id', () => {
    const { emu, refusal } = studio('ru');
    const before = JSON.stringify(emu.spreadsheet.values('Промокоды'));
    expect(refusal('issueDiscountCodes', 'K-0001', ['C-0001', 'C-9999'], 10)).toBe(
      'Клиента с ID «C-9999» нет на листе клиентов; ничего не изменено.',
    );
    expect(refusal('issueDiscountCodes', 'K-0001', 'C-0001', 10)).toMatch(/^Список клиентов: ожидается список/);
    expect(JSON.stringify(emu.spreadsheet.values('Промокоды'))).toBe(before);
  });

  it('refuses codes for a campaign that does not exist, a code used on an order that does not exist, points for nobody', () => {
    const { emu, app, refusal } = studio('en');
    writeFixture(emu, 'campaigns', [{ id: 'K-0001', name: 'Autumn', segmentId: 'all', template: 'promo' }], 'en');
    writeFixture(
      emu,
      'orders',
      [
        { id: 'O-0001', clientId: 'C-0001', date: new Date('2026-11-20T10:00:00Z'), amount: 900, status: 'completed' },
        { id: 'O-0002', clientId: 'C-0002', date: new Date('2026-11-21T10:00:00Z'), amount: 400, status: 'completed' },
      ],
      'en',
    );
    const before = () => JSON.stringify([emu.spreadsheet.values('Discount codes'), emu.spreadsheet.values('Loyalty')]);
    const untouched = before();
    expect(refusal('issueDiscountCodes', 'K-0404', ['C-0001'], 10)).toBe(
      'There is no campaign K-0404 in the Campaigns sheet.',
    );
    expect(refusal('adjustPoints', { clientId: 'C-0404', points: 50, reason: 'gift', pressId: 'q-1' })).toBe(
      'There is no client “C-0404” in the Clients sheet.',
    );
    expect(before()).toBe(untouched);
    const [issued] = app.callFromClient('issueDiscountCodes', 'K-0001', ['C-0001'], 10) as { code: string }[];
    const issuedOnly = before();
    expect(refusal('markDiscountCodeUsed', issued!.code, 'C-0001', 'O-9999')).toBe(
      'There is no order “O-9999” in the Orders sheet.',
    );
    // O-0002 is another client's order: the code cannot pay for it.
    expect(refusal('markDiscountCodeUsed', issued!.code, 'C-0001', 'O-0002')).toBe(
      'Order O-0002 belongs to another client, not C-0001.',
    );
    expect(before()).toBe(issuedOnly);
    // The client's own order, typed in lower case, is marked under the id the sheet keeps.
    expect(app.callFromClient('markDiscountCodeUsed', issued!.code, 'C-0001', 'o-0001')).toMatchObject({
      orderId: 'O-0001',
    });
  });

  it('names the request a call is about apart from the press that made it', () => {
    const { refusal } = studio('en');
    expect(refusal('markRequestAnswered', 42)).toBe('Request: expected text; received “42”. Nothing was changed.');
    expect(refusal('replyOnTelegram', null, 'Hi', 'press-1')).toBe(
      'Request: expected a value; received nothing. Nothing was changed.',
    );
    expect(refusal('replyOnTelegram', 'R-0001', 'Hi', ['press-1'])).toBe(
      'Button press number: expected text; received a list. Nothing was changed.',
    );
    expect(refusal('adjustPoints', { clientId: 'C-0001', points: 5, reason: 'gift' })).toBe(
      'Button press number: expected a value; received nothing. Nothing was changed.',
    );
  });

  it('refuses a setting saved with no value instead of resetting it, naming the setting in staff words (en)', () => {
    const { emu, app, refusal } = studio('en');
    app.callFromClient('saveSetting', 'core.studioName', 'Cat & Co');
    const before = JSON.stringify(emu.spreadsheet.values('Settings'));
    expect(refusal('saveSetting', 'core.studioName', null)).toMatch(
      /^The value of setting “Studio name”: expected a value; received nothing\./,
    );
    expect(refusal('saveSetting', 'core.studioName')).toMatch(/expected a value; received nothing/);
    expect(JSON.stringify(emu.spreadsheet.values('Settings'))).toBe(before);
  });

  it('accepts the ISO times the sidebar makes, milliseconds included', () => {
    const { emu, app } = studio('en');
    const receivedAt = new Date('2026-11-20T08:30:00.123Z').toISOString();
    app.callFromClient('logRequest', { clientId: 'C-0001', channel: 'email', summary: 'Hello', receivedAt });
    const rows = emu.spreadsheet.values('Requests');
    expect(rows).toHaveLength(2);
  });

  it('checks the other pages’ calls by their schemas too: unsubscribe, Telegram broadcast, installation report', () => {
    const { refusal } = studio('ru');
    expect(refusal('confirmUnsubscribe', {}, 'ru')).toMatch(
      /^Ссылка для отписки: ожидается текст; получено набор полей\./,
    );
    expect(refusal('sendTelegramBroadcast', { ru: 'x'.repeat(5000), en: '' })).toMatch(
      /^Текст на русском: ожидается текст не длиннее 4096/,
    );
    expect(refusal('sendTelegramBroadcast', { ru: 'Привет' })).toMatch(/^Текст на английском: ожидается значение/);
    expect(refusal('getTelegramBroadcast', ['TB-1'])).toMatch(/^ID: ожидается текст; получено список\./);
    expect(refusal('getInstallationReport', 'now')).toMatch(/Ничего не изменено\.$/);
  });

  it('keeps the functions only triggers and menus run away from the page', () => {
    const { app, refusal } = studio('ru');
    for (const fn of ['runNightly', 'runHourly', 'onFormResponse', 'continueCampaigns', 'refreshAnalysis'])
      expect(refusal(fn, { authMode: 'FULL', triggerUid: '1' })).toMatch(/запускает само приложение/);
    // The menu and the installed triggers still run them.
    expect(() => app.run('refreshAnalysis', [], { kind: 'menu' })).not.toThrow();
  });
});
