// How much of the nightly loyalty work one execution takes on. Google cuts an execution at 6 minutes and
// the nightly target is 4: the loyalty step and the ledger roll-up stop at a row budget (what the write
// costs: ../shared/google-cost-model.json prices setValues at 58 µs a cell, a ledger row is 9 cells, so
// 150,000 rows ≈ 78 s on top of the step's reads, ≈ 100 s at 50,000 clients) or at a time budget, whichever
// comes first, and the nightly continues them in the next execution. `nightly.<field>` in Settings overrides.

export interface NightBudget {
  /** Ledger rows the loyalty step appends in one execution. */
  loyaltyRowsPerRun: number;
  /** Ledger rows the roll-up rewrites in one execution. */
  ledgerRollupRowsPerRun: number;
}

export const DEFAULT_NIGHT_BUDGET: Readonly<NightBudget> = {
  loyaltyRowsPerRun: 150_000,
  ledgerRollupRowsPerRun: 150_000,
};

/** After this much of an execution no new chunk starts: the last one and the closing writes fit in 4 minutes. */
export const NIGHT_STEP_BUDGET_MS = 3 * 60_000;

/** Rows written per block (and flushed): a cut-off loses at most one block, ≈ 13 s of writing. */
export const NIGHT_CHUNK_ROWS = 25_000;

/** A budget read from Settings, clamped to at least one row (0 or less would never finish). */
export function nightBudget(overrides: Partial<NightBudget>): NightBudget {
  const rows = (field: keyof NightBudget): number => {
    const value = overrides[field];
    return typeof value === 'number' && Number.isFinite(value)
      ? Math.max(1, Math.floor(value))
      : DEFAULT_NIGHT_BUDGET[field];
  };
  return { loyaltyRowsPerRun: rows('loyaltyRowsPerRun'), ledgerRollupRowsPerRun: rows('ledgerRollupRowsPerRun') };
}
