// "Campaign paused" and "campaign finished" staff alerts on dist/Code.js through the fake Bot API: the campaign
// run notes the change, the next poll alerts it, each once; switchable in Settings.
import { describe, expect, it } from 'vitest';
import { attachFakeTelegram, FAKE_BOT_TOKEN } from '../../local/fake-telegram';
import {
  campaignStatus,
  consentingClients,
  createCampaignFor,
  mailStudio,
  confirmedCount,
} from '../support/mail-studio';

const STAFF_CHAT = 9000;
const HOUR = 3_600_000;

function campaignWithStaffChat(settings: Record<string, string> = {}) {
  // Quota 4, nothing kept for flows: 6 recipients means a pause after 4 and the end a day later.
  const studio = mailStudio({
    quota: 4,
    settings: { 'campaigns.quotaReserveForFlows': '0', ...settings },
    clients: consentingClients(6),
  });
  const bot = attachFakeTelegram(studio.emu, FAKE_BOT_TOKEN, 'studio_test_bot');
  studio.call('connectTelegramBot', FAKE_BOT_TOKEN);
  const link = studio.call<string>('getTelegramStaffLink');
  bot.userWrites({ id: STAFF_CHAT, firstName: 'Studio' }, `/start ${new URL(link).searchParams.get('start')}`);
  const poll = () => studio.app.run('runTelegramPoll', [], { kind: 'trigger' });
  poll();
  const campaignAlerts = () =>
    bot
      .sent(STAFF_CHAT)
      .map((message) => message.text)
      .filter((text) => /Рассылка|Campaign/.test(text));
  return { ...studio, bot, poll, campaignAlerts };
}

describe('campaign alerts', () => {
  it('a pause for the quota and the end are each alerted once, with the counts, in the studio language', () => {
    const studio = campaignWithStaffChat();
    const id = createCampaignFor(studio, { name: 'Ноябрь <скидки>' });
    studio.call('sendCampaign', id, confirmedCount(studio, id));
    expect(campaignStatus(studio, id)).toBe('paused');
    studio.poll();
    studio.poll();
    // Written from the catalog by hand: the name HTML-escaped, 4 of 6 sent.
    expect(studio.campaignAlerts()).toEqual(['Рассылка на паузе: Ноябрь <скидки> (K-0001), отправлено 4 из 6.']);
    expect(studio.bot.sent(STAFF_CHAT).at(-1)?.rawText).toContain('Ноябрь &lt;скидки&gt;');

    // The hourly trigger resumes it once the quota refills, and the 5-minute poll alerts the end by itself.
    studio.emu.advance(25 * HOUR);
    expect(campaignStatus(studio, id)).toBe('done');
    studio.poll();
    expect(studio.campaignAlerts()).toEqual([
      'Рассылка на паузе: Ноябрь <скидки> (K-0001), отправлено 4 из 6.',
      'Рассылка завершена: Ноябрь <скидки> (K-0001), отправлено 6 из 6.',
    ]);
  });

  it('switched off in Settings: no campaign alert', () => {
    const studio = campaignWithStaffChat();
    studio.call('saveSetting', 'telegram.alertCampaign', 'FALSE');
    const id = createCampaignFor(studio, { name: 'Тихая' });
    studio.call('sendCampaign', id, confirmedCount(studio, id));
    studio.emu.advance(25 * HOUR);
    expect(campaignStatus(studio, id)).toBe('done');
    studio.poll();
    expect(studio.campaignAlerts()).toEqual([]);
  });
});
