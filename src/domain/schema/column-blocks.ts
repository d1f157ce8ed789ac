// Which ranges to read when only some columns of a sheet are needed: each getValues has a fixed price and
// every cell read has its own, so two needed columns a little apart are read as one block, far apart as two.

export interface ColumnBlock {
  /** 0-based first and last column of the block, both read. */
  first: number;
  last: number;
}

export interface ReadPrices {
  /** Seconds one read call costs whatever its size. */
  perCall: number;
  /** Seconds per cell read. */
  perCell: number;
}

/**
 * The blocks that read `columns` (0-based, any order, repeats allowed) over `rows` rows at the least price:
 * a gap between two needed columns is read through when its cells cost less than a call of its own. Each
 * gap is priced alone (joining one never changes another's price), so deciding gap by gap is the cheapest plan.
 */
export function columnBlocks(columns: Iterable<number>, rows: number, prices: ReadPrices): ColumnBlock[] {
  const sorted = [...new Set(columns)]
    .filter((column) => Number.isInteger(column) && column >= 0)
    .sort((a, b) => a - b);
  const blocks: ColumnBlock[] = [];
  for (const column of sorted) {
    const last = blocks[blocks.length - 1];
    const gap = last ? column - last.last - 1 : Infinity;
    if (last && gap * rows * prices.perCell < prices.perCall) last.last = column;
    else blocks.push({ first: column, last: column });
  }
  return blocks;
}
