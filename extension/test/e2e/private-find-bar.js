// The question typed in the find bar is private: a hostile page that listens, in the capture phase on window and
// document, to every keyboard, input, composition, focus, selection and clipboard event learns nothing of it, and
// cannot close the bar or clear the answers with a synthetic Escape, not even keys typed the moment the bar opens or
// while it shows a modal dialog of its own, an element in fullscreen or a popover, and a custom element it defines
// beforehand gets nothing of the bar. Run in each browser by chromium.test.js and firefox.test.js, with the real host
// and a real shared page (Normans) served with the spy script added.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { askInBar, openBar, openPageWithPopup } from './find-bar-steps.js';
import {
  CASES, READ_HIGHLIGHTS, SCREENSHOTS, SHARED_DATA, endScenario, oracleModel, registerHost, scenarioDirs, sleep,
  waitFor,
} from './harness.js';

const SPIED_EVENTS = [
  'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'change',
  'compositionstart', 'compositionupdate', 'compositionend',
  'focus', 'blur', 'focusin', 'focusout', 'select', 'selectstart', 'selectionchange',
  'copy', 'cut', 'paste',
];
// Of these, only focus moving to the bar (and back) may reach the page: it carries no text.
const ALLOWED = new Set(['focus', 'blur', 'focusin', 'focusout', 'selectionchange', 'selectstart']);

/** The page script: logs every spied event it can see, with everything text-like the event or its target carries. */
const SPY = `<script nonce="askpage-spy">
window.__spy = [];
const record = (where) => (e) => {
  const t = e.target;
  window.__spy.push({ where, type: e.type, key: e.key ?? null, code: e.code ?? null, data: e.data ?? null,
    inputType: e.inputType ?? null, target: t?.nodeName ?? String(t),
    value: typeof t?.value === 'string' ? t.value : null,
    clipboard: e.clipboardData ? e.clipboardData.getData('text/plain') : null,
    selection: String(document.getSelection() ?? ''),
    active: document.activeElement?.nodeName ?? null });
};
for (const type of ${JSON.stringify(SPIED_EVENTS)}) {
  window.addEventListener(type, record('window'), true);
  document.addEventListener(type, record('document'), true);
}
// A page that defines the name a find bar element might have, to get its closed shadow root through attachInternals.
window.__hijacked = [];
for (const name of ['askpage-find-bar', 'askpage-bar', 'find-bar']) {
  customElements.define(name, class extends HTMLElement {
    constructor() {
      super();
      const internals = this.attachInternals();
      queueMicrotask(() => window.__hijacked.push(name + ': ' + (internals.shadowRoot ? 'its shadow root' : 'nothing')));
    }
  });
}
</script>`;

/**
 * Serves /spied/<page> (a shared page with SPY added at the top of <head>) on 127.0.0.1, under a strict Content
 * Security Policy (no frames, no scripts but the spy) such as many sites send: the bar's frame must still show.
 */
async function serveSpiedPages() {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/spied\//, '');
    if (!/^[A-Za-z0-9_]+\.html$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    const html = readFileSync(join(SHARED_DATA, 'pages', name), 'utf8');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; script-src 'nonce-askpage-spy'; style-src 'unsafe-inline'; "
        + "frame-src 'none'; child-src 'none'",
    });
    res.end(html.replace(/<head[^>]*>/i, (m) => `${m}${SPY}`));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: (name) => `http://127.0.0.1:${port}/spied/${name}`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * @param {import('node:test').TestContext} t
 * @param {{browserName: 'chromium'|'firefox', launch: (homeDir: string) => Promise<object>}} o
 */
export async function runPrivateFindBar(t, { browserName, launch }) {
  const { work, home } = scenarioDirs(`${browserName}-private`);
  const normans = CASES[0];
  const model = oracleModel(normans.start, normans.end, join(work, 'oracle'));
  const server = await serveSpiedPages();
  const host = registerHost({ browser: browserName, homeDir: home });
  host.setModel(model);
  const driver = await launch(home);
  // A marker word the page does not contain: if any of it reaches the page, the spy log shows it.
  const question = `${normans.question} zqxprivate`;
  try {
    const { page, tabId } = await openPageWithPopup(driver, server.url(normans.page));
    const spyCount = () => driver.evaluate(page, 'window.__spy.length');
    /** The spy's log since entry `from`, once checked to hold nothing but focus moves and nothing of the question. */
    const quietLogSince = async (from, what) => {
      const log = (await driver.evaluate(page, 'window.__spy')).slice(from);
      assert.deepEqual(log.filter((e) => !ALLOWED.has(e.type)), [], what);
      assert.ok(!JSON.stringify(log).includes('zqx'), `${what}: the question's marker is in the page's log`);
      return log;
    };
    /** Which element the user sees at the bar's place: 'find-bar' when it is the bar. */
    const atBarsPlace = () => driver.evaluate(page,
      "document.elementFromPoint(innerWidth - 300, 25)?.getAttribute('data-askpage')");
    /**
     * Asks `asked` in the bar while the page shows an element over the bar's place: `show()` shows it before the bar
     * opens (`when` 'before') or halfway through the typing. The bar must be above it (`what`), get every key and
     * answer; the page must get none. The bar stays open.
     */
    const askAbove = async (asked, when, show, what) => {
      const from = await spyCount();
      if (when === 'before') assert.equal(await show(), true);
      await openBar(driver, page, tabId);
      await sleep(300);
      if (when === 'before') {
        await driver.type(page, asked);
      } else {
        await driver.type(page, asked.slice(0, 10));
        assert.equal(await show(), true);
        await driver.type(page, asked.slice(10));
      }
      await driver.press(page, 'Enter');
      const s = await waitFor('the answer', async () => {
        const c = await driver.contentState(tabId);
        return c?.status === 'answered' && c.question === asked ? c : null;
      }, { timeoutMs: 30000 });
      assert.equal(s.findBar.counter, '1 of 1 · 100%');
      assert.equal(await atBarsPlace(), 'find-bar', `the bar shows above ${what}`);
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
      await quietLogSince(from, `${when}: keys reached the page`);
    };
    const before = await spyCount();

    await openBar(driver, page, tabId);
    await sleep(300);
    const state = await askInBar(driver, page, tabId, question);
    // The oracle's other candidates are far below a tenth of its best answer: the default floor (10 %) hides them.
    assert.equal(state.findBar.counter, '1 of 1 · 100%');
    assert.equal(state.findBar.question, question, 'the typed question reached askpage');
    assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
    await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-private-find-bar.png`));

    await t.test('the page saw no keyboard, input, composition or clipboard event, and no text of the question', async () => {
      const log = (await driver.evaluate(page, 'window.__spy')).slice(before);
      const seen = log.filter((e) => !ALLOWED.has(e.type));
      assert.deepEqual(seen, [], 'events of the typed question reached the page');
      const text = JSON.stringify(log);
      assert.ok(!text.includes('zqx'), `the question's marker is in the page's log: ${text}`);
      for (const e of log) {
        assert.equal(e.key, null);
        assert.ok(!e.value, `a target value reached the page: ${JSON.stringify(e)}`);
      }
      const dom = await driver.evaluate(page, 'document.documentElement.outerHTML');
      assert.ok(!dom.includes('zqx'), 'the question is not in the page DOM');
      assert.deepEqual(await driver.evaluate(page, 'window.__hijacked'), [], 'the page\'s custom element got nothing');
    });

    await t.test('a synthetic Escape from the page neither closes the bar nor clears the answers', async () => {
      await driver.evaluate(page, `(() => {
        for (const target of [document, window, document.body, document.activeElement]) {
          target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
          target.dispatchEvent(new KeyboardEvent('keyup', { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true }));
        }
        return true;
      })()`);
      await sleep(500);
      const s = await driver.contentState(tabId);
      assert.equal(s.findBar.open, true, 'the bar is still open');
      assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
    });

    await t.test('Enter in the bar stays in the bar, and the user\'s Escape closes it and clears', async () => {
      const from = await spyCount();
      await driver.press(page, 'Enter'); // the same question again: the next answer (here the only one)
      await sleep(500);
      assert.equal((await driver.contentState(tabId)).findBar.counter, '1 of 1 · 100%');
      const afterEnter = (await driver.evaluate(page, 'window.__spy')).slice(from);
      assert.deepEqual(afterEnter.filter((e) => !ALLOWED.has(e.type)), [], 'the bar\'s Enter stayed in the bar');
      const beforeEscape = await spyCount();
      await driver.press(page, 'Escape');
      await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      // The bar is gone when the key comes up: only that keyup (Firefox) may reach the page, on its body.
      const afterEscape = (await driver.evaluate(page, 'window.__spy')).slice(beforeEscape);
      assert.deepEqual(afterEscape.filter((e) => !ALLOWED.has(e.type) && !(e.type === 'keyup' && e.key === 'Escape')), []);
      // The control: with the bar closed, the spy does see the keys typed in the page.
      const beforeControl = await spyCount();
      await driver.press(page, 'q');
      await waitFor('the spy to see a key typed in the page', async () => (await driver.evaluate(page, 'window.__spy'))
        .slice(beforeControl).some((e) => e.type === 'keydown' && e.key === 'q'));
    });
    await t.test('closing the bar gives the focus back to the page\'s text field the user was typing in', async () => {
      await driver.evaluate(page, `(() => {
        const field = document.createElement('textarea');
        field.id = 'askpage-test-notes';
        document.body.prepend(field);
        field.focus();
        return true;
      })()`);
      await driver.type(page, 'abc');
      await openBar(driver, page, tabId);
      await sleep(300);
      await askInBar(driver, page, tabId, question, { replace: true });
      await driver.press(page, 'Escape');
      await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
      await driver.type(page, 'd');
      const field = await driver.evaluate(page, `(() => {
        const f = document.getElementById('askpage-test-notes');
        const seen = { active: document.activeElement === f, value: f.value };
        f.remove();
        return seen;
      })()`);
      assert.deepEqual(field, { active: true, value: 'abcd' }, 'the field has the focus and the next key, nothing else');
    });

    await t.test('typed the moment the bar opens, before its page has loaded: no key reaches the page, none is lost',
      async () => {
        for (let round = 0; round < 5; round++) {
          const asked = `${question} ${round}`;
          const from = await spyCount();
          await driver.shortcut(page);
          await waitFor('the find bar to open', async () => (await driver.contentState(tabId))?.findBar?.open,
            { intervalMs: 10 });
          await driver.type(page, asked);
          await driver.press(page, 'Enter');
          const s = await waitFor('the answer', async () => {
            const c = await driver.contentState(tabId);
            return c?.status === 'answered' ? c : null;
          }, { timeoutMs: 30000 });
          assert.equal(s.question, asked, 'every key typed reached the bar, in order');
          await quietLogSince(from, `round ${round}: keys reached the page`);
          await driver.press(page, 'Escape');
          await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
        }
      });

    await t.test('a page that takes the focus from the bar while the user types gets no key: the bar takes it back '
      + 'and says so', async () => {
      await openBar(driver, page, tabId);
      await sleep(300);
      // Tab goes round the bar's box and three buttons, not out of the bar: the box has the focus again, with its text
      // selected, so the question typed below replaces it (without that, the typing below is lost).
      for (let i = 0; i < 4; i++) await driver.press(page, 'Tab');
      await sleep(300);
      assert.equal((await driver.contentState(tabId)).findBar.taken, 0, 'Tab took the focus out of the bar');
      const from = await spyCount();
      // Every 10 ms the page focuses an input of its own whenever the bar's element has the focus.
      await driver.evaluate(page, `(() => {
        const thief = document.createElement('input');
        thief.id = 'askpage-test-thief';
        document.body.prepend(thief);
        window.__thief = setInterval(() => {
          if (document.activeElement?.getAttribute('data-askpage') === 'find-bar') thief.focus();
        }, 10);
        return true;
      })()`);
      const asked = `${question} taken`;
      let s;
      let thief;
      try {
        for (const key of asked) {
          await driver.type(page, key);
          await sleep(25); // about a fast typist's pace
        }
        await driver.press(page, 'Enter');
        s = await waitFor('the answer', async () => {
          const c = await driver.contentState(tabId);
          return c?.status === 'answered' && c.question !== question ? c : null;
        }, { timeoutMs: 30000 });
      } finally {
        thief = await driver.evaluate(page, `(() => {
          clearInterval(window.__thief);
          const input = document.getElementById('askpage-test-thief');
          input.remove();
          return input.value;
        })()`);
      }
      assert.equal(s.question, asked, 'every key typed reached the bar, in order');
      assert.equal(thief, '', 'the page\'s input got no key');
      const log = await quietLogSince(from, 'keys reached the page');
      assert.ok(log.some((e) => e.type.startsWith('focus') && e.target === 'INPUT'), 'the page did take the focus');
      assert.ok(s.findBar.taken >= 3, `taken ${s.findBar.taken} times`);
      assert.match(s.findBar.warning, /keeps taking the focus/);
      await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-private-focus-taken.png`));

      // The user's own click in the page does move the focus out: what they type next goes to the page.
      const { taken } = (await driver.contentState(tabId)).findBar; // the page's last move may have come after `s`
      const beforeClick = await spyCount();
      await page.mouse.click(300, 500); // playwright's and puppeteer's pages both have mouse.click(x, y)
      await sleep(300);
      await driver.press(page, 'q');
      await waitFor('the page to get the key typed after the click', async () => (await driver.evaluate(page,
        'window.__spy')).slice(beforeClick).some((e) => e.type === 'keydown' && e.key === 'q'));
      const after = await driver.contentState(tabId);
      assert.equal(after.findBar.open, true);
      assert.equal(after.findBar.taken, taken, 'the bar took the focus back from the user');
      await driver.press(page, 'Escape');
      await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
    });

    await t.test('a page that moves the bar\'s element: the bar closes, and the shortcut opens one that works', async () => {
      await openBar(driver, page, tabId);
      assert.equal(await driver.evaluate(page, `(() => {
        const bar = document.querySelector('[data-askpage="find-bar"]');
        if (!bar) return false;
        document.body.prepend(bar); // a page re-rendering its top level, say
        return true;
      })()`), true);
      await waitFor('the moved bar to close', async () => (await driver.contentState(tabId))?.findBar?.open === false);
      await openBar(driver, page, tabId);
      const s = await askInBar(driver, page, tabId, question);
      assert.equal(s.findBar.question, question);
      await driver.press(page, 'Escape');
      await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
    });

    await t.test('a modal dialog of the page, shown before the bar opens or while the user types: the bar is above it '
      + 'and gets every key, the page none', async () => {
      // A cookie notice as a modal <dialog> with a field of its own: everything outside it is inert while it shows.
      const showModal = () => driver.evaluate(page, `(() => {
        let dialog = document.getElementById('askpage-test-modal');
        if (!dialog) {
          dialog = document.createElement('dialog');
          dialog.id = 'askpage-test-modal';
          const input = document.createElement('input');
          input.id = 'askpage-test-modal-input';
          input.autofocus = true;
          dialog.append('We use cookies.', input);
          document.body.append(dialog);
        }
        dialog.showModal();
        return document.querySelector(':modal') === dialog;
      })()`);
      const modalInput = () => driver.evaluate(page, "document.getElementById('askpage-test-modal-input').value");
      try {
        for (const when of ['before', 'while typing']) {
          await askAbove(`${question} modal ${when}`, when, showModal, 'the dialog (and its backdrop)');
          assert.equal(await modalInput(), '', 'the dialog\'s field got no key');
          if (when === 'before') await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-private-over-modal.png`));
          await driver.press(page, 'Escape');
          await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
          // The page's dialog is as it was: open, modal again.
          assert.equal(await driver.evaluate(page, "document.getElementById('askpage-test-modal').matches(':modal')"), true);
          if (when === 'before') await driver.evaluate(page, "document.getElementById('askpage-test-modal').close()");
        }
      } finally {
        await driver.evaluate(page, "document.getElementById('askpage-test-modal').remove()");
      }
    });

    await t.test('an element of the page in fullscreen: the bar shows above it and gets every key, the page none',
      async () => {
        // A video or slide shown fullscreen: the element goes to the top layer, above the bar's layer, as a modal
        // dialog does, and covers the viewport.
        const fullscreen = () => driver.evaluate(page,
          "document.fullscreenElement?.id === 'askpage-test-fullscreen'");
        assert.equal(await driver.evaluate(page, `(() => {
          const el = document.createElement('div');
          el.id = 'askpage-test-fullscreen';
          el.style.background = '#fff';
          el.textContent = 'A slide shown fullscreen.';
          document.body.append(el);
          return el.requestFullscreen().then(() => document.fullscreenElement === el, (e) => String(e));
        })()`), true);
        try {
          const asked = `${question} fullscreen`;
          const from = await spyCount();
          await openBar(driver, page, tabId);
          await sleep(300);
          const s = await askInBar(driver, page, tabId, asked);
          assert.equal(s.findBar.question, asked);
          assert.equal(s.findBar.counter, '1 of 1 · 100%');
          assert.equal(await atBarsPlace(), 'find-bar', 'the bar shows above the element in fullscreen');
          // Painted in the page behind the fullscreen element: seen once the user leaves fullscreen.
          assert.deepEqual((await driver.evaluate(page, READ_HIGHLIGHTS)).current, [normans.expected]);
          assert.equal(await fullscreen(), true, 'the page\'s element stays in fullscreen');
          await quietLogSince(from, 'keys reached the page');
          await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-private-over-fullscreen.png`));
          // The browser may take the first Esc to leave fullscreen; the bar closes at the next one at the latest.
          for (let presses = 0; presses < 2 && (await driver.contentState(tabId))?.findBar?.open; presses += 1) {
            await driver.press(page, 'Escape');
            await sleep(500);
          }
          await waitFor('Esc to close the bar',
            async () => (await driver.contentState(tabId))?.findBar?.open === false);
        } finally {
          await driver.evaluate(page, `(document.fullscreenElement ? document.exitFullscreen() : Promise.resolve())
            .then(() => document.getElementById('askpage-test-fullscreen').remove())`);
        }
      });

    await t.test('a popover of the page over the bar\'s place, shown before the bar opens or while the user types: the '
      + 'bar is above it and gets every key, the page none, and the popover stays open', async () => {
      // A notice in the top right corner as a popover: the top layer puts it above the page and the bar's element.
      const showPopover = () => driver.evaluate(page, `(() => {
        let notice = document.getElementById('askpage-test-popover');
        if (!notice) {
          notice = document.createElement('div');
          notice.id = 'askpage-test-popover';
          notice.popover = 'auto';
          notice.style.cssText = 'position: fixed; inset: 0 0 auto auto; margin: 0; width: 700px; height: 120px;'
            + 'background: #fc0';
          notice.textContent = 'You have new messages.';
          document.body.append(notice);
        }
        notice.showPopover();
        return notice.matches(':popover-open');
      })()`);
      const popoverOpen = () => driver.evaluate(page,
        "document.getElementById('askpage-test-popover').matches(':popover-open')");
      try {
        for (const when of ['before', 'while typing']) {
          await askAbove(`${question} popover ${when}`, when, showPopover, 'the popover');
          assert.equal(await popoverOpen(), true, 'the page\'s popover stays open');
          if (when === 'before') {
            await driver.screenshot(page, join(SCREENSHOTS, `${browserName}-private-over-popover.png`));
          }
          await driver.press(page, 'Escape');
          await waitFor('Esc to close the bar',
            async () => (await driver.contentState(tabId))?.findBar?.open === false);
          await driver.evaluate(page, "document.getElementById('askpage-test-popover').hidePopover()");
        }
      } finally {
        await driver.evaluate(page, "document.getElementById('askpage-test-popover')?.remove()");
      }
    });

    await t.test('with the floor at 0 % on the options page, the bar lists every answer; Enter moves between them',
      async () => {
        const options = await driver.openExtensionPage('options/options.html');
        assert.equal(await driver.evaluate(options, "document.getElementById('floor').value"), '10', 'default 10 %');
        await driver.setField(options, '#floor', '0');
        await waitFor('the floor to be saved', async () => (await driver.evaluate(options,
          "document.getElementById('saved').textContent")) === 'Saved.');
        await options.close(); // a left-open options tab can stall Chromium's next key press on the page
        const from = await spyCount();
        await openBar(driver, page, tabId);
        await sleep(300);
        const s = await askInBar(driver, page, tabId, question);
        assert.match(s.findBar.counter, /^1 of \d+ · 100%$/);
        const n = s.answers.length;
        assert.ok(n >= 2, `answers: ${JSON.stringify(s.answers.map((a) => a.text))}`);
        await driver.press(page, 'Enter');
        await waitFor('the second answer', async () => new RegExp(`^2 of ${n} · `)
          .test((await driver.contentState(tabId))?.findBar?.counter ?? ''));
        await quietLogSince(from, 'the page saw keys of the question');
      });
  } finally {
    await endScenario(t, { driver, servers: [server], host, work });
  }
}
