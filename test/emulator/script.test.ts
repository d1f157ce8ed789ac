import { describe, expect, it } from 'vitest';
import { createScript, TOO_MANY_TRIGGERS_MESSAGE } from '../../local/emulator/services/script';
import { makeServiceDeps } from './service-deps';

function setup(start?: string) {
  const env = makeServiceDeps(start);
  const script = createScript(env.rt, env.deps);
  return { ...env, ScriptApp: script.globals.ScriptApp, host: script.host };
}

const at = (iso: string) => Date.parse(iso);

describe('ScriptApp triggers', () => {
  it('creates a spreadsheet form-submit trigger the host can find', () => {
    const { ScriptApp, host, rt } = setup();
    const spreadsheet = { getId: () => 'sheet-1' };
    const trigger = ScriptApp.newTrigger('onIntake').forSpreadsheet(spreadsheet).onFormSubmit!().create();
    expect(trigger.getHandlerFunction()).toBe('onIntake');
    expect(trigger.getEventType()).toBe(ScriptApp.EventType.ON_FORM_SUBMIT);
    expect(String(trigger.getTriggerSource())).toBe('SPREADSHEETS');
    expect(trigger.getTriggerSourceId()).toBe('sheet-1');
    expect(host.formSubmitTriggers('sheet-1').map((t) => t.handler)).toEqual(['onIntake']);
    expect(host.formSubmitTriggers('form-1')).toEqual([]);
    expect(ScriptApp.getUserTriggers('sheet-1')).toHaveLength(1);
    expect(rt.counts.get('SpreadsheetTriggerBuilder.onFormSubmit')).toBe(1);
    expect(rt.counts.get('TriggerBuilder.forSpreadsheet')).toBe(1);
  });

  it('offers only the events a form trigger has', () => {
    const { ScriptApp, host } = setup();
    const builder = ScriptApp.newTrigger('onAnswer').forForm('form-1');
    expect(builder.onEdit).toBeUndefined();
    builder.onFormSubmit!();
    builder.create();
    expect(host.triggersFor('form-1', 'ON_FORM_SUBMIT')[0]?.source).toBe('FORMS');
  });

  it('lists and deletes project triggers; a second delete throws', () => {
    const { ScriptApp } = setup();
    ScriptApp.newTrigger('a').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('b').timeBased().everyMinutes(5).create();
    const [first] = ScriptApp.getProjectTriggers();
    ScriptApp.deleteTrigger(first);
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['b']);
    expect(() => ScriptApp.deleteTrigger(first)).toThrow('Invalid argument: trigger');
  });

  it("refuses the 21st trigger of one user with Google's message", () => {
    const { ScriptApp, setUserEmail } = setup();
    for (let i = 0; i < 20; i += 1) ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => ScriptApp.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(TOO_MANY_TRIGGERS_MESSAGE);
    setUserEmail('colleague@studio.test');
    expect(() => ScriptApp.newTrigger('mine').timeBased().everyHours(1).create()).not.toThrow();
    expect(ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  it('validates intervals and combinations', () => {
    const { ScriptApp } = setup();
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(
      'everyMinutes must be one of 1, 5, 10, 15 or 30',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(3)).toThrow(
      'everyHours must be one of 1, 2, 4, 6, 8 or 12',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).atHour(9).create()).toThrow(
      'atHour and nearMinute',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().everyHours(1).everyDays(1)).toThrow(
      'Already chose a recurrence',
    );
    expect(() => ScriptApp.newTrigger('f').timeBased().create()).toThrow('no schedule');
    expect(() => ScriptApp.newTrigger('f').timeBased().everyDays(1).atHour(24)).toThrow('Invalid argument: hour');
  });

  it('refuses trigger work in a simple trigger', () => {
    const { ScriptApp, setContext } = setup();
    setContext({ kind: 'simpleTrigger', authMode: 'LIMITED' });
    expect(() => ScriptApp.newTrigger('f')).toThrow(
      'You do not have permission to call ScriptApp.newTrigger. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
  });

  it('gives the fixed script id', () => {
    const { ScriptApp } = setup();
    expect(ScriptApp.getScriptId()).toMatch(/EMULATED/);
  });
});

describe('time-driven schedules', () => {
  it('runs everyHours from creation, skipping runs missed while the clock jumped', () => {
    const { ScriptApp, host } = setup('2024-03-01T09:20:00Z');
    const uid = ScriptApp.newTrigger('hourly').timeBased().everyHours(2).create().getUniqueId();
    expect(host.due(at('2024-03-01T11:19:59Z'))).toEqual([]);
    expect(host.due(at('2024-03-01T11:20:00Z')).map((d) => d.at)).toEqual([at('2024-03-01T11:20:00Z')]);
    host.markRan(uid, at('2024-03-01T11:20:00Z'));
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-01T13:20:00Z'));
    host.markRan(uid, at('2024-03-01T18:00:00Z'));
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-01T19:20:00Z'));
  });

  it('runs atHour in the script time zone (Moscow, UTC+3), then every n days', () => {
    const { ScriptApp, host } = setup('2024-03-01T09:20:00Z'); // 12:20 in Moscow
    const uid = ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(9).nearMinute(30).create().getUniqueId();
    // 09:00 Moscow has passed today: the first run is tomorrow 09:30 Moscow = 06:30 UTC.
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-02T06:30:00Z'));
    host.markRan(uid, at('2024-03-02T06:30:00Z'));
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-03T06:30:00Z'));
  });

  it('keeps the wall-clock hour across a DST change in inTimezone', () => {
    const { ScriptApp, host } = setup('2024-03-30T12:00:00Z');
    const uid = ScriptApp.newTrigger('daily')
      .timeBased()
      .everyDays(1)
      .atHour(8)
      .inTimezone('Europe/Berlin')
      .create()
      .getUniqueId();
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-31T06:00:00Z')); // CEST already
    host.markRan(uid, at('2024-03-31T06:00:00Z'));
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-04-01T06:00:00Z'));
  });

  it('runs everyWeeks on the chosen weekday', () => {
    const { ScriptApp, host } = setup('2024-03-01T09:00:00Z'); // a Friday
    ScriptApp.newTrigger('weekly').timeBased().everyWeeks(1).onWeekDay(ScriptApp.WeekDay.MONDAY).atHour(10).create();
    expect(host.list()[0]?.nextRunAt).toBe(at('2024-03-04T07:00:00Z'));
  });

  it('keeps one-off at/after triggers installed but spent once they ran; orders due triggers by time', () => {
    const { ScriptApp, host, clock } = setup();
    const late = ScriptApp.newTrigger('late')
      .timeBased()
      .at(new Date(clock.now() + 3_600_000))
      .create()
      .getUniqueId();
    const soon = ScriptApp.newTrigger('soon').timeBased().after(60_000).create().getUniqueId();
    ScriptApp.newTrigger('tick').timeBased().everyMinutes(30).create();
    const due = host.due(clock.now() + 3_600_000);
    expect(due.map((d) => d.trigger.handler)).toEqual(['soon', 'tick', 'late']);
    host.markRan(soon, clock.now() + 60_000);
    host.markRan(late, clock.now() + 3_600_000);
    // Spent, not deleted: the script still sees them and must delete them itself.
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['late', 'soon', 'tick']);
    expect([host.isSpent(soon), host.isSpent(late)]).toEqual([true, true]);
    expect(host.due(clock.now() + 10 * 3_600_000).map((d) => d.trigger.handler)).toEqual(['tick']);
  });

  it('counts spent one-off triggers against the 20-trigger limit until deleted', () => {
    const { ScriptApp, host, clock } = setup();
    for (let i = 0; i < 20; i += 1) {
      const uid = ScriptApp.newTrigger(`once${i}`).timeBased().after(60_000).create().getUniqueId();
      host.markRan(uid, clock.now() + 60_000);
    }
    expect(() => ScriptApp.newTrigger('more').timeBased().after(60_000).create()).toThrow(TOO_MANY_TRIGGERS_MESSAGE);
    ScriptApp.deleteTrigger(ScriptApp.getProjectTriggers()[0]);
    expect(() => ScriptApp.newTrigger('more').timeBased().after(60_000).create()).not.toThrow();
  });

  it('builds the time-driven event object in UTC like Google', () => {
    const { host } = setup();
    const event = host.clockEvent('42', at('2015-10-31T23:59:00Z'));
    expect({ ...event, authMode: String(event.authMode) }).toEqual({
      authMode: 'FULL',
      triggerUid: '42',
      year: 2015,
      month: 10,
      'day-of-month': 31,
      'day-of-week': 7,
      hour: 23,
      minute: 59,
      second: 0,
      timezone: 'UTC',
      'week-of-year': 44,
    });
    expect(event.authMode).toBe(host.AuthMode.FULL);
  });

  it('survives toJSON/restore', () => {
    const first = setup();
    first.ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
    const second = setup();
    second.host.restore(JSON.parse(JSON.stringify(first.host.toJSON())));
    expect(second.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['hourly']);
  });
});
