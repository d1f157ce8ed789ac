// One client's card: who they are, what the analysis says, their loyalty account and history,
// and the forms for the actions staff take from the card.
import type {
  CardPart,
  ClientCardView,
  ClientInsights,
  ClientMailView,
  FiveWView,
  LoyaltyCard,
  RequestView,
} from '../../contract/sidebar-api';
import { busy, el, field, option, pressId, statusLine } from '../dom';
import { call, errorText } from '../server';
import { loyaltyDesk } from './loyalty-desk';
import { enumLabel } from '../../domain/cells/enums';
import { withCurrency } from '../../domain/cells/money';
import { countOf, formatDate, formatDateTime, formatNumber, locale, t } from '../text';

export interface LoadedCard {
  card: ClientCardView;
  insights: ClientInsights | Error;
  loyalty: LoyaltyCard | Error;
  mails: ClientMailView[] | Error;
}

/** The whole card in one call (one execution); a part that failed becomes its sentence as an Error. */
export async function loadCard(id: string): Promise<LoadedCard> {
  const card = await call('getClientCard', id);
  const settled = <T>(part: CardPart<T>): T | Error => (part.ok ? part.value : new Error(part.error));
  return { card, insights: settled(card.insights), loyalty: settled(card.loyalty), mails: settled(card.mails) };
}

const CHANNELS = ['email', 'twitch', 'discord', 'telegram', 'other'] as const;

function facts(pairs: Array<[string, string]>): HTMLElement {
  const list = el('dl', { className: 'facts' });
  for (const [name, value] of pairs) list.append(el('dt', { text: name }), el('dd', { text: value }));
  return list;
}

function failed(error: Error): HTMLElement {
  return el('p', { className: 'error', text: errorText(error) });
}

/**
 * A part of the card as the card's one call answered it; a part that failed says why, with a button that
 * asks for that part alone again.
 */
function partBlock<T>(value: T | Error, draw: (value: T) => HTMLElement, again: () => Promise<T>): HTMLElement {
  if (!(value instanceof Error)) return draw(value);
  const holder = el('div', { className: 'card-part' });
  const retry = el('button', { text: t('ui.retry') });
  const status = statusLine();
  retry.addEventListener('click', () => {
    void busy(retry, status, again).then((fresh) => {
      if (fresh !== undefined) holder.replaceChildren(draw(fresh));
    });
  });
  holder.append(failed(value), el('div', { className: 'inline' }, retry, status));
  return holder;
}

function insightsBlock(insights: ClientInsights): HTMLElement {
  const unknown = t('ui.clients.unknown');
  return facts([
    [t('ui.clients.lifecycle'), insights.lifecycle || unknown],
    [t('ui.clients.rfm'), insights.rfm || unknown],
    [t('ui.clients.churnRisk'), insights.churnRisk === null ? unknown : `${formatNumber(insights.churnRisk * 100)} %`],
    [
      t('ui.clients.predictedValue'),
      insights.predictedValue === null
        ? unknown
        : withCurrency(formatNumber(insights.predictedValue, 0), insights.currency),
    ],
    [
      t('ui.clients.nextOrder'),
      insights.nextOrderOverdueDays
        ? t('ui.clients.overdue', { days: countOf(insights.nextOrderOverdueDays, 'days') })
        : insights.nextOrderExpected
          ? formatDate(insights.nextOrderExpected)
          : unknown,
    ],
    [t('ui.clients.segments'), insights.segments.join(', ') || '—'],
  ]);
}

function loyaltyBlock(loyalty: LoyaltyCard): HTMLElement {
  const block = el('div', { className: 'loyalty' });
  block.append(
    facts([
      [t('ui.clients.balance'), countOf(loyalty.balance, 'points')],
      [t('ui.clients.tier'), loyalty.tier || '—'],
      [
        t('ui.clients.discount'),
        loyalty.discount.percent > 0 ? `${loyalty.discount.percent} % (${loyalty.discount.source})` : '—',
      ],
    ]),
  );
  block.querySelectorAll('dd')[0]?.setAttribute('data-balance', String(loyalty.balance));
  if (loyalty.expiringSoon)
    block.append(
      el('p', {
        className: 'secondary',
        text: t('ui.clients.expiring', {
          points: countOf(loyalty.expiringSoon.points, 'points'),
          date: formatDate(loyalty.expiringSoon.firstExpiresAt),
        }),
      }),
    );
  if (loyalty.recommendations.length > 0) {
    block.append(
      el('h3', { text: t('ui.clients.recommendations') }),
      el(
        'ul',
        { className: 'plain' },
        ...loyalty.recommendations.map((item) =>
          el('li', { text: item.because ? `${item.product} — ${item.because}` : item.product }),
        ),
      ),
    );
  }
  block.append(
    el('h3', { text: t('ui.clients.ledger') }),
    list(
      loyalty.lastEntries.map(
        (entry) => `${formatDate(entry.date)} · ${entry.points > 0 ? '+' : ''}${entry.points} · ${entry.reason}`,
      ),
    ),
  );
  return block;
}

/** Mails received: date, campaign or flow, status; why a mail was skipped or failed below it. */
function mailsBlock(mails: ClientMailView[]): HTMLElement {
  if (mails.length === 0) return el('p', { className: 'secondary', text: t('ui.clients.mailsNone') });
  return el(
    'ul',
    { className: 'plain mails' },
    ...mails.map((mail) =>
      el(
        'li',
        { attrs: { 'data-mail': mail.campaignId, 'data-status': mail.status } },
        el('div', {
          text: [formatDateTime(mail.at), mail.name, enumLabel('sendStatus', mail.status, locale())]
            .filter(Boolean)
            .join(' · '),
        }),
        mail.kind === 'flow' || mail.reason
          ? el('div', {
              className: 'secondary hint',
              text: [mail.kind === 'flow' ? t('ui.clients.mailFlow') : '', mail.reason].filter(Boolean).join(' · '),
            })
          : null,
      ),
    ),
  );
}

function list(lines: string[]): HTMLElement {
  if (lines.length === 0) return el('p', { className: 'secondary', text: t('ui.clients.nothing') });
  return el('ul', { className: 'plain' }, ...lines.map((line) => el('li', { text: line })));
}

function requestItem(request: RequestView): HTMLElement {
  const item = el(
    'li',
    { attrs: { 'data-request': request.id } },
    el('div', {
      text: `${formatDateTime(request.receivedAt)} · ${enumLabel('requestChannel', request.channel, locale())} · ${request.summary}`,
    }),
  );
  if (request.answeredAt) {
    item.append(
      el('div', {
        className: 'secondary',
        text: t('ui.clients.answered', { date: formatDateTime(request.answeredAt) }),
      }),
    );
    return item;
  }
  const status = statusLine();
  const answer = el('button', { text: t('ui.clients.markAnswered') });
  answer.addEventListener('click', () => {
    void busy(answer, status, () => call('markRequestAnswered', request.id)).then((updated) => {
      if (updated) item.replaceWith(requestItem(updated));
    });
  });
  item.append(el('div', { className: 'inline' }, answer, status));
  return item;
}

function requestForm(clientId: string, into: HTMLElement): HTMLElement {
  const channel = el('select');
  for (const name of CHANNELS) channel.append(option(name, enumLabel('requestChannel', name, locale())));
  const summary = el('textarea', { attrs: { required: true } });
  const log = el('button', { className: 'action', text: t('ui.clients.log'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card log-request' },
    el('h3', { text: t('ui.clients.logRequest') }),
    field(t('ui.clients.channel'), channel),
    field(t('ui.clients.summary'), summary),
    el('div', { className: 'inline' }, log, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request = { clientId, channel: channel.value, summary: summary.value, pressId: pressId() };
    void busy(log, status, () => call('logRequest', request)).then((logged) => {
      if (!logged) return;
      summary.value = '';
      into.querySelector('.empty')?.remove();
      into.prepend(requestItem(logged));
    });
  });
  return form;
}

function adjustForm(clientId: string, reload: () => void): HTMLElement {
  const points = el('input', { attrs: { type: 'number', step: '1', required: true } });
  const reason = el('input', { attrs: { type: 'text', required: true } });
  const apply = el('button', { className: 'action', text: t('ui.clients.apply'), attrs: { type: 'submit' } });
  const status = statusLine();
  const form = el(
    'form',
    { className: 'card adjust-points' },
    el('h3', { text: t('ui.clients.adjust') }),
    field(t('ui.clients.points'), points),
    field(t('ui.clients.reason'), reason),
    el('div', { className: 'inline' }, apply, status),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const adjustment = { clientId, points: Number(points.value), reason: reason.value, pressId: pressId() };
    void busy(apply, status, () => call('adjustPoints', adjustment)).then((changed) => {
      if (changed) reload();
    });
  });
  return form;
}

/** The 5W card: what they order, who they are, why, when and where, each a short line in the staff language. */
function fiveWBlock(five: FiveWView | undefined): HTMLElement {
  if (!five) return el('div');
  const none = '—';
  const what = five.what
    .map((item) => t('ui.clients.fiveW.product', { product: item.product, orders: item.orders }))
    .join(', ');
  const who = [five.who.stage, five.who.segment, five.who.tier, five.who.topic].filter(Boolean).join(' · ');
  const when = [
    t('ui.clients.fiveW.orders', { count: five.when.orders }),
    five.when.rhythmDays !== null ? t('ui.clients.fiveW.rhythm', { days: countOf(five.when.rhythmDays, 'days') }) : '',
    five.when.lastOrder ? t('ui.clients.fiveW.last', { date: formatDate(five.when.lastOrder) }) : '',
    five.when.overdueDays !== null
      ? t('ui.clients.overdue', { days: countOf(five.when.overdueDays, 'days') })
      : five.when.nextExpected
        ? t('ui.clients.fiveW.next', { date: formatDate(five.when.nextExpected) })
        : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const where = [
    five.where.source ? t('ui.clients.fiveW.found', { source: five.where.source }) : '',
    five.where.channels.length > 0
      ? t('ui.clients.fiveW.writes', {
          channels: five.where.channels.map((channel) => enumLabel('requestChannel', channel, locale())).join(', '),
        })
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const rows: Array<[string, string, string]> = [
    ['what', t('ui.clients.fiveW.what'), what || none],
    ['who', t('ui.clients.fiveW.who'), who || none],
    ['why', t('ui.clients.fiveW.why'), five.why.join(' · ') || none],
    ['when', t('ui.clients.fiveW.when'), when || none],
    ['where', t('ui.clients.fiveW.where'), where || none],
  ];
  const list = el('dl', { className: 'facts five-w' });
  for (const [part, name, value] of rows)
    list.append(el('dt', { text: name }), el('dd', { text: value, attrs: { 'data-5w': part } }));
  return list;
}

export function cardView(loaded: LoadedCard, reload: () => void): HTMLElement {
  const { card } = loaded;
  const profile = card.profile;
  const requests = el('ul', { className: 'plain requests' }, ...card.requests.map(requestItem));
  if (card.requests.length === 0)
    requests.append(el('li', { className: 'secondary empty', text: t('ui.clients.nothing') }));
  return el(
    'article',
    { attrs: { 'data-client-card': profile.id } },
    el('h2', { text: profile.name || profile.email }),
    el('p', {
      className: 'secondary',
      text: [profile.email, profile.twitch, [profile.city, profile.country].filter(Boolean).join(', ')]
        .filter(Boolean)
        .join(' · '),
    }),
    fiveWBlock(card.fiveW),
    partBlock(loaded.insights, insightsBlock, () => call('getClientInsights', profile.id)),
    el('h3', { text: t('ui.clients.loyalty') }),
    partBlock(loaded.loyalty, loyaltyBlock, () => call('getLoyaltyCard', profile.id)),
    adjustForm(profile.id, reload),
    loyaltyDesk(profile.id),
    el('h3', { text: t('ui.clients.orders') }),
    list(
      card.orders.map(
        (order) =>
          `${formatDate(order.date)} · ${order.product} × ${order.quantity} · ${withCurrency(formatNumber(order.amount), card.currency)} · ${enumLabel('orderStatus', order.status, locale())}`,
      ),
    ),
    el('h3', { text: t('ui.clients.feedback') }),
    list(
      card.feedback.map(
        (feedback) => `${formatDate(feedback.date)} · ${feedback.rating ?? '—'}/5 · ${feedback.comment}`,
      ),
    ),
    el('h3', { text: t('ui.clients.mails') }),
    partBlock(loaded.mails, mailsBlock, () => call('getClientMails', profile.id)),
    el('h3', { text: t('ui.clients.requests') }),
    requests,
    requestForm(profile.id, requests),
  );
}
