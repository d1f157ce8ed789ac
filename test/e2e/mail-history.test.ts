// The read-only mail views on dist/Code.js: a client's mail history (campaigns and flows, status,
// reason in the staff's language), what each flow sent lately, and the templates staff can pick.
import { describe, expect, it } from 'vitest';
import { consentingClient, mailStudio } from '../support/mail-studio';
import { translate } from '../../src/i18n';
import type { ClientMailView, FlowActivityView, TemplateOption } from '../../src/contract/sidebar-api';

const daysAgo = (days: number) => new Date(Date.parse('2026-11-24T09:00:00Z') - days * 86_400_000);

function historyStudio(locale: 'ru' | 'en') {
  return mailStudio({
    locale,
    setup: false,
    clients: [consentingClient('C-0001'), consentingClient('C-0002')],
    sends: [
      {
        campaignId: 'flow:welcome',
        clientId: 'C-0001',
        occasion: 'welcome',
        email: 'c-0001@example.com',
        status: 'sent',
        at: daysAgo(40),
      },
      {
        campaignId: 'flow:feedback',
        clientId: 'C-0001',
        occasion: 'order:O-1',
        email: 'c-0001@example.com',
        status: 'sent',
        at: daysAgo(3),
      },
      {
        campaignId: 'flow:feedback',
        clientId: 'C-0002',
        occasion: 'order:O-2',
        email: 'c-0002@example.com',
        status: 'skipped',
        reason: 'noConsent',
        at: daysAgo(2),
      },
      {
        campaignId: 'flow:feedback',
        clientId: 'C-0002',
        occasion: 'order:O-3',
        email: 'c-0002@example.com',
        status: 'queued',
      },
      {
        campaignId: 'K-0007',
        clientId: 'C-0001',
        email: 'c-0001@example.com',
        status: 'skipped',
        reason: 'weeklyCap',
        at: daysAgo(1),
      },
    ],
    templates: [
      { name: 'promo', subject: 'Новые эмоуты' },
      { name: 'feedback', subject: 'Как вам заказ?' },
    ],
  });
}

describe('mail history for the sidebar', () => {
  it('lists a client’s mails newest first with the campaign or flow name and the reason in the staff language', () => {
    const studio = historyStudio('en');
    const mails = studio.call<ClientMailView[]>('getClientMails', 'C-0001');
    expect(mails.map((mail) => [mail.kind, mail.name, mail.status])).toEqual([
      ['campaign', 'K-0007', 'skipped'], // no Campaigns row: the id stands in for the name
      ['flow', 'Feedback request', 'sent'],
      ['flow', 'Welcome', 'sent'],
    ]);
    expect(mails[0]?.reason).toBe('Already got 2 marketing mails in the last 7 days.');
    expect(mails[1]?.at).toBe(daysAgo(3).toISOString());
    expect(studio.call<ClientMailView[]>('getClientMails', 'C-0404')).toEqual([]);
  });

  it('names flows in Russian for Russian staff', () => {
    const studio = historyStudio('ru');
    const mails = studio.call<ClientMailView[]>('getClientMails', 'C-0002');
    expect(mails.map((mail) => mail.status)).toEqual(['queued', 'skipped']);
    expect(mails[1]?.reason).toBe(translate('ru', 'campaigns.skip.noConsent'));
    expect(mails[1]?.name).toBe(translate('ru', 'campaigns.flow.feedback'));
  });

  it('counts each flow’s last 30 days and lists its latest sends', () => {
    const studio = historyStudio('en');
    const activity = studio.call<FlowActivityView[]>('getFlowActivity');
    expect(activity.map((flow) => flow.flow)).toEqual([
      'welcome',
      'feedback',
      'winback',
      'birthday',
      'pointsExpiry',
      'tierReached',
    ]);
    const feedback = activity.find((flow) => flow.flow === 'feedback');
    expect(feedback).toMatchObject({ days: 30, sent: 1, skipped: 1, failed: 0, queued: 1 });
    expect(feedback?.recent.map((send) => send.occasion)).toEqual(['order:O-3', 'order:O-2', 'order:O-1']);
    // The welcome mail is older than the window: listed, not counted.
    const welcome = activity.find((flow) => flow.flow === 'welcome');
    expect(welcome).toMatchObject({ sent: 0, queued: 0 });
    expect(welcome?.recent).toHaveLength(1);
  });

  it('offers Templates rows and Gmail drafts without a recipient as templates', () => {
    const studio = historyStudio('en');
    studio.emu.mail.addDraft({ subject: 'Winter stickers', body: 'Hi {{first_name}}' });
    studio.emu.mail.addDraft({ subject: 'Just a reply', body: 'Hello', to: 'friend@example.com' });
    const templates = studio.call<TemplateOption[]>('listTemplates');
    expect(templates).toEqual([
      { ref: 'promo', source: 'sheet', subject: 'Новые эмоуты' },
      { ref: 'feedback', source: 'sheet', subject: 'Как вам заказ?' },
      { ref: 'draft:Winter stickers', source: 'draft', subject: 'Winter stickers' },
    ]);
  });
});
