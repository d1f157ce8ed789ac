// A realistic, reproducible demo studio (Twitch emotes, badges, stickers): the playground's first data,
// and the data the benchmark scales up. Buyers follow a buy-till-you-die pattern (each with their own
// rhythm and a chance to drop out), so the CLV models have something real to find.
import { DAY_MS as DAY } from '../../src/domain/analysis/dates';
import type {
  ChannelTopic,
  Client,
  ClientRequest,
  Feedback,
  Order,
  OrderStatus,
  RequestChannel,
} from '../../src/domain/types';

export interface DemoStudio {
  clients: Client[];
  orders: Order[];
  feedback: Feedback[];
  requests: ClientRequest[];
}

export interface DemoOptions {
  clients: number;
  asOf: Date;
  /** Years of history before asOf. */
  years?: number;
  /** Mean orders per buying client over the history, roughly. */
  ordersPerClient?: number;
  seed?: number;
  /** Range of each buyer's chance to stop after an order; lower keeps clients longer. */
  dropout?: readonly [number, number];
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RU_FIRST = [
  'Алексей',
  'Мария',
  'Дмитрий',
  'Анна',
  'Иван',
  'Екатерина',
  'Сергей',
  'Ольга',
  'Никита',
  'Дарья',
  'Артём',
  'Полина',
  'Егор',
  'Ксения',
  'Максим',
  'Софья',
  'Кирилл',
  'Алина',
  'Тимур',
  'Вероника',
];
const RU_LAST = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Соколов',
  'Лебедев',
  'Козлов',
  'Новиков',
  'Морозов',
  'Волков',
  'Соловьёв',
  'Васильев',
  'Зайцев',
  'Павлов',
  'Семёнов',
];
const EN_FIRST = [
  'Alex',
  'Emily',
  'Jordan',
  'Sophie',
  'Liam',
  'Chloe',
  'Noah',
  'Mia',
  'Ethan',
  'Ava',
  'Lucas',
  'Zoe',
  'Mason',
  'Lily',
  'Oliver',
  'Grace',
];
const EN_LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Miller',
  'Wilson',
  'Moore',
  'Clark',
  'Walker',
  'Young',
  'King',
  'Wright',
];
const HANDLE_PARTS = [
  'pixel',
  'fox',
  'neko',
  'shadow',
  'lucky',
  'storm',
  'moon',
  'cozy',
  'blaze',
  'frost',
  'byte',
  'mochi',
  'raven',
  'sunny',
  'echo',
  'panda',
];
const RU_PLACES: Array<[string, string]> = [
  ['Россия', 'Москва'],
  ['Россия', 'Санкт-Петербург'],
  ['Россия', 'Казань'],
  ['Россия', 'Новосибирск'],
  ['Россия', 'Екатеринбург'],
  ['Казахстан', 'Алматы'],
  ['Беларусь', 'Минск'],
  ['Россия', 'Краснодар'],
];
const EN_PLACES: Array<[string, string]> = [
  ['USA', 'Austin'],
  ['USA', 'Seattle'],
  ['United Kingdom', 'London'],
  ['Germany', 'Berlin'],
  ['Canada', 'Toronto'],
  ['Brazil', 'São Paulo'],
  ['Poland', 'Warsaw'],
  ['Australia', 'Sydney'],
];
const TOPICS: ChannelTopic[] = [
  'gaming',
  'gaming',
  'gaming',
  'irl',
  'art',
  'music',
  'just_chatting',
  'education',
  'other',
];
const SOURCES = ['Twitch', 'Instagram', 'TikTok', 'friend', 'Google', 'Discord', 'YouTube'];
/** Product and its price range in roubles. */
const PRODUCTS: Array<[string, number, number]> = [
  ['emotes', 1500, 9000],
  ['sub badges', 2000, 6000],
  ['stickers', 800, 4000],
  ['channel panels', 1500, 5000],
  ['overlay', 5000, 20000],
  ['alerts', 3000, 12000],
  ['bit badges', 1500, 5000],
];
const REQUEST_TOPICS = [
  'Price for 6 emotes?',
  'Сколько стоит набор эмоутов?',
  'Can you redraw my badge?',
  'Когда будет готов заказ?',
  'Need an overlay for a new game',
  'Хочу стикеры для Telegram',
];
const CHANNELS: RequestChannel[] = ['email', 'twitch', 'discord', 'telegram', 'other'];

export function generateDemoStudio(options: DemoOptions): DemoStudio {
  const random = seededRandom(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number): number => low + random() * (high - low);
  // Gamma(shape<1)-like spread of purchase rates: most buy rarely, a few very often.
  const rate = (mean: number): number => mean * -Math.log(1 - random()) * (random() < 0.15 ? 3 : 0.7);

  const asOf = options.asOf.getTime();
  const start = asOf - (options.years ?? 2) * 365 * DAY;
  const meanOrders = options.ordersPerClient ?? 12;
  const clients: Client[] = [];
  const orders: Order[] = [];
  const feedback: Feedback[] = [];
  const requests: ClientRequest[] = [];

  for (let index = 0; index < options.clients; index += 1) {
    const id = `C-${String(index + 1).padStart(5, '0')}`;
    const russian = random() < 0.6;
    const first = russian ? pick(RU_FIRST) : pick(EN_FIRST);
    const lastBase = russian ? pick(RU_LAST) : pick(EN_LAST);
    const last = russian && /[ая]$/.test(first) ? `${lastBase}а` : lastBase;
    const handle = `${pick(HANDLE_PARTS)}${pick(HANDLE_PARTS)}${Math.floor(random() * 100)}`;
    const [country, city] = russian ? pick(RU_PLACES) : pick(EN_PLACES);
    const createdAt = new Date(start + random() * (asOf - start - 5 * DAY));
    const consent = random() < 0.9;
    clients.push({
      id,
      name: `${first} ${last}`,
      email: `${handle}.${index + 1}@${pick(['gmail.com', 'yandex.ru', 'mail.ru', 'outlook.com'])}`,
      twitch: handle,
      topic: pick(TOPICS),
      country,
      city,
      birthday:
        random() < 0.6
          ? new Date(
              Date.UTC(1985 + Math.floor(random() * 20), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
            )
          : null,
      source: pick(SOURCES),
      consentAt: consent ? createdAt : null,
      consentVersion: consent ? 'v1' : '',
      unsubscribedAt: consent && random() < 0.05 ? new Date(createdAt.getTime() + between(10, 200) * DAY) : null,
      bouncedAt: null,
      createdAt,
      referralCode: '',
      referredBy: '',
      locale: russian ? 'ru' : 'en',
      notes: '',
      extra: {},
    });

    // 15% register and never order (leads).
    if (random() < 0.15) continue;
    const ordersPerDay = rate(meanOrders) / ((asOf - createdAt.getTime()) / DAY + 30);
    const dropout = between(...(options.dropout ?? [0.02, 0.2]));
    let at = createdAt.getTime() + between(0, 20) * DAY;
    let count = 0;
    while (at < asOf) {
      count += 1;
      const [product, low, high] = pick(PRODUCTS);
      const ageDays = (asOf - at) / DAY;
      const status: OrderStatus =
        ageDays < 3
          ? 'new'
          : ageDays < 12 && random() < 0.6
            ? 'in_progress'
            : random() < 0.03
              ? 'cancelled'
              : 'completed';
      const orderId = `O-${String(orders.length + 1).padStart(6, '0')}`;
      const date = new Date(at);
      orders.push({
        id: orderId,
        clientId: id,
        date,
        product,
        quantity: product === 'emotes' ? pick([1, 3, 6, 10]) : 1,
        amount: Math.round(between(low, high) / 50) * 50,
        status,
        completedAt: status === 'completed' ? new Date(at + between(2, 10) * DAY) : null,
        pointsRedeemed: 0,
        discountCode: '',
        notes: '',
      });
      if (status === 'completed' && random() < 0.4) {
        const happy = random();
        feedback.push({
          id: `F-${String(feedback.length + 1).padStart(5, '0')}`,
          date: new Date(Math.min(asOf, at + between(5, 20) * DAY)),
          clientId: id,
          orderId,
          rating: happy < 0.1 ? 3 : happy < 0.35 ? 4 : 5,
          nps:
            happy < 0.1
              ? 5 + Math.floor(random() * 3)
              : happy < 0.35
                ? 7 + Math.floor(random() * 2)
                : 9 + Math.floor(random() * 2),
          comment:
            happy < 0.1
              ? 'Долго ждал, но результат хороший'
              : pick(['Отличные эмоуты!', 'Love the badges!', 'Всё супер, спасибо', 'Great work, fast delivery', '']),
          mayQuote: random() < 0.5,
          responseId: `demo-${orderId}`,
        });
      }
      if (random() < dropout) break;
      at += (-Math.log(1 - random()) / Math.max(ordersPerDay, 1e-4)) * DAY + DAY;
    }
    if (count > 0 && random() < 0.6) {
      const receivedAt = new Date(start + random() * (asOf - start));
      const answered = random() < 0.9;
      requests.push({
        id: `R-${String(requests.length + 1).padStart(5, '0')}`,
        clientId: id,
        channel: pick(CHANNELS),
        receivedAt,
        answeredAt: answered ? new Date(Math.min(asOf, receivedAt.getTime() + between(0.2, 36) * 3_600_000)) : null,
        summary: pick(REQUEST_TOPICS),
      });
    }
  }
  orders.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
  return { clients, orders, feedback, requests };
}
