// Names from the spreadsheet are text in the sidebar, never markup: a client named like an <img> with an
// onerror handler shows as those characters, no element is made, no script runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSection, openStudio, post, settled, type Studio } from './harness';

const EVIL_NAME = '<img src=x onerror=alert(1)>';

describe('the sidebar shows client text as text', () => {
  let studio: Studio;
  const dialogs: string[] = [];
  beforeAll(async () => {
    studio = await openStudio('en');
    studio.sidebar.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 60_000);
  afterAll(async () => studio?.close());

  it('in the search results and the client card', async () => {
    const imported = (await post(studio.server.url, '/api/run', {
      fn: 'importPasted',
      args: ['clients', `Name\tEmail\n${EVIL_NAME}\txss-check@example.com`],
    })) as { value: { added: number } };
    expect(imported.value.added).toBe(1);
    const page = studio.sidebar;
    await openSection(studio, 'clients');
    await page.fill('input[type=search]', 'xss-check');
    await page.click('form.search button[type=submit]');
    const result = page.locator('[data-client]', { hasText: EVIL_NAME });
    await expect.poll(() => result.count()).toBe(1);
    await result.click();
    await settled(page);
    expect(await page.locator('#section').textContent()).toContain(EVIL_NAME);
    expect(await page.locator('#section img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
