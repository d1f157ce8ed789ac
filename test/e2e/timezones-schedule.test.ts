// A scheduled campaign goes at the time staff typed on the studio's clock (the spreadsheet's zone), whatever
// zone the script (Moscow) or the machine (Node in UTC) is in. The sidebar sends the datetime-local text as typed.
//
//   sheet in Asia/Novosibirsk (UTC+7 all year, no DST), now 2026-11-24T09:00Z (16:00 there)
//   typed "2026-11-25T10:00"  →  10:00 − 7 h = 2026-11-25T03:00Z
//   read on Moscow's clock (+3) it would be 07:00Z; on Node's (UTC) 10:00Z: both hours too late.
import { describe, expect, it } from 'vitest';
import { campaignStatus, consentingClients, createCampaignFor, mailStudio } from '../support/mail-studio';

const ZONE = 'Asia/Novosibirsk';
const at = (iso: string) => Date.parse(iso);

describe('scheduling on the studio’s clock: a sheet in Novosibirsk, the script in Moscow, Node in UTC', () => {
  it('sends a campaign scheduled for 10:00 at 10:00 Novosibirsk (03:00Z), and names that time and zone', () => {
    const studio = mailStudio({ spreadsheetTimeZone: ZONE, clients: consentingClients(4) });
    const { emu, call } = studio;
    // The boot data the menu's Open sidebar embeds in the page (its first load makes no call).
    studio.app.run('openSidebar', [], { kind: 'menu' });
    const html = emu.spreadsheet.ui.sidebars().at(-1)?.content ?? '';
    const boot = JSON.parse(/window\.STUDIO_CRM_BOOT = (.*?);<\/script>/s.exec(html)?.[1] ?? '{}') as {
      timeZone?: string;
    };
    expect(boot.timeZone).toBe(ZONE);
    const id = createCampaignFor(studio, { name: 'Morning' });
    const view = call<{ status: string; scheduledAt: string; scheduledText: string }>(
      'scheduleCampaign',
      id,
      '2026-11-25T10:00',
    );
    expect(view.status).toBe('scheduled');
    expect(view.scheduledAt).toBe('2026-11-25T03:00:00.000Z');
    // ru: dd.MM.yyyy HH:mm on the sheet's clock, the zone named.
    expect(view.scheduledText).toBe('25.11.2026 10:00 (Asia/Novosibirsk)');

    emu.advance(at('2026-11-25T02:59:00Z') - emu.clock.now());
    expect(emu.mail.outbox).toEqual([]);
    expect(campaignStatus(studio, id)).toBe('scheduled');

    emu.advance(at('2026-11-25T03:15:00Z') - emu.clock.now());
    const times = emu.mail.outbox.map((mail) => mail.at);
    expect(times).toHaveLength(4);
    // Its own trigger at 03:00Z starts it: well before Moscow's 07:00Z reading.
    expect(Math.min(...times)).toBeGreaterThanOrEqual(at('2026-11-25T03:00:00Z'));
    expect(Math.max(...times)).toBeLessThan(at('2026-11-25T03:15:00Z'));
    expect(campaignStatus(studio, id)).toBe('done');
    expect(emu.triggerRuns.filter((run) => run.error)).toEqual([]);
  });

  it('a time typed at create is read on the sheet’s clock too; an instant with its offset stays that instant', () => {
    const studio = mailStudio({ spreadsheetTimeZone: ZONE, clients: consentingClients(1) });
    const { call } = studio;
    const view = call<{ scheduledAt: string }>('createCampaign', {
      name: 'Typed',
      segmentId: 'all',
      template: 'promo',
      senderName: 'Studio',
      replyTo: '',
      scheduledAt: '2026-12-01T09:30',
      cost: 0,
    });
    // 09:30 − 7 h = 02:30Z.
    expect(view.scheduledAt).toBe('2026-12-01T02:30:00.000Z');
    const id = createCampaignFor(studio, { name: 'Offset' });
    // 12:00 at +03:00 is 09:00Z, 16:00 in Novosibirsk.
    const offset = call<{ scheduledAt: string; scheduledText: string }>(
      'scheduleCampaign',
      id,
      '2026-11-26T12:00+03:00',
    );
    expect(offset.scheduledAt).toBe('2026-11-26T09:00:00.000Z');
    expect(offset.scheduledText).toBe('26.11.2026 16:00 (Asia/Novosibirsk)');
  });

  it('refuses at the door a day or a clock time that does not exist, instead of rolling it over', () => {
    const studio = mailStudio({ spreadsheetTimeZone: ZONE, clients: consentingClients(1) });
    const id = createCampaignFor(studio, { name: 'Nowhen' });
    const refusal = (when: string) => {
      try {
        studio.call('scheduleCampaign', id, when);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${when} was accepted`);
    };
    // 2027 is no leap year; 24:00 and :60 roll into the next day or hour in Date's arithmetic.
    for (const when of ['2027-02-29T10:00', '2026-11-25T24:00', '2026-11-25T10:60', '2026-11-25'])
      expect(refusal(when)).toMatch(/^Время отправки: ожидается настоящая дата/);
    expect(campaignStatus(studio, id)).toBe('draft');
  });
});
