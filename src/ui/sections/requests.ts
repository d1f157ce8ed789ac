// Open requests: who wrote, through which channel, when, and how long they have waited against the
// studio's two-hour answer target; mark answered, or reply in Telegram where the request came from there.
import type { RequestView } from '../../contract/sidebar-api';
import { enumLabel } from '../../domain/cells/enums';
import { busy, el, field, loadInto, pressId, statusLine } from '../dom';
import { call } from '../server';
import { formatDate, formatNumber, locale, t } from '../text';

/** The answer target staff promise (issue #13/#16: requests answered within 2 hours). */
const TARGET_MINUTES = 120;

function waitingText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours > 0
    ? t('ui.desk.hoursMinutes', { hours: formatNumber(hours), minutes: formatNumber(rest) })
    : t('ui.desk.minutes', { minutes: formatNumber(rest) });
}

function replyForm(request: RequestView, done: () => void): HTMLElement {
  const text = el('textarea', { attrs: { required: true, rows: 3 } });
  const send = el('button', { className: 'action', text: t('ui.desk.send'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'reply' },
    field(t('ui.desk.reply'), text),
    el('div', { className: 'inline' }, send, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const press = pressId();
    void busy(send, status, () => call('replyOnTelegram', request.id, text.value, press)).then((answered) => {
      if (answered) done();
    });
  });
  return form;
}

function openItem(request: RequestView, now: number): HTMLElement {
  const minutes = Math.max(0, Math.floor((now - new Date(request.receivedAt).getTime()) / 60_000));
  const late = minutes > TARGET_MINUTES;
  const status = statusLine();
  const item = el('li', {
    className: `request ${late ? 'late' : 'on-time'}`,
    attrs: { 'data-request': request.id, 'data-late': late },
  });
  const done = (): void => {
    item.replaceChildren(el('p', { className: 'secondary', text: t('ui.desk.answeredNow', { id: request.id }) }));
    item.className = 'request answered';
  };
  const answer = el('button', { text: t('ui.clients.markAnswered') });
  answer.addEventListener('click', () => {
    void busy(answer, status, () => call('markRequestAnswered', request.id)).then((updated) => {
      if (updated) done();
    });
  });
  item.append(
    el('div', {
      text: [
        request.clientName || request.clientId,
        enumLabel('requestChannel', request.channel, locale()),
        formatDate(request.receivedAt),
      ].join(' · '),
    }),
    el('p', { className: 'summary', text: request.summary }),
    el('p', {
      className: late ? 'error waiting' : 'secondary waiting',
      text: t(late ? 'ui.desk.pastTarget' : 'ui.desk.withinTarget', { waiting: waitingText(minutes) }),
    }),
    el('div', { className: 'inline' }, answer, status),
  );
  if (request.channel === 'telegram') item.insertBefore(replyForm(request, done), item.lastChild);
  return item;
}

/** Loads the open requests, the longest waiting first. */
export function openRequestsPanel(): HTMLElement {
  const body = el('div');
  const panel = el('div', { className: 'card open-requests' }, el('h3', { text: t('ui.desk.requests') }), body);
  void loadInto(
    body,
    () => call('listOpenRequests'),
    (requests) => {
      if (requests.length === 0) {
        body.append(el('p', { className: 'secondary', text: t('ui.desk.noRequests') }));
        return;
      }
      const now = Date.now();
      const oldestFirst = [...requests].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
      body.append(el('ul', { className: 'plain' }, ...oldestFirst.map((request) => openItem(request, now))));
    },
  );
  return panel;
}
