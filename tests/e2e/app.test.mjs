// End-to-end: the release site, served from a subfolder, renders in headless Chromium.
//
// Run with `make test-e2e` (builds dist/ first) or, with dist/ built, `node --test tests/e2e/`.
// E2E_DIST names the built site (default: dist). Screenshots go to tests/e2e/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../..', process.env.E2E_DIST ?? 'dist');
const screenshots = join(here, 'screenshots');
const SUBFOLDER = '/sub/';

// Debian's Chromium; the flags keep it off the network this machine does not have.
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const PANES = ['Controls', 'Scenarios', 'Sequence diagram', 'Processes', 'Inspector', 'Actions', 'Stats & storage'];

/** Serves `root` on 127.0.0.1 with Python's http.server on a free port; resolves to its origin. */
function serve(root) {
  return new Promise((resolvePromise, reject) => {
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    process.on('exit', () => server.kill()); // also when a hook fails or the run is cut short
    let out = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start:\n${out}`)), 15000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ server, origin: `http://127.0.0.1:${m[1]}` });
      }
    });
    server.stderr.on('data', () => {}); // the access log
    server.on('error', reject);
    server.on('exit', (code) => reject(new Error(`http.server exited with ${code}:\n${out}`)));
  });
}

describe(`release site served from ${SUBFOLDER}`, () => {
  let root, server, origin, browser, page;
  const problems = []; // console errors, page errors, failed or non-2xx requests
  const requested = [];

  before(async () => {
    assert.ok(existsSync(join(dist, 'index.html')), `${dist}/index.html missing: run \`make dist\` first`);
    root = mkdtempSync(join(tmpdir(), 'otp-playground-e2e-'));
    cpSync(dist, join(root, SUBFOLDER), { recursive: true });
    ({ server, origin } = await serve(root));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
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

  after(async () => {
    await browser?.close();
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

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
