import { describe, expect, it } from 'vitest';
import { createContent } from '../../local/emulator/services/content';
import { createLogger } from '../../local/emulator/services/logger';
import { createSession } from '../../local/emulator/services/session';
import { makeServiceDeps } from './service-deps';

describe('Session', () => {
  it('reports the user, locale and script time zone; hides the active user in a simple trigger', () => {
    const env = makeServiceDeps();
    const { globals, host } = createSession(env.rt, env.deps, { userEmail: 'owner@studio.test', locale: 'ru' });
    const { Session } = globals;
    expect(Session.getActiveUser().getEmail()).toBe('owner@studio.test');
    expect(Session.getActiveUserLocale()).toBe('ru');
    expect(Session.getScriptTimeZone()).toBe('Europe/Moscow');
    host.setLocale('en');
    host.setActiveUserEmail('designer@studio.test');
    expect(Session.getActiveUserLocale()).toBe('en');
    expect(Session.getActiveUser().getEmail()).toBe('designer@studio.test');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@studio.test');
    env.setContext({ kind: 'simpleTrigger', authMode: 'LIMITED' });
    expect(Session.getActiveUser().getEmail()).toBe('');
  });

  it('gives a temporary key that is stable, user-specific and not the address', () => {
    const env = makeServiceDeps();
    const { globals, host } = createSession(env.rt, env.deps);
    const key = globals.Session.getTemporaryActiveUserKey();
    expect(key).toBe(globals.Session.getTemporaryActiveUserKey());
    expect(key).not.toContain('@');
    host.setUserEmail('other@studio.test');
    expect(globals.Session.getTemporaryActiveUserKey()).not.toBe(key);
  });
});

describe('ContentService', () => {
  it('builds text outputs the web app host can read', () => {
    const env = makeServiceDeps();
    const { globals, host } = createContent(env.rt);
    const { ContentService } = globals;
    const output = ContentService.createTextOutput('{"ok":').append('true}').setMimeType(ContentService.MimeType.JSON);
    expect(output.getContent()).toBe('{"ok":true}');
    expect(output.getMimeType()).toBe(ContentService.MimeType.JSON);
    expect(host.describe(output)).toEqual({ mimeType: 'application/json', content: '{"ok":true}', fileName: null });
    expect(host.describe({})).toBeNull();
    expect(() => output.setMimeType('application/json')).toThrow(
      "don't match the method signature for TextOutput.setMimeType",
    );
    expect(ContentService.createTextOutput().getMimeType().toString()).toBe('TEXT');
  });
});

describe('Logger and console', () => {
  it('captures both into the host list with the execution that logged', () => {
    const env = makeServiceDeps();
    const { globals, host } = createLogger(env.rt, env.deps);
    const { Logger, console } = globals;
    env.rt.runExecution('trigger:sendDue', () => {
      Logger.log('sent %s of %s', 3, 10);
      console.warn('quota low', { remaining: 2 });
    });
    Logger.log({ client: 'Anna' });
    expect(host.messages()).toEqual(['sent 3 of 10', 'quota low { remaining: 2 }', '{"client":"Anna"}']);
    expect(host.entries()[0]).toMatchObject({ level: 'Logger', execution: 'trigger:sendDue', at: env.clock.now() });
    expect(host.messages('warn')).toEqual(['quota low { remaining: 2 }']);
    // Logger.getLog() holds the current execution's lines only: here, outside any, the one line logged outside.
    expect(Logger.getLog()).toBe('[24-03-01 12:00:00:000 MSK] {"client":"Anna"}\n');
    Logger.clear();
    expect(Logger.getLog()).toBe('');
    expect(host.entries()).toHaveLength(3);
  });

  it("gives each execution a Logger log of its own: a later run does not see an earlier run's lines", () => {
    const env = makeServiceDeps();
    const { Logger } = createLogger(env.rt, env.deps).globals;
    const seen: string[] = [];
    env.rt.runExecution('trigger:first', () => {
      Logger.log('first run');
      seen.push(Logger.getLog());
    });
    env.rt.runExecution('trigger:second', () => {
      seen.push(Logger.getLog());
      Logger.log('second run');
      seen.push(Logger.getLog());
    });
    expect(seen).toEqual(['[24-03-01 12:00:00:000 MSK] first run\n', '', '[24-03-01 12:00:00:000 MSK] second run\n']);
  });
});
