// Campaigns: the list, composing one (segment, template, sender, schedule), previewing it recipient
// by recipient, a test send, sending or scheduling, and following its progress while it runs.
import type {
  CampaignConfirmation,
  CampaignPreview,
  CampaignStatusName,
  CampaignProgress,
  CampaignView,
  ClientBrief,
  SegmentView,
  TemplateOption,
} from '../../contract/sidebar-api';
import { en } from '../../i18n/en';
import { busy, el, field, loadInto, option, pressId, statusLine } from '../dom';
import type { Section } from '../section';
import { call, errorText } from '../server';
import { templatePicker, templatesOrNone } from '../template-picker';
import { t, timeZone, wallClockValue } from '../text';

const POLL_MS = 2000;
/** What a datetime-local input holds: a wall-clock time with no zone. */
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** A time typed here is on the studio's clock: the hint names it (none before boot says the zone). */
function scheduleZoneHint(): string | undefined {
  const zone = timeZone();
  return zone ? t('ui.campaigns.scheduleZone', { zone }) : undefined;
}

function reasonText(reasons: Record<string, number>): string {
  return Object.entries(reasons)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => {
      // The sentence for a campaign's reason, else the list's label (a skip with no reason: "No reason given").
      const key = `campaigns.skip.${reason}`;
      const label = `enum.skipReason.${reason}`;
      const text =
        key in en
          ? t(key as keyof typeof en, { cap: '' }).replace(/\.$/, '')
          : label in en
            ? t(label as keyof typeof en)
            : reason;
      return `${text}: ${count}`;
    })
    .join(' · ');
}

function progressView(progress: CampaignProgress): HTMLElement {
  const total = progress.sent + progress.remaining + progress.failed;
  const bar = el('progress', { attrs: { max: Math.max(total, 1), value: progress.sent } });
  return el(
    'div',
    { className: 'progress', attrs: { 'data-status': progress.status } },
    el('p', {
      text: `${t(`ui.campaigns.status.${progress.status}`)} · ${t('ui.campaigns.progress', { sent: progress.sent, remaining: progress.remaining, skipped: progress.skipped, failed: progress.failed })}`,
    }),
    bar,
    el('p', { className: 'secondary hint', text: reasonText(progress.skippedByReason) }),
    el('p', { className: 'error', text: progress.message ?? '' }),
  );
}

/** One campaign: preview by recipient, test, send/schedule, progress. */
function campaignView(root: HTMLElement, campaign: CampaignView, segments: SegmentView[], back: () => void): void {
  const preview = el('div', { className: 'campaign-preview' });
  const progressBox = el('div', { attrs: { 'aria-live': 'polite' } });
  const status = statusLine();
  let recipients: ClientBrief[] = [];
  let index = 0;
  let polling = 0;

  const showPreview = (view: CampaignPreview): void => {
    previewed = view.clientId;
    fit();
    const frame = el('iframe', { className: 'preview-mail', attrs: { sandbox: '', title: t('ui.campaigns.preview') } });
    frame.srcdoc = view.html || view.text;
    const stepper = el(
      'div',
      { className: 'inline' },
      el('button', {
        text: '‹',
        attrs: {
          type: 'button',
          'aria-label': t('ui.campaigns.previousRecipient'),
          title: t('ui.campaigns.previousRecipient'),
          disabled: index <= 0,
        },
        on: { click: () => step(-1) },
      }),
      el('span', {
        text: recipients.length > 0 ? t('ui.campaigns.recipient', { index: index + 1, count: recipients.length }) : '',
      }),
      el('button', {
        text: '›',
        attrs: {
          type: 'button',
          'aria-label': t('ui.campaigns.nextRecipient'),
          title: t('ui.campaigns.nextRecipient'),
          disabled: index >= recipients.length - 1,
        },
        on: { click: () => step(1) },
      }),
    );
    const who = recipients.find((candidate) => candidate.id === view.clientId);
    preview.replaceChildren(
      el('p', { text: t('ui.campaigns.recipients', { count: view.recipients }) }),
      el('p', { className: 'secondary hint', text: reasonText(view.skippedByReason) }),
      ...view.problems.map((problem) => el('p', { className: 'error', text: problem })),
      ...view.notes.map((note) => el('p', { className: 'secondary note', text: note })),
      view.clientId === null ? el('p', { className: 'secondary', text: t('ui.campaigns.nobody') }) : stepper,
      el('p', { className: 'secondary', text: who ? `${who.name} · ${who.email}` : '' }),
      el('p', { attrs: { 'data-subject': '' }, text: t('ui.campaigns.subject', { subject: view.subject }) }),
      frame,
    );
  };
  const loadPreview = (): void =>
    void loadInto(preview, () => call('previewCampaign', campaign.id, recipients[index]?.id ?? null), showPreview);
  const step = (delta: number): void => {
    index = Math.min(Math.max(index + delta, 0), Math.max(recipients.length - 1, 0));
    loadPreview();
  };

  const poll = (): void => {
    window.clearTimeout(polling);
    call('getCampaignProgress', campaign.id)
      .then((progress) => {
        if (progress.status !== state) {
          state = progress.status;
          fit();
        }
        progressBox.replaceChildren(progressView(progress));
        if (progress.status === 'sending' && root.isConnected) polling = window.setTimeout(poll, POLL_MS);
      })
      .catch((error: unknown) => status.show('error', errorText(error)));
  };

  const test = el('button', { text: t('ui.campaigns.testSend') });
  const send = el('button', { className: 'action', text: t('ui.campaigns.send') });
  // A time chosen when composing is offered again, on the studio's clock.
  const at = el('input', { attrs: { type: 'datetime-local', value: wallClockValue(campaign.scheduledAt) } });
  const schedule = el('button', { text: t('ui.campaigns.scheduleSend') });
  const cancel = el('button', { className: 'share', text: t('ui.campaigns.cancel') });
  const scheduledLine = el('p', { className: 'secondary scheduled-at' });
  const sendRow = el('div', { className: 'inline block' }, test, send);
  const scheduleRow = el('div', { className: 'inline block' }, schedule, cancel);
  const scheduleField = field(t('ui.campaigns.schedule'), at, scheduleZoneHint());
  // The server's count, after every exclusion: Send stays disabled until it is known, and sends exactly it.
  let confirmation: CampaignConfirmation | null = null;
  let state: CampaignStatusName = campaign.status;
  let previewed: string | null = null;
  let armed = false;

  /** Only the actions that fit the state, and none while the count is unknown or the mail is broken. */
  const fit = (): void => {
    const open = state === 'draft' || state === 'scheduled' || state === 'paused';
    const broken = confirmation === null || confirmation.problems.length > 0;
    send.hidden = !open;
    send.disabled = broken || (confirmation?.count ?? 0) === 0;
    test.hidden = !open;
    test.disabled = broken || previewed === null;
    schedule.hidden = state !== 'draft';
    scheduleField.hidden = state !== 'draft';
    schedule.disabled = broken;
    cancel.hidden = state === 'done' || state === 'cancelled';
    scheduledLine.textContent =
      state === 'scheduled' && campaign.scheduledText
        ? t('ui.campaigns.scheduledFor', { at: campaign.scheduledText })
        : '';
  };
  const confirm = (): void => {
    confirmation = null;
    armed = false;
    fit();
    call('confirmCampaign', campaign.id)
      .then((answer) => {
        confirmation = answer;
        fit();
      })
      .catch((error: unknown) => status.show('error', errorText(error)));
  };

  test.addEventListener(
    'click',
    () =>
      void busy(test, status, () => call('testSendCampaign', campaign.id, previewed)).then((sentence) => {
        fit();
        if (sentence) status.show('info', sentence);
      }),
  );
  send.addEventListener('click', () => {
    if (!confirmation) return;
    if (!armed) {
      armed = true;
      status.show('error', t('ui.campaigns.confirmSend', { sentence: confirmation.sentence }));
      return;
    }
    armed = false;
    const count = confirmation.count;
    void busy(send, status, () => call('sendCampaign', campaign.id, count)).then((progress) => {
      if (!progress) {
        // Refused (the count changed, say): the sentence stays, and the count is asked again.
        const refusal = status.textContent ?? '';
        confirm();
        status.show('error', refusal);
        return;
      }
      state = progress.status;
      fit();
      progressBox.replaceChildren(progressView(progress));
      if (progress.status === 'sending') polling = window.setTimeout(poll, POLL_MS);
    });
  });
  schedule.addEventListener('click', () => {
    // The wall-clock text as typed: the server reads it on the studio's clock, not this browser's.
    const when = at.value;
    if (!WALL_CLOCK.test(when)) return at.focus();
    void busy(schedule, status, () => call('scheduleCampaign', campaign.id, when)).then((view) => {
      if (view) {
        state = view.status;
        campaign.scheduledText = view.scheduledText;
      }
      fit();
      if (view) status.show('info', t('ui.campaigns.scheduledFor', { at: view.scheduledText ?? '' }));
    });
  });
  cancel.addEventListener(
    'click',
    () =>
      void busy(cancel, status, () => call('cancelCampaign', campaign.id)).then((view) => {
        if (view) state = view.status;
        fit();
        if (view) poll();
      }),
  );

  root.replaceChildren(
    el('button', { className: 'link', text: t('ui.campaigns.back'), on: { click: back } }),
    el('h2', { text: campaign.name }),
    el('p', {
      className: 'secondary',
      text: `${segments.find((segment) => segment.id === campaign.segmentId)?.name ?? campaign.segmentId} · ${campaign.template}`,
    }),
    scheduledLine,
    progressBox,
    el('h3', { text: t('ui.campaigns.preview') }),
    preview,
    sendRow,
    scheduleField,
    scheduleRow,
    status,
  );
  fit();
  confirm();
  poll();
  // Recipients to step through: the segment's sample of members.
  const segment = segments.find((candidate) => candidate.id === campaign.segmentId);
  const sample = segment
    ? call('previewSegment', segment.rules)
        .then((found) => found.sample)
        .catch(() => [] as ClientBrief[])
    : Promise.resolve([] as ClientBrief[]);
  void sample.then((found) => {
    recipients = found;
    loadPreview();
  });
}

function composeForm(
  segments: SegmentView[],
  templates: TemplateOption[],
  onCreated: (campaign: CampaignView) => void,
): HTMLElement {
  const name = el('input', { attrs: { type: 'text', required: true } });
  const segment = el(
    'select',
    {},
    ...segments.map((item) => option(item.id, item.members === null ? item.name : `${item.name} (${item.members})`)),
  );
  const template = templatePicker(t('ui.campaigns.template'), templates, '', t('ui.templates.pickHint'));
  const sender = el('input', { attrs: { type: 'text' } });
  const replyTo = el('input', { attrs: { type: 'email' } });
  const when = el('input', { attrs: { type: 'datetime-local' } });
  const cost = el('input', { attrs: { type: 'number', min: '0', step: 'any', value: '0' } });
  const create = el('button', { className: 'create', text: t('ui.campaigns.create'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card compose' },
    el('h3', { text: t('ui.campaigns.compose') }),
    field(t('ui.campaigns.name'), name),
    field(t('ui.campaigns.segment'), segment),
    template.node,
    field(t('ui.campaigns.sender'), sender),
    field(t('ui.campaigns.replyTo'), replyTo),
    field(t('ui.campaigns.schedule'), when, scheduleZoneHint()),
    field(t('ui.campaigns.cost'), cost),
    el('div', { className: 'inline' }, create, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const scheduledAt = when.value || null;
    const campaign = {
      name: name.value,
      segmentId: segment.value,
      template: template.value(),
      senderName: sender.value,
      replyTo: replyTo.value,
      scheduledAt,
      cost: Number(cost.value) || 0,
      pressId: pressId(),
    };
    void busy(create, status, () => call('createCampaign', campaign)).then((created) => created && onCreated(created));
  });
  return form;
}

export const campaigns: Section = {
  render(root) {
    const body = el('div');
    root.append(body);
    const showList = (): void => {
      void loadInto(
        body,
        () => Promise.all([call('listCampaigns'), call('listSegments'), templatesOrNone()]),
        ([list, segments, templates]) => {
          const open = (campaign: CampaignView): void => campaignView(body, campaign, segments, showList);
          const rows = list.map((campaign) =>
            el(
              'li',
              { attrs: { 'data-campaign': campaign.id } },
              el('button', { className: 'link', text: campaign.name, on: { click: () => open(campaign) } }),
              el('div', {
                className: 'secondary',
                text: t('ui.campaigns.row', {
                  status: t(`ui.campaigns.status.${campaign.status}`),
                  sent: campaign.sent,
                  recipients: campaign.recipients,
                }),
              }),
              // When it goes, on the studio's clock with the zone named (the server writes it).
              campaign.status === 'scheduled' && campaign.scheduledText
                ? el('div', {
                    className: 'secondary scheduled-at',
                    text: t('ui.campaigns.scheduledFor', { at: campaign.scheduledText }),
                  })
                : null,
            ),
          );
          body.append(
            el('h2', { text: t('ui.section.campaigns') }),
            composeForm(segments, templates, open),
            el('h3', { text: t('ui.campaigns.list') }),
            rows.length > 0
              ? el('ul', { className: 'plain' }, ...rows)
              : el('p', { className: 'secondary', text: t('ui.campaigns.none') }),
          );
        },
      );
    };
    showList();
  },
};
