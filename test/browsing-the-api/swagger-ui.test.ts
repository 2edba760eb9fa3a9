import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock-server/create-mock-server.js';
import { REPO_ROOT } from '../support/cli-process.js';
import { launchChromium } from './chromium.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'browser');
const API_KEY = 'browser-test-key';

let server: Server;
let origin: string;
let browser: Browser;
let page: Page;
let requests: string[];
let consoleErrors: string[];

beforeAll(async () => {
  const { app } = await createMockServer({ quiet: true, seed: 7 });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  requests = [];
  consoleErrors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterEach(async () => {
  await page.close();
  // Everything the page loaded came from this mock: no CDN, no validator, no live API.
  const offMachine = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
  expect(offMachine).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

describe('Swagger UI at /swagger, in Chromium', { timeout: 90_000 }, () => {
  it('tries the tenants list as a partner would: pick V4.Contacts, authorize, execute, see records', async () => {
    await page.goto(`${origin}/swagger`);
    expect(page.url()).toBe(`${origin}/swagger/`);

    const definitions = page.locator('.topbar select#select');
    await expect.poll(() => definitions.locator('option').allTextContents()).toEqual(['V4.Contacts', 'Mock control']);
    await definitions.selectOption({ label: 'V4.Contacts' });
    await page.locator('.information-container .title', { hasText: 'V4 Contacts' }).waitFor();
    // "Try it out" targets this mock, not the live service listed first in the contract.
    expect(await page.locator('.servers select').inputValue()).toBe(origin);

    await page.locator('button.btn.authorize').first().click();
    const scheme = page.locator('.modal-ux .auth-container').first();
    await scheme.locator('input').fill(API_KEY);
    await scheme.locator('button.authorize').click();
    await scheme.locator('h6', { hasText: 'Authorized' }).waitFor();
    await scheme.locator('button.btn-done').click();

    const operation = page.locator('#operations-Contacts-listTenants');
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('tr[data-param-name="shortName"] input').fill('demo');
    await operation.locator('tr[data-param-name="offset"] input').fill('0');
    await operation.locator('tr[data-param-name="count"] input').fill('5');
    const apiCall = page.waitForRequest((request) => request.url().startsWith(`${origin}/v4/contacts/demo/tenants/`));
    await operation.locator('button.execute').click();

    const sent = await apiCall;
    expect(sent.url()).toBe(`${origin}/v4/contacts/demo/tenants/0/5`);
    expect(sent.headers()['api_key']).toBe(API_KEY);

    const live = operation.locator('.live-responses-table');
    await expect
      .poll(() => live.locator('tr.response .response-col_status').first().textContent())
      .toMatch(/^\s*200\s*$/);
    const body = (await live.locator('tr.response .response-col_description pre').first().textContent()) ?? '';
    expect(body).toContain('"Count"');
    expect(body.match(/"OID": "[0-9a-f]{4}(-[0-9a-f]{4}){3}"/g)).toHaveLength(5);

    await live.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'swagger-tenants.png') });
  });

  it('the dropdown switches to the Mock control definition', async () => {
    await page.goto(`${origin}/swagger/`);
    await page.locator('.information-container .title', { hasText: 'V4 Contacts' }).waitFor();
    await page.locator('.topbar select#select').selectOption({ label: 'Mock control' });
    await page.locator('.information-container .title', { hasText: /control/i }).waitFor();
    expect(requests).toContain(`${origin}/__mock/openapi.json`);
  });

  it('the landing page says what is running and links the UI', async () => {
    await page.goto(`${origin}/`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('V4 Contacts');
    // One row per flag of the option table, labelled by the flag.
    const row = (flag: string) =>
      page.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${flag}$`) }) }).locator('td');
    expect(await row('--seed').textContent()).toBe('7');
    expect(await row('--profile').textContent()).toMatch(/\S/);
    expect(await row('--consent-rate').textContent()).toBe('0.6');
    expect(await row('--consent-rate-tenants').textContent()).toBe('0.6');
    expect(await row('--tenants').textContent()).toMatch(/^\d+$/);
    for (const href of ['/swagger/', '/openapi.json', '/openapi.yaml', '/__mock/openapi.json', '/__mock/requests']) {
      await expect.poll(() => page.locator(`a[href="${href}"]`).count()).toBe(1);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'landing-page.png'), fullPage: true });
    await page.locator('a[href="/swagger/"]').click();
    await page.locator('.information-container .title').waitFor();
    expect(page.url()).toBe(`${origin}/swagger/`);
  });
});
