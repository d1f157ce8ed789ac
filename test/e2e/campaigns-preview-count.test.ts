// The preview reads only some Clients columns (readTableColumns); the press decides on the whole sheet. On a
// hand-made studio with an exclusion of every kind, both must count the same recipients and the same skips,
// and agree that a recipient whose staff column is empty blocks the campaign until staff fill it.
import { describe, expect, it } from 'vitest';
import { writeSheet } from '../support/sheet-fixtures';
import { mailStudio } from '../support/mail-studio';
import type { CampaignConfirmation, CampaignPreview } from '../../src/contract/sidebar-api';

const CONSENT = new Date('2026-01-05T10:00:00Z');

// Clients laid out as a studio might keep them: what a campaign decides on first, 24 columns nothing here
// reads, then the letter's own columns and a staff column of notes. Titles are the sheet's literal ones.
const HEADER = [
  'ID клиента',
  'Имя',
  'Email',
  'Язык',
  'Согласие дано',
  'Отписался',
  'Письмо не доставлено',
  // 24 columns the preview of this template does not need (7..30).
  'Канал Twitch',
  'Тематика канала',
  'Страна',
  'Город',
  'День рождения',
  'Источник',
  'Версия текста согласия',
  'Причина недоставки',
  'Добавлен',
  'Реферальный код',
  'Пришёл от',
  'Заметки',
  'Баланс баллов (авто)',
  'Уровень (авто)',
  'Уровень с (авто)',
  'Этап (авто)',
  'RFM-сегмент (авто)',
  'Риск ухода (авто)',
  'Прогноз выручки (авто)',
  'Ожидаемый заказ (авто)',
  'Чат Telegram',
  'Telegram подключён',
  'Telegram недоступен с',
  'Канал для сообщений',
  // Read: the greeting's column and the staff column the template merges (31, 32); 33 is not.
  'Имя для письма',
  'Любимый цвет',
  'Заметки менеджера',
];

interface HandClient {
  id: string;
  name: string;
  email: string;
  consentAt?: Date | null;
  unsubscribedAt?: Date;
  bouncedAt?: Date;
  color?: string;
  country?: string;
}

function row(client: HandClient): unknown[] {
  const cells: unknown[] = Array.from({ length: HEADER.length }, () => '');
  cells[0] = client.id;
  cells[1] = client.name;
  cells[2] = client.email;
  cells[3] = 'Русский';
  cells[4] = client.consentAt === undefined ? CONSENT : (client.consentAt ?? '');
  cells[5] = client.unsubscribedAt ?? '';
  cells[6] = client.bouncedAt ?? '';
  cells[9] = client.country ?? '';
  cells[10] = 'Казань'; // a city the template does not use
  cells[32] = client.color ?? '';
  cells[33] = 'звонить после 18:00';
  return cells;
}

const HAND: HandClient[] = [
  { id: 'C-0001', name: 'Анна Смирнова', email: 'anna@example.com', color: 'синий' },
  { id: 'C-0002', name: 'Борис Петров', email: 'boris@example.com', color: 'зелёный' },
  // unsubscribed after consenting
  {
    id: 'C-0003',
    name: 'Вера',
    email: 'vera@example.com',
    unsubscribedAt: new Date('2026-06-01T10:00:00Z'),
    color: 'жёлтый',
  },
  // never consented
  { id: 'C-0004', name: 'Глеб', email: 'gleb@example.com', consentAt: null, color: 'белый' },
  // an earlier mail bounced
  {
    id: 'C-0005',
    name: 'Дина',
    email: 'dina@example.com',
    bouncedAt: new Date('2026-10-01T10:00:00Z'),
    color: 'серый',
  },
  // two marketing mails this week already (Sends below): the weekly cap of 2 is reached
  { id: 'C-0006', name: 'Егор', email: 'egor@example.com', color: 'чёрный' },
  // no address
  { id: 'C-0007', name: 'Жанна', email: 'нет почты', color: 'розовый' },
  // unsubscribed, then signed up again: consent after the unsubscribe counts
  {
    id: 'C-0008',
    name: 'Зоя',
    email: 'zoya@example.com',
    unsubscribedAt: new Date('2026-03-01T10:00:00Z'),
    consentAt: new Date('2026-04-01T10:00:00Z'),
    color: 'фиолетовый',
  },
  // mailable, but the merged staff column is empty: a hole in the mail
  { id: 'C-0009', name: 'Игорь', email: 'igor@example.com' },
];

// Enough rows that the 24 unread columns cost more than a call (24 × 1,209 × 9 µs = 0.26 s > 0.2 s): the
// Clients read is two blocks, not one.
const FILLERS = 1_200;
const fillers: HandClient[] = Array.from({ length: FILLERS }, (_, i) => {
  const id = `C-${String(1001 + i).padStart(4, '0')}`;
  return { id, name: `Клиент ${id}`, email: `${id.toLowerCase()}@example.com`, color: 'красный' };
});

/** The hand-made studio: Clients as laid out above, C-0006's two mails this week, the colour template. */
function colourStudio(options: { segments?: Record<string, unknown>[] } = {}) {
  const studio = mailStudio({
    ...options,
    quota: 0,
    setup: false,
    templates: [
      {
        name: 'color',
        subject: 'Привет, {{first_name|друг}}',
        htmlBody: '<p>Ваш цвет: {{Любимый цвет}}</p><p><a href="{{unsubscribe_link}}">Отписаться</a></p>',
        textBody: '',
      },
    ],
    sends: [
      // C-0006's two mails of another campaign this week (now is 2026-11-24 09:00 UTC)
      {
        campaignId: 'K-0100',
        clientId: 'C-0006',
        email: 'egor@example.com',
        status: 'sent',
        at: new Date('2026-11-20T10:00:00Z'),
      },
      {
        campaignId: 'K-0101',
        clientId: 'C-0006',
        email: 'egor@example.com',
        status: 'sent',
        at: new Date('2026-11-22T10:00:00Z'),
      },
    ],
  });
  return studio;
}

function createColourCampaign(studio: ReturnType<typeof colourStudio>, segmentId: string): string {
  return studio.call<{ id: string }>('createCampaign', {
    name: 'Цвета',
    segmentId,
    template: 'color',
    senderName: 'Studio',
    replyTo: '',
    scheduledAt: null,
    cost: 0,
  }).id;
}

describe('campaign preview count', () => {
  it('counts the recipients and skips the send press decides, reading only the columns it needs', () => {
    const studio = colourStudio();
    const { emu, call } = studio;
    writeSheet(emu, 'Клиенты', [HEADER, ...[...HAND, ...fillers].map(row)]);
    const campaignId = createColourCampaign(studio, 'all');

    // Mailable: the 1,200 fillers, C-0001, C-0002, C-0008 and C-0009 = 1,204.
    // Skipped: C-0003 unsubscribed, C-0004 no consent, C-0005 bounced, C-0006 weekly cap, C-0007 no address.
    const skips = { unsubscribed: 1, noConsent: 1, bounced: 1, weeklyCap: 1, invalidEmail: 1 };
    const cells = () => emu.rt.cellCounts.get('Range.getValues') ?? 0;
    const before = cells();
    const blocked = call<CampaignPreview>('previewCampaign', campaignId, 'C-0001');
    const read = cells() - before;
    expect(blocked.recipients).toBe(1_204);
    expect(blocked.skippedByReason).toEqual(skips);
    expect(blocked.problems).toEqual(['Игорь (C-0009): нет значения для Любимый цвет.']);
    expect(blocked.html).toContain('Ваш цвет: синий');
    // Clients: the header (34 cells) and columns 0–6 and 31–32 of 1,209 rows = 9 × 1,209 = 10,881 cells; the
    // small sheets (Settings, Campaigns, Sends, Templates) add a few hundred. The whole sheet is 1,210 × 34 =
    // 41,140 cells.
    expect(read).toBeGreaterThanOrEqual(34 + 10_881);
    expect(read).toBeLessThan(34 + 10_881 + 1_000);

    // The press sees the same hole and refuses, naming it.
    expect(() => call('sendCampaign', campaignId, 1_204)).toThrow(/Игорь \(C-0009\): нет значения для Любимый цвет/);

    // Staff fill the colour: the preview, the confirmation and the press's Sends rows agree.
    const filled = [...HAND, ...fillers].map((client) =>
      client.id === 'C-0009' ? { ...client, color: 'оранжевый' } : client,
    );
    writeSheet(emu, 'Клиенты', [HEADER, ...filled.map(row)]);
    const preview = call<CampaignPreview>('previewCampaign', campaignId, 'C-0009');
    expect(preview.problems).toEqual([]);
    expect(preview.recipients).toBe(1_204);
    expect(preview.skippedByReason).toEqual(skips);
    expect(preview.html).toContain('Ваш цвет: оранжевый');
    const confirmation = call<CampaignConfirmation>('confirmCampaign', campaignId);
    expect(confirmation.count).toBe(1_204);
    expect(confirmation.skippedByReason).toEqual(skips);

    // Quota 0: the press writes every member's Sends row (decided on the whole Clients sheet) and mails nobody.
    const progress = call<{ remaining: number; skippedByReason: Record<string, number> }>(
      'sendCampaign',
      campaignId,
      confirmation.count,
    );
    expect(progress.remaining).toBe(1_204);
    expect(progress.skippedByReason).toEqual(skips);
    const rows = studio.sendsOf(campaignId);
    const queued = rows.filter((send) => send.status === 'В очереди').map((send) => send.clientId);
    expect(queued).toHaveLength(1_204);
    expect(queued).toEqual(expect.arrayContaining(['C-0001', 'C-0002', 'C-0008', 'C-0009', 'C-1001', 'C-2200']));
    const skipped = rows.filter((send) => send.status === 'Пропущено').map((send) => send.clientId);
    expect(skipped.sort()).toEqual(['C-0003', 'C-0004', 'C-0005', 'C-0006', 'C-0007']);
  });
  it('with a saved segment reads Clients whole, once, and counts what the press decides', () => {
    // Segment rules may read any column: the whole sheet, read once for the members and the decisions.
    const studio = colourStudio({ segments: [{ id: 'S-0001', name: 'Россия', rules: 'country = "Россия"' }] });
    const { emu, call } = studio;
    // Every hand-made client in Russia, and the first 100 fillers; the other 1,100 in Kazakhstan.
    const clients = [...HAND, ...fillers].map((client, index) => ({
      ...client,
      color: client.color ?? 'оранжевый',
      country: index < HAND.length + 100 ? 'Россия' : 'Казахстан',
    }));
    writeSheet(emu, 'Клиенты', [HEADER, ...clients.map(row)]);
    const campaignId = createColourCampaign(studio, 'S-0001');
    // Members 9 + 100 = 109; the same five hand-made clients are skipped: 104 recipients.
    const skips = { unsubscribed: 1, noConsent: 1, bounced: 1, weeklyCap: 1, invalidEmail: 1 };
    const cells = () => emu.rt.cellCounts.get('Range.getValues') ?? 0;
    const before = cells();
    const preview = call<CampaignPreview>('previewCampaign', campaignId, null);
    const read = cells() - before;
    expect(preview.problems).toEqual([]);
    expect(preview.recipients).toBe(104);
    expect(preview.skippedByReason).toEqual(skips);
    // Clients once: 1,210 rows × 34 columns = 41,140 cells; a second read would pass 82,280.
    expect(read).toBeGreaterThanOrEqual(41_140);
    expect(read).toBeLessThan(2 * 41_140);
    const confirmation = call<CampaignConfirmation>('confirmCampaign', campaignId);
    expect(confirmation.count).toBe(104);
    const progress = call<{ remaining: number; skippedByReason: Record<string, number> }>(
      'sendCampaign',
      campaignId,
      confirmation.count,
    );
    expect(progress.remaining).toBe(104);
    expect(progress.skippedByReason).toEqual(skips);
  });
});
