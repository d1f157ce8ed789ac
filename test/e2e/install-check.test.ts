// "Check installation" in the staff's language: the sending account and who is looking, each trigger once and
// by whom, the two time zones, the web app URL, mail quota, trigger run time, the last runs and their errors.
import { describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../local/emulator';
import type { BundleApp } from '../../local/emulator/bundle';
import { loadBuiltBundle } from '../support/built-bundle';
import { NOW } from '../support/studio';
import type { InstallationReport } from '../../src/contract/installation';

const OWNER = 'owner@studio.test';
const OTHER = 'b@studio.test';

const WORDS = {
  ru: {
    title: 'Проверка установки',
    you: 'Вы (owner@studio.test) — отправляющий аккаунт',
    other: 'Отправляющий аккаунт — owner@studio.test; вы — b@studio.test',
    handover: 'Сделать меня отправляющим аккаунтом',
    once: 'Установлен один раз (1), владелец — owner@studio.test',
    visibility: 'Google показывает каждому аккаунту только его собственные запуски',
    zones: 'поясу таблицы — Asia/Novosibirsk; пояс скрипта — Europe/Moscow',
    noWebApp: 'Веб-приложение не развёрнуто',
    deploy: 'Новое развёртывание',
    devOnly: 'Известен только тестовый адрес',
    quota: 'Получателей: 37.',
    failed: 'ошибка через',
  },
  en: {
    title: 'Check installation',
    you: 'You (owner@studio.test) are the studio’s sending account',
    other: 'The sending account is owner@studio.test; you are b@studio.test',
    handover: 'Make me the sending account',
    once: 'Installed once (1) by owner@studio.test',
    visibility: 'Google shows each account only its own automatic runs',
    zones: 'the spreadsheet’s time zone, Asia/Novosibirsk; the script’s is Europe/Moscow',
    noWebApp: 'The web app is not deployed',
    deploy: 'New deployment',
    devOnly: 'Only the test URL is known',
    quota: '37 recipients.',
    failed: 'failed after',
  },
} as const;

function installedStudio(locale: 'ru' | 'en'): { emu: Emulator; app: BundleApp } {
  const emu = createEmulator({
    now: NOW,
    locale,
    accounts: [OWNER, OTHER],
    timeZone: 'Europe/Moscow',
    spreadsheetTimeZone: 'Asia/Novosibirsk',
    triggerErrors: 'record',
  });
  const app = loadBuiltBundle(emu);
  app.run('setupDatabase', [], { kind: 'menu', as: OWNER });
  app.run('createForms', [], { kind: 'menu', as: OWNER });
  return { emu, app };
}

const report = (app: BundleApp, as: string) =>
  app.run('getInstallationReport', [], { kind: 'client', as }) as InstallationReport;
const check = (r: InstallationReport, id: string) => {
  const found = r.checks.find((item) => item.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe.each(['ru', 'en'] as const)('Check installation (%s)', (locale) => {
  const words = WORDS[locale];

  it('names the sending account and who is looking; each trigger once, by whom; the zones', () => {
    const { emu, app } = installedStudio(locale);
    // Setup said so too, when the spreadsheet's and the script's zones differ.
    expect(JSON.stringify(emu.spreadsheet.ui.toasts()[0])).toContain(words.zones);
    const mine = report(app, OWNER);
    expect(mine.title).toBe(words.title);
    expect(check(mine, 'account')).toMatchObject({ status: 'ok', detail: expect.stringContaining(words.you) });
    for (const handler of ['runNightly', 'runHourly', 'continueCampaigns'])
      expect(check(mine, `trigger:${handler}`), handler).toMatchObject({
        status: 'ok',
        detail: expect.stringContaining(words.once),
      });
    expect(check(mine, 'trigger:onFormResponse')).toMatchObject({ status: 'ok' });
    expect(check(mine, 'trigger:onFormResponse').detail).toContain('(2)');
    expect(check(mine, 'zones')).toMatchObject({ status: 'warning', detail: expect.stringContaining(words.zones) });

    // The other account sees the owner's triggers from the register, and is told why.
    const theirs = report(app, OTHER);
    expect(check(theirs, 'account')).toMatchObject({ status: 'warning', fix: expect.stringContaining(words.handover) });
    expect(check(theirs, 'account').detail).toContain(words.other);
    expect(check(theirs, 'triggers').detail).toContain(words.visibility);
    expect(check(theirs, 'trigger:runHourly')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(words.once),
    });
  });

  it('reports a trigger installed by a former owner as a problem with what to do', () => {
    const { app } = installedStudio(locale);
    app.run('becomeSendingAccount', [], { kind: 'menu', as: OTHER });
    const r = report(app, OTHER);
    expect(check(r, 'trigger:runHourly').status).toBe('problem');
    expect(check(r, 'trigger:runHourly').detail).toContain(OWNER);
    expect(check(r, 'trigger:runHourly').fix).toContain(OWNER);
  });

  it('the web app URL: missing, only /dev, then /exec', () => {
    const { emu, app } = installedStudio(locale);
    expect(check(report(app, OWNER), 'webApp')).toMatchObject({
      status: 'problem',
      detail: expect.stringContaining(words.noWebApp),
      fix: expect.stringContaining(words.deploy),
    });
    emu.webapp.testDeploy();
    expect(check(report(app, OWNER), 'webApp')).toMatchObject({
      status: 'problem',
      detail: expect.stringContaining(words.devOnly),
    });
    const url = emu.webapp.deploy({ version: 1 });
    expect(url).toMatch(/\/exec$/);
    expect(check(report(app, OWNER), 'webApp')).toMatchObject({ status: 'ok', detail: url });
  });

  it('mail quota left, trigger run time used, and the last runs with their errors', () => {
    const { emu, app } = installedStudio(locale);
    emu.mail.setQuota(37, OWNER);
    expect(check(report(app, OWNER), 'mailQuota').detail).toBe(words.quota);
    expect(check(report(app, OWNER), 'runs:runHourly').status).toBe('warning'); // no run yet
    // Calls take time, so runs spend trigger run time; the hourly run's intake step fails once.
    emu.rt.callLatencyMs = 200;
    emu.rt.failOn('Properties.getProperties', 'Ошибка сервиса: Properties', 1);
    emu.advance(61 * 60_000);
    emu.rt.callLatencyMs = 0;
    const r = report(app, OWNER);
    // Estimated from the recorded runs: each handler timed from its first step to its last, so it may fall short
    // of the emulator's own account of the owner's trigger time (which also counts each execution's start and
    // the log's own writes), by less than a minute here; never above it.
    const usedMs = emu.accounts.triggerTimeUsed(OWNER);
    expect(usedMs).toBeGreaterThan(20_000); // the 200 ms calls did spend trigger time
    const shown = new RegExp(locale === 'ru' ? 'Около (\\d+) мин' : 'About (\\d+) min').exec(
      check(r, 'runTime').detail,
    );
    expect(shown).not.toBeNull();
    expect(Number(shown?.[1])).toBeGreaterThanOrEqual(Math.round(usedMs / 60_000) - 1);
    expect(Number(shown?.[1])).toBeLessThanOrEqual(Math.round(usedMs / 60_000));
    const runs = emu.triggerRuns.filter((run) => !run.skipped);
    const failedHandlers = [...new Set(runs.filter((run) => run.error).map((run) => run.handler))];
    expect(failedHandlers.length).toBeGreaterThan(0);
    for (const handler of failedHandlers) {
      const item = check(r, `runs:${handler}`);
      expect(item.status, handler).toBe('problem');
      expect(item.detail).toContain(words.failed);
      expect(item.fix).not.toBe('');
    }
    // Times are shown on the spreadsheet's clock (Novosibirsk, UTC+7): the first continueCampaigns run was at
    // 09:10 UTC, 16:10 there.
    expect(check(r, 'runs:continueCampaigns').detail).toContain('2026-11-24 16:');
  });
});
