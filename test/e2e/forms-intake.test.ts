import { describe, expect, it } from 'vitest';
import { writeFixture } from '../support/sheet-fixtures';
import { formIds, freshStudio, installSpreadsheetFormTrigger } from '../support/studio';

function studioWithForms(locale: 'ru' | 'en' = 'ru') {
  const { emu, app } = freshStudio(locale);
  app.run('setupDatabase', [], { kind: 'menu' });
  app.run('createForms', [], { kind: 'menu' });
  return { emu, app, ids: formIds(emu) };
}

const clientRows = (emu: ReturnType<typeof freshStudio>['emu']) =>
  emu.spreadsheet
    .values('Клиенты')
    .slice(1)
    .filter((row) => row[0] !== '');
const col = (emu: ReturnType<typeof freshStudio>['emu'], header: string) =>
  emu.spreadsheet.values('Клиенты')[0]?.indexOf(header) ?? -1;

const anna = {
  Имя: 'Анна',
  'Электронная почта': 'Anna@Example.COM',
  'Канал на Twitch': 'twitch.tv/anna',
  'Тематика канала': 'Игры',
  Страна: 'Россия',
  Город: 'Казань',
  'Как вы о нас узнали?': 'Друзья',
};
/** Anna's answers with the consent box ticked (its text comes from Settings). */
const annaWith = (emu: ReturnType<typeof freshStudio>['emu'], extra: Record<string, string | string[]> = {}) => ({
  ...anna,
  Согласие: [String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1])],
  ...extra,
});

describe('createForms', () => {
  it('builds both forms in the studio language, links them, and a second run adds no form and no trigger', () => {
    const { emu, app, ids } = studioWithForms();
    expect(emu.forms.list().map((form) => form.title)).toEqual([
      'Studio: регистрация клиента',
      'Studio: отзыв о заказе',
    ]);
    const registration = emu.forms.list()[0];
    expect(registration?.questions.map((q) => q.title)).toContain('Согласие');
    const formTriggers = () => emu.triggers.list().filter((trigger) => trigger.eventType === 'ON_FORM_SUBMIT').length;
    expect(formTriggers()).toBe(2);
    app.run('createForms', [], { kind: 'menu' });
    expect(emu.forms.list()).toHaveLength(2);
    expect(formTriggers()).toBe(2);
    expect(formIds(emu)).toEqual(ids);
    const view = app.callFromClient('getForms') as { registration: { url: string; responses: number }; qrText: string };
    expect(view.qrText).toBe(view.registration.url);
    expect(view.registration.responses).toBe(0);
  });
});

describe('registration intake', () => {
  it('creates the client by normalised email with consent, then merges a second answer without erasing', () => {
    const { emu, ids } = studioWithForms();
    const consentText = String(emu.spreadsheet.values('Настройки').find((row) => row[0] === 'forms.consentText')?.[1]);
    emu.forms.submit(ids.registration, { ...anna, Согласие: [consentText] }, { fireTwice: true });
    let rows = clientRows(emu);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[col(emu, 'Email')]).toBe('anna@example.com');
    expect(rows[0]?.[col(emu, 'Тематика канала')]).toBe('Игры');
    expect(String(rows[0]?.[col(emu, 'Версия текста согласия')])).toBe('1');
    expect(Object.prototype.toString.call(rows[0]?.[col(emu, 'Согласие дано')])).toBe('[object Date]');
    const afterFirst = JSON.stringify(emu.spreadsheet.values('Клиенты'));

    emu.advance(3600_000);
    // Newer answer: the city changes, blanks (no channel) never erase, a formula stays text.
    emu.forms.submit(ids.registration, {
      Имя: '=HYPERLINK("http://evil","x")',
      'Электронная почта': 'ANNA@example.com',
      Город: 'Москва',
      Согласие: [consentText],
    });
    rows = clientRows(emu);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.[col(emu, 'Город')]).toBe('Москва');
    expect(rows[0]?.[col(emu, 'Канал Twitch')]).toBe('twitch.tv/anna');
    expect(rows[0]?.[col(emu, 'Имя')]).toBe('=HYPERLINK("http://evil","x")');
    expect(
      emu.spreadsheet
        .formulas('Клиенты')
        .flat()
        .filter((formula) => formula !== ''),
    ).toEqual([]);
    expect(JSON.stringify(emu.spreadsheet.values('Клиенты'))).not.toBe(afterFirst);
  });

  it('handles the spreadsheet-bound event shape with English response headers and ignores the empty duplicate', () => {
    const { emu, app, ids } = studioWithForms('en');
    for (const trigger of emu.triggers.list().filter((t) => t.eventType === 'ON_FORM_SUBMIT'))
      emu.triggers.remove(trigger.uid);
    installSpreadsheetFormTrigger(emu);
    // Only the spreadsheet-bound trigger is left: the answer below can reach the bundle through it alone.
    expect(
      emu.triggers
        .list()
        .filter((t) => t.eventType === 'ON_FORM_SUBMIT')
        .map((t) => [t.handler, t.source]),
    ).toEqual([['onFormResponse', 'SPREADSHEETS']]);
    const consentText = String(emu.spreadsheet.values('Settings').find((row) => row[0] === 'forms.consentText')?.[1]);
    emu.forms.submit(
      ids.registration,
      {
        Name: 'Bob',
        Email: 'bob@example.com',
        'Channel topic': 'Art',
        Consent: [consentText],
        'Birthday (optional)': '1999-05-04',
      },
      { fireTwice: true, emptySecondEvent: true },
    );
    const rows = emu.spreadsheet
      .values('Clients')
      .slice(1)
      .filter((row) => row[0] !== '');
    expect(rows).toHaveLength(1);
    const header = emu.spreadsheet.values('Clients')[0] ?? [];
    expect(rows[0]?.[header.indexOf('Channel topic')]).toBe('Art');
    expect((rows[0]?.[header.indexOf('Birthday')] as Date).getFullYear()).toBe(1999);
    expect(app.functions()).toContain('onFormResponse');
  });

  it('two submissions for the same email at the same moment make one client', () => {
    const { emu, ids } = studioWithForms();
    let started = false;
    emu.rt.onCall = (call) => {
      // Mid-way through the first submission's execution, before it takes the lock, a second one runs.
      if (!started && call === 'Spreadsheet.getSpreadsheetLocale') {
        started = true;
        emu.forms.submit(ids.registration, annaWith(emu, { Город: 'Самара' }));
      }
    };
    emu.forms.submit(ids.registration, annaWith(emu));
    emu.rt.onCall = null;
    expect(started).toBe(true);
    expect(clientRows(emu)).toHaveLength(1);
  });

  it('a submission that finds the database locked is queued and applied later, not lost', () => {
    const { emu, ids } = studioWithForms();
    let started = false;
    emu.rt.onCall = (call) => {
      if (!started && call === 'Lock.tryLock') {
        started = true;
        // The lock is about to be taken by the outer execution; the inner one will find it held.
        emu.rt.onCall = (inner) => {
          if (inner === 'Range.getValues' && emu.rt.onCall) {
            emu.rt.onCall = null;
            emu.forms.submit(
              ids.registration,
              annaWith(emu, { 'Электронная почта': 'boris@example.com', Имя: 'Борис' }),
            );
          }
        };
      }
    };
    emu.forms.submit(ids.registration, annaWith(emu));
    emu.rt.onCall = null;
    expect(clientRows(emu)).toHaveLength(1);
    emu.advance(2 * 60_000);
    expect(
      clientRows(emu)
        .map((row) => row[col(emu, 'Email')])
        .sort(),
    ).toEqual(['anna@example.com', 'boris@example.com']);
  });
});

describe('feedback intake', () => {
  it('lands in Feedback linked to order and client; the same response twice adds one row; prefilled links carry the order', () => {
    const { emu, app, ids } = studioWithForms();
    writeFixture(emu, 'clients', [{ id: 'C-0007', name: 'Вера', email: 'vera@example.com' }], 'ru');
    writeFixture(
      emu,
      'orders',
      [
        {
          id: 'O-0042',
          clientEmail: 'vera@example.com',
          date: new Date('2026-11-01T10:00:00Z'),
          amount: 3000,
          status: 'completed',
        },
      ],
      'ru',
    );
    const template = JSON.parse(emu.properties.script()['forms.feedback'] ?? '{}').prefillTemplate as string;
    expect(template).toContain('ORDER_REFERENCE_PLACEHOLDER');
    const link = template.replace('ORDER_REFERENCE_PLACEHOLDER', 'O-0042');
    emu.forms.submitPrefilled(
      link,
      {
        'Оценка работы': '5',
        'Насколько вероятно, что вы порекомендуете нас другу?': '9',
        'Можно ли процитировать ваш отзыв?': 'Да',
      },
      { fireTwice: true },
    );
    const rows = emu.spreadsheet.values('Отзывы');
    expect(rows).toHaveLength(2);
    const header = rows[0] ?? [];
    expect(rows[1]?.[header.indexOf('ID заказа')]).toBe('O-0042');
    expect(rows[1]?.[header.indexOf('ID клиента')]).toBe('C-0007');
    expect(rows[1]?.[header.indexOf('Оценка')]).toBe(5);
    expect(rows[1]?.[header.indexOf('NPS')]).toBe(9);
    expect(rows[1]?.[header.indexOf('Можно цитировать')]).toBe(true);
    expect(app.functions()).toContain('onFormResponse');
  });
});
