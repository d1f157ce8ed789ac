// Open requests: who wrote, through which channel, when, and how long they have waited against the
// studio's answer target (both as the server counts them); mark answered, or reply in Telegram where the
// request came from there.
import type { OpenRequestView, RequestView } from '../../contract/sidebar-api';
import { enumLabel } from '../../domain/cells/enums';
import { busy, el, field, loadInto, pressId, statusLine } from '../dom';
import { call } from '../server';
import { formatDate, formatNumber, locale, t } from '../text';

function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('ui.desk.minutes', { minutes: formatNumber(rest) });
  return rest === 0
    ? t('ui.desk.hours', { hours: formatNumber(hours) })
    : t('ui.desk.hoursMinutes', { hours: formatNumber(hours), minutes: formatNumber(rest) });
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

function openItem(request: OpenRequestView): HTMLElement {
  // Late as the response-time KPI counts it: at the target or past it.
  const late = request.waitingMinutes >= request.targetMinutes;
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
      text: t(late ? 'ui.desk.pastTarget' : 'ui.desk.withinTarget', {
        waiting: durationText(request.waitingMinutes),
        target: durationText(request.targetMinutes),
      }),
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
      // The server answers them oldest first.
      body.append(el('ul', { className: 'plain' }, ...requests.map(openItem)));
    },
  );
  return panel;
}
