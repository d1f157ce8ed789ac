// Sheets about reaching clients: segments, campaigns, each send, templates and discount codes.
import { column, FORMATS, type SheetSpec } from './types';

export const SEGMENTS: SheetSpec = {
  key: 'segments',
  name: 'sheet.segments',
  identity: ['id'],
  columns: [
    column('id', 'Segment ID', 'ID сегмента', 'id', { required: true, aliases: ['id'] }),
    column('name', 'Name', 'Название', 'text', { required: true }),
    column('rules', 'Rules', 'Правила', 'text', { maxLength: 20000, aliases: ['rule', 'условия'] }),
    column('description', 'Description', 'Описание', 'text'),
    column('members', 'Members', 'Клиентов', 'number', { derived: true, numberFormat: FORMATS.integer, aliases: ['count', 'size', 'количество'] }),
    column('updatedAt', 'Updated at', 'Обновлён', 'datetime', { derived: true, aliases: ['updated', 'обновлено'] }),
  ],
};

export const CAMPAIGNS: SheetSpec = {
  key: 'campaigns',
  name: 'sheet.campaigns',
  aliases: ['Рассылки'],
  identity: ['id'],
  columns: [
    column('id', 'Campaign ID', 'ID кампании', 'id', { required: true, aliases: ['id'] }),
    column('name', 'Name', 'Название', 'text', { required: true }),
    column('segmentId', 'Segment', 'Сегмент', 'id', { aliases: ['segment id'] }),
    column('template', 'Template', 'Шаблон', 'text'),
    column('senderName', 'Sender name', 'Имя отправителя', 'text', { aliases: ['from', 'от кого'] }),
    column('replyTo', 'Reply-to', 'Адрес для ответа', 'email', { aliases: ['reply to', 'ответ на'] }),
    column('scheduledAt', 'Scheduled at', 'Запланирована на', 'datetime', { aliases: ['scheduled', 'когда'] }),
    column('status', 'Status', 'Статус', 'enum', { enumKey: 'campaignStatus', required: true }),
    column('cost', 'Cost', 'Затраты', 'money', { validation: { kind: 'number', min: 0 }, aliases: ['стоимость'] }),
    column('createdAt', 'Created at', 'Создана', 'datetime', { aliases: ['created'] }),
    column('recipients', 'Recipients', 'Получателей', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sent', 'Sent', 'Отправлено', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('skipped', 'Skipped', 'Пропущено', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('failed', 'Failed', 'Ошибок', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('orders', 'Orders', 'Заказов', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('revenue', 'Revenue', 'Выручка', 'money', { derived: true }),
    column('conversionRate', 'Conversion', 'Конверсия', 'number', { derived: true, numberFormat: FORMATS.percent }),
    column('roi', 'ROI', 'ROI', 'number', { derived: true, numberFormat: FORMATS.percent }),
    column('note', 'Note', 'Заметка', 'text', { aliases: ['notes', 'заметки', 'комментарий'] }),
  ],
};

export const SENDS: SheetSpec = {
  key: 'sends',
  name: 'sheet.sends',
  // A flow mails one client once per occasion (order:O-12, birthday:2026); a campaign once, occasion blank.
  identity: ['campaignId', 'clientId', 'occasion'],
  columns: [
    column('campaignId', 'Campaign', 'Кампания', 'id', { required: true, aliases: ['campaign id', 'flow'] }),
    column('clientId', 'Client ID', 'ID клиента', 'id', { required: true }),
    column('occasion', 'Occasion', 'Повод', 'text', { aliases: ['повод письма'] }),
    column('email', 'Email', 'Email', 'email', { validation: undefined }),
    column('status', 'Status', 'Статус', 'enum', { enumKey: 'sendStatus', required: true }),
    column('reason', 'Reason', 'Причина', 'text', { aliases: ['error', 'ошибка'] }),
    column('at', 'At', 'Когда', 'datetime', { aliases: ['time', 'date', 'время', 'дата'] }),
    column('draftId', 'Draft ID', 'ID черновика', 'id'),
  ],
};

export const TEMPLATES: SheetSpec = {
  key: 'templates',
  name: 'sheet.templates',
  identity: ['name'],
  columns: [
    column('name', 'Name', 'Название', 'text', { required: true }),
    column('subject', 'Subject', 'Тема', 'text', { required: true, aliases: ['тема письма'] }),
    column('htmlBody', 'HTML body', 'HTML-текст', 'text', { maxLength: 45000, aliases: ['html', 'body'] }),
    column('textBody', 'Text body', 'Простой текст', 'text', { maxLength: 45000, aliases: ['text', 'plain text', 'текст'] }),
  ],
};

export const DISCOUNT_CODES: SheetSpec = {
  key: 'discountCodes',
  name: 'sheet.discountCodes',
  identity: ['code'],
  columns: [
    column('code', 'Code', 'Код', 'id', { required: true, aliases: ['promo code', 'промокод'] }),
    column('clientId', 'Client ID', 'ID клиента', 'id'),
    column('percent', 'Discount', 'Скидка', 'number', { numberFormat: '0%', validation: { kind: 'number', min: 0, max: 1 }, aliases: ['percent', 'процент'] }),
    column('amount', 'Amount off', 'Скидка, сумма', 'money', { validation: { kind: 'number', min: 0 } }),
    column('validUntil', 'Valid until', 'Действует до', 'date', { aliases: ['expires', 'срок'] }),
    column('issuedAt', 'Issued at', 'Выдан', 'datetime'),
    column('usedAt', 'Used at', 'Использован', 'datetime'),
    column('orderId', 'Order ID', 'ID заказа', 'id'),
    column('campaignId', 'Campaign', 'Кампания', 'id'),
    column('note', 'Note', 'Заметка', 'text'),
  ],
};
