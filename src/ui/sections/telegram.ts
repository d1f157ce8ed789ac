// Telegram: connecting the studio's bot (the token is shown masked), the staff alert link, a client's
// deep link with its QR code, and replies to the open Telegram requests.
import type { RequestView, TelegramStatusView } from '../../contract/sidebar-api';
import { busy, el, field, loadInto, pressId, statusLine } from '../dom';
import type { Section } from '../section';
import { call } from '../server';
import { formatDateTime, t } from '../text';
import { qrSvg } from './forms';

/** A link staff copy or open, with its QR code for a phone's camera. */
function linkBlock(url: string, label: string): HTMLElement {
  const picture = el('div', { className: 'qr', attrs: { role: 'img', 'aria-label': label } });
  // The SVG comes from the QR library's own output for our link, not from user-typed markup.
  picture.innerHTML = qrSvg(url);
  return el(
    'div',
    { className: 'telegram-link' },
    el('p', {}, el('a', { text: url, attrs: { href: url, target: '_blank', rel: 'noopener', 'data-link': label } })),
    picture,
  );
}

function botBlock(view: TelegramStatusView, reload: () => void): HTMLElement {
  const status = statusLine();
  if (!view.connected) {
    const token = el('input', { attrs: { type: 'password', autocomplete: 'off', spellcheck: 'false' } });
    const connect = el('button', { className: 'action', text: t('telegram.ui.connect'), attrs: { type: 'submit' } });
    const form = el(
      'form',
      {},
      field(t('telegram.ui.token'), token, t('telegram.ui.tokenHint')),
      el('div', { className: 'inline' }, connect, status),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void busy(connect, status, () => call('connectTelegramBot', token.value)).then((done) => {
        if (done) reload();
      });
    });
    return el('div', { className: 'card telegram-bot' }, el('p', { text: t('telegram.ui.notConnected') }), form);
  }
  const disconnect = el('button', { text: t('telegram.ui.disconnect') });
  disconnect.addEventListener('click', () => {
    void busy(disconnect, status, () => call('disconnectTelegramBot')).then((done) => {
      if (done) reload();
    });
  });
  const staffLink = el('div');
  const getStaffLink = el('button', { className: 'action', text: t('telegram.ui.staffLink') });
  getStaffLink.addEventListener('click', () => {
    void busy(getStaffLink, status, () => call('getTelegramStaffLink')).then((url) => {
      if (url) staffLink.replaceChildren(linkBlock(url, t('telegram.ui.staffLink')));
    });
  });
  return el(
    'div',
    { className: 'card telegram-bot' },
    el('p', { text: t('telegram.ui.connected', { username: view.username ?? '' }) }),
    el('p', { className: 'secondary', text: t('telegram.ui.maskedToken', { token: view.maskedToken ?? '' }) }),
    el('p', { className: 'secondary', text: t('telegram.ui.staffLinkHelp') }),
    el('div', { className: 'inline' }, getStaffLink, disconnect, status),
    staffLink,
  );
}

function clientLinkBlock(): HTMLElement {
  const clientId = el('input', { attrs: { type: 'text', autocomplete: 'off' } });
  const get = el('button', { className: 'action', text: t('telegram.ui.clientLink'), attrs: { type: 'submit' } });
  const status = statusLine();
  const result = el('div');
  const form = el(
    'form',
    {},
    field(t('telegram.ui.clientId'), clientId, t('telegram.ui.clientLinkHelp')),
    el('div', { className: 'inline' }, get, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(get, status, () => call('getTelegramLink', clientId.value)).then((url) => {
      if (url) result.replaceChildren(linkBlock(url, t('telegram.ui.clientLink')));
    });
  });
  return el('div', { className: 'card telegram-client-link' }, form, result);
}

function requestItem(request: RequestView): HTMLElement {
  const text = el('textarea', { attrs: { rows: 3 } });
  const send = el('button', { className: 'action', text: t('telegram.ui.send'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el('form', {}, field(t('telegram.ui.reply'), text), el('div', { className: 'inline' }, send, status));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const press = pressId();
    void busy(send, status, () => call('replyOnTelegram', request.id, text.value, press)).then((answered) => {
      if (!answered) return;
      text.value = '';
      status.show('info', t('telegram.ui.sent', { time: formatDateTime(answered.answeredAt, true) }));
    });
  });
  return el(
    'li',
    { attrs: { 'data-request': request.id } },
    el('h3', { text: `${request.clientName || request.clientId} · ${request.id}` }),
    el('p', { className: 'secondary', text: formatDateTime(request.receivedAt) }),
    el('p', { className: 'summary', text: request.summary }),
    form,
  );
}

function requestsBlock(requests: RequestView[]): HTMLElement {
  const open = requests.filter((request) => request.channel === 'telegram');
  return el(
    'div',
    { className: 'card telegram-requests' },
    el('h3', { text: t('telegram.ui.requests') }),
    open.length === 0
      ? el('p', { className: 'secondary', text: t('telegram.ui.noRequests') })
      : el('ul', { className: 'plain' }, ...open.map(requestItem)),
  );
}

export const telegram: Section = {
  render(root) {
    const bot = el('div');
    const rest = el('div');
    const load = (): void =>
      void loadInto(
        bot,
        () => call('getTelegramStatus'),
        (view) => {
          bot.append(botBlock(view, load));
          rest.replaceChildren();
          if (!view.connected) return;
          const requests = el('div');
          rest.append(clientLinkBlock(), requests);
          void loadInto(
            requests,
            () => call('listOpenRequests'),
            (list) => requests.append(requestsBlock(list)),
          );
        },
      );
    root.append(el('h2', { text: t('ui.section.telegram') }), bot, rest);
    load();
  },
};
