// Answers for a question the user dropped are never shown, in a real browser with the real host behind a slow relay
// (harness.js registerSlowHost: every host -> browser frame arrives DELAY_MS late; the relay's log, read from
// outside the extension, says which frames went where and when). Run in each browser by chromium.test.js and
// firefox.test.js, with a budget of 64 windows (options page):
//  1. Esc while asking (the full-size synthetic model, so that the host is still reading when Esc comes): nothing is
//     highlighted after Esc although the ask's partial answer reaches the browser after it, and the host is told to
//     cancel (a `cancel` goes to the host, the ask's `cancelled` error comes back);
//  2. the bar closed with Esc and opened again: the next question is answered normally by the same host;
//     leaving the page while asking, or closing its tab, also tells the host to cancel;
//  3. the host killed once it has sent a partial answer: no highlight stays, the bar says the host stopped, and
//     Enter on the same question starts a new host, which answers it;
//  4. a replaced question (the oracle model): question A's partial and final answers reach the browser after B's
//     Enter and before B's answers, and nothing is painted until B's own answers come.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { askInBar, hostStatus, openBar, openPageWithPopup, setWindowBudget } from './find-bar-steps.js';
import {
  CASES, READ_HIGHLIGHTS, SCREENSHOTS, alive, endScenario, java, oracleModel, registerSlowHost, scenarioDirs,
  servePages, sleep, waitFor,
} from './harness.js';

const DELAY_MS = 1500;

/**
 * Records, in the page, every change of the painted highlights per animation frame: [{t, current, other}], t on the
 * wall clock (Date.now()'s, as the relay's log) so the two can be compared. A newer recording stops the older one.
 */
const RECORD_HIGHLIGHTS = `(() => {
  const run = {};
  window.__askpageRun = run;
  window.__askpageFrames = [];
  let last = null;
  const text = (name) => {
    const h = CSS.highlights.get(name);
    return h ? [...h].map((r) => r.toString()).join('|') : '';
  };
  const read = () => {
    if (window.__askpageRun !== run) return;
    const now = { current: text('askpage-current'), other: text('askpage-other') };
    const key = JSON.stringify(now);
    if (key !== last) {
      window.__askpageFrames.push({ t: performance.timeOrigin + performance.now(), ...now });
      last = key;
    }
    requestAnimationFrame(read);
  };
  requestAnimationFrame(read);
  return true;
})()`;

const painted = (f) => f.current !== '' || f.other !== '';
const noSpace = (s) => s.replace(/\s+/g, '');

/** The relay log's entries from index `from` on, and finders over them. */
function logView(entries) {
  const find = (direction, type, id) => entries.find((e) => e.direction === direction && e.type === type
    && (id === undefined || e.id === id));
  return {
    entries,
    find,
    asks: () => entries.filter((e) => e.direction === 'to-host' && e.type === 'ask'),
    /** The first frame carrying answers of ask `id` that reached the browser (partial or final). */
    firstAnswersToBrowser: (id) => entries.find((e) => e.direction === 'to-browser' && e.id === id
      && (e.type === 'partial' || e.type === 'answers')),
    toBrowser: (id) => entries.filter((e) => e.direction === 'to-browser' && e.id === id),
  };
}

/**
 * @param {import('node:test').TestContext} t
 * @param {{browserName: 'chromium'|'firefox', launch: (homeDir: string) => Promise<object>}} o
 */
export async function runPartialDropped(t, { browserName, launch }) {
  const { work, home } = scenarioDirs(`${browserName}-dropped`);
  const normans = CASES[0];
  const host = registerSlowHost({ browser: browserName, homeDir: home, delayMs: DELAY_MS });
  // The full-size synthetic model: every window costs what the real model's does, so Esc comes while the host reads.
  const synth = join(work, 'synth');
  java(['model', 'synth', '--size', 'full', '--seed', '1', '--out', synth]);
  host.setModel(synth);
  const oracle = oracleModel(normans.start, normans.end, join(work, 'oracle'));
  const server = await servePages();
  const driver = await launch(home);
  const log = (from = 0) => logView(host.relayLog().slice(from));
  /** A cancel of ask `id` reaches the host, then the ask ends in the browser with `cancelled` (not its answers). */
  const cancelledOnTheHost = async (from, id) => {
    const cancel = await waitFor('a cancel to the host', () => log(from).entries.find((e) => e.direction === 'to-host'
      && e.type === 'cancel' && e.target === id));
    const ended = await waitFor('the ask\'s end in the browser', () => log(from).entries.find((e) => e
      .direction === 'to-browser' && e.id === id && (e.type === 'error' || e.type === 'answers')),
    { timeoutMs: 60000 });
    assert.equal(ended.error, 'cancelled', 'the host stopped the ask (it had not finished)');
    assert.ok(cancel.t < ended.t);
  };
  /**
   * Types `question` into the open bar of `tab` (over what it holds unless `replace` is false), presses Enter and
   * returns the ask as the host received it.
   */
  const askAtTheHost = async (tab, question, from, { replace = true } = {}) => {
    if (replace) await driver.press(tab, 'Control+a');
    await driver.type(tab, question);
    await driver.press(tab, 'Enter');
    return waitFor('the ask at the host', () => log(from).asks()[0], { intervalMs: 20 });
  };
  try {
    const { page, tabId, popup } = await openPageWithPopup(driver, server.url(normans.page));
    await setWindowBudget(driver, 64);
    const readyHello = () => waitFor('the host with its model loaded', async () => {
      const s = await hostStatus(driver, popup);
      return s?.state === 'ready' && s.hello?.model?.state === 'ready' ? s.hello : null;
    }, { timeoutMs: 60000, intervalMs: 500 });
    const hello = await readyHello();
    if (!hello.capabilities?.includes('partial')) {
      t.skip(`the host offers ${JSON.stringify(hello.capabilities)}, not partial`);
      return;
    }
    await openBar(driver, page, tabId);
    const pid = host.hostPid();

    await t.test('Esc while asking: the host is told to cancel, and nothing lights up after Esc', async () => {
      await driver.evaluate(page, RECORD_HIGHLIGHTS);
      const from = host.relayLog().length;
      const ask = await askAtTheHost(page, normans.question, from);
      // Esc once the host has sent the best window's answers (the relay holds them DELAY_MS): they reach the browser
      // after Esc, while the host still reads the rest of the budget.
      await waitFor('the partial answer from the host', () => log(from).find('from-host', 'partial', ask.id),
        { intervalMs: 20 });
      await driver.press(page, 'Escape');
      const cancel = await waitFor('a cancel to the host', () => log(from).entries.find((e) => e.direction === 'to-host'
        && e.type === 'cancel' && e.target === ask.id));
      const cancelled = await waitFor('the ask\'s cancelled error in the browser', () => log(from).entries.find((e) => e
        .direction === 'to-browser' && e.id === ask.id && e.type === 'error'), { timeoutMs: 60000 });
      assert.equal(cancelled.error, 'cancelled', 'the host stopped the ask (it had not finished)');
      await sleep(1000); // a late paint would show by now
      const view = log(from);
      const partial = view.find('to-browser', 'partial', ask.id);
      assert.ok(partial && partial.t > cancel.t, 'the partial answer reached the browser after Esc');
      assert.equal(view.find('to-browser', 'answers', ask.id), undefined, 'no final answers for the dropped ask');
      assert.equal(view.asks().length, 1);
      const frames = await driver.evaluate(page, 'window.__askpageFrames');
      // The cancel is sent after Esc has cleared the page: from then on nothing is painted.
      const late = frames.filter((f) => f.t >= cancel.t && painted(f));
      assert.deepEqual(late, [], `painted after Esc: ${JSON.stringify(frames)}`);
      assert.equal(frames.some(painted), false, `painted: ${JSON.stringify(frames)}`);
      const s = await driver.contentState(tabId);
      assert.equal(s.findBar.open, false);
      assert.equal(s.status, 'idle');
      assert.equal(s.partialsPainted, 0);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      assert.equal(host.hostPid(), pid, 'the same host process');
    });

    await t.test('the bar closed with Esc and opened again: the next question is answered normally', async () => {
      await openBar(driver, page, tabId);
      const from = host.relayLog().length;
      const s = await askInBar(driver, page, tabId, `${normans.question} Again?`, { replace: true });
      const ask = log(from).asks()[0];
      assert.ok(log(from).find('to-browser', 'answers', ask.id), 'the host\'s final answers');
      const { current } = await driver.evaluate(page, READ_HIGHLIGHTS);
      assert.equal(noSpace(current.join('')), noSpace(s.answers[0].text), 'the first answer is highlighted');
      assert.equal(host.hostPid(), pid, 'the host that was told to cancel answered');
      await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-dropped-asked-again.png`));
    });

    await t.test('leaving the page while asking: the host is told to cancel', async () => {
      const from = host.relayLog().length;
      const ask = await askAtTheHost(page, `${normans.question} Leaving?`, from);
      await driver.navigate(page, `${server.url(normans.page)}?left`);
      await cancelledOnTheHost(from, ask.id);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      assert.equal(host.hostPid(), pid, 'the same host process');
    });

    await t.test('closing the tab while asking: the host is told to cancel', async () => {
      const other = await driver.openNewTab(`${server.url(normans.page)}?closing`);
      await driver.pressToolbarButton(other); // the gesture that lets the extension into the tab
      await openBar(driver, other, await driver.tabId(other));
      const from = host.relayLog().length;
      const ask = await askAtTheHost(other, `${normans.question} Closing?`, from, { replace: false });
      await other.close();
      await cancelledOnTheHost(from, ask.id);
      assert.equal(host.hostPid(), pid, 'the same host process');
    });

    await t.test('the host dying while asking: nothing stays lit, the bar says so, Enter asks a new host', async () => {
      await openBar(driver, page, tabId); // the page was left while asking (above): its new document has no bar yet
      await driver.evaluate(page, RECORD_HIGHLIGHTS);
      const from = host.relayLog().length;
      const ask = await askAtTheHost(page, `${normans.question} Dying?`, from);
      // Killed once it has sent the best window's answers: the relay passes them on, then the port closes.
      await waitFor('the partial answer from the host', () => log(from).find('from-host', 'partial', ask.id),
        { intervalMs: 20 });
      const dying = host.hostPid();
      process.kill(dying, 'SIGKILL');
      const s = await waitFor('the ask to end in an error', async () => {
        const c = await driver.contentState(tabId);
        return c?.status === 'error' ? c : null;
      }, { timeoutMs: 30000 });
      assert.equal(s.error.name, 'host_exited', JSON.stringify(s.error));
      assert.match(s.findBar.status, /host stopped.*Ask again/, s.findBar.status);
      const view = log(from);
      assert.ok(view.find('to-browser', 'partial', ask.id), 'the partial answer reached the browser');
      assert.equal(view.find('to-browser', 'answers', ask.id), undefined, 'no final answers');
      await sleep(1000); // a late paint would show by now
      // The partial answer may have been painted before the port closed (the two travel apart): it does not stay.
      const frames = await driver.evaluate(page, 'window.__askpageFrames');
      t.diagnostic(`partial painted before the error: ${frames.some(painted)}`);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      assert.equal((await driver.contentState(tabId)).status, 'error');

      // Enter on the same question asks again: a new host starts and answers it.
      await driver.press(page, 'Enter');
      const again = await waitFor('the answers of a new host', async () => {
        const c = await driver.contentState(tabId);
        return c?.status === 'answered' && /^1 of \d+ · /.test(c.findBar.counter) ? c : null;
      }, { timeoutMs: 90000 });
      assert.equal(again.question, `${normans.question} Dying?`);
      const { current } = await driver.evaluate(page, READ_HIGHLIGHTS);
      assert.equal(noSpace(current.join('')), noSpace(again.answers[0].text), 'the first answer is highlighted');
      assert.notEqual(host.hostPid(), dying, 'a new host process');
      assert.equal(alive(dying), false);
    });

    await t.test('a replaced question: nothing is painted between A\'s Enter and B\'s own answers', async () => {
      // The oracle model (a known answer, read fast: question A is answered before B's Enter reaches the host).
      host.setModel(oracle);
      const running = host.hostPid();
      process.kill(running, 'SIGTERM');
      await waitFor('the host to exit', () => !alive(running));
      await sleep(300);
      await readyHello();
      await openBar(driver, page, tabId); // prepares the page in the new host
      await askInBar(driver, page, tabId, normans.question, { replace: true });
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);

      await driver.evaluate(page, RECORD_HIGHLIGHTS);
      const from = host.relayLog().length;
      const a = await askAtTheHost(page, `${normans.question} First?`, from);
      await sleep(500);
      await driver.press(page, 'Control+a');
      await driver.type(page, 'Who swore?');
      await driver.press(page, 'Enter');
      const s = await waitFor('B\'s final answers', async () => {
        const c = await driver.contentState(tabId);
        return c?.question === 'Who swore?' && c.status === 'answered' ? c : null;
      }, { timeoutMs: 60000 });
      assert.equal(s.findBar.counter.startsWith('1 of '), true, s.findBar.counter);
      await sleep(500);
      const view = log(from);
      const asks = view.asks();
      assert.equal(asks.length, 2, JSON.stringify(view.entries));
      const b = asks[1];
      const aFirst = view.firstAnswersToBrowser(a.id);
      const bFirst = view.firstAnswersToBrowser(b.id);
      // The test shows something only if A's answers reached the browser after B's Enter and well before B's.
      assert.ok(aFirst, `A's answers never reached the browser: ${JSON.stringify(view.entries)}`);
      assert.ok(b.t < aFirst.t, 'B was asked before A\'s answers came');
      const aLast = view.toBrowser(a.id).at(-1);
      assert.ok(bFirst && aFirst.t < bFirst.t - 200 && aLast.t < bFirst.t,
        `A's frames came well before B's: ${JSON.stringify(view.entries)}`);
      const frames = await driver.evaluate(page, 'window.__askpageFrames');
      t.diagnostic(`A asked ${a.t}, B asked ${b.t}, A's first answers in the browser ${aFirst.t}, B's ${bFirst.t}; `
        + `frames ${JSON.stringify(frames.map((f) => [f.t, painted(f)]))}`);
      // A's Enter cleared the page before A's answers came; nothing is painted from then until B's answers come.
      const cleared = frames.findIndex((f) => !painted(f));
      assert.ok(cleared >= 0 && frames[cleared].t < aFirst.t, `not cleared before A's answers: ${JSON.stringify(frames)}`);
      const early = frames.slice(cleared).filter((f) => f.t < bFirst.t - 50 && painted(f));
      assert.deepEqual(early, [], `painted before B's answers came: ${JSON.stringify(frames)}, log ${JSON.stringify(view.entries)}`);
      assert.equal(frames.at(-1).current, normans.expected, 'B\'s answer is painted');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
    });
  } finally {
    await endScenario(t, { driver, servers: [server], host, work });
  }
}
