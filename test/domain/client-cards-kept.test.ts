// How the Client cards tab holds a client's records: packed as a table (keys once, dates as milliseconds,
// the shared client id left out) and read back as the same records; the row a client id names.
import { describe, expect, it } from 'vitest';
import { decodeKept, encodeKept, keptRowOf, packRecords, unpackRecords } from '../../src/domain/schema/kept-records';

describe('kept records', () => {
  const orders = [
    { id: 'O-1', clientId: 'C-0001', date: new Date('2026-09-01T12:00:00Z'), amount: 100, completedAt: null },
    { id: 'O-2', clientId: 'C-0001', date: new Date('2026-10-01T12:00:00Z'), amount: 60, notes: 'к стриму' },
  ];

  it('packs keys once, dates as milliseconds, without the client id', () => {
    // 2026-09-01T12:00Z is 1,788,264,000,000 ms: 20,697 days × 86,400,000 + 12 h × 3,600,000.
    expect(packRecords(orders, ['clientId'])).toEqual({
      keys: ['id', 'date', 'amount', 'completedAt', 'notes'],
      dates: [1],
      rows: [
        ['O-1', 1_788_264_000_000, 100, null, null],
        ['O-2', 1_788_264_000_000 + 30 * 86_400_000, 60, null, 'к стриму'],
      ],
    });
  });

  it('reads back the same records through the cell text, the client id restored', () => {
    const text = encodeKept({ orders: packRecords(orders, ['clientId']) });
    const back = decodeKept(text) as { orders: Parameters<typeof unpackRecords>[0] };
    const records = unpackRecords<Record<string, unknown>>(back.orders, { clientId: 'C-0001' });
    expect(records[0]).toEqual({
      clientId: 'C-0001',
      id: 'O-1',
      date: new Date('2026-09-01T12:00:00Z'),
      amount: 100,
      completedAt: null,
      notes: null,
    });
    expect(records[1]?.date).toEqual(new Date('2026-10-01T12:00:00Z'));
    expect(records[1]?.notes).toBe('к стриму');
  });

  it('keeps a date outside a packed table as a date', () => {
    const at = new Date('2026-11-24T09:00:00Z');
    expect(decodeKept(encodeKept({ at, label: '2026-11-24' }))).toEqual({ at, label: '2026-11-24' });
  });

  it('puts the add-on ids C-<n> on row n + 1, and no other id', () => {
    expect(keptRowOf('C-0001')).toBe(2);
    expect(keptRowOf('C-00221')).toBe(222);
    expect(keptRowOf('C-0000')).toBeNull();
    expect(keptRowOf('anna-7')).toBeNull();
    expect(keptRowOf('C-12a')).toBeNull();
  });
});
