// Several accounts, as Google documents them: guide "Installable triggers" (run as their creator; an account
// sees only its own triggers), "Properties Service" (script properties shared, user properties per user),
// Class Session, and the per-user quotas (mail recipients, trigger run time: 90 min consumer, 6 h Workspace).
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../../local/emulator';
import { TRIGGER_RUNTIME_MESSAGE } from '../../local/emulator/accounts';
import { loadBundleSource } from '../../local/emulator/bundle';

const SCRIPT = `
function who() { return { active: Session.getActiveUser().getEmail(), effective: Session.getEffectiveUser().getEmail() }; }
function installHourly() { ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create(); }
function myTriggers() { return ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }); }
function hourly() {
  PropertiesService.getScriptProperties().setProperty('lastHourlyBy', Session.getEffectiveUser().getEmail());
  GmailApp.sendEmail('client@example.com', 'hourly', 'body');
}
function draft(to) { return GmailApp.createDraft(to, 'hello', 'body').getId(); }
function draftIds() { return GmailApp.getDrafts().map(function (d) { return d.getId(); }); }
function remember(value) {
  PropertiesService.getUserProperties().setProperty('mine', value);
  PropertiesService.getScriptProperties().setProperty('shared', value);
}
function recall() {
  return { mine: PropertiesService.getUserProperties().getProperty('mine'), shared: PropertiesService.getScriptProperties().getProperty('shared') };
}
function quotaLeft() { return MailApp.getRemainingDailyQuota(); }
function send(to) { MailApp.sendEmail(to, 's', 'b'); }
`;

function studio(options: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({
    now: '2026-11-24T09:00:00Z',
    accounts: ['owner@studio.test', 'b@studio.test'],
    triggerErrors: 'record',
    ...options,
  });
  return { emu, app: loadBundleSource(emu, SCRIPT) };
}

describe('several accounts', () => {
  it('runs an execution as the account that pressed the button; the default is the first account', () => {
    const { app } = studio();
    expect(app.run('who', [], { kind: 'menu' })).toEqual({
      active: 'owner@studio.test',
      effective: 'owner@studio.test',
    });
    expect(app.run('who', [], { kind: 'menu', as: 'b@studio.test' })).toEqual({
      active: 'b@studio.test',
      effective: 'b@studio.test',
    });
    expect(() => app.run('who', [], { as: 'nobody@studio.test' })).toThrow('no account nobody@studio.test');
  });

  it('keeps the single-account default: userEmail names the one account', () => {
    const emu = createEmulator({ userEmail: 'anna@studio.test' });
    expect(emu.accounts.list().map((a) => a.email)).toEqual(['anna@studio.test']);
    expect(loadBundleSource(emu, SCRIPT).run('who')).toEqual({
      active: 'anna@studio.test',
      effective: 'anna@studio.test',
    });
  });

  it("lists only the caller's own triggers, and each runs as its creator, sending from the creator's Gmail", () => {
    const { emu, app } = studio();
    app.run('installHourly', [], { kind: 'menu' });
    app.run('installHourly', [], { kind: 'menu', as: 'b@studio.test' });
    expect(app.run('myTriggers')).toEqual(['hourly']);
    expect(app.run('myTriggers', [], { as: 'b@studio.test' })).toEqual(['hourly']);
    expect(emu.triggers.list().map((t) => t.owner)).toEqual(['owner@studio.test', 'b@studio.test']);
    const runs = emu.advance(60 * 60 * 1000);
    expect(runs.map((r) => r.account)).toEqual(['owner@studio.test', 'b@studio.test']);
    expect(emu.mail.outbox.map((m) => m.account)).toEqual(['owner@studio.test', 'b@studio.test']);
    expect(emu.properties.script().lastHourlyBy).toBe('b@studio.test');
  });

  it('keeps drafts in the Gmail of the account that made them', () => {
    const { emu, app } = studio();
    const mine = app.run('draft', ['x@example.com']);
    const theirs = app.run('draft', ['y@example.com'], { as: 'b@studio.test' });
    expect(app.run('draftIds')).toEqual([mine]);
    expect(app.run('draftIds', [], { as: 'b@studio.test' })).toEqual([theirs]);
    expect(emu.mail.drafts('b@studio.test').map((d) => d.to)).toEqual(['y@example.com']);
  });

  it('shares script properties and keeps user properties per account', () => {
    const { app } = studio();
    app.run('remember', ['a-value']);
    app.run('remember', ['b-value'], { as: 'b@studio.test' });
    expect(app.run('recall')).toEqual({ mine: 'a-value', shared: 'b-value' });
    expect(app.run('recall', [], { as: 'b@studio.test' })).toEqual({ mine: 'b-value', shared: 'b-value' });
  });

  it('counts the mail quota per account (100 consumer, 1,500 Workspace unless set)', () => {
    const emu = createEmulator({
      accounts: [
        'a@gmail.example',
        { email: 'w@studio.test', kind: 'workspace' },
        { email: 'q@studio.test', mailQuota: 2 },
      ],
    });
    const app = loadBundleSource(emu, SCRIPT);
    expect(app.run('quotaLeft')).toBe(100);
    expect(app.run('quotaLeft', [], { as: 'w@studio.test' })).toBe(1500);
    app.run('send', ['c@example.com'], { as: 'q@studio.test' });
    app.run('send', ['d@example.com'], { as: 'q@studio.test' });
    expect(app.run('quotaLeft', [], { as: 'q@studio.test' })).toBe(0);
    expect(() => app.run('send', ['e@example.com'], { as: 'q@studio.test' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(app.run('quotaLeft')).toBe(100);
  });

  it("stops running an account's triggers once it has spent its daily trigger run time, and says so", () => {
    const { emu, app } = studio();
    emu.accounts.setTriggerRuntime('owner@studio.test', 2000);
    app.run('installHourly', [], { kind: 'menu' });
    emu.rt.callLatencyMs = 1000;
    emu.advance(60 * 60 * 1000);
    emu.rt.callLatencyMs = 0;
    const used = emu.accounts.triggerTimeUsed('owner@studio.test');
    expect(used).toBeGreaterThanOrEqual(2000);
    const outboxBefore = emu.mail.outbox.length;
    const [skipped] = emu.advance(60 * 60 * 1000);
    expect(skipped).toMatchObject({
      handler: 'hourly',
      skipped: true,
      error: TRIGGER_RUNTIME_MESSAGE,
      account: 'owner@studio.test',
    });
    expect(emu.mail.outbox.length).toBe(outboxBefore);
    // 24 hours after the spending run the time is back.
    emu.advance(23 * 60 * 60 * 1000);
    expect(emu.triggerRuns.at(-1)).toMatchObject({ handler: 'hourly', error: null });
  });

  it('defaults the trigger run time to 90 minutes consumer and 6 hours Workspace', () => {
    const emu = createEmulator({ accounts: ['a@gmail.example', { email: 'w@studio.test', kind: 'workspace' }] });
    expect(emu.accounts.triggerTimeLeft('a@gmail.example')).toBe(90 * 60 * 1000);
    expect(emu.accounts.triggerTimeLeft('w@studio.test')).toBe(6 * 60 * 60 * 1000);
  });

  it('hides the active user in a trigger unless both accounts are of one Workspace domain', () => {
    const script = `${SCRIPT}\nfunction hourly() { PropertiesService.getScriptProperties().setProperty('who', JSON.stringify(who())); }`;
    const c = createEmulator({ now: '2026-11-24T09:00:00Z', accounts: ['owner@studio.test'] });
    loadBundleSource(c, script).run('installHourly');
    c.advance(60 * 60 * 1000);
    expect(JSON.parse(c.properties.script().who ?? '')).toEqual({ active: '', effective: 'owner@studio.test' });
    const w = createEmulator({
      now: '2026-11-24T09:00:00Z',
      accounts: [{ email: 'owner@studio.test', kind: 'workspace' }],
    });
    loadBundleSource(w, script).run('installHourly');
    w.advance(60 * 60 * 1000);
    expect(JSON.parse(w.properties.script().who ?? '')).toEqual({
      active: 'owner@studio.test',
      effective: 'owner@studio.test',
    });
  });

  it('keeps accounts and their spent trigger time in a snapshot', () => {
    const { emu } = studio();
    emu.accounts.spendTriggerTime('b@studio.test', 60_000);
    const copy = createEmulator();
    copy.restore(JSON.parse(JSON.stringify(emu.toJSON())));
    expect(copy.accounts.list().map((a) => a.email)).toEqual(['owner@studio.test', 'b@studio.test']);
    expect(copy.accounts.triggerTimeUsed('b@studio.test')).toBe(60_000);
  });

  it('runs an installable edit trigger as its creator when another account types; shows the editor only within one Workspace domain', () => {
    const script = `${SCRIPT}
function installEdit() { ScriptApp.newTrigger('edited').forSpreadsheet(SpreadsheetApp.getActive()).onEdit().create(); }
function edited(e) {
  PropertiesService.getScriptProperties().setProperty('edit', JSON.stringify({ user: e.user.getEmail(), who: who() }));
}`;
    const run = (accounts: Parameters<typeof createEmulator>[0]) => {
      const emu = createEmulator({ now: '2026-11-24T09:00:00Z', ...accounts });
      loadBundleSource(emu, script).run('installEdit');
      emu.spreadsheet.edit(emu.spreadsheet.activeSheetName(), 'A1', 'typed', { as: 'b@studio.test' });
      return JSON.parse(emu.properties.script().edit ?? '') as unknown;
    };
    expect(
      run({
        accounts: [
          { email: 'owner@studio.test', kind: 'workspace' },
          { email: 'b@studio.test', kind: 'workspace' },
        ],
      }),
    ).toEqual({
      user: 'b@studio.test',
      who: { active: 'b@studio.test', effective: 'owner@studio.test' },
    });
    expect(run({ accounts: ['owner@studio.test', 'b@studio.test'] })).toEqual({
      user: '',
      who: { active: '', effective: 'owner@studio.test' },
    });
  });
});
