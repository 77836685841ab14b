// One end-to-end story, run in each browser by chromium.test.js and firefox.test.js:
//  1. no host registered: the popup shows "not installed" and both install commands;
//  2. the real host is registered (while the browser runs) without a model: the popup says lexical; the model is
//     installed and the same host process takes it up (the popup says model); the popup asks, the expected text is
//     highlighted, clicking another answer moves the strong highlight; after the page changes under an answer, going
//     back to it asks again and still highlights exactly that text; the popup the toolbar button itself opens, with
//     no ?tab= in its address, asks about the tab it opened on;
//  3. the shortcut opens the find bar: Enter asks, Enter/Shift+Enter move between answers and the counter follows,
//     Esc clears;
//  4. the host process is killed: the next question starts it again and is answered;
//  5. a second real page (another oracle model): popup and find bar both highlight its expected text;
//  6. the options page shows the host and model, and its "answers to show" changes what the next ask returns.
// Screenshots go to target/screenshots/<browser>-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  CASES, CURRENT_IN_VIEW, READ_HIGHLIGHTS, SCREENSHOTS, alive, endScenario, oracleModel, registerHost, scenarioDirs,
  servePages, sleep, waitFor,
} from './harness.js';

async function popupView(driver, popup) {
  return driver.evaluate(popup, `(() => ({
    status: document.getElementById('status').textContent,
    installShown: !document.getElementById('install').hidden,
    install: [document.getElementById('install-unix').textContent, document.getElementById('install-windows').textContent],
    result: document.getElementById('result').textContent,
    answers: [...document.querySelectorAll('#answers button')].map((b) => ({
      text: b.querySelector('.answer').textContent,
      prob: b.querySelector('.prob').textContent,
      context: b.querySelector('.context').textContent,
      current: b.classList.contains('current'),
    })),
  }))()`);
}

async function highlights(driver, page) {
  return driver.evaluate(page, READ_HIGHLIGHTS);
}

async function waitForAnswers(driver, popup) {
  return waitFor('answers in the popup', async () => {
    const view = await popupView(driver, popup);
    if (view.result && view.result !== 'Asking…' && view.answers.length === 0) {
      throw new Error(`popup says: ${view.result}`);
    }
    return view.answers.length > 0 ? view : null;
  }, { timeoutMs: 60000 });
}

async function waitForCounter(driver, tabId, pattern) {
  // The final answers: while a partial answer (the host's best window) is shown, the status is still 'asking'.
  let seen = null;
  try {
    return await waitFor(`find bar counter ${pattern}`, async () => {
      const state = await driver.contentState(tabId);
      seen = state && { question: state.question, status: state.status, error: state.error, findBar: state.findBar };
      return state?.status === 'answered' && pattern.test(state?.findBar?.counter ?? '') ? state : null;
    }, { timeoutMs: 60000 });
  } catch (e) {
    e.message += `; the page's state then: ${JSON.stringify(seen)}`; // what the bar showed instead
    throw e;
  }
}

/**
 * @param {import('node:test').TestContext} t
 * @param {() => Promise<object>} launch starts the browser: (profileOrHomeDir) => driver
 * @param {'chromium'|'firefox'} browserName
 */
export async function runScenario(t, { browserName, launch }) {
  const shot = (name) => join(SCREENSHOTS, `${browserName}-${name}.png`);
  const { work, home } = scenarioDirs(browserName);
  const models = CASES.map((c) => oracleModel(c.start, c.end, join(work, `oracle-${c.start}-${c.end}`)));
  const server = await servePages();
  const driver = await launch(home);
  let host = null;
  try {
    const [normans, prime] = CASES;
    const page = await driver.openPage(server.url(normans.page));
    let tabId;
    let popup;

    await t.test('without a host, the popup shows "not installed" and the install commands', async () => {
      await driver.pressToolbarButton(page);
      tabId = await driver.tabId(page);
      popup = await driver.openPopup(tabId);
      const view = await waitFor('the not-installed state', async () => {
        const v = await popupView(driver, popup);
        return v.installShown ? v : null;
      });
      assert.match(view.status, /not installed/);
      assert.deepEqual(view.install, ['sh askpage-*/install.sh', 'askpage-VERSION\\install.ps1']);
      await driver.screenshot(popup, shot('popup-not-installed'));
    });

    await t.test('with the host registered, asking in the popup highlights the expected text', async () => {
      // Registered without a model first: the host answers lexically. The model installed while it runs is taken
      // up by that same host process (no restart), which the popup shows once it asks again.
      host = registerHost({ browser: browserName, homeDir: home });
      await driver.reloadPopup(popup);
      await waitFor('the lexical status', async () => {
        const { status } = await popupView(driver, popup);
        return /Connected · lexical \(no model\)/.test(status);
      });
      const lexicalHost = host.hostPid();
      assert.ok(lexicalHost, 'a host runs');
      host.setModel(models[0]);
      // The oracle's other answers are far less likely than its best one, under the default floor (10 %) of the
      // options page: show them all (floor 0), so that the tests can move between them.
      const options = await driver.openExtensionPage('options/options.html');
      await driver.setField(options, '#floor', '0');
      await waitFor('the floor to be saved', async () => (await driver.evaluate(options,
        "document.getElementById('saved').textContent")) === 'Saved.');
      await options.close();
      await driver.reloadPopup(popup);
      await waitFor('connected status', async () => {
        const { status } = await popupView(driver, popup);
        // Each reload asks the host again; it looks for a model at most once a second.
        if (/Connected · lexical/.test(status)) await driver.reloadPopup(popup);
        return /Connected · model/.test(status);
      });
      assert.equal(host.hostPid(), lexicalHost, 'the host that ran lexically took the model up');
      await driver.popupAsk(popup, normans.question);
      const view = await waitForAnswers(driver, popup);
      assert.equal(view.answers[0].text, normans.expected);
      assert.equal(view.answers[0].prob, '100%');
      assert.ok(view.answers[0].context.includes(normans.expected));
      assert.ok(view.answers[0].current);
      const painted = await highlights(driver, page);
      assert.deepEqual(painted.current, [normans.expected]);
      assert.equal(painted.other.length, view.answers.length - 1);
      assert.equal(await driver.evaluate(page, CURRENT_IN_VIEW), true, 'the answer was scrolled into view');
      await driver.screenshot(page, shot('normans-popup-highlight'));
      await driver.screenshot(popup, shot('popup-answers'));

      await driver.popupClick(popup, '#answers li:nth-child(2) button');
      await waitFor('the second answer to be current', async () => {
        const h = await highlights(driver, page);
        return h.current.length === 1 && h.current[0] === view.answers[1].text && h.other.includes(normans.expected);
      });

      // The page changes under the answer (its text node gets new text before it): going back to it captures and
      // asks again, and the highlight is still exactly the answer.
      await driver.evaluate(page, `(() => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.data.includes(${JSON.stringify(normans.expected)})) { n.data = 'Changed. ' + n.data; return true; }
        }
        return false;
      })()`);
      await driver.popupClick(popup, '#answers li:nth-child(1) button');
      await waitFor('the re-asked answer to be current', async () => {
        const h = await highlights(driver, page);
        return h.current.length === 1 && h.current[0] === normans.expected;
      });
    });

    await t.test('the toolbar button\'s own popup (no ?tab=) asks about the tab it opened on', async () => {
      await driver.press(page, 'Escape');
      await waitFor('Esc to clear the answers', async () => (await highlights(driver, page)).current.length === 0);
      const ownPopup = await driver.toolbarPopup(page);
      await ownPopup.ask(normans.question);
      const view = await waitForAnswers({ evaluate: (_, expression) => ownPopup.evaluate(expression) }, null);
      assert.equal(view.answers[0].text, normans.expected);
      assert.deepEqual((await highlights(driver, page)).current, [normans.expected]);
      await ownPopup.close();
    });

    let answers;
    await t.test('the shortcut find bar: Enter asks, Enter/Shift+Enter move, the counter follows, Esc clears', async () => {
      await driver.press(page, 'Escape');
      await waitFor('Esc in the page to clear the popup\'s answers',
        async () => (await highlights(driver, page)).current.length === 0);
      await driver.shortcut(page);
      await waitFor('the find bar to open', async () => (await driver.contentState(tabId))?.findBar?.open);
      await driver.type(page, normans.question);
      await driver.press(page, 'Enter');
      const first = await waitForCounter(driver, tabId, /^1 of \d+ · 100%$/);
      answers = first.answers.map((a) => a.text);
      const n = answers.length;
      assert.ok(n >= 2, 'the oracle gives more than one answer');
      assert.deepEqual((await highlights(driver, page)).current, [normans.expected]);
      await driver.screenshot(page, shot('normans-find-bar'));

      await driver.press(page, 'Enter');
      await waitForCounter(driver, tabId, new RegExp(`^2 of ${n} · `));
      assert.deepEqual((await highlights(driver, page)).current, [answers[1]]);
      await driver.press(page, 'Enter');
      await waitForCounter(driver, tabId, new RegExp(`^3 of ${n} · `));
      assert.deepEqual((await highlights(driver, page)).current, [answers[2]]);
      await driver.press(page, 'Shift+Enter');
      await driver.press(page, 'Shift+Enter');
      await waitForCounter(driver, tabId, new RegExp(`^1 of ${n} · 100%$`));
      await driver.press(page, 'Shift+Enter');
      await waitForCounter(driver, tabId, new RegExp(`^${n} of ${n} · `));
      assert.deepEqual((await highlights(driver, page)).current, [answers[n - 1]]);

      await driver.press(page, 'Escape');
      await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
      assert.deepEqual(await highlights(driver, page), { current: [], other: [] });
    });

    await t.test('after the host is killed, the next question is answered by a new host', async () => {
      const pid = host.hostPid();
      assert.ok(pid && alive(pid), 'the host runs');
      process.kill(pid, 'SIGKILL');
      await waitFor('the host to die', () => !alive(pid));
      await sleep(300);
      await driver.popupAsk(popup, normans.question);
      const view = await waitForAnswers(driver, popup);
      assert.equal(view.answers[0].text, normans.expected);
      assert.deepEqual((await highlights(driver, page)).current, [normans.expected]);
      const newPid = host.hostPid();
      assert.ok(newPid !== pid && alive(newPid), 'a new host process answered');
    });

    await t.test('a second page: popup and find bar highlight its expected text', async () => {
      // Switch the oracle model (model install, as a user would): the next host started reads the new one.
      host.setModel(models[1]);
      process.kill(host.hostPid(), 'SIGKILL');
      await driver.navigate(page, server.url(prime.page));
      assert.deepEqual(await highlights(driver, page), { current: [], other: [] }, 'navigation cleared');
      await driver.shortcut(page);
      await waitFor('the find bar to open', async () => (await driver.contentState(tabId))?.findBar?.open);
      await driver.type(page, prime.question);
      await driver.press(page, 'Enter');
      await waitForCounter(driver, tabId, /^1 of \d+ · 100%$/);
      assert.deepEqual((await highlights(driver, page)).current, [prime.expected]);
      assert.equal(await driver.evaluate(page, CURRENT_IN_VIEW), true, 'the answer was scrolled into view');
      await driver.screenshot(page, shot('prime-find-bar'));
      await driver.press(page, 'Escape');
      await waitFor('Esc to clear', async () => (await highlights(driver, page)).current.length === 0);

      await driver.pressToolbarButton(page);
      await driver.reloadPopup(popup);
      await driver.popupAsk(popup, prime.question);
      const view = await waitForAnswers(driver, popup);
      assert.equal(view.answers[0].text, prime.expected);
      assert.deepEqual((await highlights(driver, page)).current, [prime.expected]);
      await driver.screenshot(page, shot('prime-popup-highlight'));
    });

    await t.test('the options page shows host and model, and "answers to show" applies to the next question', async () => {
      const options = await driver.openExtensionPage('options/options.html');
      const shown = await waitFor('host status on the options page', async () => {
        const v = await driver.evaluate(options, `(() => ({
          state: document.getElementById('host-state').textContent,
          host: document.getElementById('host-version').textContent,
          model: document.getElementById('model').textContent,
          shortcut: document.getElementById('shortcut').textContent,
          topPlaceholder: document.getElementById('top').placeholder,
        }))()`);
        return v.state.startsWith('connected') ? v : null;
      });
      assert.equal(shown.state, 'connected (model)');
      assert.match(shown.host, /^askpage \S+, protocol 1$/);
      assert.match(shown.model, /^ready/);
      assert.match(shown.shortcut, /Ctrl\+Shift\+F/);
      assert.match(shown.topPlaceholder, /host default: \d+/);
      await driver.screenshot(options, shot('options'));
      await driver.setField(options, '#top', '3');
      await waitFor('the setting to be saved', async () => (await driver.evaluate(options,
        "document.getElementById('saved').textContent")) === 'Saved.');
      await driver.reloadPopup(popup);
      await driver.popupAsk(popup, prime.question);
      const view = await waitForAnswers(driver, popup);
      assert.equal(view.answers.length, 3);
      assert.equal(view.answers[0].text, prime.expected);
    });
  } finally {
    await endScenario(t, { driver, servers: [server], host, work });
  }
}
