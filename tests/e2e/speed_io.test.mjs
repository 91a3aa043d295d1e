// Speed never changes a run: at "as fast as possible" a todo system on IndexedDB answers
// (virtual time stands still while a worker waits for the browser), and the session load
// test finishes with the same virtual-time figures at 1×, 100× and 1000×.
// Run with `make test-e2e`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, startSite } from './harness.mjs';

/** Waits until `fn()` (run in the page) is truthy. */
async function until(page, fn, arg, timeout = 20000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 });
}

/** Chooses a speed in the controls by its label. */
async function setSpeed(page, label) {
  await page.locator('#speed').selectOption({ label });
}

/** The shell output's text. */
async function output(page) {
  return page.locator('#iex-output').textContent();
}

describe('speed and browser I/O', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('at "as fast as possible" Add entry then Read entries on IndexedDB answers the entries', async () => {
    const { page, problems } = await openPage(site);
    await until(page, () => document.querySelector('#storage-backend')?.value === 'indexeddb');
    await setSpeed(page, 'as fast as possible');
    for (const title of ['Buy milk', 'Water the plants', 'Call Bob']) {
      await page.fill('#todo-list', 'Speedy');
      await page.fill('#todo-title', title);
      await page.click('#btn-todo-add');
    }
    await page.fill('#todo-date', '');
    await page.click('#btn-todo-read');
    await until(page, () => {
      const text = document.querySelector('#iex-output').textContent;
      return text.includes('title: "Call Bob"') || text.includes(':timeout') || text.includes('EXIT');
    }, undefined, 30000);
    const text = await output(page);
    await screenshot(page, 'speed-io-fastest-indexeddb');
    assert.doesNotMatch(text, /:timeout|\*\* \(EXIT\)|could not start/, text);
    for (const title of ['Buy milk', 'Water the plants', 'Call Bob']) assert.match(text, new RegExp(`title: "${title}"`));
    // The system is still alive: another round trip answers too.
    await page.fill('#todo-date', '2024-01-22');
    await page.fill('#todo-title', 'After the read');
    await page.click('#btn-todo-add');
    await page.fill('#todo-date', '');
    await page.click('#btn-todo-read');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('title: "After the read"'), undefined, 30000);
    assert.doesNotMatch(await output(page), /:timeout|\*\* \(EXIT\)|could not start/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the session load test finishes with the same virtual-time figures at 1x, 100x and 1000x', async () => {
    const figures = {};
    for (const label of ['1× (real time)', '100×', '1000×']) {
      const { page, problems } = await openPage(site);
      await setSpeed(page, label);
      await page.click('#btn-load');
      await until(page, () => document.querySelector('#load-report') !== null, undefined, 120000);
      const report = await page.locator('#load-report').textContent();
      await screenshot(page, `speed-io-load-${label.split('×')[0]}x`);
      assert.doesNotMatch(report, /exited before it finished/, `${label}: ${report}`);
      const line = report.match(/3000 ops by 10 clients in \d+ virtual ms: [\d.]+ ops\/s; \d+ misses, 0 errors/);
      assert.ok(line, `${label}: ${report}`);
      figures[label] = line[0];
      assert.deepEqual(problems, []);
      await page.close();
    }
    console.log(`load figures: ${JSON.stringify(figures)}`);
    assert.equal(new Set(Object.values(figures)).size, 1, `the same at every speed: ${JSON.stringify(figures)}`);
  });
});
