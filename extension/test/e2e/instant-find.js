// Instant find in a real browser with the real host (one whose hello offers `prepare` and `partial`): run in each
// browser by chromium.test.js and firefox.test.js.
//  1. the find bar opened long before the question: the host starts (the model loads) and the page is prepared while
//     the user types, so the first question is answered from the prepared page;
//  2. partial then final: the best window's answer lights up first and stays lit (no flash) when the final answers
//     replace it;
//  3. a DOM change between two questions: the fresh capture is sent, and the answer is highlighted exactly;
//  4. the host has evicted the page id: the question is answered after one resend of the text;
//  5. a new host process (page ids do not carry over): the first question carries the text.
// The host is skipped (the test says why) when its hello lacks the capabilities.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { askInBar, hostStatus, openBar, openPageWithPopup, setWindowBudget } from './find-bar-steps.js';
import {
  CASES, READ_HIGHLIGHTS, SCREENSHOTS, alive, endScenario, oracleModel, registerHost, scenarioDirs, servePages, sleep,
  waitFor,
} from './harness.js';

/** Records, in the page, every change of the current highlight's text per animation frame: [{t, current}]. */
const RECORD_HIGHLIGHTS = `(() => {
  window.__askpageFrames = [];
  let last = null;
  const read = () => {
    const h = CSS.highlights.get('askpage-current');
    const current = h ? [...h].map((r) => r.toString()).join('|') : '';
    if (current !== last) {
      window.__askpageFrames.push({ t: performance.now(), current });
      last = current;
    }
    requestAnimationFrame(read);
  };
  requestAnimationFrame(read);
  return true;
})()`;

/**
 * @param {import('node:test').TestContext} t
 * @param {{browserName: 'chromium'|'firefox', launch: (homeDir: string) => Promise<object>}} o
 */
export async function runInstantFind(t, { browserName, launch }) {
  const { work, home } = scenarioDirs(`${browserName}-instant`);
  const normans = CASES[0];
  const host = registerHost({ browser: browserName, homeDir: home });
  host.setModel(oracleModel(normans.start, normans.end, join(work, 'oracle')));
  const server = await servePages();
  const driver = await launch(home);
  try {
    const { page, tabId, popup } = await openPageWithPopup(driver, server.url(normans.page));
    // A budget of many windows, so that the rest of the budget takes a while after the best window.
    await setWindowBudget(driver, 64);
    const hello = await waitFor('the host status', async () => {
      const s = await hostStatus(driver, popup);
      return s?.state === 'ready' ? s.hello : null;
    });
    if (!hello.capabilities?.includes('prepare') || !hello.capabilities?.includes('partial')) {
      t.skip(`the host offers ${JSON.stringify(hello.capabilities)}, not prepare and partial`);
      return;
    }
    // Start from no host process: the bar's opening must start it. While the model loads, the popup asks the host
    // for its status every second, and each look would start a host again: kill it once the popup has the model.
    await waitFor('the popup to show the model', async () => /^Connected · model/.test(await driver.evaluate(popup,
      "document.getElementById('status').textContent")), { timeoutMs: 60000 });
    process.kill(host.hostPid(), 'SIGKILL');
    await waitFor('the host to exit', () => host.hostPid() === null);

    await t.test('the bar opened long before the question: the host starts and the page is prepared meanwhile', async () => {
      await openBar(driver, page, tabId);
      const pid = await waitFor('a host started by opening the bar', () => host.hostPid());
      await sleep(3000); // the user types slowly
      const s = await askInBar(driver, page, tabId, normans.question);
      assert.equal(host.hostPid(), pid, 'the host the bar started answered');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
      assert.equal(s.timings?.cacheHit, true, 'the question was asked of the page prepared while typing');
    });

    await t.test('partial then final: the best window lights up first and stays lit when the final answers come', async () => {
      await driver.evaluate(page, RECORD_HIGHLIGHTS);
      const before = await driver.contentState(tabId);
      const s = await askInBar(driver, page, tabId, `${normans.question} Where?`, { replace: true });
      assert.equal(s.partialsPainted, 1, 'the partial answer was painted before the final ones');
      // "Asking…", the partial and the final counter fit the same bar: its frame kept its size throughout.
      await sleep(300); // a resize the last view caused would be in by now
      assert.equal((await driver.contentState(tabId)).findBar.resizes, before.findBar.resizes);
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
      const frames = await driver.evaluate(page, 'window.__askpageFrames');
      // Cleared once for the new question, then the answer painted once: no blank frame after it (no flash). The
      // oracle answers fast: the cleared page may not last until the next frame, and then no frame shows it.
      const cleared = frames.findIndex((f) => f.current === '');
      const after = cleared >= 0 ? frames.slice(cleared + 1) : frames;
      assert.deepEqual(after.map((f) => f.current), [normans.expected], JSON.stringify(frames));
      await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-instant-partial-final.png`));
    });

    await t.test('a DOM change between two questions: the fresh capture is asked, the highlight is exact', async () => {
      await driver.evaluate(page, `(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.data.includes(${JSON.stringify(normans.expected)})) { n.data = 'Changed here. ' + n.data; return true; }
        }
        return false;
      })()`);
      const s = await askInBar(driver, page, tabId, normans.question, { replace: true });
      assert.equal(s.timings?.cacheHit, false, 'the changed page was sent, not the prepared one');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
      const again = await askInBar(driver, page, tabId, `${normans.question} Again?`, { replace: true });
      assert.equal(again.timings?.cacheHit, true, 'the next question about the unchanged page names its id');
    });

    await t.test('a page id the host has evicted: the question is answered after one resend of the text', async () => {
      // Another tab's pages fill the host's page cache (maxPreparedPages of hello's limits) and push this one out:
      // the popup page, open in a tab, sends them as that tab's content script would.
      const limit = hello.limits?.maxPreparedPages ?? 16;
      const filled = await driver.evaluate(popup, `(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        let ok = 0;
        for (let i = 0; i <= ${limit}; i++) {
          const r = await api.runtime.sendMessage({ type: 'askpage:content-to-background:prepare',
            text: 'Filler page ' + i + '. ' + 'Some other text of another page. '.repeat(50), url: 'https://filler/' + i });
          if (r?.ok && r.pageId) ok++;
        }
        return ok;
      })()`);
      assert.equal(filled, limit + 1, 'the other pages were prepared');
      const s = await askInBar(driver, page, tabId, `${normans.question} Evicted?`, { replace: true });
      assert.equal(s.timings?.cacheHit, false, 'the host got the text again');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
      const again = await askInBar(driver, page, tabId, `${normans.question} And now?`, { replace: true });
      assert.equal(again.timings?.cacheHit, true, 'and the page is named by its id again');
    });

    await t.test('a new host process: its first question carries the text, and is answered', async () => {
      const pid = host.hostPid();
      process.kill(pid, 'SIGKILL');
      await waitFor('the host to exit', () => !alive(pid));
      await sleep(300);
      const s = await askInBar(driver, page, tabId, `${normans.question} Once more?`, { replace: true });
      assert.notEqual(host.hostPid(), pid);
      assert.equal(s.timings?.cacheHit, false, 'the new host got the text');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
    });
  } finally {
    await endScenario(t, { driver, servers: [server], host, work });
  }
}
