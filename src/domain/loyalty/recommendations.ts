// "Clients who ordered emotes also ordered sub badges": item-to-item co-purchase rules over
// the clients' sets of products, with popular products as the fallback.

import type { ClientId, Locale, Order } from '../types';
import type { LoyaltySettings } from './settings';

/** "A → B": of the clients who ordered `from`, the share who also ordered `to`. */
export interface CoPurchaseRule {
  from: string;
  to: string;
  /** Clients who ordered both. */
  together: number;
  /** together / clients with any order. */
  support: number;
  /** together / clients who ordered `from`. */
  confidence: number;
}

export interface RecommendationModel {
  /** Rules above both thresholds, best first. */
  rules: CoPurchaseRule[];
  /** Products by the number of clients who ordered them, most first (then by name). */
  popular: { product: string; clients: number }[];
  productsByClient: Map<ClientId, Set<string>>;
}

export interface Recommendation {
  product: string;
  /** `co-purchase`: from a rule; `popular`: filling in where no rule applies. */
  basis: 'co-purchase' | 'popular';
  /** The product the client ordered that the rule starts from; '' for popular ones. */
  because: string;
  confidence: number;
  support: number;
}

/** Product names compare without case or stray spaces: "Sub  Badges" is "sub badges". */
export function productKey(product: string): string {
  return product.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The clients' product sets from every order not cancelled, and the rules they support. */
export function buildRecommendationModel(orders: readonly Order[], settings: LoyaltySettings): RecommendationModel {
  const productsByClient = new Map<ClientId, Set<string>>();
  for (const order of orders) {
    const product = productKey(order.product);
    if (order.status === 'cancelled' || !product || !order.clientId) continue;
    const products = productsByClient.get(order.clientId) ?? new Set<string>();
    products.add(product);
    productsByClient.set(order.clientId, products);
  }

  const buyers = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const products of productsByClient.values()) {
    const list = [...products].sort();
    for (const product of list) buyers.set(product, (buyers.get(product) ?? 0) + 1);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const pair = JSON.stringify([list[i], list[j]]);
        pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
      }
    }
  }

  const clientCount = productsByClient.size;
  const rules: CoPurchaseRule[] = [];
  for (const [pair, together] of pairs) {
    const [first, second] = JSON.parse(pair) as [string, string];
    for (const [from, to] of [
      [first, second],
      [second, first],
    ] as const) {
      const support = together / clientCount;
      const confidence = together / (buyers.get(from) ?? together);
      if (support >= settings.recommendationMinSupport && confidence >= settings.recommendationMinConfidence) {
        rules.push({ from, to, together, support, confidence });
      }
    }
  }
  rules.sort(byStrength);

  const popular = [...buyers]
    .map(([product, clients]) => ({ product, clients }))
    .sort((a, b) => b.clients - a.clients || compareNames(a.product, b.product));
  return { rules, popular, productsByClient };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byStrength(a: { confidence: number; support: number; to: string; from: string }, b: typeof a): number {
  return (
    b.confidence - a.confidence || b.support - a.support || compareNames(a.to, b.to) || compareNames(a.from, b.from)
  );
}

/**
 * Up to `recommendationCount` products the client has not ordered: first those reached by a rule
 * from something they ordered (best confidence, then support, then name), then the most popular.
 */
export function recommendFor(
  clientId: ClientId,
  model: RecommendationModel,
  settings: LoyaltySettings,
): Recommendation[] {
  const owned = model.productsByClient.get(clientId) ?? new Set<string>();
  const chosen: Recommendation[] = [];
  const taken = new Set(owned);
  // Rules are sorted best first, so the first rule reaching a product is its best one.
  for (const rule of model.rules) {
    if (chosen.length >= settings.recommendationCount) break;
    if (!owned.has(rule.from) || taken.has(rule.to)) continue;
    taken.add(rule.to);
    chosen.push({
      product: rule.to,
      basis: 'co-purchase',
      because: rule.from,
      confidence: rule.confidence,
      support: rule.support,
    });
  }
  const clientCount = model.productsByClient.size;
  for (const { product, clients } of model.popular) {
    if (chosen.length >= settings.recommendationCount) break;
    if (taken.has(product)) continue;
    taken.add(product);
    chosen.push({
      product,
      basis: 'popular',
      because: '',
      confidence: 0,
      support: clientCount ? clients / clientCount : 0,
    });
  }
  return chosen;
}
