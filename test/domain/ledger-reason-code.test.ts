// The ledger's Reason cell holds the sentence only, its machine part the Reason code column: split for the sheet,
// joined when read, an old bracket suffix still read, and the language switch re-rendering from the code.
import { describe, expect, it } from 'vitest';
import {
  joinLedgerReason,
  ledgerReasonSentence,
  parseLedgerReason,
  reasonFromCode,
  splitLedgerReason,
} from '../../src/domain/loyalty';
import {
  foldMissingColumns,
  ledgerEntryFromRow,
  mapHeaders,
  parseRows,
  relabelTable,
  sheetSpec,
} from '../../src/domain/schema';

const loyalty = sheetSpec('loyalty');
const SENTENCE = 'Баллы за заказ на 5 250 ₽';

describe('ledger reason: sentence and code apart', () => {
  it('round trip: the in-memory reason splits into the sentence and the code and joins back to it', () => {
    const reason = `${SENTENCE} [orderEarned amount=5250 rate=0.05]`;
    const cells = splitLedgerReason(reason);
    expect(cells).toEqual({ sentence: SENTENCE, code: 'orderEarned amount=5250 rate=0.05' });
    expect(joinLedgerReason(cells.sentence, cells.code)).toBe(reason);
    expect(parseLedgerReason(joinLedgerReason(cells.sentence, cells.code))?.params['rate']).toBe('0.05');
  });

  it('ru sentence, en sentence and an old bracket suffix read to the same key and rate', () => {
    const code = 'orderEarned amount=5250 rate=0.05';
    const fromRu = parseLedgerReason(joinLedgerReason(SENTENCE, code));
    const fromEn = parseLedgerReason(joinLedgerReason('Points for an order of ₽5,250', code));
    const fromOld = parseLedgerReason(joinLedgerReason(`${SENTENCE} [${code}]`, ''));
    const fromMachine = parseLedgerReason(reasonFromCode(code));
    const expected = { key: 'loyalty.reason.orderEarned', params: { amount: '5250', rate: '0.05' } };
    for (const parsed of [fromRu, fromEn, fromOld, fromMachine]) expect(parsed).toEqual(expected);
  });

  it("the code column wins over an old cell's own suffix; a code with a blank sentence still reads", () => {
    const joined = joinLedgerReason(`${SENTENCE} [orderEarned amount=5250 rate=1]`, 'orderEarned amount=5250 rate=2');
    expect(joined).toBe(`${SENTENCE} [orderEarned amount=5250 rate=2]`);
    expect(parseLedgerReason(joinLedgerReason('', 'registration'))?.key).toBe('loyalty.reason.registration');
    expect(ledgerReasonSentence(joinLedgerReason('', 'registration'))).toBe('');
  });

  it('staff free text has no code and stays as typed', () => {
    expect(splitLedgerReason('Подарок [за отзыв]')).toEqual({ sentence: 'Подарок [за отзыв]', code: '' });
    expect(joinLedgerReason('Подарок за отзыв', '')).toBe('Подарок за отзыв');
    expect(parseLedgerReason('Подарок за отзыв')).toBeNull();
  });

  it('a ledger row with a Reason code reads as the joined reason', () => {
    const header = [
      'ID записи',
      'Дата',
      'ID клиента',
      'Вид',
      'Баллы',
      'Ключ',
      'ID заказа',
      'Причина',
      'Кто',
      'Код причины',
    ];
    const row = [
      'L-1',
      new Date('2026-11-20T12:00:00Z'),
      'C-1',
      'Начисление',
      5250,
      'order:O-1',
      'O-1',
      SENTENCE,
      '',
      'orderEarned amount=5250 rate=1',
    ];
    const mapping = mapHeaders(loyalty, header, { locale: 'ru', renames: {} });
    const [typed] = parseRows(loyalty, [header, row], mapping, { locale: 'ru' }).rows;
    expect(ledgerEntryFromRow(typed!)?.reason).toBe(`${SENTENCE} [orderEarned amount=5250 rate=1]`);
  });

  it('a sheet without the Reason code column gets the code as the suffix, not lost', () => {
    const values = { reason: SENTENCE, reasonCode: 'orderEarned amount=5250 rate=1', points: 5250 };
    // Columns 0..8 of the old ledger: reason at 7, no reasonCode.
    const old = { id: 0, date: 1, clientId: 2, kind: 3, points: 4, key: 5, orderId: 6, reason: 7, by: 8 };
    expect(foldMissingColumns(loyalty, values, old)).toEqual({
      reason: `${SENTENCE} [orderEarned amount=5250 rate=1]`,
      points: 5250,
    });
    expect(foldMissingColumns(loyalty, values, { ...old, reasonCode: 9 })).toBe(values);
    // An empty code (staff text) changes nothing.
    const typed = { reason: 'Подарок', reasonCode: '' };
    expect(foldMissingColumns(loyalty, typed, old)).toBe(typed);
  });
});

describe('relabelTable: ledger reasons re-rendered from their code', () => {
  const sentence = (code: string) => (code.startsWith('orderEarned') ? 'Points for an order' : null);
  const header = ['ID записи', 'Причина', 'Код причины'];

  it('renders from the code, moves an old suffix into the code, keeps free text and unknown codes', () => {
    const rows = [
      header,
      ['L-1', SENTENCE, 'orderEarned amount=5250 rate=1'],
      ['L-2', `${SENTENCE} [orderEarned amount=100 rate=2]`, ''],
      ['L-3', 'Подарок', ''],
      ['L-4', 'Что-то', 'somethingElse x=1'],
    ];
    const result = relabelTable(loyalty, rows, 'en', { sentence });
    expect(result.rows).toEqual([
      ['Entry ID', 'Reason', 'Reason code'],
      ['L-1', 'Points for an order', 'orderEarned amount=5250 rate=1'],
      ['L-2', 'Points for an order', 'orderEarned amount=100 rate=2'],
      ['L-3', 'Подарок', ''],
      ['L-4', 'Что-то', 'somethingElse x=1'],
    ]);
    expect(result.bodyColumns).toEqual([1, 2]);
    // Idempotent: a second run changes no cell.
    expect(relabelTable(loyalty, result.rows, 'en', { sentence }).bodyColumns).toEqual([]);
  });

  it('a sheet without the code column keeps the suffix after the new sentence', () => {
    const rows = [
      ['ID записи', 'Причина'],
      ['L-2', `${SENTENCE} [orderEarned amount=100 rate=2]`],
    ];
    expect(relabelTable(loyalty, rows, 'en', { sentence }).rows[1]).toEqual([
      'L-2',
      'Points for an order [orderEarned amount=100 rate=2]',
    ]);
  });

  it('without a renderer the reasons are left as they are', () => {
    const rows = [header, ['L-1', SENTENCE, 'orderEarned amount=5250 rate=1']];
    expect(relabelTable(loyalty, rows, 'en').rows[1]).toEqual(['L-1', SENTENCE, 'orderEarned amount=5250 rate=1']);
  });
});
