// Sheets about reaching clients: segments, campaigns, each send, templates and discount codes.
import { column, FORMATS, type SheetSpec } from './types';

export const SEGMENTS: SheetSpec = {
  key: 'segments',
  name: 'sheet.segments',
  identity: ['id'],
  columns: [
    column('segments', 'id', 'id', { required: true, aliases: ['id'] }),
    column('segments', 'name', 'text', { required: true }),
    column('segments', 'rules', 'text', { maxLength: 20000, aliases: ['rule', 'условия'] }),
    column('segments', 'description', 'text'),
    column('segments', 'members', 'number', {
      derived: true,
      numberFormat: FORMATS.integer,
      aliases: ['count', 'size', 'количество'],
    }),
    column('segments', 'updatedAt', 'datetime', { derived: true, aliases: ['updated', 'обновлено'] }),
  ],
};

export const CAMPAIGNS: SheetSpec = {
  key: 'campaigns',
  name: 'sheet.campaigns',
  aliases: ['Рассылки'],
  identity: ['id'],
  columns: [
    column('campaigns', 'id', 'id', { required: true, aliases: ['id'] }),
    column('campaigns', 'name', 'text', { required: true }),
    column('campaigns', 'segmentId', 'id', { aliases: ['segment id'] }),
    column('campaigns', 'template', 'text'),
    column('campaigns', 'senderName', 'text', { aliases: ['from', 'от кого'] }),
    column('campaigns', 'replyTo', 'email', { aliases: ['reply to', 'ответ на'] }),
    column('campaigns', 'scheduledAt', 'datetime', { aliases: ['scheduled', 'когда'] }),
    column('campaigns', 'status', 'enum', { enumKey: 'campaignStatus', required: true }),
    column('campaigns', 'cost', 'money', { validation: { kind: 'number', min: 0 }, aliases: ['стоимость'] }),
    column('campaigns', 'createdAt', 'datetime', { aliases: ['created'] }),
    column('campaigns', 'recipients', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('campaigns', 'sent', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('campaigns', 'skipped', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('campaigns', 'failed', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('campaigns', 'orders', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('campaigns', 'revenue', 'money', { derived: true }),
    column('campaigns', 'conversionRate', 'number', { derived: true, numberFormat: FORMATS.percent }),
    column('campaigns', 'roi', 'number', { derived: true, numberFormat: FORMATS.percent }),
    column('campaigns', 'note', 'text', { aliases: ['notes', 'заметки', 'комментарий'] }),
  ],
};

export const SENDS: SheetSpec = {
  key: 'sends',
  name: 'sheet.sends',
  // A flow mails one client once per occasion (order:O-12, birthday:2026); a campaign once, occasion blank.
  identity: ['campaignId', 'clientId', 'occasion'],
  columns: [
    column('sends', 'campaignId', 'id', { required: true, aliases: ['campaign id', 'flow'] }),
    column('sends', 'clientId', 'id', { required: true }),
    column('sends', 'occasion', 'text', { aliases: ['повод письма'] }),
    column('sends', 'email', 'email', { validation: undefined }),
    column('sends', 'status', 'enum', { enumKey: 'sendStatus', required: true }),
    // A skip's reason as the list's label in the sheet's language; a failure's reason is free text, kept as written.
    column('sends', 'reason', 'enum', {
      enumKey: 'skipReason',
      orText: true,
      validation: undefined,
      aliases: ['error', 'ошибка'],
    }),
    column('sends', 'at', 'datetime', { aliases: ['time', 'date', 'время', 'дата'] }),
    column('sends', 'draftId', 'id'),
    column('sends', 'threadId', 'id', { aliases: ['thread', 'цепочка'] }),
    column('sends', 'bouncedAt', 'datetime', { aliases: ['bounced'] }),
    column('sends', 'bounceStatus', 'text', { aliases: ['dsn status'] }),
    column('sends', 'repliedAt', 'datetime', { aliases: ['replied'] }),
    // The message id Telegram answered for this row's message (the client's preferred channel).
    column('sends', 'telegramMessageId', 'id', { aliases: ['telegram message', 'сообщение telegram'] }),
  ],
};

/** Sends rolled up (see domain/campaigns/rollup.ts): a campaign's totals (client blank) or a client's (campaign blank). */
export const SEND_TOTALS: SheetSpec = {
  key: 'sendTotals',
  name: 'sheet.sendTotals',
  identity: ['campaignId', 'clientId'],
  columns: [
    column('sendTotals', 'campaignId', 'id'),
    column('sendTotals', 'clientId', 'id'),
    column('sendTotals', 'sent', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sendTotals', 'skipped', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sendTotals', 'failed', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sendTotals', 'skippedByReason', 'text', { derived: true, countsOf: 'skipReason' }),
    column('sendTotals', 'orders', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sendTotals', 'revenue', 'money', { derived: true }),
    column('sendTotals', 'buyers', 'number', { derived: true, numberFormat: FORMATS.integer }),
    column('sendTotals', 'lastAt', 'datetime', { derived: true }),
    column('sendTotals', 'keys', 'text', { derived: true, maxLength: 50000 }),
  ],
};

export const TEMPLATES: SheetSpec = {
  key: 'templates',
  name: 'sheet.templates',
  identity: ['name'],
  columns: [
    column('templates', 'name', 'text', { required: true }),
    column('templates', 'subject', 'text', { required: true, aliases: ['тема письма'] }),
    column('templates', 'htmlBody', 'text', { maxLength: 45000, aliases: ['html', 'body'] }),
    column('templates', 'textBody', 'text', { maxLength: 45000, aliases: ['text', 'plain text', 'текст'] }),
  ],
};

export const DISCOUNT_CODES: SheetSpec = {
  key: 'discountCodes',
  name: 'sheet.discountCodes',
  identity: ['code'],
  columns: [
    column('discountCodes', 'code', 'id', { required: true, aliases: ['promo code', 'промокод'] }),
    column('discountCodes', 'clientId', 'id'),
    column('discountCodes', 'percent', 'number', {
      numberFormat: '0%',
      validation: { kind: 'number', min: 0, max: 1 },
      aliases: ['percent', 'процент'],
    }),
    column('discountCodes', 'amount', 'money', { validation: { kind: 'number', min: 0 } }),
    column('discountCodes', 'validUntil', 'date', { aliases: ['expires', 'срок'] }),
    column('discountCodes', 'issuedAt', 'datetime'),
    column('discountCodes', 'usedAt', 'datetime'),
    column('discountCodes', 'orderId', 'id'),
    column('discountCodes', 'campaignId', 'id'),
    column('discountCodes', 'note', 'text'),
  ],
};
