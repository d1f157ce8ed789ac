// Skip reasons as words: a Sends Reason cell and a Send totals "Skips by reason" cell hold labels in the
// sheet's language, and read back to the same reason from either language or from the older code.
import { describe, expect, it } from 'vitest';
import { SKIP_REASONS } from '../../src/domain/campaigns/exclusions';
import { countsCell, ENUMS, formatCell, parseCell, parseCounts } from '../../src/domain/cells';
import { cellForWrite, mapHeaders, parseRows, relabelTable, sheetSpec } from '../../src/domain/schema';

const reasonSpec = sheetSpec('sends').columns.find((column) => column.key === 'reason')!;
const read = (raw: unknown) => parseCell(raw, reasonSpec, { locale: 'ru' });

describe('a skip reason in a Sends Reason cell', () => {
  it('is written as the label of the sheet language', () => {
    expect(formatCell('noConsent', reasonSpec, 'ru')).toBe('Нет согласия на рассылки');
    expect(formatCell('noConsent', reasonSpec, 'en')).toBe('No consent to mailings');
    expect(cellForWrite(sheetSpec('sends'), 'reason', 'weeklyCap', 'ru')).toBe('Недельный лимит писем');
  });

  it('reads back from the ru label, the en label and the old code alike', () => {
    for (const raw of ['Нет согласия на рассылки', 'No consent to mailings', 'noConsent', ' нет согласия на рассылки '])
      expect(read(raw)).toEqual({ ok: true, value: 'noConsent' });
    expect(read('Пустое поле в письме')).toEqual({ ok: true, value: 'missingField' });
    expect(read('Same kind of mail this week')).toEqual({ ok: true, value: 'sameKind' });
    // A skip with no reason, as the roll-ups count it, has words too.
    expect(formatCell('unknown', reasonSpec, 'ru')).toBe('Причина не указана');
    // A follow-up's stops are skips too.
    expect(formatCell('replied', reasonSpec, 'ru')).toBe('Ответил на письмо');
    expect(read('Ordered since the mail')).toEqual({ ok: true, value: 'ordered' });
  });

  it('every reason the engine decides has a label in both languages, each read back to itself', () => {
    const listed = ENUMS.skipReason.map((option) => option.value);
    expect(listed).toEqual(expect.arrayContaining([...SKIP_REASONS]));
    for (const reason of SKIP_REASONS)
      for (const locale of ['ru', 'en'] as const) {
        const label = formatCell(reason, reasonSpec, locale);
        expect(label).not.toBe(reason);
        expect(read(label)).toEqual({ ok: true, value: reason });
      }
  });

  it("a failure's free text stays as written, also one that looks like a number or a date", () => {
    const sends = sheetSpec('sends');
    const header = ['Кампания', 'ID клиента', 'Статус', 'Причина'];
    const rows = [
      header,
      ['K-1', 'C-1', 'Ошибка', 'bounce: 550 5.1.1 user unknown'],
      ['K-1', 'C-2', 'Ошибка', 550],
      ['K-1', 'C-3', 'Пропущено', 'Отписался от рассылок'],
    ];
    const parsed = parseRows(sends, rows, mapHeaders(sends, header, { locale: 'ru' }), { locale: 'ru' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((row) => row.values.reason)).toEqual([
      'bounce: 550 5.1.1 user unknown',
      '550',
      'unsubscribed',
    ]);
    // "24.11.2026" written as typed text (the ' prefix), not turned into a date by Sheets.
    expect(cellForWrite(sends, 'reason', '24.11.2026 timeout', 'ru')).toBe("'24.11.2026 timeout");
  });
});

describe('skips by reason in one Send totals cell', () => {
  it('is written as labels with counts in the list order, in the sheet language', () => {
    // Order of the list: invalidEmail, unsubscribed, bounced, noConsent, …, weeklyCap: not alphabetical.
    expect(countsCell('skipReason', { weeklyCap: 1, noConsent: 3, unsubscribed: 2 }, 'ru')).toBe(
      'Отписался от рассылок: 2; Нет согласия на рассылки: 3; Недельный лимит писем: 1',
    );
    expect(countsCell('skipReason', { weeklyCap: 1, noConsent: 3 }, 'en')).toBe(
      'No consent to mailings: 3; Weekly mail limit reached: 1',
    );
  });

  it('reads back from ru words, en words and the old `code=n` cell to the same counts', () => {
    const expected = { noConsent: 3, weeklyCap: 1 };
    expect(parseCounts('Нет согласия на рассылки: 3; Недельный лимит писем: 1', 'skipReason')).toEqual({
      counts: expected,
      complete: true,
    });
    expect(parseCounts('No consent to mailings: 3; Weekly mail limit reached: 1', 'skipReason').counts).toEqual(
      expected,
    );
    expect(parseCounts('noConsent=3; weeklyCap=1', 'skipReason').counts).toEqual(expected);
  });

  it('keeps a reason it does not know under its own words, and says when a part did not read', () => {
    expect(parseCounts('Что-то своё: 2; noConsent=1', 'skipReason')).toEqual({
      counts: { 'Что-то своё': 2, noConsent: 1 },
      complete: true,
    });
    expect(parseCounts('noConsent=1; заметка', 'skipReason')).toEqual({ counts: { noConsent: 1 }, complete: false });
  });
});

describe('switching the language relabels skip reasons', () => {
  it('Sends reasons and Send totals counts, old codes included; failure text and notes stay', () => {
    const sends = [
      ['Кампания', 'ID клиента', 'Статус', 'Причина'],
      ['K-1', 'C-1', 'Пропущено', 'Нет согласия на рассылки'],
      ['K-1', 'C-2', 'Пропущено', 'weeklyCap'],
      ['K-1', 'C-3', 'Ошибка', 'bounce: 550'],
    ];
    const relabelled = relabelTable(sheetSpec('sends'), sends, 'en');
    expect(relabelled.rows.map((row) => row[3])).toEqual([
      'Reason',
      'No consent to mailings',
      'Weekly mail limit reached',
      'bounce: 550',
    ]);
    expect(relabelled.bodyColumns).toEqual([2, 3]);

    const totals = [
      ['Кампания', 'ID клиента', 'Пропуски по причинам'],
      ['K-1', '', 'noConsent=3; weeklyCap=1'],
      ['K-2', '', 'Нет согласия на рассылки: 1'],
      ['K-3', '', 'заметка сотрудника'],
    ];
    const en = relabelTable(sheetSpec('sendTotals'), totals, 'en');
    expect(en.rows.map((row) => row[2])).toEqual([
      'Skips by reason',
      'No consent to mailings: 3; Weekly mail limit reached: 1',
      'No consent to mailings: 1',
      'заметка сотрудника',
    ]);
    // And back: the Russian words again, nothing else changed the second time.
    const ru = relabelTable(sheetSpec('sendTotals'), en.rows, 'ru');
    expect(ru.rows[1]?.[2]).toBe('Нет согласия на рассылки: 3; Недельный лимит писем: 1');
    expect(relabelTable(sheetSpec('sendTotals'), ru.rows, 'ru').bodyColumns).toEqual([]);
  });
});
