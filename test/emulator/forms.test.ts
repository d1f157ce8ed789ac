import { describe, expect, it } from 'vitest';
import { loadBundleSource } from '../../local/emulator/bundle';
import { createEmulator } from '../../local/emulator';
import { RECORD_FUNCTION, recorded } from './recorded';

// The intake form the add-on builds, and handlers for both kinds of form-submit trigger.
const SCRIPT = `
${RECORD_FUNCTION}
function buildIntake() {
  var form = FormApp.create('Заявка на эмоуты');
  form.setCollectEmail(true).setDescription('Расскажите о канале');
  form.addTextItem().setTitle('Канал').setRequired(true);
  form.addTextItem().setTitle('Почта для связи')
    .setValidation(FormApp.createTextValidation().requireTextIsEmail().setHelpText('Нужен адрес почты').build());
  form.addSectionHeaderItem().setTitle('Заказ');
  form.addCheckboxItem().setTitle('Что нужно').setChoiceValues(['Эмоуты', 'Стикеры', 'Бейджи']).setRequired(true);
  var budget = form.addMultipleChoiceItem().setTitle('Бюджет');
  budget.setChoices([budget.createChoice('до 5000'), budget.createChoice('5000+')]);
  form.addScaleItem().setTitle('Срочность').setBounds(1, 5).setLabels('не горит', 'вчера');
  form.addDateItem().setTitle('Дедлайн');
  return form.getId();
}
function watch(formId) {
  ScriptApp.newTrigger('onIntake').forForm(FormApp.openById(formId)).onFormSubmit().create();
}
function onIntake(e) {
  record('seen', {
    uid: e.triggerUid,
    full: e.authMode === ScriptApp.AuthMode.FULL,
    formId: e.source.getId(),
    email: e.response.getRespondentEmail(),
    answers: e.response.getItemResponses().map(function (r) { return [r.getItem().getTitle(), r.getResponse()]; }),
  });
}
function prefillFor(formId, channel) {
  var form = FormApp.openById(formId);
  var item = form.getItems(FormApp.ItemType.TEXT)[0].asTextItem();
  return form.createResponse().withItemResponse(item.createResponse(channel)).toPrefilledUrl();
}
function storedAnswers(formId, responseId) {
  return FormApp.openById(formId).getResponse(responseId).getItemResponses().map(function (r) { return r.getResponse(); });
}
`;

function setUp() {
  const emu = createEmulator({ now: '2024-03-15T10:00:00Z' });
  const app = loadBundleSource(emu, SCRIPT);
  const formId = app.run('buildIntake') as string;
  return { emu, app, formId };
}

const complete = { Канал: 'twitch.tv/kotik', 'Что нужно': ['Эмоуты', 'Бейджи'], Срочность: '4', Дедлайн: '2024-04-01' };

describe('FormApp building', () => {
  it('builds items of the right types in order, reachable by id and url', () => {
    const { emu, formId } = setUp();
    const FormApp = emu.globals().FormApp as any;
    const form = FormApp.openByUrl(FormApp.openById(formId).getEditUrl());
    expect(form.getTitle()).toBe('Заявка на эмоуты');
    const items = form.getItems();
    expect(items.map((i: any) => String(i.getType()))).toEqual([
      'TEXT',
      'TEXT',
      'SECTION_HEADER',
      'CHECKBOX',
      'MULTIPLE_CHOICE',
      'SCALE',
      'DATE',
    ]);
    expect(
      form
        .getItemById(items[3].getId())
        .asCheckboxItem()
        .getChoices()
        .map((c: any) => c.getValue()),
    ).toEqual(['Эмоуты', 'Стикеры', 'Бейджи']);
    expect(() => items[0].asCheckboxItem()).toThrow('Invalid conversion for item type: TEXT.');
    form.moveItem(6, 0);
    expect(form.getItems()[0].getTitle()).toBe('Дедлайн');
    form.deleteItem(form.getItems()[0]);
    expect(form.getItems()).toHaveLength(6);
    expect(FormApp.getActiveForm()).toBeNull();
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform$/);
  });

  it('refuses bad scale bounds and a choice that is not offered', () => {
    const { emu, formId } = setUp();
    const form = (emu.globals().FormApp as any).openById(formId);
    const scale = form.getItems()[5].asScaleItem();
    expect(() => scale.setBounds(2, 5)).toThrow('Invalid bounds');
    expect(() => form.getItems()[4].asMultipleChoiceItem().createResponse('бесплатно')).toThrow(
      'not one of the choices',
    );
  });
});

describe('submitting responses', () => {
  it('stores a valid response and shows it to the script', () => {
    const { emu, app, formId } = setUp();
    emu.clock.advance(60_000);
    const responseId = emu.forms.submit(formId, complete, { email: 'kotik@example.com' });
    expect(emu.forms.responses(formId)).toHaveLength(1);
    expect(emu.forms.responses(formId)[0]).toMatchObject({
      id: responseId,
      email: 'kotik@example.com',
      timestamp: Date.parse('2024-03-15T10:01:00Z'),
    });
    expect(app.run('storedAnswers', [formId, responseId])).toEqual([
      'twitch.tv/kotik',
      ['Эмоуты', 'Бейджи'],
      '4',
      '2024-04-01',
    ]);
  });

  it('enforces required questions, the email validation and the respondent address', () => {
    const { emu, formId } = setUp();
    const { Канал: _, ...withoutChannel } = complete;
    expect(() => emu.forms.submit(formId, withoutChannel, { email: 'a@b.co' })).toThrow(
      '"Канал": this is a required question',
    );
    expect(() =>
      emu.forms.submit(formId, { ...complete, 'Почта для связи': 'not-an-address' }, { email: 'a@b.co' }),
    ).toThrow('Нужен адрес почты');
    expect(() => emu.forms.submit(formId, complete)).toThrow('must be a valid email address');
    expect(() => emu.forms.submit(formId, { ...complete, Срочность: '9' }, { email: 'a@b.co' })).toThrow('from 1 to 5');
    expect(emu.forms.responses(formId)).toHaveLength(0);
  });

  it('round-trips a pre-filled link made by the script', () => {
    const { emu, app, formId } = setUp();
    const url = app.run('prefillFor', [formId, 'twitch.tv/lisa']) as string;
    const itemId = emu.forms.list()[0]?.questions[0]?.id;
    expect(url).toContain(`viewform?usp=pp_url&entry.${itemId}=twitch.tv%2Flisa`);
    const { Канал: _, ...rest } = complete;
    const responseId = emu.forms.submitPrefilled(url, rest, { email: 'lisa@example.com' });
    expect(app.run('storedAnswers', [formId, responseId])).toEqual([
      'twitch.tv/lisa',
      ['Эмоуты', 'Бейджи'],
      '4',
      '2024-04-01',
    ]);
  });

  it("fires the form-bound trigger with Google's event shape, twice when asked", () => {
    const { emu, app, formId } = setUp();
    app.run('watch', [formId]);
    emu.forms.submit(formId, complete, { email: 'kotik@example.com', fireTwice: true });
    const seen = recorded(emu, 'seen');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual({
      uid: emu.triggers.formSubmitTriggers(formId)[0]?.uid,
      full: true,
      formId,
      email: 'kotik@example.com',
      answers: [
        ['Канал', 'twitch.tv/kotik'],
        ['Что нужно', ['Эмоуты', 'Бейджи']],
        ['Срочность', '4'],
        ['Дедлайн', '2024-04-01'],
      ],
    });
    expect(seen[1]).toEqual(seen[0]);
    expect(emu.triggerRuns.map((r) => [r.kind, r.handler, r.error])).toEqual([
      ['formSubmit', 'onIntake', null],
      ['formSubmit', 'onIntake', null],
    ]);
  });

  it('stores a response a script submits (FormResponse.submit) without firing submit triggers, as Google documents', () => {
    const { emu, app, formId } = setUp();
    app.run('watch', [formId]);
    const FormApp = emu.globals().FormApp as any;
    const form = FormApp.openById(formId);
    const items = form.getItems();
    const text = items.find((i: any) => i.getTitle() === 'Канал').asTextItem();
    const boxes = items.find((i: any) => i.getTitle() === 'Что нужно').asCheckboxItem();
    emu.session.setUserEmail('kotik@example.com');
    form
      .createResponse()
      .withItemResponse(text.createResponse('twitch.tv/x'))
      .withItemResponse(boxes.createResponse(['Стикеры']))
      .submit();
    expect(emu.forms.responses(formId)).toHaveLength(1);
    expect(recorded(emu, 'seen')).toEqual([]);
    expect(emu.triggerRuns).toEqual([]);
  });

  it('refuses responses once the form stops accepting them, and survives toJSON/restore', () => {
    const { emu, formId } = setUp();
    emu.forms.submit(formId, complete, { email: 'a@b.co' });
    const saved = emu.toJSON();
    const again = createEmulator();
    again.restore(JSON.parse(JSON.stringify(saved)));
    expect(again.forms.responses(formId)).toEqual(emu.forms.responses(formId));
    (again.globals().FormApp as any).openById(formId).setAcceptingResponses(false);
    expect(() => again.forms.submit(formId, complete, { email: 'a@b.co' })).toThrow('no longer accepting responses');
  });
});

// Linking the form to the studio's spreadsheet and a spreadsheet-bound trigger, as the add-on's setup does.
const LINKED = `${SCRIPT}
function link(formId) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  FormApp.openById(formId).setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  ScriptApp.newTrigger('onRequest').forSpreadsheet(ss).onFormSubmit().create();
  return FormApp.openById(formId).getDestinationId() === ss.getId();
}
function onRequest(e) {
  record('sheetEvents', {
    values: e.values,
    named: e.namedValues,
    a1: e.range.getA1Notation(),
    sheet: e.range.getSheet().getName(),
    uid: e.triggerUid,
    full: e.authMode === ScriptApp.AuthMode.FULL,
    valuesAreArray: Array.isArray(e.values),
  });
}
`;

function linked(locale: string) {
  const emu = createEmulator({ now: '2024-03-15T10:00:00Z', locale, timeZone: 'Europe/Moscow' });
  const app = loadBundleSource(emu, LINKED);
  const formId = app.run('buildIntake') as string;
  expect(app.run('link', [formId])).toBe(true);
  return { emu, app, formId };
}

describe('the response sheet', () => {
  it("is added in the spreadsheet's language and gets one row per response in column order", () => {
    const { emu, formId } = linked('ru');
    expect(emu.spreadsheet.sheetNames()[0]).toBe('Ответы на форму (1)');
    emu.forms.submit(formId, complete, { email: 'kotik@example.com' });
    const rows = emu.spreadsheet.values('Ответы на форму (1)');
    expect(rows[0]).toEqual([
      'Отметка времени',
      'Адрес электронной почты',
      'Канал',
      'Почта для связи',
      'Что нужно',
      'Бюджет',
      'Срочность',
      'Дедлайн',
    ]);
    expect(Object.prototype.toString.call(rows[1]?.[0])).toBe('[object Date]');
    expect((rows[1]?.[0] as Date).getTime()).toBe(Date.parse('2024-03-15T10:00:00Z'));
    // Sheets reads the date answer as a date, midnight in the spreadsheet's zone.
    expect(rows[1]?.slice(1, 7)).toEqual(['kotik@example.com', 'twitch.tv/kotik', '', 'Эмоуты, Бейджи', '', 4]);
    expect((rows[1]?.[7] as Date).toISOString()).toBe('2024-03-31T21:00:00.000Z');
    expect(emu.spreadsheet.displayValues('Ответы на форму (1)')[1]?.[7]).toBe('01.04.2024');
  });

  it('is named in English for an English spreadsheet, numbered after existing ones', () => {
    const { emu, app, formId } = linked('en_US');
    app.run('link', [formId]);
    expect(emu.spreadsheet.sheetNames().slice(0, 2)).toEqual(['Form Responses 2', 'Form Responses 1']);
    expect(emu.spreadsheet.values('Form Responses 1')[0]?.[0]).toBe('Timestamp');
  });

  it('fires the spreadsheet trigger with display strings, twice with an empty second event when asked', () => {
    const { emu, formId } = linked('ru');
    emu.clock.advance(90_000);
    emu.forms.submit(formId, complete, { email: 'kotik@example.com', fireTwice: true, emptySecondEvent: true });
    const events = recorded<Record<string, any>>(emu, 'sheetEvents');
    expect(events).toHaveLength(2);
    const uid = emu.triggers.formSubmitTriggers(emu.spreadsheet.active.id)[0]?.uid;
    expect(events[0]).toEqual({
      values: [
        '15.03.2024 13:01:30',
        'kotik@example.com',
        'twitch.tv/kotik',
        '',
        'Эмоуты, Бейджи',
        '',
        '4',
        '01.04.2024',
      ],
      named: {
        'Отметка времени': ['15.03.2024 13:01:30'],
        'Адрес электронной почты': ['kotik@example.com'],
        Канал: ['twitch.tv/kotik'],
        'Почта для связи': [''],
        'Что нужно': ['Эмоуты, Бейджи'],
        Бюджет: [''],
        Срочность: ['4'],
        Дедлайн: ['01.04.2024'],
      },
      a1: 'A2:H2',
      sheet: 'Ответы на форму (1)',
      uid,
      full: true,
      valuesAreArray: true,
    });
    expect(events[1]?.values).toEqual(['15.03.2024 13:01:30', '', '', '', '', '', '', '']);
    expect(emu.spreadsheet.values('Ответы на форму (1)')).toHaveLength(2);
  });
});
