// Automations: each automated mailing on or off, with its template and delay, and what it sent lately.
import type { AutomationView, FlowActivityView, TemplateOption } from '../../contract/sidebar-api';
import { enumLabel } from '../../domain/cells/enums';
import { busy, el, field, loadInto, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { templatePicker, templatesOrNone } from '../template-picker';
import { formatDateTime, locale, t } from '../text';

/** Flows whose delay counts days before the date, not after the occasion. */
const COUNTS_BEFORE = new Set(['birthday', 'pointsExpiry']);

/** The flow's counts over the last days and its latest mails (who, when, what happened). */
function activityView(activity: FlowActivityView | undefined): HTMLElement {
  const box = el('div', { className: 'flow-activity', attrs: { 'data-part': 'activity' } });
  if (!activity || activity.recent.length === 0) {
    box.append(el('p', { className: 'secondary', text: t('ui.automations.sentNothing') }));
    return box;
  }
  box.append(
    el('p', {
      className: 'secondary',
      text: t('ui.automations.lately', {
        days: activity.days,
        sent: activity.sent,
        skipped: activity.skipped,
        failed: activity.failed,
        queued: activity.queued,
      }),
    }),
    el('div', { className: 'subhead', text: t('ui.automations.latest') }),
    el(
      'ul',
      { className: 'plain compact' },
      ...activity.recent.map((send) =>
        el(
          'li',
          { attrs: { 'data-status': send.status } },
          el('div', {
            text: [formatDateTime(send.at), enumLabel('sendStatus', send.status, locale())].filter(Boolean).join(' · '),
          }),
          el('div', {
            className: 'secondary hint',
            text: [send.email || send.clientId, send.reason].filter(Boolean).join(' · '),
          }),
        ),
      ),
    ),
  );
  return box;
}

function flowForm(
  flow: AutomationView,
  activity: FlowActivityView | undefined,
  templates: TemplateOption[],
): HTMLElement {
  const enabled = el('input', { attrs: { type: 'checkbox', 'data-part': 'enabled' } });
  enabled.checked = flow.enabled;
  const delay = el('input', { attrs: { type: 'number', min: '0', step: '1', value: flow.delayDays } });
  const template = templatePicker(t('ui.automations.template'), templates, flow.template);
  const save = el('button', { text: t('ui.save'), attrs: { type: 'submit' } });
  const status = statusLine();
  const switchId = `flow-${flow.flow}-on`;
  // Before switching on, staff see what the flow would send in the next week (history never counts).
  const forecast = el('p', { className: 'secondary forecast', attrs: { 'data-part': 'forecast' } });
  const showForecast = (on: boolean): void => {
    forecast.textContent = '';
    if (on) return;
    call('forecastAutomation', flow.flow)
      .then((answer) => {
        if (enabled.checked) return;
        const names =
          answer.clients.join(', ') +
          (answer.moreClients > 0 ? t('ui.automations.forecastMore', { count: answer.moreClients }) : '');
        forecast.textContent =
          answer.count === 0
            ? t('ui.automations.forecastNone', { days: answer.days })
            : t('ui.automations.forecast', { days: answer.days, count: answer.count, clients: names });
      })
      .catch(() => undefined);
  };
  showForecast(flow.enabled);
  enabled.id = switchId;
  const form = el(
    'form',
    { className: 'card flow', attrs: { 'data-flow': flow.flow } },
    el('h3', { text: flow.label }),
    el(
      'label',
      { className: 'check', attrs: { for: switchId } },
      enabled,
      document.createTextNode(t('ui.automations.on')),
    ),
    field(t(COUNTS_BEFORE.has(flow.flow) ? 'ui.automations.delayBefore' : 'ui.automations.delay'), delay),
    forecast,
    template.node,
    el('div', { className: 'inline' }, save, status),
    activityView(activity),
  );
  const submit = (): void => {
    const change = {
      flow: flow.flow,
      enabled: enabled.checked,
      delayDays: Number(delay.value) || 0,
      template: template.value(),
    };
    void busy(save, status, () => call('saveAutomation', change)).then((saved) => {
      if (!saved) return;
      enabled.checked = saved.enabled;
      showForecast(saved.enabled);
      status.show(
        'info',
        t('ui.automations.savedFlow', {
          flow: saved.label,
          state: t(saved.enabled ? 'ui.automations.stateOn' : 'ui.automations.stateOff'),
        }),
      );
    });
  };
  // Switching a flow is a decision on its own: saved at once.
  enabled.addEventListener('change', submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  return form;
}

export const automations: Section = {
  render(root) {
    const body = el('div');
    root.append(
      el('h2', { text: t('ui.section.automations') }),
      el('p', { className: 'secondary', text: t('ui.automations.intro') }),
      el('p', { className: 'secondary', text: t('ui.automations.offByDefault') }),
      el('p', { className: 'secondary hint', text: t('ui.templates.pickHint') }),
      body,
    );
    // Activity is extra: if it cannot be read, the flows are still shown and can be switched.
    const activityOrNone = (): Promise<FlowActivityView[]> =>
      call('getFlowActivity').catch(() => [] as FlowActivityView[]);
    void loadInto(
      body,
      () => Promise.all([call('listAutomations'), activityOrNone(), templatesOrNone()]),
      ([flows, activity, templates]) =>
        body.append(
          ...flows.map((flow) =>
            flowForm(
              flow,
              activity.find((entry) => entry.flow === flow.flow),
              templates,
            ),
          ),
        ),
    );
  },
};
