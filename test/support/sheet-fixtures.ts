// Fixture rows written as staff would have them in the sheet: tab names, column titles and list labels
// are literal here, in both languages, so a fixture never goes through the add-on's own schema or cell
// encoders and cannot share a bug with the code under test. (A title the add-on renames breaks these
// fixtures on purpose: the titles are what staff's sheets already hold.)
import type { Emulator } from '../../local/emulator';

type Titles = readonly [ru: string, en: string];
/** [record key, Russian title, English title, list of labels for a choice column] */
type Column = readonly [key: string, ru: string, en: string, labels?: ListKey];

const SHEETS = {
  settings: {
    name: ['Настройки', 'Settings'],
    columns: [
      ['key', 'Ключ', 'Key'],
      ['value', 'Значение', 'Value'],
      ['description', 'Описание', 'Description'],
    ] as const satisfies readonly Column[],
  },
  clients: {
    name: ['Клиенты', 'Clients'],
    columns: [
      ['id', 'ID клиента', 'Client ID'],
      ['name', 'Имя', 'Name'],
      ['firstName', 'Имя для письма', 'First name'],
      ['email', 'Email', 'Email'],
      ['twitch', 'Канал Twitch', 'Twitch channel'],
      ['topic', 'Тематика канала', 'Channel topic', 'channelTopic'],
      ['country', 'Страна', 'Country'],
      ['city', 'Город', 'City'],
      ['birthday', 'День рождения', 'Birthday'],
      ['source', 'Источник', 'Source'],
      ['consentAt', 'Согласие дано', 'Consent given at'],
      ['consentVersion', 'Версия текста согласия', 'Consent text version'],
      ['unsubscribedAt', 'Отписался', 'Unsubscribed at'],
      ['bouncedAt', 'Письмо не доставлено', 'Bounced at'],
      ['bounceReason', 'Причина недоставки', 'Bounce reason'],
      ['createdAt', 'Добавлен', 'Created at'],
      ['referralCode', 'Реферальный код', 'Referral code'],
      ['referredBy', 'Пришёл от', 'Referred by'],
      ['locale', 'Язык', 'Language', 'language'],
      ['notes', 'Заметки', 'Notes'],
      ['pointsBalance', 'Баланс баллов (авто)', 'Points balance (auto)'],
      ['tier', 'Уровень (авто)', 'Tier (auto)'],
      ['tierSince', 'Уровень с (авто)', 'Tier since (auto)'],
      ['lifecycle', 'Этап (авто)', 'Lifecycle (auto)'],
      ['rfmSegment', 'RFM-сегмент (авто)', 'RFM segment (auto)'],
      ['churnRisk', 'Риск ухода (авто)', 'Churn risk (auto)'],
      ['predictedValue', 'Прогноз выручки (авто)', 'Predicted value (auto)'],
      ['nextOrderExpected', 'Ожидаемый заказ (авто)', 'Next order expected (auto)'],
      ['telegramChatId', 'Чат Telegram', 'Telegram chat'],
      ['telegramLinkedAt', 'Telegram подключён', 'Telegram linked at'],
      ['telegramUnreachableAt', 'Telegram недоступен с', 'Telegram unreachable since'],
      ['preferredChannel', 'Канал для сообщений', 'Preferred channel', 'preferredChannel'],
    ] as const satisfies readonly Column[],
  },
  orders: {
    name: ['Заказы', 'Orders'],
    columns: [
      ['id', 'ID заказа', 'Order ID'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['clientEmail', 'Email клиента', 'Client email'],
      ['date', 'Дата', 'Date'],
      ['product', 'Продукт', 'Product'],
      ['quantity', 'Количество', 'Quantity'],
      ['amount', 'Сумма', 'Amount'],
      ['status', 'Статус', 'Status', 'orderStatus'],
      ['completedAt', 'Выполнен', 'Completed at'],
      ['pointsRedeemed', 'Списано баллов', 'Points redeemed'],
      ['discountCode', 'Промокод', 'Discount code'],
      ['campaignId', 'Кампания', 'Campaign'],
      ['notes', 'Заметки', 'Notes'],
    ] as const satisfies readonly Column[],
  },
  feedback: {
    name: ['Отзывы', 'Feedback'],
    columns: [
      ['id', 'ID отзыва', 'Feedback ID'],
      ['date', 'Дата', 'Date'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['orderId', 'ID заказа', 'Order ID'],
      ['rating', 'Оценка', 'Rating'],
      ['nps', 'NPS', 'NPS'],
      ['comment', 'Комментарий', 'Comment'],
      ['mayQuote', 'Можно цитировать', 'May quote'],
      ['responseId', 'ID ответа формы', 'Response ID'],
    ] as const satisfies readonly Column[],
  },
  requests: {
    name: ['Обращения', 'Requests'],
    columns: [
      ['id', 'ID обращения', 'Request ID'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['channel', 'Канал', 'Channel', 'requestChannel'],
      ['receivedAt', 'Получено', 'Received at'],
      ['answeredAt', 'Отвечено', 'Answered at'],
      ['summary', 'Суть', 'Summary'],
      ['telegramUpdateId', 'Обновление Telegram', 'Telegram update'],
      ['threadId', 'Цепочка Gmail', 'Gmail thread'],
    ] as const satisfies readonly Column[],
  },
  segments: {
    name: ['Сегменты', 'Segments'],
    columns: [
      ['id', 'ID сегмента', 'Segment ID'],
      ['name', 'Название', 'Name'],
      ['rules', 'Правила', 'Rules'],
      ['description', 'Описание', 'Description'],
      ['members', 'Клиентов', 'Members'],
      ['updatedAt', 'Обновлён', 'Updated at'],
    ] as const satisfies readonly Column[],
  },
  templates: {
    name: ['Шаблоны', 'Templates'],
    columns: [
      ['name', 'Название', 'Name'],
      ['subject', 'Тема', 'Subject'],
      ['htmlBody', 'HTML-текст', 'HTML body'],
      ['textBody', 'Простой текст', 'Text body'],
    ] as const satisfies readonly Column[],
  },
  campaigns: {
    name: ['Кампании', 'Campaigns'],
    columns: [
      ['id', 'ID кампании', 'Campaign ID'],
      ['name', 'Название', 'Name'],
      ['segmentId', 'Сегмент', 'Segment'],
      ['template', 'Шаблон', 'Template'],
      ['senderName', 'Имя отправителя', 'Sender name'],
      ['replyTo', 'Адрес для ответа', 'Reply-to'],
      ['scheduledAt', 'Запланирована на', 'Scheduled at'],
      ['status', 'Статус', 'Status', 'campaignStatus'],
      ['cost', 'Затраты', 'Cost'],
      ['createdAt', 'Создана', 'Created at'],
      ['recipients', 'Получателей', 'Recipients'],
      ['sent', 'Отправлено', 'Sent'],
      ['skipped', 'Пропущено', 'Skipped'],
      ['failed', 'Ошибок', 'Failed'],
      ['orders', 'Заказов', 'Orders'],
      ['revenue', 'Выручка', 'Revenue'],
      ['conversionRate', 'Конверсия', 'Conversion'],
      ['roi', 'ROI', 'ROI'],
      ['note', 'Заметка', 'Note'],
    ] as const satisfies readonly Column[],
  },
  sends: {
    name: ['Отправки', 'Sends'],
    columns: [
      ['campaignId', 'Кампания', 'Campaign'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['occasion', 'Повод', 'Occasion'],
      ['email', 'Email', 'Email'],
      ['status', 'Статус', 'Status', 'sendStatus'],
      ['reason', 'Причина', 'Reason'],
      ['at', 'Когда', 'At'],
      ['draftId', 'ID черновика', 'Draft ID'],
      ['threadId', 'Цепочка Gmail', 'Gmail thread'],
      ['bouncedAt', 'Не доставлено', 'Bounced at'],
      ['bounceStatus', 'Код недоставки', 'Bounce status'],
      ['repliedAt', 'Ответил', 'Replied at'],
      ['telegramMessageId', 'Сообщение Telegram', 'Telegram message'],
    ] as const satisfies readonly Column[],
  },
  loyalty: {
    name: ['Баллы', 'Loyalty'],
    columns: [
      ['id', 'ID записи', 'Entry ID'],
      ['date', 'Дата', 'Date'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['kind', 'Вид', 'Kind', 'ledgerKind'],
      ['points', 'Баллы', 'Points'],
      ['key', 'Ключ', 'Key'],
      ['orderId', 'ID заказа', 'Order ID'],
      ['reason', 'Причина', 'Reason'],
      ['by', 'Кто', 'By'],
      ['reasonCode', 'Код причины', 'Reason code'],
    ] as const satisfies readonly Column[],
  },
  discountCodes: {
    name: ['Промокоды', 'Discount codes'],
    columns: [
      ['code', 'Код', 'Code'],
      ['clientId', 'ID клиента', 'Client ID'],
      ['percent', 'Скидка', 'Discount'],
      ['amount', 'Скидка, сумма', 'Amount off'],
      ['validUntil', 'Действует до', 'Valid until'],
      ['issuedAt', 'Выдан', 'Issued at'],
      ['usedAt', 'Использован', 'Used at'],
      ['orderId', 'ID заказа', 'Order ID'],
      ['campaignId', 'Кампания', 'Campaign'],
      ['note', 'Заметка', 'Note'],
    ] as const satisfies readonly Column[],
  },
  problems: {
    name: ['Проблемы', 'Problems'],
    columns: [
      ['at', 'Когда', 'At'],
      ['sheet', 'Лист', 'Sheet'],
      ['row', 'Строка', 'Row'],
      ['column', 'Столбец', 'Column'],
      ['value', 'Значение', 'Value'],
      ['message', 'Что не так', 'Message'],
      ['source', 'Источник', 'Source'],
    ] as const satisfies readonly Column[],
  },
} as const;

type ListKey = keyof typeof LABELS;

/** The labels staff pick from in each list, by the value a record holds. */
const LABELS = {
  channelTopic: {
    gaming: ['Игры', 'Gaming'],
    irl: ['IRL', 'IRL'],
    art: ['Творчество', 'Art'],
    music: ['Музыка', 'Music'],
    just_chatting: ['Общение', 'Just Chatting'],
    education: ['Обучение', 'Education'],
    other: ['Другое', 'Other'],
  },
  orderStatus: {
    new: ['Новый', 'New'],
    in_progress: ['В работе', 'In progress'],
    completed: ['Выполнен', 'Completed'],
    cancelled: ['Отменён', 'Cancelled'],
  },
  requestChannel: {
    email: ['Почта', 'Email'],
    twitch: ['Twitch', 'Twitch'],
    discord: ['Discord', 'Discord'],
    telegram: ['Telegram', 'Telegram'],
    other: ['Другое', 'Other'],
  },
  ledgerKind: {
    earn: ['Начисление', 'Earn'],
    bonus: ['Бонус', 'Bonus'],
    redeem: ['Списание', 'Redeem'],
    expire: ['Сгорание', 'Expire'],
    adjust: ['Корректировка', 'Adjust'],
    reverse: ['Отмена', 'Reverse'],
  },
  campaignStatus: {
    draft: ['Черновик', 'Draft'],
    scheduled: ['Запланирована', 'Scheduled'],
    sending: ['Отправляется', 'Sending'],
    paused: ['Приостановлена', 'Paused'],
    done: ['Завершена', 'Done'],
    cancelled: ['Отменена', 'Cancelled'],
  },
  sendStatus: {
    queued: ['В очереди', 'Queued'],
    sent: ['Отправлено', 'Sent'],
    skipped: ['Пропущено', 'Skipped'],
    failed: ['Ошибка', 'Failed'],
  },
  language: { ru: ['Русский', 'Russian'], en: ['Английский', 'English'] },
  preferredChannel: {
    email: ['Почта', 'Email'],
    telegram: ['Telegram', 'Telegram'],
    both: ['Почта и Telegram', 'Email and Telegram'],
  },
} as const satisfies Record<string, Record<string, Titles>>;

export type FixtureSheet = keyof typeof SHEETS;
export type FixtureLocale = 'ru' | 'en';

/** The tab's name in a language. */
export function sheetTitle(sheet: FixtureSheet, locale: FixtureLocale): string {
  const [ru, en]: Titles = SHEETS[sheet].name;
  return locale === 'ru' ? ru : en;
}

/** A record's value as typed in the sheet: a list's value becomes its label (any other text stays as typed), a missing one a blank cell. */
function cellOf(column: Column, value: unknown, locale: FixtureLocale, emu: Emulator): unknown {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return new emu.dateCtor(value.getTime());
  const list = column[3];
  if (list && typeof value === 'string') {
    const labels: Record<string, Titles> = LABELS[list];
    const label = labels[value];
    if (label) return locale === 'ru' ? label[0] : label[1];
  }
  return value;
}

/** The few SpreadsheetApp calls a fixture makes (the emulator's objects are untyped from here). */
interface FixtureRange {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
}
interface FixtureTab {
  getRange(row: number, column: number, rows: number, columns: number): FixtureRange;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(after: number, count: number): unknown;
  insertColumnsAfter(after: number, count: number): unknown;
}
interface FixtureBook {
  getSheetByName(name: string): FixtureTab | null;
  insertSheet(name: string): FixtureTab;
}

/**
 * Appends records (keyed as in the add-on's records) under the sheet's column titles, making the tab with
 * every title when it is missing; a title the tab lacks is an error, so a fixture never silently drops a value.
 */
export function writeFixture(
  emu: Emulator,
  sheet: FixtureSheet,
  records: ReadonlyArray<Record<string, unknown>>,
  locale: FixtureLocale = 'ru',
): void {
  const columns: readonly Column[] = SHEETS[sheet].columns;
  const [ruName, enName]: Titles = SHEETS[sheet].name;
  emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
    emu.rt.internal(() => {
      const book = (
        emu.globals() as { SpreadsheetApp: { getActiveSpreadsheet(): FixtureBook } }
      ).SpreadsheetApp.getActiveSpreadsheet();
      let tab = book.getSheetByName(ruName) ?? book.getSheetByName(enName);
      if (!tab) {
        tab = book.insertSheet(sheetTitle(sheet, locale));
        const titles = columns.map((column) => (locale === 'ru' ? column[1] : column[2]));
        if (titles.length > tab.getMaxColumns())
          tab.insertColumnsAfter(tab.getMaxColumns(), titles.length - tab.getMaxColumns());
        tab.getRange(1, 1, 1, titles.length).setValues([titles]);
      }
      if (records.length === 0) return;
      const width = tab.getLastColumn();
      const header = tab.getRange(1, 1, 1, width).getValues()[0] ?? [];
      const rows = records.map((record) => {
        const row: unknown[] = Array.from({ length: width }, () => '');
        for (const [key, value] of Object.entries(record)) {
          const column = columns.find((candidate) => candidate[0] === key);
          if (!column) throw new Error(`fixture: ${sheet} has no column for "${key}"`);
          const index = header.findIndex((title) => title === column[1] || title === column[2]);
          if (index === -1) throw new Error(`fixture: the ${sheet} tab has no "${column[1]}" / "${column[2]}" column`);
          row[index] = cellOf(column, value, locale, emu);
        }
        return row;
      });
      const start = tab.getLastRow() + 1;
      const missingRows = start + rows.length - 1 - tab.getMaxRows();
      if (missingRows > 0) tab.insertRowsAfter(tab.getMaxRows(), missingRows);
      tab.getRange(start, 1, rows.length, width).setValues(rows);
    }),
  );
}

/** A whole studio's records (a hand-made one or the playground's demo): clients, orders, feedback and requests. */
export function writeStudioFixture(
  emu: Emulator,
  studio: {
    clients: ReadonlyArray<object>;
    orders: ReadonlyArray<object>;
    feedback: ReadonlyArray<object>;
    requests: ReadonlyArray<object>;
  },
  locale: FixtureLocale = 'ru',
): void {
  // `extra` holds a client's columns beyond the schema: none in these fixtures.
  writeFixture(
    emu,
    'clients',
    studio.clients.map((client) => Object.fromEntries(Object.entries(client).filter(([key]) => key !== 'extra'))),
    locale,
  );
  for (const sheet of ['orders', 'feedback', 'requests'] as const)
    writeFixture(
      emu,
      sheet,
      studio[sheet].map((record) => ({ ...record })),
      locale,
    );
}

/** The record key a column title stands for in this sheet (either language); an unknown title keeps itself. */
export function columnKeyOf(sheet: FixtureSheet, title: unknown): string {
  const columns: readonly Column[] = SHEETS[sheet].columns;
  return columns.find((column) => column[1] === title || column[2] === title)?.[0] ?? String(title);
}

/** A column's title in a language. */
export function columnTitle(sheet: FixtureSheet, key: string, locale: FixtureLocale): string {
  const columns: readonly Column[] = SHEETS[sheet].columns;
  const column = columns.find((candidate) => candidate[0] === key);
  if (!column) throw new Error(`fixture: ${sheet} has no column for "${key}"`);
  return locale === 'ru' ? column[1] : column[2];
}

/**
 * Puts a sheet's cells exactly as given (header row first) into the workbook, as staff would have typed
 * them: no product encoder or schema in between, so a fixture cannot share a bug with the code it tests.
 * A Date becomes the emulator's date; rows are padded with blanks to the widest.
 */
export function writeSheet(emu: Emulator, name: string, rows: ReadonlyArray<ReadonlyArray<unknown>>): void {
  const width = Math.max(...rows.map((row) => row.length));
  const cells = rows.map((row) =>
    Array.from({ length: width }, (_, index) => {
      const cell = row[index] ?? '';
      return cell instanceof Date ? new emu.dateCtor(cell.getTime()) : cell;
    }),
  );
  emu.withContext({ kind: 'test', authMode: 'FULL' }, () =>
    emu.rt.internal(() => {
      const spreadsheet = (
        emu.globals() as { SpreadsheetApp: { getActiveSpreadsheet(): FixtureBook } }
      ).SpreadsheetApp.getActiveSpreadsheet();
      const sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
      if (width > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
      if (cells.length > sheet.getMaxRows())
        sheet.insertRowsAfter(sheet.getMaxRows(), cells.length - sheet.getMaxRows());
      sheet.getRange(1, 1, cells.length, width).setValues(cells);
    }),
  );
}
