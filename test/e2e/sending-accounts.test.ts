// One sending account: mail is created and sent only in its Gmail. Another staff member's Send queues the
// campaign and says who sends and by when; the sending account's continueCampaigns sends it, once, from its own
// mailbox; continueCampaigns costs one property read when nothing waits. And a template with an unsubscribe link
// cannot start while the web app is not deployed (or only /dev is): one sentence, no mail, nothing aborts.
import { describe, expect, it } from 'vitest';
import {
  campaignStatus,
  consentingClient,
  consentingClients,
  createCampaignFor,
  mailStudio,
  STAFF_EMAIL,
  confirmedCount,
} from '../support/mail-studio';
import type { CampaignProgress } from '../../src/contract/sidebar-api';
import { translate } from '../../src/i18n';

const SECOND = 'boris@studio.test';

function twoAccountStudio(count: number) {
  const studio = mailStudio({ quota: 100, clients: consentingClients(count), setup: false });
  studio.emu.accounts.add(SECOND);
  return studio;
}

const emails = (count: number) => consentingClients(count).map((client) => String(client.email));

describe('the sending account', () => {
  it('the first account to send becomes the sending account', () => {
    const studio = twoAccountStudio(3);
    const id = createCampaignFor(studio, { name: 'First' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    expect(studio.emu.properties.script()['crm.sendingAccount']).toBeUndefined();
    studio.call('sendCampaign', id, confirmed);
    expect(studio.emu.properties.script()['crm.sendingAccount']).toBe(STAFF_EMAIL);
    expect(studio.emu.mail.outbox.map((mail) => mail.account)).toEqual([STAFF_EMAIL, STAFF_EMAIL, STAFF_EMAIL]);
  });

  it('a Send pressed by another staff member is queued for the sending account, says so, and goes out once from its mailbox', () => {
    const studio = twoAccountStudio(5);
    const { emu, app } = studio;
    emu.properties.seed('script', { 'crm.sendingAccount': STAFF_EMAIL });
    const id = createCampaignFor(studio, { name: 'Pressed by Boris' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    const pressedAt = emu.clock.now();
    const answer = app.run('sendCampaign', [id, confirmed], {
      kind: 'client',
      as: SECOND,
    }) as CampaignProgress;
    expect(answer.sent).toBe(0);
    expect(answer.queuedFor?.account).toBe(STAFF_EMAIL);
    // The sending account's 10-minute trigger starts it: at the latest 10 minutes after the press.
    expect(new Date(answer.queuedFor?.by ?? 0).getTime() - pressedAt).toBe(10 * 60_000);
    expect(answer.queuedFor?.message).toBe(
      translate('ru', 'campaigns.send.queuedForOwner', { owner: STAFF_EMAIL, minutes: 10 }),
    );
    expect(emu.mail.outbox).toEqual([]);
    expect(emu.mail.drafts(SECOND)).toEqual([]);
    // Boris's own trigger (had he installed one) sends nothing either.
    app.run('continueCampaigns', [], { kind: 'trigger', as: SECOND });
    expect(emu.mail.outbox).toEqual([]);
    app.run('continueCampaigns', [], { kind: 'trigger', as: STAFF_EMAIL });
    expect(campaignStatus(studio, id)).toBe('done');
    expect([...studio.mailedTo()].sort()).toEqual(emails(5));
    expect(new Set(emu.mail.outbox.map((mail) => mail.account))).toEqual(new Set([STAFF_EMAIL]));
    expect(emu.mail.drafts(SECOND)).toEqual([]);
    expect(emu.mail.drafts(STAFF_EMAIL)).toEqual([]);
  });

  it('a journal the previous version left is adopted by the sending mailbox: its draft is sent, not a second one', () => {
    const studio = twoAccountStudio(3);
    const { emu } = studio;
    const id = createCampaignFor(studio, { name: 'Upgrade' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    // A run dies between journaling the first draft and sending it...
    let calls = 0;
    let beforeFirstSend = -1;
    emu.rt.onCall = (call) => {
      calls += 1;
      if (call === 'GmailDraft.send' && beforeFirstSend < 0) beforeFirstSend = calls - 1;
    };
    const start = emu.toJSON();
    studio.call('sendCampaign', id, confirmed);
    emu.rt.onCall = null;
    emu.restore(start);
    emu.rt.killExecutionsAfter(beforeFirstSend);
    expect(() => studio.call('sendCampaign', id, confirmed)).toThrow();
    emu.rt.killExecutionsAfter(null);
    // ...and its journal is rewritten as the previous version kept it: one list under one key.
    const key = `crm.sendJournal.${STAFF_EMAIL}`;
    const entries = (JSON.parse(emu.properties.script()[key] ?? '{}') as { e: string[][] }).e;
    expect(entries).toHaveLength(1);
    const draftId = entries[0]?.[2] ?? '';
    emu.properties.restore({
      ...emu.properties.toJSON(),
      script: {
        ...Object.fromEntries(Object.entries(emu.properties.script()).filter(([name]) => name !== key)),
        'crm.sendJournal': JSON.stringify(entries),
      },
    });
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    expect([...studio.mailedTo()].sort()).toEqual(emails(3));
    // The journaled draft itself went out (a draft's id is r-<its message id>).
    expect(emu.mail.outbox.map((mail) => `r-${mail.messageId}`)).toContain(draftId);
    expect(emu.properties.script()['crm.sendJournal']).toBeUndefined();
    expect(emu.mail.drafts(STAFF_EMAIL)).toEqual([]);
  });

  it('continueCampaigns with nothing waiting touches no sheet and no Gmail, only properties and the account', () => {
    const studio = twoAccountStudio(2);
    const id = createCampaignFor(studio, { name: 'Done' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    studio.call('sendCampaign', id, confirmed);
    expect(campaignStatus(studio, id)).toBe('done');
    studio.emu.rt.resetCounts();
    studio.app.run('continueCampaigns', [], { kind: 'trigger' });
    // Only properties and the account: the run's own log (for Check installation) and the one "waiting" flag;
    // no sheet, no Gmail.
    const calls = Object.keys(studio.emu.rt.snapshotCounts());
    expect(calls.filter((call) => !/^(Properties|PropertiesService|Session|User)\./.test(call))).toEqual([]);
  });

  it('a journal is settled only by its own mailbox: another account never reads or deletes the drafts', () => {
    const studio = twoAccountStudio(4);
    const { emu, app } = studio;
    const id = createCampaignFor(studio, { name: 'Killed' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    // The sending account's run dies right after its first journal write with a draft: one draft waits.
    let calls = 0;
    let afterFirstDraft = -1;
    emu.rt.onCall = (call) => {
      calls += 1;
      if (call === 'GmailDraft.send' && afterFirstDraft < 0) afterFirstDraft = calls - 1;
    };
    const start = emu.toJSON();
    studio.call('sendCampaign', id, confirmed);
    emu.rt.onCall = null;
    emu.restore(start);
    emu.rt.killExecutionsAfter(afterFirstDraft);
    expect(() => studio.call('sendCampaign', id, confirmed)).toThrow();
    emu.rt.killExecutionsAfter(null);
    expect(emu.mail.drafts(STAFF_EMAIL)).toHaveLength(1);
    // Boris's press: nothing of Anna's journal is read as sent, nothing sent from his Gmail.
    app.run('sendCampaign', [id, confirmed], { kind: 'client', as: SECOND });
    expect(emu.mail.outbox).toEqual([]);
    expect(studio.sendsOf(id).filter((row) => row.status === 'Отправлено')).toEqual([]);
    app.run('continueCampaigns', [], { kind: 'trigger', as: STAFF_EMAIL });
    expect([...studio.mailedTo()].sort()).toEqual(emails(4));
    expect(emu.mail.drafts(STAFF_EMAIL)).toEqual([]);
  });
});

describe('the web app for unsubscribe links', () => {
  for (const state of ['undeployed', 'dev only'] as const) {
    it(`${state}: a campaign with {{unsubscribe_link}} pauses with one sentence before any mail; deployed, it sends`, () => {
      const studio = mailStudio({ quota: 100, clients: consentingClients(3), setup: false });
      const { emu } = studio;
      emu.webapp.undeploy();
      if (state === 'dev only') emu.webapp.testDeploy();
      const id = createCampaignFor(studio, { name: 'Links' });
      const confirmed = confirmedCount(studio, id); // before any fault or hook is set
      const pressed = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
      expect(pressed.status).toBe('paused');
      expect(pressed.message).toBe(translate('ru', 'campaigns.pause.webapp'));
      expect(emu.mail.outbox).toEqual([]);
      expect(emu.mail.drafts()).toEqual([]);
      // The hourly run neither aborts nor sends.
      expect(() => studio.app.run('runHourly', [], { kind: 'trigger' })).not.toThrow();
      expect(emu.mail.outbox).toEqual([]);
      emu.webapp.deploy({ version: 1 });
      const again = studio.call<CampaignProgress>('sendCampaign', id, confirmed);
      expect(again).toMatchObject({ status: 'done', sent: 3 });
      const url = emu.mail.outbox[0]?.htmlBody ?? '';
      expect(url).toContain('/exec?action=unsubscribe');
    });
  }

  it('a template without the link sends while the web app is not deployed', () => {
    const studio = mailStudio({
      quota: 100,
      clients: consentingClients(2),
      setup: false,
      templates: [{ name: 'plain', subject: 'Привет', htmlBody: '<p>Привет, {{first_name|друг}}</p>', textBody: '' }],
    });
    studio.emu.webapp.undeploy();
    const id = createCampaignFor(studio, { name: 'Plain', template: 'plain' });
    const confirmed = confirmedCount(studio, id); // before any fault or hook is set
    expect(studio.call<CampaignProgress>('sendCampaign', id, confirmed)).toMatchObject({
      status: 'done',
      sent: 2,
    });
  });

  it('a flow whose template has the link sends nothing while undeployed, queues nothing, and catches up once deployed', () => {
    const clients = [consentingClient('C-0001', { createdAt: new Date('2026-11-24T07:00:00Z') })];
    // The welcome flow on by a Settings row (no switch-on time, so the 07:00 registration counts).
    const studio = mailStudio({
      quota: 100,
      clients,
      setup: false,
      settings: { 'flows.welcome': JSON.stringify({ enabled: true, delayDays: 0, template: 'promo' }) },
    });
    const { emu } = studio;
    emu.webapp.undeploy();
    expect(() => studio.app.run('runHourly', [], { kind: 'trigger' })).not.toThrow();
    expect(emu.mail.outbox).toEqual([]);
    expect(studio.rows('sends')).toEqual([]);
    emu.webapp.deploy({ version: 1 });
    emu.advance(60 * 60_000);
    studio.app.run('runHourly', [], { kind: 'trigger' });
    expect(studio.mailedTo()).toEqual(['c-0001@example.com']);
  });
});
