// The loyalty desk: what staff do for one client at the counter (redeem points on an order, issue a
// discount code, mark a code used) and the studio-wide "update points now". Each answer is a sentence.
import type { DiscountCodeView, PointsChange } from '../../contract/sidebar-api';
import { busy, el, field, option, pressId, statusLine, uid } from '../dom';
import { call } from '../server';
import { countOf, formatNumber, t } from '../text';

/** Shows the new balance where the card shows it, so the card stays right without reloading. */
function showBalance(form: HTMLElement, change: PointsChange): void {
  const balance = form.closest('article')?.querySelector('[data-balance]');
  if (!balance) return;
  balance.textContent = countOf(change.balance, 'points');
  balance.setAttribute('data-balance', String(change.balance));
}

function redeemForm(clientId: string): HTMLElement {
  const order = el('input', { attrs: { type: 'text', required: true, 'data-part': 'order' } });
  const points = el('input', { attrs: { type: 'number', step: '1', min: '1', required: true, 'data-part': 'points' } });
  const redeem = el('button', { className: 'action', text: t('ui.desk.redeemButton'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card redeem-points' },
    el('h3', { text: t('ui.desk.redeem') }),
    field(t('ui.desk.order'), order),
    field(t('ui.clients.points'), points),
    el('div', { className: 'inline' }, redeem, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const redemption = { clientId, orderId: order.value.trim(), points: Number(points.value), pressId: pressId() };
    void busy(redeem, status, () => call('redeemPoints', redemption)).then((change) => {
      if (!change) return;
      showBalance(form, change);
      const balance = countOf(change.balance, 'points');
      status.show(
        'info',
        change.recorded
          ? t('ui.desk.redeemed', { points: countOf(redemption.points, 'points'), order: redemption.orderId, balance })
          : t('ui.desk.redeemedAgain', { balance }),
      );
    });
  });
  return form;
}

function issueForm(clientId: string): HTMLElement {
  const campaigns = el('datalist', { attrs: { id: uid('campaigns') } });
  const campaign = el('input', {
    attrs: { type: 'text', required: true, list: campaigns.id, autocomplete: 'off', 'data-part': 'campaign' },
  });
  // The studio's campaigns to pick from, fetched only when staff start choosing (the card opens without it).
  campaign.addEventListener(
    'focus',
    () =>
      void call('listCampaigns').then(
        (views) => campaigns.replaceChildren(...views.map((view) => option(view.id, view.name))),
        () => undefined,
      ),
    { once: true },
  );
  const percent = el('input', {
    attrs: { type: 'number', step: '1', min: '1', max: '100', required: true, 'data-part': 'percent' },
  });
  const issue = el('button', { className: 'action', text: t('ui.desk.issue'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card issue-code' },
    el('h3', { text: t('ui.desk.issueCode') }),
    field(t('ui.desk.campaign'), campaign),
    campaigns,
    field(t('ui.desk.percent'), percent),
    el('div', { className: 'inline' }, issue, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // The server issues one code per client and campaign: pressing again answers the same code.
    const campaignId = campaign.value.trim();
    void busy(issue, status, () => call('issueDiscountCodes', campaignId, [clientId], Number(percent.value))).then(
      (codes) => {
        const code = codes?.find((view) => view.clientId === clientId);
        if (!code) return;
        status.show(
          'info',
          t('ui.desk.issued', { code: code.code, percent: formatNumber(code.percent), campaign: code.campaignId }),
        );
      },
    );
  });
  return form;
}

/** What a looked-up code is: unknown, or its discount, campaign, client and whether it was used. */
function codeSentence(typed: string, found: DiscountCodeView | null): string {
  if (!found) return t('ui.desk.codeUnknown', { code: typed });
  const known = { code: found.code, percent: formatNumber(found.percent), campaign: found.campaignId };
  return found.usedAt
    ? t('ui.desk.codeUsed', { ...known, client: found.clientId, order: found.orderId })
    : t('ui.desk.codeFree', { ...known, client: found.clientId });
}

function markUsedForm(clientId: string): HTMLElement {
  const code = el('input', { attrs: { type: 'text', required: true, 'data-part': 'code' } });
  const order = el('input', { attrs: { type: 'text', required: true, 'data-part': 'order' } });
  const mark = el('button', { className: 'action', text: t('ui.desk.mark'), attrs: { type: 'submit' } });
  const lookUp = el('button', { text: t('ui.desk.lookUp'), attrs: { type: 'button' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card mark-code' },
    el('h3', { text: t('ui.desk.markUsed') }),
    field(t('ui.desk.code'), code),
    field(t('ui.desk.order'), order),
    el('div', { className: 'inline' }, mark, lookUp, status),
  );
  lookUp.addEventListener('click', () => {
    const typed = code.value.trim();
    if (!typed) return;
    void busy(lookUp, status, () => call('lookupDiscountCode', typed)).then((found) => {
      if (found === undefined) return;
      status.show('info', codeSentence(typed, found));
    });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(mark, status, () => call('markDiscountCodeUsed', code.value.trim(), clientId, order.value.trim())).then(
      (used) => {
        if (used) status.show('info', t('ui.desk.marked', { code: used.code, order: used.orderId }));
      },
    );
  });
  return form;
}

/** The client card's loyalty actions. */
export function loyaltyDesk(clientId: string): HTMLElement {
  return el('div', { className: 'loyalty-desk' }, redeemForm(clientId), issueForm(clientId), markUsedForm(clientId));
}

/** The nightly loyalty step on demand, its summary as a sentence. */
export function loyaltyRunBlock(): HTMLElement {
  const run = el('button', { className: 'action', text: t('ui.desk.runLoyalty') });
  const status = statusLine();
  run.addEventListener('click', () => {
    void busy(run, status, () => call('runLoyaltyNow')).then((summary) => {
      if (summary)
        status.show(
          'info',
          t('ui.desk.loyaltyDone', { entries: formatNumber(summary.appended), clients: formatNumber(summary.clients) }),
        );
    });
  });
  return el(
    'div',
    { className: 'card loyalty-run' },
    el('h3', { text: t('ui.desk.loyalty') }),
    el('div', { className: 'inline' }, run, status),
  );
}
