import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio } from '../support/studio';

type Emu = ReturnType<typeof freshStudio>['emu'];

function studioWithForms() {
  const { emu, app } = freshStudio('ru');
  app.run('setupDatabase', [], { kind: 'menu' });
  app.run('createForms', [], { kind: 'menu' });
  return { emu, app, ids: formIds(emu) };
}

/** A sheet's rows as objects keyed by its (Russian) headers. */
function rowsOf(emu: Emu, sheet: string): Record<string, unknown>[] {
  const [header = [], ...body] = emu.spreadsheet.values(sheet);
  return body
    .filter((cells) => cells.some((cell) => cell !== ''))
    .map((cells) => Object.fromEntries(header.map((title, index) => [String(title), cells[index]])));
}

const consent = (emu: Emu) => [
  String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]),
];
const problemLines = (emu: Emu) =>
  rowsOf(emu, 'Проблемы').map((row) => [row['Лист'], row['Строка'], row['Столбец'], row['Значение'], row['Источник']]);
const referralEntries = (emu: Emu) =>
  rowsOf(emu, 'Баллы').filter((row) => String(row['Ключ'] ?? '').startsWith('referral:'));

describe('referral code on the registration form', () => {
  it('links the newcomer to the friend and credits both once after the first completed order; self-referral is refused', () => {
    const { emu, app, ids } = studioWithForms();
    expect(emu.forms.list()[0]?.questions.map((question) => question.title)).toContain('Код друга (если есть)');
    writeFixture(
      emu,
      'clients',
      [{ id: 'C-0001', name: 'Анна', email: 'anna@example.com', createdAt: new Date('2026-01-10T10:00:00Z') }],
      'ru',
    );
    app.callFromClient('runLoyaltyNow');
    const annaCode = String(rowsOf(emu, 'Клиенты')[0]?.['Реферальный код'] ?? '');
    expect(annaCode).toMatch(/^[A-Z2-9]{6}$/);

    emu.forms.submit(
      ids.registration,
      {
        Имя: 'Борис',
        'Электронная почта': 'boris@example.com',
        'Код друга (если есть)': ` ${annaCode} `,
        Согласие: consent(emu),
      },
      { fireTwice: true },
    );
    const boris = rowsOf(emu, 'Клиенты').find((row) => row.Email === 'boris@example.com');
    expect(boris?.['Пришёл от']).toBe('C-0001');
    // The friend's code is not the newcomer's own code.
    expect(boris?.['Реферальный код']).not.toBe(annaCode);

    writeFixture(
      emu,
      'orders',
      [
        {
          id: 'O-1',
          clientId: boris?.['ID клиента'],
          date: new Date('2026-11-24T08:00:00Z'),
          amount: 100,
          status: 'completed',
          completedAt: new Date('2026-11-24T08:00:00Z'),
        },
      ],
      'ru',
    );
    app.callFromClient('runLoyaltyNow');
    app.callFromClient('runLoyaltyNow');
    expect(referralEntries(emu).map((row) => [row['ID клиента'], row['Ключ'], row['Баллы']])).toEqual([
      ['C-0001', 'referral:C-0002:referrer', 300],
      ['C-0002', 'referral:C-0002:referee', 150],
    ]);

    // Anna names her own code on a later answer (the trigger firing twice): refused, listed once on Problems, nothing linked or credited.
    emu.advance(3600_000);
    expect(problemLines(emu)).toEqual([]);
    emu.forms.submit(
      ids.registration,
      {
        Имя: 'Анна',
        'Электронная почта': 'anna@example.com',
        Город: 'Казань',
        'Код друга (если есть)': annaCode,
        Согласие: consent(emu),
      },
      { fireTwice: true },
    );
    expect(emu.logs.messages().some((message) => message.includes('referral for C-0001 refused'))).toBe(true);
    expect(problemLines(emu)).toEqual([['Клиенты', 2, 'Пришёл от', annaCode, 'Ответ на форму']]);
    expect(rowsOf(emu, 'Проблемы')[0]?.['Что не так']).toBe(
      'Клиент не может использовать собственный реферальный код.',
    );
    expect(rowsOf(emu, 'Клиенты').find((row) => row.Email === 'anna@example.com')?.['Пришёл от']).toBe('');
    app.callFromClient('runLoyaltyNow');
    expect(referralEntries(emu)).toHaveLength(2);
  });
});

/** The few Form calls a staff edit makes (the emulator's objects are untyped from here). */
interface EditableForm {
  getItems(): Array<{ getTitle(): string; asTextItem(): { clearValidation(): unknown } }>;
  deleteItem(item: unknown): void;
  addTextItem(): { setTitle(title: string): unknown };
}

describe('unreadable answers on the Problems sheet', () => {
  /** Staff changed the form: the birthday became a free-text question and the email lost its check. */
  function loosenForm(emu: Emu, formId: string) {
    emu.withContext({ kind: 'test', authMode: 'FULL' }, () => {
      const form = (emu.globals() as unknown as { FormApp: { openById(id: string): EditableForm } }).FormApp.openById(
        formId,
      );
      for (const item of form.getItems()) {
        if (item.getTitle() === 'Электронная почта') item.asTextItem().clearValidation();
        if (item.getTitle() === 'День рождения (необязательно)') {
          form.deleteItem(item);
          form.addTextItem().setTitle('День рождения (необязательно)');
        }
      }
    });
  }

  it('keeps the readable fields, reports the bad one once with sheet, row, column, value and message', () => {
    const { emu, app, ids } = studioWithForms();
    loosenForm(emu, ids.registration);
    emu.forms.submit(
      ids.registration,
      {
        Имя: 'Вера',
        'Электронная почта': 'vera@example.com',
        Город: 'Тверь',
        'День рождения (необязательно)': '31.02.2026',
        Согласие: consent(emu),
      },
      { fireTwice: true },
    );
    const vera = rowsOf(emu, 'Клиенты').find((row) => row.Email === 'vera@example.com');
    expect(vera?.['Город']).toBe('Тверь');
    expect(vera?.['День рождения']).toBe('');
    expect(problemLines(emu)).toEqual([['Клиенты', 2, 'День рождения', '31.02.2026', 'Ответ на форму']]);
    expect(String(rowsOf(emu, 'Проблемы')[0]?.['Что не так'])).toMatch(/31\.02\.2026/);

    // A malformed email: no client to put it on, so nothing is created and the answer is reported.
    emu.forms.submit(ids.registration, { Имя: 'Глеб', 'Электронная почта': 'gleb@', Согласие: consent(emu) });
    expect(rowsOf(emu, 'Клиенты').map((row) => row.Email)).toEqual(['vera@example.com']);
    const emailLine = rowsOf(emu, 'Проблемы').find((row) => row['Значение'] === 'gleb@');
    expect(emailLine?.['Столбец']).toBe('Email');
    expect(String(emailLine?.['Что не так'])).toMatch(/Глеб.*не сохранена/);

    // A sheet check keeps form lines, adds its own, and a repeat adds nothing.
    const header = emu.spreadsheet.values('Клиенты')[0] ?? [];
    emu.spreadsheet.edit('Клиенты', `${String.fromCharCode(65 + header.indexOf('Email'))}2`, [['не почта']]);
    app.callFromClient('refreshProblems');
    app.callFromClient('refreshProblems');
    const lines = problemLines(emu);
    expect(lines).toHaveLength(3);
    expect(lines.filter((line) => line[4] === 'Ответ на форму')).toHaveLength(2);
    expect(lines).toContainEqual(['Клиенты', 2, 'Email', 'не почта', 'Проверка листов']);
  });
});

describe('import problems on the Problems sheet', () => {
  it('are written with the import line, kept by a sheet check, and never listed twice', () => {
    const { emu, app } = studioWithForms();
    const csv = 'Имя;Email;День рождения\nАнна;anna@example.com;24.11.2000\nБорис;boris@example.com;31.02.2026\n';
    const summary = app.callFromClient('importCsv', 'clients', csv) as { added: number; problems: unknown[] };
    expect(summary.added).toBe(2);
    expect(summary.problems).toHaveLength(1);
    const importLine = ['Импорт (Клиенты)', 3, 'День рождения', '31.02.2026', 'Импорт'];
    expect(problemLines(emu)).toEqual([importLine]);

    app.callFromClient('importCsv', 'clients', csv);
    app.callFromClient('refreshProblems');
    app.run('setupDatabase', [], { kind: 'menu' });
    expect(problemLines(emu)).toEqual([importLine]);
  });
});
