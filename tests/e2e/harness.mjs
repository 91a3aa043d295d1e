// Shared by the e2e tests: serve the built site from a subfolder, launch headless Chromium,
// and collect console errors. Not a test file itself (make test-e2e runs *.test.mjs).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const dist = resolve(here, '../..', process.env.E2E_DIST ?? 'dist');
export const screenshots = join(here, 'screenshots');
export const SUBFOLDER = '/sub/';

// Debian's Chromium; the flags keep it off the network this machine does not have.
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Serves `root` on 127.0.0.1 with Python's http.server on a free port; resolves to its origin. */
export function serve(root) {
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

/** The site copied under SUBFOLDER of a temp dir, served, and a Chromium to look at it. */
export async function startSite() {
  assert.ok(existsSync(join(dist, 'index.html')), `${dist}/index.html missing: run \`make dist\` first`);
  const root = mkdtempSync(join(tmpdir(), 'otp-playground-e2e-'));
  cpSync(dist, join(root, SUBFOLDER), { recursive: true });
  const { server, origin } = await serve(root);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return {
    origin,
    url: origin + SUBFOLDER,
    browser,
    async close() {
      await browser.close();
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A new page at `url` (1024×768) whose console errors and page errors go to `problems`. */
export async function openPage(site, { hash = '', width = 1024, height = 768 } = {}) {
  const page = await site.browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(site.url + hash, { waitUntil: 'networkidle' });
  await page.locator('h1.app-title').waitFor({ timeout: 30000 });
  await page.locator('#btn-step').waitFor({ timeout: 30000 });
  return { page, problems };
}

export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  const file = join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(existsSync(file));
  return file;
}
