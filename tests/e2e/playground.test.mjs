// End-to-end: the playground's panes working on the real runtime in headless Chromium.
// Run with `make test-e2e`. Each test saves a screenshot to tests/e2e/screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, startSite } from './harness.mjs';

/** Waits until `fn()` (run in the page) is truthy. */
async function until(page, fn, arg, timeout = 20000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 100 });
}

/** Scrolls the diagram to its top so its first rows are drawn (it draws only what is visible). */
async function scrollDiagramToTop(page) {
  await page.locator('.diagram-scroll').evaluate((el) => { el.scrollTop = 0; });
  await page.waitForTimeout(200);
}

/** Kinds of the diagram rows drawn now. */
async function drawnKinds(page) {
  return page.locator('.diagram-svg g.row').evaluateAll((gs) => gs.map((g) => g.dataset.kind));
}

/** Kinds of every diagram row: scrolls from the top to the bottom a view at a time. */
async function allKinds(page) {
  const kinds = new Set();
  const scroll = page.locator('.diagram-scroll');
  await scrollDiagramToTop(page);
  for (let i = 0; i < 100; i++) {
    for (const kind of await drawnKinds(page)) kinds.add(kind);
    const atEnd = await scroll.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
      el.scrollTop += el.clientHeight - 40;
      return end;
    });
    if (atEnd) break;
    await page.waitForTimeout(100);
  }
  return kinds;
}

/** Waits until the event count stops moving (a scenario's shell has finished); returns it. */
async function settledEvents(page) {
  let events = -1;
  for (let i = 0; i < 40; i++) {
    const now = Number(await page.locator('#stat-events').textContent());
    if (now === events && now > 0) return now;
    events = now;
    await page.waitForTimeout(250);
  }
  return events;
}

/** Drags the scrub slider to `at` and waits for a new "Replayed to event" notice; returns
 *  the events reached. */
async function scrubTo(page, at) {
  const before = await page.evaluate(() => document.querySelector('#notice')?.textContent ?? '');
  await page.locator('#scrub').evaluate((el, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, at);
  await until(page, (old) => {
    const text = document.querySelector('#notice')?.textContent ?? '';
    return text !== old && text.startsWith('Replayed to event');
  }, before);
  return Number(await page.locator('#stat-events').textContent());
}

/** Selects the first process-table row naming `module`; rows move when a form's shell
 *  process exits, so it clicks until the row is selected. */
async function selectProcessRow(page, module) {
  for (let i = 0; i < 10; i++) {
    await page.locator('#process-table tbody tr', { hasText: module }).first().click();
    await page.waitForTimeout(100);
    if ((await page.locator('#process-table tr.selected').textContent()).includes(module)) break;
  }
}

/** Clicks Run on a scenario and waits for it to finish (its shell logs and exits). */
async function runScenario(page, id) {
  await page.locator(`button[data-scenario="${id}"]:not(.secondary)`).click();
  await until(page, () => Number(document.querySelector('#stat-events')?.textContent ?? 0) > 0);
}

describe('the playground', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('the todo scenario draws its calls, replies, casts and spawns, with lanes named as registered', async () => {
    const { page, problems } = await openPage(site);
    await runScenario(page, 'ch7.todo_cache');
    await until(page, () => [...document.querySelectorAll('.lane-name')].some((el) => el.textContent === 'Todo.Cache'));
    // The scenario ends when its shell exits: wait for the diagram to stop growing.
    let rows = -1;
    for (let i = 0; i < 50; i++) {
      const now = await page.locator('#diagram-count').textContent();
      if (now === rows) break;
      rows = now;
      await page.waitForTimeout(300);
    }
    assert.match(rows, /^[1-9]\d* rows/);
    const kinds = await allKinds(page);
    for (const kind of ['spawn', 'call', 'reply', 'cast']) assert.ok(kinds.has(kind), `a ${kind} arrow among ${[...kinds]}`);
    // Hovering an arrow shows its message in Elixir syntax.
    // The mouse goes to the arrow itself (the row's hit area spans every lane).
    await scrollDiagramToTop(page);
    for (let i = 0; i < 50 && (await page.locator('.diagram-svg g.row.k-call').count()) === 0; i++) {
      await page.locator('.diagram-scroll').evaluate((el) => { el.scrollTop += el.clientHeight - 40; });
      await page.waitForTimeout(100);
    }
    const seq = await page.locator('.diagram-svg g.row.k-call').first().getAttribute('data-seq');
    await page.locator(`g.row[data-seq="${seq}"] line.arrow`).scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    const box = await page.locator(`g.row[data-seq="${seq}"] line.arrow`).boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const detail = await page.locator('#message-detail').textContent();
    assert.match(detail, /call · .*→ .*Todo\.Cache/);
    assert.match(detail, /\{:server_process, "/);
    await screenshot(page, 'todo-scenario-1024-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'todo-scenario-1024-dark');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('adding a todo entry through the form shows it in the answers and in the server\'s state', async () => {
    const { page, problems } = await openPage(site);
    // Bad input first: an inline error and no request.
    await page.fill('#todo-date', '2024-13-40');
    await page.click('#btn-todo-add');
    assert.match(await page.locator('#todo-error').textContent(), /no month 13/);
    await page.fill('#todo-list', '');
    await page.fill('#todo-date', '2024-01-22');
    await page.click('#btn-todo-add');
    assert.match(await page.locator('#todo-error').textContent(), /list name is empty/);

    await page.fill('#todo-list', 'Bob');
    await page.fill('#todo-title', 'Buy milk');
    await page.click('#btn-todo-add');
    await until(page, () => document.querySelector('#iex-output').textContent.includes(':ok'));
    assert.equal(await page.locator('#todo-error').count(), 0);
    await page.click('#btn-todo-read');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('title: "Buy milk"'));

    // The list's server holds the entry in its state.
    await selectProcessRow(page, 'Todo.Server');
    await until(page, () => document.querySelector('#inspector-state')?.textContent.includes('Buy milk'));
    const state = await page.locator('#inspector-state').textContent();
    assert.match(state, /"Bob"/);
    assert.match(state, /~D\[2024-01-22\]/);
    // Storage has Bob's list.
    await until(page, () => document.querySelector('#storage-table')?.textContent.includes('Bob'));
    await screenshot(page, 'todo-form-add-entry');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('killing a session process sends its monitoring cache a DOWN', async () => {
    const { page, problems } = await openPage(site);
    await page.fill('#session-id', 'alice');
    await page.click('#btn-session-create');
    await until(page, () => /\{:ok, #PID<0\.\d+\.0>\}/.test(document.querySelector('#iex-output').textContent));
    const out = await page.locator('#iex-output').textContent();
    const pid = out.match(/\{:ok, (#PID<0\.\d+\.0>)\}/)[1];

    // Unknown pid: an inline error.
    await page.fill('#proc-target', '#PID<0.9999.0>');
    await page.click('#btn-proc-kill');
    assert.match(await page.locator('#process-error').textContent(), /no live process/);

    await page.fill('#proc-target', pid);
    await page.click('#btn-proc-kill');
    await until(page, () => document.querySelector('.diagram-svg g.row.k-down') !== null);
    await page.locator('.diagram-svg g.row.k-down').first().click();
    const detail = await page.locator('#message-detail').textContent();
    assert.match(detail, /DOWN · .*→ SessionStore\.Cache/);
    assert.match(detail, /\{:DOWN, #Reference<.*>, :process, #PID<0\.\d+\.0>, :killed\}/);
    await screenshot(page, 'kill-session-down');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('requests made through the forms go into the share link, and the link replays them', async () => {
    const { page, problems } = await openPage(site);
    await page.fill('#todo-list', 'Dan');
    await page.fill('#todo-title', 'Call mom');
    await page.click('#btn-todo-add');
    await page.fill('#kv-key', ':answer');
    await page.fill('#kv-value', '{:ok, [42, "x"]}');
    await page.click('#btn-kv-put');
    await until(page, () => (document.querySelector('#iex-output').textContent.match(/:ok/g) ?? []).length >= 2);
    const hash = await page.evaluate(() => location.hash);
    assert.match(hash, /^#actions=ta~Dan~2024-01-22~Call%20mom!kp~/);
    await page.close();

    // A new page with the link (and a read added to it) replays the same requests in order.
    const replay = await openPage(site, { hash: `${hash}!tr~Dan~` });
    await until(replay.page, () => document.querySelector('#iex-output').textContent.includes('title: "Call mom"'));
    const out = await replay.page.locator('#iex-output').textContent();
    assert.match(out, /KVStore\.Server\.put\(:answer, \{:ok, \[42, "x"\]\}\)/);
    await screenshot(replay.page, 'share-link-actions');
    assert.deepEqual([...problems, ...replay.problems], []);
    await replay.page.close();
  });

  test('keyboard: space pauses, s steps one event, r resets', async () => {
    const { page, problems } = await openPage(site);
    await page.locator(`button[data-scenario="ch6.stack"].secondary`).click(); // Load & step: paused
    await page.locator('#btn-play').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const count = async () => Number((await page.locator('#diagram-count').textContent()).split(' ')[0]);
    const before = await count();
    for (let i = 0; i < 6; i++) await page.keyboard.press('s');
    await until(page, (n) => Number(document.querySelector('#diagram-count').textContent.split(' ')[0]) > n, before);
    assert.ok(await page.locator('#btn-play').isVisible(), 'still paused after stepping');
    await page.keyboard.press(' ');
    await page.locator('#btn-pause').waitFor();
    await page.keyboard.press('r');
    await until(page, () => document.querySelector('#diagram-count').textContent.startsWith('0 rows'));
    await screenshot(page, 'keyboard-reset');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a share link runs its scenario; the diagram exports as Mermaid', async () => {
    const { page, problems } = await openPage(site, { hash: '#scenario=ch7.todo_pool' });
    await until(page, () => document.querySelector('.scenario.active')?.id === 'scenario-ch7-todo_pool');
    await until(page, () => Number(document.querySelector('#stat-events').textContent) > 20);
    await page.click('#btn-mermaid');
    const text = await page.locator('#mermaid-text').inputValue();
    assert.match(text, /^sequenceDiagram\n/);
    assert.match(text, /participant \d+ as Todo\.Database/);
    assert.match(text, /\d+->>\d+: CALL: /);
    await screenshot(page, 'share-link-mermaid');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('persistence', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('a todo entry added through the form is still there after a reload (IndexedDB)', async () => {
    const { page, problems } = await openPage(site);
    await until(page, () => document.querySelector('#storage-backend')?.value === 'indexeddb');
    await page.fill('#todo-list', 'Carol');
    await page.fill('#todo-title', 'Water the plants');
    await page.click('#btn-todo-add');
    await until(page, () => document.querySelector('#iex-output').textContent.includes(':ok'));
    await until(page, () => document.querySelector('#storage-table')?.textContent.includes('todo/Carol'));

    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#btn-step').waitFor();
    await until(page, () => document.querySelector('#storage-table')?.textContent.includes('Water the plants'));
    // A fresh runtime: the new Todo.Server loads Carol's list from storage.
    await page.fill('#todo-list', 'Carol');
    await page.fill('#todo-date', '');
    await page.click('#btn-todo-read');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('title: "Water the plants"'));
    await screenshot(page, 'persistence-after-reload');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('storage failures', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('a full IndexedDB says so and loses nothing: the entry is kept and saved once there is room', async () => {
    const { page, problems } = await openPage(site);
    await until(page, () => document.querySelector('#storage-backend')?.value === 'indexeddb');
    // Chromium's DevTools protocol shrinks this origin's quota below what it already uses.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: site.origin, quotaSize: 1000 });
    await page.fill('#todo-list', 'Erin');
    await page.fill('#todo-title', 'Renew passport');
    await page.click('#btn-todo-add');
    await until(page, () => document.querySelector('#storage-failing')?.textContent.includes('quota exceeded'));
    assert.match(await page.locator('#storage-failing').textContent(), /IndexedDB is full \(quota exceeded\), so this write was not saved; the data is still in memory/);
    assert.match(await page.locator('#storage-writes').textContent(), /[1-9]\d* failed/);
    // A restart would drop what the workers hold: it is refused, and nothing stops.
    await page.click('#btn-todo-restart');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('not restarted'));
    // Nothing lost: the server still has the entry.
    await page.click('#btn-todo-read');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('title: "Renew passport"'));
    await screenshot(page, 'storage-quota-exceeded');

    // Room again: the next change saves both entries, and the error goes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: site.origin });
    await page.fill('#todo-title', 'Book flights');
    await page.click('#btn-todo-add');
    await until(page, () => document.querySelector('#storage-failing') === null);
    await until(page, () => document.querySelector('#storage-table')?.textContent.includes('todo/Erin'));
    // After a reload (a fresh runtime) both entries come back from IndexedDB.
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('#btn-step').waitFor();
    await until(page, () => document.querySelector('#storage-backend')?.value === 'indexeddb');
    await page.fill('#todo-list', 'Erin');
    await page.fill('#todo-date', '');
    await page.click('#btn-todo-read');
    await until(page, () => document.querySelector('#iex-output').textContent.includes('title: "Book flights"'));
    assert.match(await page.locator('#iex-output').textContent(), /title: "Renew passport"/);
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('themes and layout', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const LIGHT = 'rgb(246, 245, 248)';
  const DARK = 'rgb(22, 20, 26)';

  test('the theme button forces light or dark over the system setting, and a reload keeps it', async () => {
    const { page, problems } = await openPage(site);
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await page.locator('#btn-theme').textContent(), 'Theme: system');
    assert.equal(await background(page), LIGHT);
    await page.click('#btn-theme');
    assert.equal(await page.locator('#btn-theme').textContent(), 'Theme: light');
    await page.click('#btn-theme');
    assert.equal(await page.locator('#btn-theme').textContent(), 'Theme: dark');
    assert.equal(await background(page), DARK, 'dark although the system says light');
    await page.reload();
    await page.locator('#btn-theme').waitFor();
    assert.equal(await page.locator('#btn-theme').textContent(), 'Theme: dark');
    assert.equal(await background(page), DARK, 'the choice outlives a reload');
    await screenshot(page, 'theme-forced-dark');
    // Back to the system setting: it follows the system again.
    await page.click('#btn-theme');
    assert.equal(await page.locator('#btn-theme').textContent(), 'Theme: system');
    assert.equal(await background(page), LIGHT);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(page), DARK);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('at 1024 px the todo cache scenario\'s nine lanes all fit in the diagram, without horizontal scrolling', async () => {
    const { page, problems } = await openPage(site);
    await page.setViewportSize({ width: 1024, height: 900 });
    await runScenario(page, 'ch7.todo_cache');
    await until(page, () => document.querySelectorAll('.lane-header').length >= 9);
    const fit = await page.locator('.diagram-scroll').evaluate((el) => ({
      lanes: el.querySelectorAll('.lane-header').length,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    assert.ok(fit.scrollWidth <= fit.clientWidth, `${fit.lanes} lanes: ${fit.scrollWidth} px wide in ${fit.clientWidth} px`);
    await screenshot(page, 'todo-cache-lanes-1024');
    assert.deepEqual(problems, []);
    await page.close();
  });
});

describe('load and replay', () => {
  let site;
  before(async () => { site = await startSite(); });
  after(async () => { await site?.close(); });

  test('the session load test shows progress, live throughput and latency charts, and its report', async () => {
    const { page, problems } = await openPage(site);
    await page.click('#btn-load');
    await page.locator('#load-progress').waitFor();
    await until(page, () => document.querySelector('#throughput-chart') !== null, undefined, 30000);
    // Live, while operations are still running: p50/p99 over time and per kind so far.
    await until(page, () => document.querySelector('#latency-live-chart') !== null, undefined, 30000);
    const live = await page.evaluate(() => ({
      done: Number(document.querySelector('#load-progress').value),
      latency: document.querySelector('#latency-live-chart').textContent,
      kinds: document.querySelector('#latency-chart')?.textContent ?? '',
    }));
    assert.ok(live.done < 3000, `the run was still going: ${live.done} done`);
    assert.match(live.latency, /p50 \d+ ms, p99 \d+ ms now/);
    assert.match(live.kinds, /so far/);
    await screenshot(page, 'load-test-live');
    await until(page, () => document.querySelector('#load-report')?.textContent.includes('ops by 10 clients'), undefined, 60000);
    const report = await page.locator('#load-report').textContent();
    assert.match(report, /3000 ops by 10 clients/);
    assert.match(report, /p99 \d+ ms/);
    // At the end the per-kind bars are the final report's.
    const kinds = await page.locator('#latency-chart').textContent();
    assert.match(kinds, /get\s*\d+ \/ \d+ ms/);
    assert.doesNotMatch(kinds, /so far/);
    await screenshot(page, 'load-test-report');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the bottleneck comparison shows single vs concurrent with the speedup, and 1 vs 3 database workers', async () => {
    const { page, problems } = await openPage(site);
    await page.click('#btn-bottleneck');
    await until(page, () => document.querySelector('#bottleneck-result')?.textContent.includes('speedup'));
    const text = await page.locator('#bottleneck-result').textContent();
    assert.match(text, /single process 1000 ms, concurrent 100 ms, speedup 10x/);
    assert.match(text, /1 database worker: \d+ ops\/s, worst p99 \d+ ms/);
    assert.match(text, /3 database workers: \d+ ops\/s, worst p99 \d+ ms/);
    await screenshot(page, 'bottleneck-comparison');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('scrubbing back replays the requests made through the forms too, and can scrub forward again', async () => {
    const { page, problems } = await openPage(site);
    await page.fill('#kv-key', ':answer');
    await page.fill('#kv-value', '42');
    await page.click('#btn-kv-put');
    await until(page, () => document.querySelector('#iex-output').textContent.includes(':ok'));
    await page.click('#btn-kv-get');
    await until(page, () => /KVStore\.Server\.get\(:answer\)[\s\S]*42/.test(document.querySelector('#iex-output').textContent));
    const events = Number(await page.locator('#stat-events').textContent());
    assert.ok(events > 10, `${events} events`);
    const half = await scrubTo(page, Math.floor(events / 2));
    assert.ok(half >= Math.floor(events / 2) && half < events, `replayed to ${half} of ${events}`);
    assert.equal(Number(await page.locator('#scrub').getAttribute('max')), events, 'the slider still spans the whole run');
    // Forward to the end: the same run, with both requests, their calls and the server's state.
    const end = await scrubTo(page, events);
    assert.equal(end, events);
    await selectProcessRow(page, 'KVStore.Server');
    await until(page, () => document.querySelector('#inspector-state')?.textContent.includes('answer'));
    assert.match(await page.locator('#inspector-state').textContent(), /answer[\s\S]*42/);
    await screenshot(page, 'scrub-replay-requests');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the Link button gives the exact run: opening it replays the same events, requests included', async () => {
    const { page, problems } = await openPage(site);
    await page.locator('button[data-scenario="ch6.stack"]:not(.secondary)').click();
    await settledEvents(page);
    await page.fill('#kv-key', ':shared');
    await page.fill('#kv-value', '[1, 2, 3]');
    await page.click('#btn-kv-put');
    await until(page, () => document.querySelector('#iex-output').textContent.includes(':ok'));
    const events = await settledEvents(page);
    await page.click('#btn-link');
    const url = await page.locator('#run-link').inputValue();
    assert.match(url, /#scenario=ch6\.stack&actions=kp~.*&run=[0-9a-z]+~/);
    await page.click('#btn-mermaid');
    const original = await page.locator('#mermaid-text').inputValue();
    // Scrubbed back, the link carries the whole run and the point.
    const half = await scrubTo(page, Math.floor(events / 2));
    await page.click('#btn-link'); // hides the first link
    await page.click('#btn-link');
    const halfUrl = await page.locator('#run-link').inputValue();
    assert.match(halfUrl, new RegExp(`&at=${half}&`));
    await page.close();

    const opened = await openPage(site, { hash: url.slice(url.indexOf('#')) });
    await until(opened.page, () => document.querySelector('#notice')?.textContent.startsWith('Opened the shared run'));
    assert.equal(Number(await opened.page.locator('#stat-events').textContent()), events);
    await opened.page.click('#btn-mermaid');
    assert.equal(await opened.page.locator('#mermaid-text').inputValue(), original, 'the same arrows, pids and messages');
    await screenshot(opened.page, 'run-link-opened');

    const atHalf = await openPage(site, { hash: halfUrl.slice(halfUrl.indexOf('#')) });
    await until(atHalf.page, () => document.querySelector('#notice')?.textContent.startsWith('Opened the shared run'));
    assert.equal(Number(await atHalf.page.locator('#stat-events').textContent()), half);
    assert.equal(Number(await atHalf.page.locator('#scrub').getAttribute('max')), events, 'the slider spans the whole shared run');
    problems.push(...atHalf.problems);
    await atHalf.page.close();

    // A damaged link says so and runs nothing.
    const broken = await openPage(site, { hash: '#scenario=ch6.stack&run=zz' });
    await until(broken.page, () => document.querySelector('#notice')?.textContent.includes('cannot be replayed'));
    assert.match(await broken.page.locator('#notice').textContent(), /no "~"/);
    assert.deepEqual([...problems, ...opened.problems, ...broken.problems], []);
    await opened.page.close();
    await broken.page.close();
  });

  test('scrubbing back replays the scenario to an earlier event, paused, and the link keeps the point', async () => {
    const { page, problems } = await openPage(site);
    await page.locator('button[data-scenario="ch6.stack"]:not(.secondary)').click();
    const events = await settledEvents(page);
    assert.ok(events > 20, `${events} events`);
    const replayed = await scrubTo(page, 12);
    await page.locator('#btn-play').waitFor();
    assert.ok(replayed >= 12 && replayed < events, `replayed to ${replayed} of ${events}`);
    assert.match(await page.evaluate(() => location.hash), /^#scenario=ch6\.stack&at=\d+$/);
    // Playing on finishes the same run: the same number of events as the first time.
    await page.click('#btn-play');
    await until(page, (n) => Number(document.querySelector('#stat-events').textContent) === n, events);
    await screenshot(page, 'scrub-replay');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
