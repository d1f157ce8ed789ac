// The Check installation dialog in Chromium, as the menu opens it in the playground: it asks the server for
// the report through google.script.run and lists every item, problems marked, in the staff's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, post, type Studio } from './harness';

interface MenuAnswer {
  ok: boolean;
  ui: { dialogs: { index: number; title: string }[] };
}

describe.each([
  ['ru', 'Проверка установки', 'Веб-приложение не развёрнуто', 'Отправляющий аккаунт', 'Запусков пока не было.'],
  ['en', 'Check installation', 'The web app is not deployed', 'Sending account', 'No run recorded yet.'],
] as const)('Check installation dialog (%s)', (locale, title, noWebApp, accountTitle, noRuns) => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await openStudio(locale);
  }, 60_000);
  afterAll(async () => {
    await studio.close();
  });

  it('shows every item in the staff language, a warning marked, with what to do', async () => {
    await post(studio.server.url, '/api/menu', { fn: 'setupDatabase' });
    const opened = (await post(studio.server.url, '/api/menu', { fn: 'checkInstallation' })) as MenuAnswer;
    expect(opened.ok).toBe(true);
    const dialog = opened.ui.dialogs[0];
    expect(dialog?.title).toBe(title);
    const page = await studio.browser.newPage({ viewport: { width: 560, height: 640 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${studio.server.url}/dialog?index=${dialog?.index ?? -1}`);
    await page.waitForSelector('#report[aria-busy="false"]');
    expect(await page.textContent('h1')).toBe(title);
    const ids = await page.$$eval('li.check', (items) => items.map((item) => (item as HTMLElement).dataset.check));
    for (const id of [
      'account',
      'triggers',
      'trigger:runNightly',
      'trigger:runHourly',
      'trigger:continueCampaigns',
      'zones',
      'webApp',
      'mailQuota',
      'runTime',
      'runs:runHourly',
    ])
      expect(ids).toContain(id);
    expect(await page.textContent('li[data-check="account"] .title')).toBe(accountTitle);
    // The playground deploys its web app: the /exec URL is shown as fine.
    const webApp = page.locator('li[data-check="webApp"]');
    expect(await webApp.getAttribute('data-status')).toBe('ok');
    expect(await webApp.locator('.detail').textContent()).toMatch(/\/exec$/);
    expect(await webApp.locator('.detail').textContent()).not.toContain(noWebApp);
    // No hourly run yet: a warning, with what to do.
    const runs = page.locator('li[data-check="runs:runHourly"]');
    expect(await runs.getAttribute('data-status')).toBe('warning');
    expect(await runs.locator('.detail').textContent()).toBe(noRuns);
    expect((await runs.locator('.fix').textContent())?.length).toBeGreaterThan(10);
    // A warning is drawn differently from a passed check.
    const colour = (selector: string) => page.$eval(selector, (element) => getComputedStyle(element).borderLeftColor);
    expect(await colour('li[data-check="runs:runHourly"]')).not.toBe(await colour('li[data-check="webApp"]'));
    expect(errors).toEqual([]);
    await page.close();
  });
});
