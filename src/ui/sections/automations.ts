// Automations: each automated mailing on or off, with its template and delay.
import type { AutomationView } from '../../contract/sidebar-api';
import { busy, el, field, loadInto, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { t } from '../text';

/** Flows whose delay counts days before the date, not after the occasion. */
const COUNTS_BEFORE = new Set(['birthday', 'pointsExpiry']);

function flowForm(flow: AutomationView): HTMLElement {
  const enabled = el('input', { attrs: { type: 'checkbox', 'data-part': 'enabled' } });
  enabled.checked = flow.enabled;
  const delay = el('input', { attrs: { type: 'number', min: '0', step: '1', value: flow.delayDays } });
  const template = el('input', { attrs: { type: 'text', value: flow.template } });
  const save = el('button', { text: t('ui.save'), attrs: { type: 'submit' } });
  const status = statusLine();
  const switchId = `flow-${flow.flow}-on`;
  enabled.id = switchId;
  const form = el(
    'form',
    { className: 'card flow', attrs: { 'data-flow': flow.flow } },
    el('h3', { text: flow.label }),
    el('label', { className: 'check', attrs: { for: switchId } }, enabled, document.createTextNode(t('ui.automations.on'))),
    field(t(COUNTS_BEFORE.has(flow.flow) ? 'ui.automations.delayBefore' : 'ui.automations.delay'), delay),
    field(t('ui.automations.template'), template, t('ui.campaigns.templateHint')),
    el('div', { className: 'inline' }, save, status),
  );
  const submit = (): void => {
    const change = { flow: flow.flow, enabled: enabled.checked, delayDays: Number(delay.value) || 0, template: template.value };
    void busy(save, status, () => call('saveAutomation', change)).then((saved) => {
      if (!saved) return;
      enabled.checked = saved.enabled;
      status.show('info', t('ui.automations.savedFlow', { flow: saved.label, state: t(saved.enabled ? 'ui.automations.stateOn' : 'ui.automations.stateOff') }));
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
    root.append(el('h2', { text: t('ui.section.automations') }), el('p', { className: 'secondary', text: t('ui.automations.intro') }), body);
    void loadInto(body, () => call('listAutomations'), (flows) => body.append(...flows.map(flowForm)));
  },
};
