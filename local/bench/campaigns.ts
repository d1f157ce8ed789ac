// Campaign benchmark: preparing a campaign to the whole client base (segment, exclusions, merge) and
// sending a batch of it, at 1,000 and 10,000 clients. One in twenty clients is excluded (no consent,
// unsubscribed or a broken address) so exclusions do real work; the template merges names, a staff
// column, loyalty points and a signed unsubscribe link.
import { confirmedCount, consentingClient, createCampaignFor, mailStudio } from '../../test/support/mail-studio';
import { costOf } from './cost-model';
import { countedStep, type BenchCase } from './harness';
import { duplicateMails, killAfterCalls } from './mail-merge';

const TEMPLATE = {
  name: 'promo',
  subject: 'Новые эмоуты для {{first_name|друг}}',
  htmlBody:
    '<p>Привет, {{first_name|друг}}!</p><p>{{city|}} · баллы: {{points|0}}</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
  textBody: '',
};

/** Mails the send case lets out (the quota), so its calls divide into calls per mail. */
export const MAILS_PER_SEND_RUN = 100;

function campaignWorld(clients: number, quota: number, template = TEMPLATE) {
  const records = Array.from({ length: clients }, (_, i) => {
    const id = `C-${String(i + 1).padStart(6, '0')}`;
    const excluded =
      i % 20 === 7
        ? { consentAt: null }
        : i % 20 === 13
          ? { unsubscribedAt: new Date('2026-06-01T10:00:00Z') }
          : i % 20 === 17
            ? { email: 'broken' }
            : {};
    return consentingClient(id, { city: i % 3 === 0 ? 'Казань' : '', ...excluded });
  });
  // Bare sheets (no setup formatting): the measured step is the campaign's, not the workbook's.
  const studio = mailStudio({
    quota,
    clients: records,
    templates: [template],
    setup: false,
    settings: { 'campaigns.quotaReserveForFlows': '0' },
  });
  createCampaignFor(studio, { name: 'Bench' });
  return studio;
}

const SIZES = [1_000, 10_000];

/**
 * A campaign paused for the quota is resumed by the hourly run; a continuation runs for campaigns marked
 * waiting, as a time-boxed run leaves them. The bench marks it so, to measure the continuation's sending alone.
 */
function leaveWaiting(emu: ReturnType<typeof campaignWorld>['emu'], campaignId: string): void {
  emu.properties.seed('script', { 'crm.campaignsWaiting': JSON.stringify([campaignId]) });
}

/** The chosen design's floor per mail: one createDraft and one GmailDraft.send, by the cost model. */
const SEND_FLOOR_PER_MAIL = costOf('GmailApp.createDraft').fixed + costOf('GmailDraft.send').fixed;

/** The same send run killed after half its mails, then continued: mails beyond one per recipient. */
function duplicatesAfterKill(size: number): string {
  const { emu, app, call } = campaignWorld(size, 0);
  call('sendCampaign', 'K-0001', confirmedCount({ call }, 'K-0001'));
  emu.mail.setQuota(MAILS_PER_SEND_RUN);
  leaveWaiting(emu, 'K-0001');
  killAfterCalls(emu.rt, 'GmailDraft.send', MAILS_PER_SEND_RUN / 2);
  try {
    app.run('continueCampaigns', [], { kind: 'trigger' });
  } catch {
    // The kill is the point.
  }
  emu.rt.onCall = null;
  emu.rt.clearFaults();
  const before = emu.mail.outbox.length;
  app.run('continueCampaigns', [], { kind: 'trigger' });
  return `killed after ${before} mails and continued (${emu.mail.outbox.length} mails in all): ${duplicateMails(emu.mail.outbox)} duplicates`;
}

export const cases: BenchCase[] = [
  {
    operation: 'Campaign preview (count after exclusions, one merge)',
    sizes: SIZES,
    target: { seconds: 5, of: 'step', executions: 1 },
    prepare(size) {
      const { emu, call } = campaignWorld(size, 0);
      return countedStep(emu, () => call('previewCampaign', 'K-0001', 'C-000001'));
    },
  },
  {
    // Loyalty fields are then loaded for the previewed client only.
    operation: 'Campaign preview, no loyalty field in template',
    sizes: SIZES,
    prepare(size) {
      const { emu, call } = campaignWorld(size, 0, {
        ...TEMPLATE,
        htmlBody: TEMPLATE.htmlBody.replace(' · баллы: {{points|0}}', ''),
      });
      return countedStep(emu, () => call('previewCampaign', 'K-0001', 'C-000001'));
    },
  },
  {
    operation: 'Campaign send press, quota 0 (decide all, write Sends)',
    sizes: SIZES,
    prepare(size) {
      const { emu, call } = campaignWorld(size, 0);
      // The count staff confirmed, asked before the measured press.
      const confirmed = confirmedCount({ call }, 'K-0001');
      return countedStep(emu, () => call('sendCampaign', 'K-0001', confirmed));
    },
  },
  {
    operation: `Campaign send run: ${MAILS_PER_SEND_RUN} mails (merge, draft, send)`,
    sizes: SIZES,
    target: { seconds: SEND_FLOOR_PER_MAIL * 1.15, of: 'unit' },
    prepare(size) {
      // Decided first (quota 0), then a continuation with quota for MAILS_PER_SEND_RUN mails.
      const { emu, app, call } = campaignWorld(size, 0);
      call('sendCampaign', 'K-0001', confirmedCount({ call }, 'K-0001'));
      emu.mail.setQuota(MAILS_PER_SEND_RUN);
      leaveWaiting(emu, 'K-0001');
      return {
        ...countedStep(
          emu,
          () => app.run('continueCampaigns', [], { kind: 'trigger' }),
          `${size.toLocaleString('en')} cl / ${MAILS_PER_SEND_RUN} mails`,
        ),
        units: { count: MAILS_PER_SEND_RUN, name: 'mail' },
        note: () =>
          `floor ${SEND_FLOOR_PER_MAIL.toFixed(2)} s per mail (createDraft + send); ${duplicatesAfterKill(size)}`,
      };
    },
  },
];
