// End-to-end: input nested far too deeply, typed into a form or carried by a link, gets a
// clear error and the page goes on working (a stack overflow in wasm would end the app:
// the clock would stop and no button would answer again). Run with `make test-e2e`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, startSite } from './harness.mjs';

const DEEP = '['.repeat(10_000) + ']'.repeat(10_000);

async function until(page, fn, arg, timeout = 20000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 });
}

/** The virtual clock moves on (the runtime and the frame loop are alive). */
async function clockMoves(page) {
  const before = await page.locator('#virtual-time').textContent();
  await until(page, (t) => document.querySelector('#virtual-time').textContent !== t, before);
}

/** A form still works: a KV put answers :ok. */
async function kvPutWorks(page) {
  const answered = (n) => (document.querySelector('#iex-output').textContent.match(/KVStore\.Server\.put\(:color, "blue"\):ok/g) ?? []).length > n;
  const before = await page.evaluate(() => (document.querySelector('#iex-output').textContent.match(/KVStore\.Server\.put\(:color, "blue"\):ok/g) ?? []).length);
  await page.fill('#kv-key', ':color');
  await page.fill('#kv-value', '"blue"');
  await page.click('#btn-kv-put');
  await until(page, answered, before);
}

describe('deeply nested input', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('10,000 nested brackets typed as a KV value give an error and the page keeps working', async () => {
    const { page, problems } = await openPage(site);
    await page.fill('#kv-value', DEEP);
    await page.click('#btn-kv-put');
    await until(page, () => document.querySelector('#kv-error')?.textContent.includes('nested too deeply'));
    const error = await page.locator('#kv-error').textContent();
    assert.equal(error, 'value: nested too deeply: more than 100 levels (the list at column 101)');
    await clockMoves(page);
    await kvPutWorks(page);
    await screenshot(page, 'robust-deep-kv-value');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a link whose request holds 10,000 nested brackets says so and the page keeps working', async () => {
    const { page, problems } = await openPage(site, { hash: `#actions=kp~%3Ak~${DEEP}` });
    await until(page, () => document.querySelector('#iex-output').textContent.includes('nested too deeply'));
    const out = await page.locator('#iex-output').textContent();
    assert.match(out, /a request from the link \(kp\) cannot run.*value: nested too deeply: more than 100 levels/s);
    await clockMoves(page);
    await kvPutWorks(page);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a link with garbage in it is refused with a sentence, and nothing from it runs', async () => {
    const { page, problems } = await openPage(site, { hash: '#scenario=nope&actions=kp~%ZZ' });
    await until(page, () => document.querySelector('#notice')?.textContent.includes('cannot be opened'));
    assert.equal(
      await page.locator('#notice').textContent(),
      'This link cannot be opened: unknown scenario "nope" in the link: it names none of this page\'s scenarios. Nothing from it ran.',
    );
    await clockMoves(page);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
