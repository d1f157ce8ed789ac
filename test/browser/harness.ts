// One playground server and one headless Chromium (Debian's, never a downloaded one) per test file.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startPlaygroundServer, type PlaygroundServer } from '../../local/playground/server';
import { assertBuildIsFresh } from '../support/built-bundle';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SIDEBAR_WIDTH = 300;

export interface Studio {
  server: PlaygroundServer;
  browser: Browser;
  /** A page showing only the sidebar, at the sidebar's width. */
  sidebar: Page;
  close(): Promise<void>;
}

export async function openStudio(locale: 'ru' | 'en'): Promise<Studio> {
  // The playground serves dist/: the same guard as the e2e tests.
  assertBuildIsFresh();
  const server = await startPlaygroundServer({ port: 0, statePath: null, fresh: true });
  await post(server.url, '/api/locale', { locale });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const sidebar = await browser.newPage({ viewport: { width: SIDEBAR_WIDTH, height: 900 } });
  sidebar.setDefaultTimeout(15_000);
  const problems: string[] = [];
  sidebar.on('pageerror', (error) => problems.push(error.message));
  return {
    server,
    browser,
    sidebar,
    async close() {
      await browser.close();
      await server.close();
      if (problems.length > 0) throw new Error(`The sidebar threw: ${problems.join('; ')}`);
    },
  };
}

export async function post(base: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

export async function get<T>(base: string, path: string): Promise<T> {
  return (await fetch(base + path)).json() as Promise<T>;
}

/** Opens the sidebar (as the menu's Open sidebar does) and picks a section. */
export async function openSection(studio: Studio, section: string): Promise<void> {
  await studio.sidebar.goto(`${studio.server.url}/sidebar`);
  await studio.sidebar.waitForSelector('#section-picker');
  await studio.sidebar.selectOption('#section-picker', section);
  await studio.sidebar.waitForSelector(`#section[data-section="${section}"]`);
}

/** Waits until no part of the sidebar shows "Loading…" any more. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
}

export async function screenshot(page: Page, locale: string, section: string): Promise<string> {
  mkdirSync('artifacts/screenshots', { recursive: true });
  const path = `artifacts/screenshots/${locale}-${section}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
