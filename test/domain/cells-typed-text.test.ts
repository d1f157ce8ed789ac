import { describe, expect, it } from 'vitest';
import { asTextFromOutside, asTypedText } from '../../src/domain/cells';
import { CellTooLongError, cellForWrite, MAX_CELL_CHARS, sheetSpec } from '../../src/domain/schema';

describe('asTextFromOutside keeps a leading apostrophe', () => {
  it('prefixes "\'Tis" so Sheets does not swallow the apostrophe', () => {
    expect(asTextFromOutside("'Tis")).toBe("''Tis");
    expect(asTextFromOutside("O'Brien")).toBe("O'Brien");
  });
});

describe('asTypedText', () => {
  it.each<[string, string]>([
    ['24.11.2026', "'24.11.2026"],
    ['1 200,50 ₽', "'1 200,50 ₽"],
    ['007', "'007"],
    ['50%', "'50%"],
    ['₽100', "'₽100"],
    ['TRUE', "'TRUE"],
    [' истина ', "' истина "],
    ['=1+1', "'=1+1"],
    ["'quoted", "''quoted"],
    ['Анна', 'Анна'],
    ['Need 3 badges', 'Need 3 badges'],
    ['', ''],
  ])('%j becomes %j', (raw, expected) => {
    expect(asTypedText(raw)).toBe(expected);
  });
});

describe('cellForWrite', () => {
  const requests = sheetSpec('requests');
  const orders = sheetSpec('orders');

  it('keeps text columns as typed, leaves number and enum columns to Sheets', () => {
    expect(cellForWrite(requests, 'summary', '24.11.2026', 'ru')).toBe("'24.11.2026");
    expect(cellForWrite(orders, 'amount', 1200.5, 'ru')).toBe(1200.5);
    expect(cellForWrite(requests, 'channel', 'email', 'en')).toBe('Email');
  });

  it("refuses more than a cell holds, naming the sheet and column in the sheet's language", () => {
    expect(cellForWrite(requests, 'summary', 'x'.repeat(MAX_CELL_CHARS), 'ru')).toHaveLength(MAX_CELL_CHARS);
    let refused: unknown;
    try {
      cellForWrite(requests, 'summary', 'x'.repeat(MAX_CELL_CHARS + 1), 'ru');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CellTooLongError);
    expect(refused).toMatchObject({ sheet: 'Обращения', column: 'Суть', length: MAX_CELL_CHARS + 1 });
  });
});
