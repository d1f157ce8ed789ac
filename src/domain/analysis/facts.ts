// What other modules know about a client (CLV model, loyalty), handed to analysis as plain fields
// so analysis never imports their code. Every field is optional: analysis works without them.
import type { ClientId } from '../types';

export interface ClientFacts {
  /** 0..1, from the CLV model (1 − probability alive). */
  churnRisk?: number | null;
  /** Expected revenue in the next 12 months, from the CLV model. */
  predictedValue12m?: number | null;
  /** When the CLV model expects the next order; overrides the own-rhythm estimate. */
  expectedNextOrder?: Date | null;
  /** Loyalty tier id, e.g. `gold`. */
  tier?: string | null;
  /** Current loyalty points balance. */
  points?: number | null;
}

export type ClientFactsById = ReadonlyMap<ClientId, ClientFacts>;
