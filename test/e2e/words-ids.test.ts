// Ids have one width in a column: a new id is as wide as the ids already there.
import { describe, expect, it } from 'vitest';
import { nextId } from '../../src/domain/schema';

describe('one id width', () => {
  it('continues C-00001…C-00220 as C-00221 (not C-0221), and an empty sheet starts at C-0001', () => {
    const demo = Array.from({ length: 220 }, (_, index) => `C-${String(index + 1).padStart(5, '0')}`);
    expect(nextId('C', demo)).toBe('C-00221');
    expect(nextId('C', ['C-0002', 'C-0010'])).toBe('C-0011');
    expect(nextId('C', ['C-9999'])).toBe('C-10000');
    expect(nextId('C', [])).toBe('C-0001');
  });
});
