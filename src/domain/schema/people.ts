// Sheets about clients and what they bought, said and asked.
import { column, FORMATS, type SheetSpec } from './types';

export const CLIENTS: SheetSpec = {
  key: 'clients',
  name: 'sheet.clients',
  aliases: ['Customers', 'Клиенты студии'],
  identity: ['id'],
  columns: [
    column('clients', 'id', 'id', { required: true, aliases: ['id', 'client id'] }),
    column('clients', 'name', 'text', { aliases: ['full name', 'client', 'клиент', 'фио'] }),
    column('clients', 'firstName', 'text', { aliases: ['first name', 'обращение'] }),
    column('clients', 'email', 'email', {
      aliases: ['e-mail', 'email address', 'почта', 'эл. почта', 'электронная почта', 'адрес электронной почты'],
    }),
    column('clients', 'twitch', 'text', { aliases: ['twitch', 'channel', 'канал', 'твич'] }),
    column('clients', 'topic', 'enum', { enumKey: 'channelTopic', aliases: ['topic', 'тематика', 'тема канала'] }),
    column('clients', 'country', 'text'),
    column('clients', 'city', 'text'),
    column('clients', 'birthday', 'date', { aliases: ['date of birth', 'дата рождения'] }),
    column('clients', 'source', 'text', { aliases: ['how did you find us', 'откуда узнали'] }),
    column('clients', 'consentAt', 'datetime', { aliases: ['consent', 'согласие'] }),
    column('clients', 'consentVersion', 'text'),
    column('clients', 'unsubscribedAt', 'datetime', { aliases: ['unsubscribed', 'отписка'] }),
    column('clients', 'bouncedAt', 'datetime', { aliases: ['bounced'] }),
    column('clients', 'bounceReason', 'text', { aliases: ['bounce reason'] }),
    column('clients', 'createdAt', 'datetime', { aliases: ['created', 'дата добавления'] }),
    column('clients', 'referralCode', 'text'),
    column('clients', 'referredBy', 'id', { aliases: ['referrer', 'пригласил'] }),
    column('clients', 'locale', 'enum', { enumKey: 'language', aliases: ['locale', 'lang'] }),
    column('clients', 'notes', 'text', { aliases: ['comment', 'комментарий', 'примечание'] }),
    column('clients', 'pointsBalance', 'number', {
      derived: true,
      numberFormat: FORMATS.integer,
      aliases: ['points balance', 'баланс баллов'],
    }),
    column('clients', 'tier', 'text', { derived: true, aliases: ['tier', 'уровень'] }),
    // The day the client last qualified for their tier: the grace period before moving down runs from it.
    column('clients', 'tierSince', 'date', { derived: true, aliases: ['tier since', 'уровень с'] }),
    column('clients', 'lifecycle', 'text', { derived: true, aliases: ['lifecycle', 'этап'] }),
    column('clients', 'rfmSegment', 'text', { derived: true, aliases: ['rfm segment', 'rfm'] }),
    column('clients', 'churnRisk', 'number', {
      derived: true,
      numberFormat: FORMATS.percent,
      aliases: ['churn risk', 'риск ухода'],
    }),
    column('clients', 'predictedValue', 'money', {
      derived: true,
      aliases: ['predicted value', 'clv', 'прогноз выручки'],
    }),
    column('clients', 'nextOrderExpected', 'date', {
      derived: true,
      orText: true,
      aliases: ['next order expected', 'ожидаемый заказ'],
    }),
    // Telegram (docs/telegram.md): the chat bound by the client's /start link, when it was bound (their consent to
    // messages there), and when Telegram said the client blocked the bot.
    column('clients', 'telegramChatId', 'text', { aliases: ['telegram', 'телеграм'] }),
    column('clients', 'telegramLinkedAt', 'datetime'),
    column('clients', 'telegramUnreachableAt', 'datetime'),
    // Email, Telegram or both (blank): a client who chose email gets nothing from the bot but replies.
    column('clients', 'preferredChannel', 'enum', {
      enumKey: 'preferredChannel',
      aliases: ['preferred channel', 'канал связи'],
    }),
  ],
};

export const ORDERS: SheetSpec = {
  key: 'orders',
  name: 'sheet.orders',
  identity: ['id'],
  columns: [
    column('orders', 'id', 'id', { required: true, aliases: ['id', 'order', 'заказ', 'номер заказа'] }),
    column('orders', 'clientId', 'id', { aliases: ['client'] }),
    column('orders', 'clientEmail', 'email', { aliases: ['email', 'e-mail', 'почта'] }),
    column('orders', 'date', 'date', { required: true, aliases: ['order date', 'дата заказа'] }),
    column('orders', 'product', 'text', { aliases: ['item', 'товар', 'услуга', 'категория'] }),
    column('orders', 'quantity', 'number', {
      numberFormat: FORMATS.integer,
      validation: { kind: 'number', min: 0 },
      aliases: ['qty', 'кол-во', 'шт'],
    }),
    column('orders', 'amount', 'money', {
      required: true,
      validation: { kind: 'number' },
      aliases: ['total', 'price', 'цена', 'стоимость'],
    }),
    column('orders', 'status', 'enum', { enumKey: 'orderStatus', required: true }),
    column('orders', 'completedAt', 'datetime', { aliases: ['completed', 'дата выполнения'] }),
    column('orders', 'pointsRedeemed', 'number', {
      numberFormat: FORMATS.integer,
      validation: { kind: 'number', min: 0 },
    }),
    column('orders', 'discountCode', 'text', { aliases: ['promo code', 'coupon', 'купон'] }),
    column('orders', 'campaignId', 'id', { aliases: ['attributed campaign', 'campaign id'] }),
    column('orders', 'notes', 'text', { aliases: ['comment', 'комментарий'] }),
  ],
};

export const FEEDBACK: SheetSpec = {
  key: 'feedback',
  name: 'sheet.feedback',
  identity: ['id'],
  columns: [
    column('feedback', 'id', 'id', { required: true, aliases: ['id'] }),
    column('feedback', 'date', 'datetime', { required: true }),
    column('feedback', 'clientId', 'id'),
    column('feedback', 'orderId', 'id'),
    column('feedback', 'rating', 'number', { validation: { kind: 'number', min: 1, max: 5 } }),
    column('feedback', 'nps', 'number', {
      validation: { kind: 'number', min: 0, max: 10 },
      aliases: ['recommend', 'порекомендуете'],
    }),
    column('feedback', 'comment', 'text', { aliases: ['review', 'отзыв'] }),
    column('feedback', 'mayQuote', 'boolean', { aliases: ['quote', 'цитировать'] }),
    column('feedback', 'responseId', 'id'),
  ],
};

export const REQUESTS: SheetSpec = {
  key: 'requests',
  name: 'sheet.requests',
  aliases: ['Заявки'],
  identity: ['id'],
  columns: [
    column('requests', 'id', 'id', { required: true, aliases: ['id'] }),
    column('requests', 'clientId', 'id'),
    column('requests', 'channel', 'enum', { enumKey: 'requestChannel' }),
    column('requests', 'receivedAt', 'datetime', { required: true, aliases: ['received', 'date', 'дата'] }),
    column('requests', 'answeredAt', 'datetime', { aliases: ['answered', 'ответ'] }),
    column('requests', 'summary', 'text', { aliases: ['subject', 'тема', 'описание'] }),
    // The last Telegram update folded into this request: a poll cut off before it stored its offset skips it on rerun.
    column('requests', 'telegramUpdateId', 'number', { numberFormat: FORMATS.integer }),
    column('requests', 'threadId', 'id', { aliases: ['thread', 'цепочка'] }),
  ],
};

export const LOYALTY: SheetSpec = {
  key: 'loyalty',
  name: 'sheet.loyalty',
  aliases: ['Loyalty ledger', 'Лояльность'],
  identity: ['id'],
  columns: [
    column('loyalty', 'id', 'id', { required: true, aliases: ['id'] }),
    column('loyalty', 'date', 'datetime', { required: true }),
    column('loyalty', 'clientId', 'id', { required: true }),
    column('loyalty', 'kind', 'enum', { enumKey: 'ledgerKind', required: true, aliases: ['type', 'тип'] }),
    column('loyalty', 'points', 'number', {
      required: true,
      numberFormat: FORMATS.integer,
      validation: { kind: 'number' },
    }),
    column('loyalty', 'key', 'text'),
    column('loyalty', 'orderId', 'id'),
    column('loyalty', 'reason', 'text'),
    column('loyalty', 'by', 'text', { aliases: ['author', 'автор'] }),
    // The reason's machine part (`orderEarned amount=5250 rate=0.05`): the rate a refund re-prices with, the keys a
    // roll-up settled. Kept apart so the Reason cell is only the sentence; a sheet without it keeps the suffix there.
    column('loyalty', 'reasonCode', 'text', { suffixOf: 'reason', aliases: ['reason code'] }),
  ],
};
