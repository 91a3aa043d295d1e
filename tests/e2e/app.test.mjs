// End-to-end: the release site, served from a subfolder, renders in headless Chromium.
//
// Run with `make test-e2e` (builds dist/ first) or, with dist/ built, `node --test tests/e2e/`.
// E2E_DIST names the built site (default: dist). Screenshots go to tests/e2e/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SUBFOLDER, screenshots, startSite } from './harness.mjs';

const PANES = ['Controls', 'Scenarios', 'Sequence diagram', 'Processes', 'Inspector', 'Actions', 'Stats & storage'];

describe(`release site served from ${SUBFOLDER}`, () => {
  let site, origin, page;
  const problems = []; // console errors, page errors, failed or non-2xx requests
  const requested = [];

  before(async () => {
    site = await startSite();
    origin = site.origin;
    // Its own page (not the harness's openPage): it also watches every request.
    page = await site.browser.newPage({ viewport: { width: 1024, height: 768 } });
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => requested.push(req.url()));
    page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });

    await page.goto(origin + SUBFOLDER, { waitUntil: 'networkidle' });
    await page.locator('h1.app-title').waitFor({ timeout: 30000 });
  });

  after(async () => { await site?.close(); });

  test('the header shows the title and subtitle', async () => {
    assert.equal(await page.locator('h1.app-title').textContent(), 'otp-playground');
    assert.match(await page.locator('.app-subtitle').textContent(), /Elixir\/OTP/);
    assert.equal(await page.title(), 'otp-playground');
  });

  test('every pane is there with its heading', async () => {
    const headings = await page.locator('section.pane h2.pane-title').allTextContents();
    assert.deepEqual(headings, PANES);
    for (const name of PANES) {
      assert.ok(await page.getByRole('region', { name }).isVisible(), `pane "${name}" visible`);
    }
  });

  test('the run controls are there, enabled, the runtime running', async () => {
    for (const id of ['btn-pause', 'btn-step', 'btn-next-timer', 'btn-reset', 'speed']) {
      assert.ok(await page.locator(`#${id}`).isEnabled(), `#${id} enabled`);
    }
    assert.match(await page.locator('#virtual-time').textContent(), /^t = \d+\.\d{3} s$/);
  });

  test('every scenario is listed, grouped by chapter, with what to watch', async () => {
    const chapters = await page.locator('.chapter > h3').allTextContents();
    assert.deepEqual(chapters, ['Chapter 6', 'Chapter 7']);
    const scenarios = await page.locator('li.scenario').count();
    assert.ok(scenarios >= 20, `${scenarios} scenarios`);
    assert.equal(await page.locator('li.scenario p.watch').count(), scenarios);
  });

  test('every request stayed under the subfolder and succeeded, with no console errors', async () => {
    assert.ok(requested.some((url) => url.endsWith('.wasm')), 'the wasm module was loaded');
    const outside = requested.filter((url) => url.startsWith(origin) && !url.startsWith(origin + SUBFOLDER));
    assert.deepEqual(outside, [], 'requests outside the subfolder');
    assert.deepEqual(problems, []);
  });

  test('screenshots, light and dark', async () => {
    mkdirSync(screenshots, { recursive: true });
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const file = join(screenshots, `app-1024-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(existsSync(file));
    }
    assert.deepEqual(problems, []);
  });
});
