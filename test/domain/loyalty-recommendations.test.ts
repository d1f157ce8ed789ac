import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain/types';
import { buildRecommendationModel, recommendFor } from '../../src/domain/loyalty/recommendations';
import { recommendationText } from '../../src/server/loyalty/loyalty-words';
import { loyaltySettings } from '../../src/domain/loyalty/settings';

const settings = loyaltySettings({
  recommendationMinSupport: 0.15,
  recommendationMinConfidence: 0.3,
  recommendationCount: 3,
});

let next = 0;
function ordersOf(clientId: string, ...products: string[]): Order[] {
  return products.map((product) => ({
    id: `O-${++next}`,
    clientId,
    date: new Date(2026, 0, 1),
    product,
    quantity: 1,
    amount: 10,
    status: 'completed',
    completedAt: null,
    pointsRedeemed: 0,
    discountCode: '',
    notes: '',
  }));
}

/*
 * Ten clients, four products (E emotes, B sub badges, S stickers, P panels):
 *   C1 E B   C2 E B   C3 E B S   C4 E S   C5 E   C6 B   C7 S P   C8 S   C9 P   C10 E B
 * Buyers: E 6, B 5, S 4, P 2.
 *   pair   together  support   confidence
 *   E,B    4         4/10=.4   E→B 4/6=.667   B→E 4/5=.8
 *   E,S    2         .2        E→S 2/6=.333   S→E 2/4=.5
 *   B,S    1         .1 (< .15: no rules)  B→S .2, S→B .25
 *   S,P    1         .1 (< .15: no rules)  S→P .25, P→S .5
 * Rules kept (support ≥ .15, confidence ≥ .3), best first: B→E .8, E→B .667, S→E .5, E→S .333.
 */
const orders = [
  ...ordersOf('C1', 'emotes', 'sub badges'),
  ...ordersOf('C2', 'emotes', 'Sub Badges', 'emotes'), // case and repeats do not count twice
  ...ordersOf('C3', 'emotes', 'sub badges', 'stickers'),
  ...ordersOf('C4', 'emotes', 'stickers'),
  ...ordersOf('C5', 'emotes'),
  ...ordersOf('C6', 'sub badges'),
  ...ordersOf('C7', 'stickers', 'panels'),
  ...ordersOf('C8', 'stickers'),
  ...ordersOf('C9', 'panels'),
  ...ordersOf('C10', ' emotes', 'sub  badges'),
  { ...ordersOf('C9', 'emotes')[0]!, status: 'cancelled' as const }, // cancelled: ignored
];
const model = buildRecommendationModel(orders, settings);

describe('co-purchase rules', () => {
  it('have the support and confidence worked out above', () => {
    const rules = model.rules.map((rule) => [
      rule.from,
      rule.to,
      rule.together,
      rule.support,
      Number(rule.confidence.toFixed(3)),
    ]);
    expect(rules).toEqual([
      ['sub badges', 'emotes', 4, 0.4, 0.8],
      ['emotes', 'sub badges', 4, 0.4, 0.667],
      ['stickers', 'emotes', 2, 0.2, 0.5],
      ['emotes', 'stickers', 2, 0.2, 0.333],
    ]);
    expect(model.popular).toEqual([
      { product: 'emotes', clients: 6 },
      { product: 'sub badges', clients: 5 },
      { product: 'stickers', clients: 4 },
      { product: 'panels', clients: 2 },
    ]);
  });
});

describe('recommendFor', () => {
  const products = (clientId: string): [string, string][] =>
    recommendFor(clientId, model, settings).map((r) => [r.product, r.basis]);

  it('ranks products reached by rules by confidence, then fills in with popular ones', () => {
    expect(products('C5')).toEqual([
      ['sub badges', 'co-purchase'],
      ['stickers', 'co-purchase'],
      ['panels', 'popular'],
    ]);
    expect(recommendFor('C5', model, settings)[0]).toMatchObject({ because: 'emotes', support: 0.4 });
    expect(products('C6')).toEqual([
      ['emotes', 'co-purchase'],
      ['stickers', 'popular'],
      ['panels', 'popular'],
    ]);
    // S→B (.25) is below the confidence threshold, so sub badges come in only as popular.
    expect(products('C8')).toEqual([
      ['emotes', 'co-purchase'],
      ['sub badges', 'popular'],
      ['panels', 'popular'],
    ]);
  });

  it('never recommends what the client already ordered', () => {
    expect(products('C3')).toEqual([['panels', 'popular']]);
    expect(products('C4')).toEqual([
      ['sub badges', 'co-purchase'],
      ['panels', 'popular'],
    ]);
  });

  it('falls back to the most popular products with no rule or no orders', () => {
    expect(products('C9')).toEqual([
      ['emotes', 'popular'],
      ['sub badges', 'popular'],
      ['stickers', 'popular'],
    ]);
    expect(products('C-new')).toEqual([
      ['emotes', 'popular'],
      ['sub badges', 'popular'],
      ['stickers', 'popular'],
    ]);
  });

  it('breaks ties in confidence and support by product name', () => {
    const tied = buildRecommendationModel(
      [
        ...ordersOf('K1', 'emotes', 'stickers', 'banners'),
        ...ordersOf('K2', 'emotes', 'stickers', 'banners'),
        ...ordersOf('K3', 'emotes'),
      ],
      settings,
    );
    expect(recommendFor('K3', tied, settings).map((r) => r.product)).toEqual(['banners', 'stickers']);
  });
});

describe('recommendationText', () => {
  it('joins products in the client language', () => {
    const recommendations = recommendFor('C5', model, settings);
    expect(recommendationText(recommendations, 'en')).toBe('sub badges, stickers and panels');
    expect(recommendationText(recommendations.slice(0, 2), 'ru')).toBe('sub badges и stickers');
    expect(recommendationText(recommendations.slice(0, 1), 'en')).toBe('sub badges');
    expect(recommendationText([], 'en')).toBe('');
  });
});
