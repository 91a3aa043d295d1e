// Frame rate with a message flood: 4 processes send 100,000 messages per second of virtual
// time (at 1×, so per real second too) to one sink, tracing on, the diagram following.
// Prints the frames per second measured by requestAnimationFrame in headless Chromium, and
// the messages per second the page ingested.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, screenshot, startSite } from './harness.mjs';

let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

test('the page is interactive within 500 ms of load (localhost)', async () => {
  const { page, problems } = await openPage(site);
  const ms = await page.evaluate(() => window.otpInteractiveMs);
  console.log(`interactive: first render ${ms.toFixed(0)} ms after navigation start`);
  // The bar is 500 ms on an idle machine; shared CI machines get slack, the number is printed.
  assert.ok(ms < 1500, `interactive after ${ms} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page keeps its frame rate with 100,000 messages per second flowing', async () => {
  const { page, problems } = await openPage(site);
  await page.click('#btn-flood');
  await page.waitForTimeout(2000); // warm up
  // Count animation frames and trace events for 5 s from the page itself.
  const measured = await page.evaluate(async () => {
    const events = () => Number(document.querySelector('#stat-events').textContent);
    const e0 = events();
    const t0 = performance.now();
    let frames = 0;
    await new Promise((resolve) => {
      const tick = (t) => {
        frames++;
        if (t - t0 < 5000) requestAnimationFrame(tick); else resolve();
      };
      requestAnimationFrame(tick);
    });
    const secs = (performance.now() - t0) / 1000;
    return { fps: frames / secs, eventsPerSec: (events() - e0) / secs };
  });
  console.log(`frames: ${measured.fps.toFixed(1)} fps with ${Math.round(measured.eventsPerSec)} trace events/s ingested`);
  await screenshot(page, 'flood-100k');
  assert.ok(measured.eventsPerSec > 50000, `flood reached ${measured.eventsPerSec} events/s`);
  assert.ok(measured.fps >= 30, `fps ${measured.fps}`);
  assert.deepEqual(problems, []);
  await page.close();
});
