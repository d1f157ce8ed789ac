// Column blocks for a read of some columns: joined across a gap only when the gap's cells cost less than a call.
import { describe, expect, it } from 'vitest';
import { columnBlocks } from '../../src/domain/schema';

// The cost model's getValues: 0.2 s a call, 9 µs a cell.
const PRICES = { perCall: 0.2, perCell: 0.000009 };

describe('columnBlocks', () => {
  it('reads through a gap cheaper than a call and splits at a dearer one', () => {
    // 10,000 rows: a 2-column gap is 20,000 cells = 0.18 s < 0.2 s (joined); a 3-column gap is 0.27 s (split).
    expect(columnBlocks([0, 1, 4, 8], 10_000, PRICES)).toEqual([
      { first: 0, last: 4 },
      { first: 8, last: 8 },
    ]);
  });

  it('joins wider gaps on a short sheet', () => {
    // 100 rows: a 5-column gap is 500 cells = 0.0045 s, far below a call: one block.
    expect(columnBlocks([7, 0, 13], 100, PRICES)).toEqual([{ first: 0, last: 13 }]);
  });

  it('splits every gap on a long sheet, and ignores repeats and order', () => {
    // 100,000 rows: even a 1-column gap is 0.9 s, more than a call.
    expect(columnBlocks([5, 3, 3, 4, 9], 100_000, PRICES)).toEqual([
      { first: 3, last: 5 },
      { first: 9, last: 9 },
    ]);
  });

  it('reads nothing for no column', () => {
    expect(columnBlocks([], 10_000, PRICES)).toEqual([]);
  });
});
