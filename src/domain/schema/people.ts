// Sheets about clients and what they bought, said and asked.
import { column, FORMATS, type SheetSpec } from './types';

export const CLIENTS: SheetSpec = {
  key: 'clients',
  name: { en: 'Clients', ru: 'Клиенты' },
  aliases: ['Customers', 'Клиенты студии'],
  identity: ['id'],
  columns: [
    column('id', 'Client ID', 'ID клиента', 'id', { required: true, aliases: ['id', 'client id'] }),
    column('name', 'Name', 'Имя', 'text', { aliases: ['full name', 'client', 'клиент', 'фио'] }),
    column('firstName', 'First name', 'Имя для письма', 'text', { aliases: ['first name', 'обращение'] }),
    column('email', 'Email', 'Email', 'email', { aliases: ['e-mail', 'email address', 'почта', 'эл. почта', 'электронная почта', 'адрес электронной почты'] }),
    column('twitch', 'Twitch channel', 'Канал Twitch', 'text', { aliases: ['twitch', 'channel', 'канал', 'твич'] }),
    column('topic', 'Channel topic', 'Тематика канала', 'enum', { enumKey: 'channelTopic', aliases: ['topic', 'тематика', 'тема канала'] }),
    column('country', 'Country', 'Страна', 'text'),
    column('city', 'City', 'Город', 'text'),
    column('birthday', 'Birthday', 'День рождения', 'date', { aliases: ['date of birth', 'дата рождения'] }),
    column('source', 'Source', 'Источник', 'text', { aliases: ['how did you find us', 'откуда узнали'] }),
    column('consentAt', 'Consent given at', 'Согласие дано', 'datetime', { aliases: ['consent', 'согласие'] }),
    column('consentVersion', 'Consent text version', 'Версия текста согласия', 'text'),
    column('unsubscribedAt', 'Unsubscribed at', 'Отписался', 'datetime', { aliases: ['unsubscribed', 'отписка'] }),
    column('bouncedAt', 'Bounced at', 'Письмо не доставлено', 'datetime', { aliases: ['bounced'] }),
    column('createdAt', 'Created at', 'Добавлен', 'datetime', { aliases: ['created', 'дата добавления'] }),
    column('referralCode', 'Referral code', 'Реферальный код', 'text'),
    column('referredBy', 'Referred by', 'Пришёл от', 'id', { aliases: ['referrer', 'пригласил'] }),
    column('locale', 'Language', 'Язык', 'enum', { enumKey: 'language', aliases: ['locale', 'lang'] }),
    column('notes', 'Notes', 'Заметки', 'text', { aliases: ['comment', 'комментарий', 'примечание'] }),
    column('pointsBalance', 'Points balance (auto)', 'Баланс баллов (авто)', 'number', { derived: true, numberFormat: FORMATS.integer, aliases: ['points balance', 'баланс баллов'] }),
    column('tier', 'Tier (auto)', 'Уровень (авто)', 'text', { derived: true, aliases: ['tier', 'уровень'] }),
    // The day the client last qualified for their tier: the grace period before moving down runs from it.
    column('tierSince', 'Tier since (auto)', 'Уровень с (авто)', 'date', { derived: true, aliases: ['tier since', 'уровень с'] }),
    column('lifecycle', 'Lifecycle (auto)', 'Этап (авто)', 'text', { derived: true, aliases: ['lifecycle', 'этап'] }),
    column('rfmSegment', 'RFM segment (auto)', 'RFM-сегмент (авто)', 'text', { derived: true, aliases: ['rfm segment', 'rfm'] }),
    column('churnRisk', 'Churn risk (auto)', 'Риск ухода (авто)', 'number', { derived: true, numberFormat: FORMATS.percent, aliases: ['churn risk', 'риск ухода'] }),
    column('predictedValue', 'Predicted value (auto)', 'Прогноз выручки (авто)', 'money', { derived: true, aliases: ['predicted value', 'clv', 'прогноз выручки'] }),
    column('nextOrderExpected', 'Next order expected (auto)', 'Ожидаемый заказ (авто)', 'date', { derived: true, aliases: ['next order expected', 'ожидаемый заказ'] }),
    // Telegram (docs/telegram.md): the chat bound by the client's /start link, when it was bound (their consent to
    // messages there), and when Telegram said the client blocked the bot.
    column('telegramChatId', 'Telegram chat', 'Чат Telegram', 'text', { aliases: ['telegram', 'телеграм'] }),
    column('telegramLinkedAt', 'Telegram linked at', 'Telegram подключён', 'datetime'),
    column('telegramUnreachableAt', 'Telegram unreachable since', 'Telegram недоступен с', 'datetime'),
  ],
};

export const ORDERS: SheetSpec = {
  key: 'orders',
  name: { en: 'Orders', ru: 'Заказы' },
  identity: ['id'],
  columns: [
    column('id', 'Order ID', 'ID заказа', 'id', { required: true, aliases: ['id', 'order', 'заказ', 'номер заказа'] }),
    column('clientId', 'Client ID', 'ID клиента', 'id', { aliases: ['client'] }),
    column('clientEmail', 'Client email', 'Email клиента', 'email', { aliases: ['email', 'e-mail', 'почта'] }),
    column('date', 'Date', 'Дата', 'date', { required: true, aliases: ['order date', 'дата заказа'] }),
    column('product', 'Product', 'Продукт', 'text', { aliases: ['item', 'товар', 'услуга', 'категория'] }),
    column('quantity', 'Quantity', 'Количество', 'number', { numberFormat: FORMATS.integer, validation: { kind: 'number', min: 0 }, aliases: ['qty', 'кол-во', 'шт'] }),
    column('amount', 'Amount', 'Сумма', 'money', { required: true, validation: { kind: 'number' }, aliases: ['total', 'price', 'цена', 'стоимость'] }),
    column('status', 'Status', 'Статус', 'enum', { enumKey: 'orderStatus', required: true }),
    column('completedAt', 'Completed at', 'Выполнен', 'datetime', { aliases: ['completed', 'дата выполнения'] }),
    column('pointsRedeemed', 'Points redeemed', 'Списано баллов', 'number', { numberFormat: FORMATS.integer, validation: { kind: 'number', min: 0 } }),
    column('discountCode', 'Discount code', 'Промокод', 'text', { aliases: ['promo code', 'coupon', 'купон'] }),
    column('campaignId', 'Campaign', 'Кампания', 'id', { aliases: ['attributed campaign', 'campaign id'] }),
    column('notes', 'Notes', 'Заметки', 'text', { aliases: ['comment', 'комментарий'] }),
  ],
};

export const FEEDBACK: SheetSpec = {
  key: 'feedback',
  name: { en: 'Feedback', ru: 'Отзывы' },
  identity: ['id'],
  columns: [
    column('id', 'Feedback ID', 'ID отзыва', 'id', { required: true, aliases: ['id'] }),
    column('date', 'Date', 'Дата', 'datetime', { required: true }),
    column('clientId', 'Client ID', 'ID клиента', 'id'),
    column('orderId', 'Order ID', 'ID заказа', 'id'),
    column('rating', 'Rating', 'Оценка', 'number', { validation: { kind: 'number', min: 1, max: 5 } }),
    column('nps', 'NPS', 'NPS', 'number', { validation: { kind: 'number', min: 0, max: 10 }, aliases: ['recommend', 'порекомендуете'] }),
    column('comment', 'Comment', 'Комментарий', 'text', { aliases: ['review', 'отзыв'] }),
    column('mayQuote', 'May quote', 'Можно цитировать', 'boolean', { aliases: ['quote', 'цитировать'] }),
    column('responseId', 'Response ID', 'ID ответа формы', 'id'),
  ],
};

export const REQUESTS: SheetSpec = {
  key: 'requests',
  name: { en: 'Requests', ru: 'Обращения' },
  aliases: ['Заявки'],
  identity: ['id'],
  columns: [
    column('id', 'Request ID', 'ID обращения', 'id', { required: true, aliases: ['id'] }),
    column('clientId', 'Client ID', 'ID клиента', 'id'),
    column('channel', 'Channel', 'Канал', 'enum', { enumKey: 'requestChannel' }),
    column('receivedAt', 'Received at', 'Получено', 'datetime', { required: true, aliases: ['received', 'date', 'дата'] }),
    column('answeredAt', 'Answered at', 'Отвечено', 'datetime', { aliases: ['answered', 'ответ'] }),
    column('summary', 'Summary', 'Суть', 'text', { aliases: ['subject', 'тема', 'описание'] }),
    // The last Telegram update folded into this request: a poll cut off before it stored its offset skips it on rerun.
    column('telegramUpdateId', 'Telegram update', 'Обновление Telegram', 'number', { numberFormat: FORMATS.integer }),
  ],
};

export const LOYALTY: SheetSpec = {
  key: 'loyalty',
  name: { en: 'Loyalty', ru: 'Баллы' },
  aliases: ['Loyalty ledger', 'Лояльность'],
  identity: ['id'],
  columns: [
    column('id', 'Entry ID', 'ID записи', 'id', { required: true, aliases: ['id'] }),
    column('date', 'Date', 'Дата', 'datetime', { required: true }),
    column('clientId', 'Client ID', 'ID клиента', 'id', { required: true }),
    column('kind', 'Kind', 'Вид', 'enum', { enumKey: 'ledgerKind', required: true, aliases: ['type', 'тип'] }),
    column('points', 'Points', 'Баллы', 'number', { required: true, numberFormat: FORMATS.integer, validation: { kind: 'number' } }),
    column('key', 'Key', 'Ключ', 'text'),
    column('orderId', 'Order ID', 'ID заказа', 'id'),
    column('reason', 'Reason', 'Причина', 'text'),
    column('by', 'By', 'Кто', 'text', { aliases: ['author', 'автор'] }),
  ],
};
