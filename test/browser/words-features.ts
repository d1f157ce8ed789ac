// Issue #17 walked in one language: segment rules in words, Settings as a form, goals, the 5W card, the
// playground as Sheets. Shared by words-features-ru/en.test.ts; expectations are written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientInsights, OverviewView } from '../../src/contract/sidebar-api';

/** Russian plural by hand: 1, 21 балл; 2–4, 22–24 балла; 5–20, 25–30 баллов. */
function russianPoints(count: number): string {
  const tens = count % 100;
  const ones = count % 10;
  const word = tens >= 11 && tens <= 14 ? 'баллов' : ones === 1 ? 'балл' : ones >= 2 && ones <= 4 ? 'балла' : 'баллов';
  return `${count.toLocaleString('ru-RU')} ${word}`;
}
import { mkdirSync } from 'node:fs';
import { get, openSection, openStudio, post, settled, type Studio } from './harness';
import { DEMO_DRAFT_SUBJECT } from '../../local/playground/seed';
import { localLinks } from '../../local/playground/session';
import { WEB_APP_URL } from '../../local/emulator/services/script';
import type { CampaignView } from '../../src/contract/sidebar-api';

async function settingsSheet(studio: Studio): Promise<string[][]> {
  const state = await get<{ sheets: string[] }>(studio.server.url, '/api/state');
  const name = state.sheets.find((candidate) => candidate === 'Настройки' || candidate === 'Settings') ?? '';
  return (await get<{ rows: string[][] }>(studio.server.url, `/api/sheet?name=${encodeURIComponent(name)}`)).rows;
}

type Words = Record<'ru' | 'en', string>;
const say = (locale: 'ru' | 'en', words: Words): string => words[locale];

export function wordsFeatures(locale: 'ru' | 'en'): void {
  let studio: Studio;
  describe(`issue 17 in ${locale}`, () => {
    beforeAll(async () => {
      studio = await openStudio(locale);
    });
    afterAll(async () => {
      await studio?.close();
    });

    it('segments: built-in rules read as words, values are picked from lists, the text editor is behind Advanced', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'segments');
      await settled(page);
      // The built-in VIP segment is `tier in [vip]` in the sheet.
      await expect
        .poll(() => page.locator('[data-segment="vip"] [data-part=words]').textContent())
        .toBe(say(locale, { ru: 'Уровень лояльности: vip', en: 'Loyalty tier: vip' }));
      expect(await page.locator('textarea[data-part=rules-text]').isVisible()).toBe(false);
      await page.click('details.advanced summary');
      expect(await page.locator('textarea[data-part=rules-text]').isVisible()).toBe(true);

      const rule = page.locator('.builder > .rules > .rule').first();
      await rule.locator('select[data-part=field]').selectOption('topic');
      expect(await rule.locator('input[data-part=value]').isVisible()).toBe(false);
      const topics = await rule.locator('select[data-part=choice] option').allTextContents();
      expect(topics).toContain(say(locale, { ru: 'Творчество', en: 'Art' }));
      expect(topics).not.toContain('art');

      await rule.locator('select[data-part=field]').selectOption('order_count');
      await rule.locator('select[data-part=op]').selectOption('ge');
      await rule.locator('input[data-part=value]').fill(say(locale, { ru: 'два', en: 'two' }));
      expect(await rule.locator('[data-part=hint]').textContent()).toBe(
        say(locale, { ru: 'Напишите число, например 2.', en: 'Write a number, e.g. 2.' }),
      );
      await rule.locator('input[data-part=value]').fill('2');
      expect(await rule.locator('[data-part=hint]').textContent()).toBe('');
    });

    it('settings: grouped typed controls, saved through the form into the Settings sheet', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'settings');
      await settled(page);
      expect(await page.locator('fieldset.settings-group legend').allTextContents()).toEqual(
        locale === 'ru'
          ? ['Студия', 'Почта', 'Автоматические письма', 'Лояльность', 'Анализ и цели']
          : ['Studio', 'Mail', 'Automations', 'Loyalty', 'Analysis and goals'],
      );
      // A number with its unit, a word refused before saving.
      const bonus = page.locator('form[data-setting="loyalty.bonusFeedback"]');
      expect(await bonus.locator('label').textContent()).toBe(
        say(locale, { ru: 'Бонус за отзыв', en: 'Bonus for feedback' }),
      );
      expect(await bonus.locator('.unit').textContent()).toBe(say(locale, { ru: 'баллов', en: 'points' }));
      await bonus.locator('input').fill(say(locale, { ru: 'два', en: 'two' }));
      await bonus.locator('button').click();
      await expect
        .poll(() => bonus.locator('.status.error').textContent())
        .toBe(say(locale, { ru: 'Напишите число, например 2.', en: 'Write a number, e.g. 2.' }));
      await bonus.locator('input').fill('1 500');
      await bonus.locator('button').click();
      await expect
        .poll(async () => (await settingsSheet(studio)).find((row) => row[0] === 'loyalty.bonusFeedback')?.[1])
        .toBe('1500');

      // The quiet hours as a time of day: 22:00 is stored as the hour 22.
      const quiet = page.locator('form[data-setting="campaigns.quietFromHour"]');
      await quiet.locator('input[type=time]').fill('22:00');
      await quiet.locator('button').click();
      await expect
        .poll(async () => (await settingsSheet(studio)).find((row) => row[0] === 'campaigns.quietFromHour')?.[1])
        .toBe('22');

      // One answer target, with the goals, in hours: the older minutes rows are not listed. 1.5 h typed in the
      // staff's way is 90 minutes for the open requests' waits.
      const target = page.locator('form[data-setting="analysis.goalResponseHours"]');
      expect(await target.count()).toBe(1);
      expect(await page.locator('form[data-setting$=".responseTargetMinutes"]').count()).toBe(0);
      await target.locator('input').fill(say(locale, { ru: '1,5', en: '1.5' }));
      await target.locator('button').click();
      await expect
        .poll(async () => (await settingsSheet(studio)).find((row) => row[0] === 'analysis.goalResponseHours')?.[1])
        .toBe('1.5');
      const open = (await post(studio.server.url, '/api/run', { fn: 'listOpenRequests', args: [] })) as {
        value: Array<{ targetMinutes: number }>;
      };
      expect(open.value.length).toBeGreaterThan(0);
      expect(new Set(open.value.map((request) => request.targetMinutes))).toEqual(new Set([90]));

      // The tier table: the sheet holds words, not JSON (the demo's four tiers, in the workbook's Russian); the
      // second tier's threshold changed to 400 in the form comes back to the sheet as words, the rest unchanged.
      const tiersCell = async () => (await settingsSheet(studio)).find((row) => row[0] === 'loyalty.tiers')?.[1] ?? '';
      expect(await tiersCell()).toBe(
        'Bronze: от 0, ×1, бонус 0; Silver: от 15000, ×1,25, бонус 100; Gold: от 40000, ×1,5, бонус 250; VIP: от 100000, ×2, бонус 500',
      );
      const tiers = page.locator('form[data-setting="loyalty.tiers"]');
      expect(await tiers.locator('tbody tr').count()).toBe(4);
      expect(await tiers.locator('tbody tr').nth(1).locator('input[data-column=name]').inputValue()).toBe('Silver');
      await tiers.locator('tbody tr').nth(1).locator('input[data-column=threshold]').fill('400');
      await tiers.locator('button[type=submit]').click();
      await expect
        .poll(tiersCell)
        .toBe(
          'Bronze: от 0, ×1, бонус 0; Silver: от 400, ×1,25, бонус 100; Gold: от 40000, ×1,5, бонус 250; VIP: от 100000, ×2, бонус 500',
        );

      // A value the server refuses: the sentence says what the sheet kept.
      const language = page.locator('form[data-setting="core.locale"]');
      await language.locator('input').fill('fr');
      await language.locator('button').click();
      const kept = (await settingsSheet(studio)).find((row) => row[0] === 'core.locale')?.[1] ?? '';
      await expect
        .poll(() => language.locator('.status.error').textContent())
        .toBe(
          kept === ''
            ? say(locale, {
                ru: 'Не сохранено: «fr» не подходит для «Язык меню и сообщений». На листе по-прежнему пусто — действует значение по умолчанию «ru».',
                en: 'Not saved: “fr” does not fit “Language of menus and messages”. The sheet is still blank, so the default “ru” applies.',
              })
            : say(locale, {
                ru: `Не сохранено: «fr» не подходит для «Язык меню и сообщений». На листе осталось прежнее значение: «${kept}».`,
                en: `Not saved: “fr” does not fit “Language of menus and messages”. The sheet keeps the value it had: “${kept}”.`,
              }),
        );
    });

    it('client card: points with their plural, the expected order never a date in the past, RFM without its code', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'clients');
      await page.fill('input[type=search]', 'frostneko22');
      await page.click('form.search button[type=submit]');
      await page.click('[data-client="C-00001"]');
      await settled(page);
      const balance = Number(await page.locator('[data-balance]').getAttribute('data-balance'));
      expect(await page.locator('[data-balance]').textContent()).toBe(
        locale === 'ru'
          ? russianPoints(balance)
          : `${balance.toLocaleString('en-GB')} ${balance === 1 ? 'point' : 'points'}`,
      );
      const insights = (
        (await post(studio.server.url, '/api/run', { fn: 'getClientInsights', args: ['C-00001'] })) as {
          value: ClientInsights;
        }
      ).value;
      // The request channel reads as the Requests sheet's list does ("Почта", not "Email", in Russian).
      expect(await page.locator('#section select option[value="email"]').first().textContent()).toBe(
        say(locale, { ru: 'Почта', en: 'Email' }),
      );
      // The 5W card is drawn with the card: five answers, none of them empty words.
      expect(await page.locator('[data-5w]').count()).toBe(5);
      const state = await get<{ now: string }>(studio.server.url, '/api/state');
      const text = await page.textContent('#section');
      expect(insights.rfm).not.toMatch(/\d{3}/);
      if (insights.nextOrderExpected && insights.nextOrderExpected < state.now.slice(0, 10)) {
        // Late: the days between the expected day and the playground's today, counted by hand.
        const days = Math.round(
          (Date.parse(state.now.slice(0, 10)) - Date.parse(insights.nextOrderExpected)) / 86_400_000,
        );
        expect(insights.nextOrderOverdueDays).toBe(days);
        expect(text).toContain(say(locale, { ru: 'задерживается на ', en: 'overdue by ' }));
      } else {
        expect(insights.nextOrderOverdueDays).toBeNull();
      }
    });

    it('overview: each KPI against the studio target, coloured as the server measured it', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'overview');
      await settled(page);
      const view = (
        (await post(studio.server.url, '/api/run', { fn: 'getOverview', args: [] })) as { value: OverviewView }
      ).value;
      expect(view.goals.map((goal) => goal.key)).toEqual([
        'repeatOrderRate',
        'returningRevenue',
        'marketingCostPerReturningOrder',
        'averageResponseHours',
        'retentionRate',
        'profitPerClient',
      ]);
      for (const goal of view.goals) {
        const row = page.locator(`[data-goal="${goal.key}"]`);
        expect(await row.getAttribute('data-state')).toBe(goal.state ?? 'none');
      }
      // The repeat-order target is worded as the default 60 %.
      expect(await page.locator('[data-goal="repeatOrderRate"] .hint').textContent()).toContain(
        say(locale, { ru: 'цель: не меньше 60 %', en: 'target: at least 60 %' }),
      );
      expect(await page.locator('[data-goal="averageResponseHours"] .hint').textContent()).toContain(
        say(locale, { ru: 'цель: не больше 2 ч', en: 'target: at most 2 h' }),
      );
    });

    it("playground: the Dashboard charts drawn from the add-on's chart specs, and a cell typed as 24.11.2026 read as a date", async () => {
      const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(studio.server.url);
        await page.waitForSelector('#sheet-tabs button');
        // The demo studio was set up in Russian: its sheets keep the names they were made with.
        const names = studio.server.playground.emu.spreadsheet.sheetNames();
        const dashboard = names.find((name) => name === 'Дашборд' || name === 'Dashboard') ?? '';
        const specs = studio.server.playground.emu.spreadsheet.charts(dashboard);
        expect(specs.length).toBeGreaterThan(0);
        await page.click(`#sheet-tabs button[data-sheet="${dashboard}"]`);
        await page.waitForSelector('figure.chart svg');
        // One drawn figure per chart the add-on inserted, each with marks (bars, lines or slices).
        expect(await page.locator('figure.chart').count()).toBe(specs.length);
        for (const spec of specs)
          expect(
            await page.locator(`figure[data-chart="${spec.chartId}"] svg :is(rect, polyline, path)`).count(),
          ).toBeGreaterThan(0);
        mkdirSync('artifacts/screenshots', { recursive: true });
        await page.locator('#charts').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `artifacts/screenshots/${locale}-playground-dashboard.png`, fullPage: true });

        // All rows, not the first hundred: the Clients sheet shows every client (the demo has more than 100).
        const clients = names.find((name) => name === 'Клиенты' || name === 'Clients') ?? '';
        await page.click(`#sheet-tabs button[data-sheet="${clients}"]`);
        await page.waitForSelector('td[data-cell="A2"]');
        const total = studio.server.playground.emu.spreadsheet.displayValues(clients).length;
        expect(total).toBeGreaterThan(100);
        // Polled: a big sheet's rows are drawn over several frames on a busy machine.
        await expect.poll(() => page.locator('#grid tbody tr').count()).toBe(total);

        // Birthday of the first client typed as staff type it: a date, not text.
        const header = studio.server.playground.emu.spreadsheet.displayValues(clients)[0] ?? [];
        const column = header.findIndex((title) => title === 'День рождения' || title === 'Birthday');
        expect(column).toBeGreaterThanOrEqual(0);
        const letter = String.fromCharCode(65 + column);
        await page.dblclick(`td[data-cell="${letter}2"]`);
        await page.fill(`input[data-editing="${letter}2"]`, '24.11.2026');
        await page.press(`input[data-editing="${letter}2"]`, 'Enter');
        // Stored as a date (midnight in the spreadsheet's zone), shown as the 24th of November 2026.
        await expect
          .poll(() =>
            Object.prototype.toString.call(studio.server.playground.emu.spreadsheet.values(clients)[1]?.[column]),
          )
          .toBe('[object Date]');
        expect(studio.server.playground.emu.spreadsheet.displayValues(clients)[1]?.[column]).toMatch(
          /^(24\.11\.2026|2026-11-24|11\/24\/2026|24\/11\/2026)$/,
        );
      } finally {
        await page.close();
      }
    });
    it('money in roubles, goals and 5W on the Dashboard sheet, no past day in "next order expected"', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'overview');
      await settled(page);
      // The demo studio keeps the default currency (RUB): a money tile ends with the rouble sign.
      expect(await page.locator('[data-kpi="averageOrderValue"] .value').textContent()).toMatch(/^[\d\s.,]+ ₽$/u);

      const emu = studio.server.playground.emu;
      // The demo was set up (and refreshed) in Russian: the Dashboard speaks the workbook's language.
      const dashboard = emu.spreadsheet.sheetNames().find((name) => name === 'Дашборд' || name === 'Dashboard') ?? '';
      const cells = emu.spreadsheet.displayValues(dashboard).flat();
      expect(cells.some((cell) => cell === 'Цели студии' || cell === 'Studio goals')).toBe(true);
      expect(cells.some((cell) => cell === 'Сегменты в пяти вопросах' || cell === 'Segments in five questions')).toBe(
        true,
      );

      // Every client's "next order expected" is a day from the playground's today on, or words saying how late.
      const clients = emu.spreadsheet.sheetNames().find((name) => name === 'Клиенты' || name === 'Clients') ?? '';
      const [header = [], ...rows] = emu.spreadsheet.values(clients);
      const column = header.findIndex(
        (title) => title === 'Ожидаемый заказ (авто)' || title === 'Next order expected (auto)',
      );
      expect(column).toBeGreaterThanOrEqual(0);
      const state = await get<{ now: string }>(studio.server.url, '/api/state');
      const today = Date.parse(`${state.now.slice(0, 10)}T00:00:00Z`) - 86_400_000; // a zone's day may start before UTC's
      let late = 0;
      for (const row of rows) {
        const cell = row[column];
        if (cell instanceof Date || Object.prototype.toString.call(cell) === '[object Date]')
          expect((cell as Date).getTime()).toBeGreaterThanOrEqual(today);
        else if (cell !== '') {
          expect(String(cell)).toMatch(/^(задерживается на \d[\d\s]* (день|дня|дней)|overdue by \d[\d,]* days?)$/u);
          late += 1;
        }
      }
      expect(late).toBeGreaterThan(0); // two years of demo history: some clients are late
    });

    it('playground: the menu follows the language, form fields by type, a log line per mail, times on the studio clock', async () => {
      const other = locale === 'ru' ? 'en' : 'ru';
      const captions = async () =>
        (await get<{ menus: Array<{ items: Array<{ caption?: string }> }> }>(studio.server.url, '/api/state')).menus
          .flatMap((menu) => menu.items)
          .map((item) => item.caption ?? '');
      expect(await captions()).toContain(say(locale, { ru: 'Обновить аналитику', en: 'Refresh analysis' }));
      await post(studio.server.url, '/api/locale', { locale: other });
      expect(await captions()).toContain(say(other, { ru: 'Обновить аналитику', en: 'Refresh analysis' }));
      await post(studio.server.url, '/api/locale', { locale });
      expect(await captions()).toContain(say(locale, { ru: 'Обновить аналитику', en: 'Refresh analysis' }));

      // One test mail of a campaign: the outbox and the log both show it.
      const created = (await post(studio.server.url, '/api/run', {
        fn: 'createCampaign',
        args: [
          {
            name: say(locale, { ru: 'Проверка журнала', en: 'Log check' }),
            segmentId: 'all',
            template: `draft:${DEMO_DRAFT_SUBJECT}`,
            senderName: 'Studio',
            replyTo: '',
            scheduledAt: null,
            cost: 0,
          },
        ],
      })) as { value: CampaignView };
      await post(studio.server.url, '/api/run', { fn: 'testSendCampaign', args: [created.value.id, null] });
      const outbox = await get<Array<{ to: string[]; subject: string; at: string | number }>>(
        studio.server.url,
        '/api/outbox',
      );
      expect(outbox.length).toBeGreaterThan(0);
      const state = await get<{ logs: Array<{ level: string; message: string }>; timeZone: string }>(
        studio.server.url,
        '/api/state',
      );
      const mailLines = state.logs.filter((line) => line.level === 'mail');
      expect(mailLines.length).toBe(outbox.length);
      expect(mailLines.at(-1)?.message).toBe(`→ ${outbox[0]!.to.join(', ')} · ${outbox[0]!.subject}`);

      const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(studio.server.url);
        await page.waitForSelector('#sheet-tabs button');
        await page.click('#drawer-tabs button[data-panel="outbox"]');
        await page.waitForSelector('#outbox-list time');
        const time = page.locator('#outbox-list time').first();
        // The mail's instant on the spreadsheet's clock (not UTC, not the browser's), as the staff language writes it.
        const at = Number(await time.getAttribute('data-at')) || Date.parse(String(outbox[0]!.at));
        const expected = new Date(at).toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU', {
          timeZone: state.timeZone,
          dateStyle: 'short',
          timeStyle: 'short',
        });
        expect(state.timeZone).not.toBe('UTC');
        expect(await time.textContent()).toBe(expected);

        // The registration form: the birthday is a date picker, the channel topic a list.
        await page.click('#drawer-tabs button[data-panel="forms"]');
        const forms = await get<Array<{ questions: Array<{ type: string; title: string }> }>>(
          studio.server.url,
          '/api/forms',
        );
        const dates = forms.flatMap((form) => form.questions).filter((question) => question.type === 'DATE');
        expect(dates.length).toBeGreaterThan(0);
        await page.waitForSelector('#panel form[data-form]');
        expect(await page.locator('#panel input[type=date][data-type=DATE]').count()).toBe(dates.length);
        expect(await page.locator('#panel input[type=text][data-type=DATE]').count()).toBe(0);

        // Links in mails work here: the web app at /exec, a form's public link opens that form in the playground.
        const published = await get<Array<{ id: string; publishedUrl: string }>>(studio.server.url, '/api/forms');
        const first = published[0]!;
        const id = /\/e\/([\w-]+)\/viewform/.exec(first.publishedUrl)?.[1] ?? '';
        expect(localLinks(`<a href="${first.publishedUrl}?usp=pp_url&entry.1=a">form</a>`)).toBe(
          `<a href="/?form=${id}&usp=pp_url&entry.1=a">form</a>`,
        );
        expect(localLinks(`${WEB_APP_URL}?action=unsubscribe&t=x`)).toBe('/exec?action=unsubscribe&t=x');
        await page.goto(`${studio.server.url}/?form=${id}`);
        await page.waitForSelector(`form.linked[data-form="${first.id}"]`);
        const exec = await page.goto(`${studio.server.url}/exec`);
        expect(exec?.status()).toBe(200);
      } finally {
        await page.close();
      }
    });

    it('currency: euros chosen in the Settings form reach the KPI cards and the client card', async () => {
      const page = studio.sidebar;
      await openSection(studio, 'settings');
      await settled(page);
      const currency = page.locator('form[data-setting="core.currency"]');
      await currency.locator('input').fill('EUR');
      await currency.locator('button').click();
      await expect
        .poll(async () => (await settingsSheet(studio)).find((row) => row[0] === 'core.currency')?.[1])
        .toBe('EUR');
      await openSection(studio, 'overview');
      await settled(page);
      expect(await page.locator('[data-kpi="averageOrderValue"] .value').textContent()).toMatch(/^[\d\s.,]+ €$/u);
      await openSection(studio, 'clients');
      await page.fill('input[type=search]', 'frostneko22');
      await page.click('form.search button[type=submit]');
      await page.click('[data-client="C-00001"]');
      await settled(page);
      // Each order line: "date · product × quantity · amount € · status".
      const orders = await page.locator('#section li').allTextContents();
      expect(orders.some((line) => / · [\d\s.,]+ € · /u.test(line))).toBe(true);
      expect(orders.some((line) => line.includes('₽'))).toBe(false);
    });

    it('language: switching it in the Settings form renames the sheets and rebuilds the menu, and back', async () => {
      const page = studio.sidebar;
      const other = locale === 'ru' ? 'en' : 'ru';
      const names = { ru: ['Клиенты', 'Заказы', 'Настройки'], en: ['Clients', 'Orders', 'Settings'] };
      const state = () =>
        get<{ sheets: string[]; menus: Array<{ items: Array<{ caption?: string }> }> }>(
          studio.server.url,
          '/api/state',
        );
      const captions = async () => (await state()).menus.flatMap((menu) => menu.items).map((item) => item.caption);
      const switchTo = async (target: 'ru' | 'en') => {
        await openSection(studio, 'settings');
        await settled(page);
        const language = page.locator('form[data-setting="core.locale"]');
        await language.locator('input').fill(target);
        await language.locator('button').click();
        await expect.poll(async () => (await state()).sheets).toEqual(expect.arrayContaining(names[target]));
      };
      await switchTo(other);
      const sheets = (await state()).sheets;
      for (const name of names[locale]) expect(sheets).not.toContain(name);
      expect(await captions()).toContain(say(other, { ru: 'Обновить аналитику', en: 'Refresh analysis' }));
      // A status on the Orders sheet now reads in the other language's words.
      const orders = (
        await get<{ rows: string[][] }>(studio.server.url, `/api/sheet?name=${encodeURIComponent(names[other][1]!)}`)
      ).rows;
      const status = (orders[0] ?? []).indexOf(say(other, { ru: 'Статус', en: 'Status' }));
      expect(status).toBeGreaterThanOrEqual(0);
      expect(orders.slice(1).map((row) => row[status])).toContain(say(other, { ru: 'Выполнен', en: 'Completed' }));

      await switchTo(locale);
      expect(await captions()).toContain(say(locale, { ru: 'Обновить аналитику', en: 'Refresh analysis' }));
    });

    it('playground: Reset demo builds the studio in the chosen language: sheets, menu and the tier words', async () => {
      await post(studio.server.url, '/api/reset', {});
      const state = await get<{ sheets: string[]; menus: Array<{ items: Array<{ caption?: string }> }> }>(
        studio.server.url,
        '/api/state',
      );
      expect(state.sheets).toEqual(
        expect.arrayContaining(
          locale === 'ru'
            ? ['Клиенты', 'Заказы', 'Настройки', 'Дашборд']
            : ['Clients', 'Orders', 'Settings', 'Dashboard'],
        ),
      );
      expect(state.menus.flatMap((menu) => menu.items).map((item) => item.caption)).toContain(
        say(locale, { ru: 'Обновить аналитику', en: 'Refresh analysis' }),
      );
      expect((await settingsSheet(studio)).find((row) => row[0] === 'loyalty.tiers')?.[1]).toBe(
        say(locale, {
          ru: 'Bronze: от 0, ×1, бонус 0; Silver: от 15000, ×1,25, бонус 100; Gold: от 40000, ×1,5, бонус 250; VIP: от 100000, ×2, бонус 500',
          en: 'Bronze: from 0, ×1, bonus 0; Silver: from 15000, ×1.25, bonus 100; Gold: from 40000, ×1.5, bonus 250; VIP: from 100000, ×2, bonus 500',
        }),
      );
    });
  });
}
