// Answers on pages that are not plain articles, run in each browser by chromium.test.js and firefox.test.js, with the
// real host (installed with the installer's own command, started by the browser, its launcher given a small
// --max-text-chars) and an oracle model that answers the token "zebra" wherever it occurs:
//  1. a question with no answer: popup and find bar say "No answer on this page", nothing is highlighted;
//  2. a page re-rendering the same text every second: Enter moves 1 → 2 → 3 across re-renders;
//  3. a jump to an anchor of the page keeps the answers; an SPA route change between questions: both UIs say the page
//     changed, the next Enter asks the new route;
//  4. leaving with the bar open: Back restores the page from the back/forward cache (the bar's frame must not keep it
//     out), cleared; a link the browser stays on (a 204) keeps the answers lit, and the shortcut brings the bar back;
//  5. answers in a closed <details> and in hidden="until-found": each is opened and scrolled to;
//  6. words separated only by CSS generated content are answered;
//  7. a page with a strict Content-Security-Policy (no inline style, no frames, Trusted Types): the bar works;
//  8. sandboxed pages (a CSP sandbox, with and without allow-same-origin): the popup answers and highlights, the
//     shortcut shows a note in the bar's place that it cannot run there (and opens the popup, bare sandbox); an SVG
//     image: the shortcut opens the popup, which answers;
//  9. a page over the host's text limit with the answer near the start: answered, and the find bar says how much
//     was read;
// 10. a same-origin iframe (nested) and an open shadow root each hold an answer: both highlighted, the frame's
//     scrolled to inside the frame, and the find bar says a cross-origin frame could not be read;
// 11. the extension updated while its bar is open: the new askpage removes the old bar and highlights, one bar asks.
// The test pages are test/e2e/pages/*.html. Screenshots go to target/screenshots/<browser>-pages-*.png.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NO_ANSWER, STALE } from '../../src/shared/page-notes.js';
import { openPageWithPopup } from './find-bar-steps.js';
import {
  CURRENT_IN_VIEW, READ_HIGHLIGHTS, SCREENSHOTS, endScenario, oracleModel, registerHost, scenarioDirs, sleep, step,
  stopHostStartedBeforeModel, waitFor,
} from './harness.js';

const PAGES = join(dirname(fileURLToPath(import.meta.url)), 'pages');
/** The host's text limit in this scenario (the launcher passes --max-text-chars). */
export const TEXT_LIMIT = 20000;

/** long.html: the answer in the first paragraph, then far more text than the host reads. */
function longPage() {
  const filler = 'The committee met again to discuss the budget for the coming year and the repairs to the library roof. ';
  const paragraphs = Array.from({ length: 600 }, (_, i) => `<p>Section ${i + 1}. ${filler.repeat(3)}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long page</title></head><body>
<h1>Town records</h1><p id="early">The town's emblem, painted above the hall door, is a zebra on a green shield.</p>
${paragraphs}</body></html>`;
}

/**
 * strict-csp.html's policy, as strict as big sites' (no inline style or script, no frames, no requests, Trusted Types
 * for every script sink): askpage's bar, styles and highlights must not depend on what the page allows.
 */
const STRICT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
  + "frame-src 'none'; child-src 'none'; connect-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

/** Serves test/e2e/pages read-only (plus the generated long.html) on `address` at a free port. */
async function servePages(address) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const name = decodeURIComponent(url.pathname).replace(/^\/pages\//, '');
    if (name === 'no-content') { // a link the browser follows and stays on the page (as it does for a download)
      res.writeHead(204);
      res.end();
      return;
    }
    let body = null;
    if (name === 'long.html') body = longPage();
    else if (/^[a-z-]+\.(html|svg)$/.test(name) && existsSync(join(PAGES, name))) body = readFileSync(join(PAGES, name));
    if (body === null) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = { 'content-type': name.endsWith('.svg') ? 'image/svg+xml' : 'text/html; charset=utf-8' };
    if (name === 'strict-csp.html') headers['content-security-policy'] = STRICT_POLICY;
    // sandboxed.html?allow=TOKENS: a CSP sandbox, as raw file hosts send (TOKENS: what it allows, e.g. allow-same-origin).
    if (name === 'sandboxed.html') headers['content-security-policy'] = `sandbox ${url.searchParams.get('allow') ?? ''}`;
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((r) => server.listen(0, address, r));
  const { port } = server.address();
  return { url: (name) => `http://${address}:${port}/pages/${name}`, port, close: () => new Promise((r) => server.close(r)) };
}

/** The installed host launcher, changed to start the host with a small text limit. */
function limitHostText(runtimeDir, limit) {
  const launcher = join(runtimeDir, 'bin', 'askpage-host');
  const script = readFileSync(launcher, 'utf8');
  const limited = script.replaceAll(`'host' "$@"`, `'host' '--max-text-chars' '${limit}' "$@"`);
  assert.notEqual(limited, script, 'the launcher starts the host with its arguments');
  writeFileSync(launcher, limited);
}

/** The current highlight's text and the id of the element around it, plus all painted texts (top document). */
const CURRENT = `(() => {
  const read = (name) => { const h = CSS.highlights.get(name); return h ? [...h] : []; };
  const [range] = read('askpage-current');
  return {
    text: range ? range.toString() : null,
    id: range ? range.startContainer.parentElement?.closest('[id]')?.id ?? null : null,
    all: [...read('askpage-current'), ...read('askpage-other')].map((r) => r.toString()),
  };
})()`;

/** What frames.html paints: the top registry (with the shadow tree's answer) and the nested frame's registry. */
const FRAME_HIGHLIGHTS = `(() => {
  const read = (win, name) => { const h = win.CSS.highlights.get(name); return h ? [...h].map((r) => r.toString()) : []; };
  const inner = document.getElementById('same').contentWindow.document.getElementById('inner').contentWindow;
  const range = [...(inner.CSS.highlights.get('askpage-current') ?? [])][0];
  let frameInView = false;
  if (range) {
    // In view inside the inner frame, and the frames themselves in view in the page.
    const r = range.getBoundingClientRect();
    const inFrame = r.width > 0 && r.top >= 0 && r.bottom <= inner.innerHeight && r.left >= 0 && r.right <= inner.innerWidth;
    const outer = document.getElementById('same').getBoundingClientRect();
    frameInView = inFrame && outer.top >= 0 && outer.bottom <= innerHeight;
  }
  return {
    top: { current: read(window, 'askpage-current'), other: read(window, 'askpage-other') },
    frame: { current: read(inner, 'askpage-current'), other: read(inner, 'askpage-other') },
    frameInView,
    shadowCurrent: [...(CSS.highlights.get('askpage-current') ?? [])].some((r) => r.startContainer.getRootNode() !== document),
  };
})()`;

async function popupView(driver, popup) {
  return driver.evaluate(popup, `(() => ({
    status: document.getElementById('status').textContent,
    result: document.getElementById('result').textContent,
    answers: [...document.querySelectorAll('#answers button')].map((b) => ({
      text: b.querySelector('.answer').textContent,
      context: b.querySelector('.context').textContent,
    })),
  }))()`);
}

async function waitForBar(driver, tabId, pattern, what = `find bar counter ${pattern}`) {
  let seen = null;
  try {
    return await waitFor(what, async () => {
      const state = await driver.contentState(tabId);
      seen = state;
      if (state?.status === 'error') throw new Error(`error: ${JSON.stringify(state.error)}`);
      // The final answers: while a partial answer is shown, the status is still 'asking'.
      return state?.status === 'answered' && pattern.test(state?.findBar?.counter ?? '') ? state : null;
    }, { timeoutMs: 60000 });
  } catch (e) {
    // Say what the page showed instead: the question as the bar sent it, the status and the bar.
    const shown = seen && { question: seen.question, status: seen.status, findBar: seen.findBar };
    throw new Error(`${e.message}\nlast state: ${JSON.stringify(shown)}`);
  }
}

/**
 * @param {import('node:test').TestContext} t
 * @param {{browserName: 'chromium'|'firefox', launch: (homeDir: string) => Promise<object>}} options
 */
export async function runPagesScenario(t, { browserName, launch }) {
  const shot = (name) => join(SCREENSHOTS, `${browserName}-pages-${name}.png`);
  const { work, home } = scenarioDirs(`${browserName}-pages`);
  const model = oracleModel('zebra', 'zebra', join(work, 'oracle-zebra'));
  const server = await servePages('127.0.0.1');
  const otherSite = await servePages('127.0.0.2');
  // Every browser step fails with its name after a minute instead of hanging the run until the test's timeout.
  const browser = await launch(home);
  const driver = new Proxy(browser, {
    get: (target, name) => (typeof target[name] !== 'function' ? target[name]
      : (...args) => step(`driver.${String(name)}`, Promise.resolve(target[name](...args)), 60000)),
  });
  let host = null;
  // Asks `question` in the find bar of `page` (opened with the shortcut, which grants access to the tab).
  const askInBar = async (page, tabId, question) => {
    await step('the shortcut', driver.shortcut(page));
    // Typed as soon as the bar's page is up, while the page is read for prepare (keys typed before the bar's page has
    // loaded at all are not always kept in Chromium yet).
    await waitFor('the find bar to open', async () => (await driver.contentState(tabId))?.findBar?.ready);
    await step(`typing "${question}"`, driver.type(page, question));
    await step('pressing Enter', driver.press(page, 'Enter'));
  };
  const closeBar = async (page, tabId) => {
    await step('pressing Escape', driver.press(page, 'Escape'));
    await waitFor('Esc to close the bar', async () => (await driver.contentState(tabId))?.findBar?.open === false);
  };
  try {
    const { page, tabId, popup } = await openPageWithPopup(driver, server.url('no-answer.html'));
    host = registerHost({ browser: browserName, homeDir: home });
    limitHostText(host.runtimeDir, TEXT_LIMIT);
    host.setModel(model);
    await stopHostStartedBeforeModel(host);
    await driver.reloadPopup(popup);
    await waitFor('connected status', async () => {
      const { status } = await popupView(driver, popup);
      if (!/Connected · model/.test(status)) throw new Error(`status: ${status}`);
      return true;
    }, { timeoutMs: 60000 });

    await t.test('no answer: popup and find bar say "No answer on this page", nothing is highlighted', async () => {
      const question = 'Which striped animal lives in the valley?';
      await driver.popupAsk(popup, question);
      const view = await waitFor('the popup\'s result', async () => {
        const v = await popupView(driver, popup);
        return v.result && v.result !== 'Asking…' ? v : null;
      }, { timeoutMs: 60000 });
      assert.match(view.result, new RegExp(`^${NO_ANSWER}`));
      assert.deepEqual(view.answers, []);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      await driver.screenshot(popup, shot('popup-no-answer'));

      await askInBar(page, tabId, question);
      const state = await waitForBar(driver, tabId, new RegExp(`^${NO_ANSWER}`));
      assert.equal(state.status, 'answered');
      assert.deepEqual(state.answers, []);
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      await driver.screenshot(page, shot('find-bar-no-answer'));
      // The bar still takes questions: Enter again asks again, and says the same.
      await driver.press(page, 'Enter');
      await waitForBar(driver, tabId, new RegExp(`^${NO_ANSWER}`));
      await closeBar(page, tabId);
    });

    await t.test('a page re-rendering the same text every second: Enter moves 1 → 2 → 3', async () => {
      await driver.navigate(page, server.url('rerender.html'));
      await askInBar(page, tabId, 'Which animal was seen at the water hole, in the shade and at the river bed?');
      await waitForBar(driver, tabId, /^1 of \d+ · 33%$/);
      const seen = [];
      for (let k = 1; k <= 3; k++) {
        if (k > 1) {
          await driver.press(page, 'Enter');
          await waitForBar(driver, tabId, new RegExp(`^${k} of \\d+ · 33%$`));
        }
        // Let the page re-render under the answer: the highlight follows to the new nodes, the counter stays.
        const renders = await driver.evaluate(page, 'window.renders');
        await waitFor('a re-render', async () => (await driver.evaluate(page, 'window.renders')) > renders);
        const current = await waitFor('the highlight on the re-rendered nodes', async () => {
          const c = await driver.evaluate(page, CURRENT);
          return c.text === 'zebra' ? c : null;
        });
        assert.match((await driver.contentState(tabId)).findBar.counter, new RegExp(`^${k} of `));
        seen.push(current.id);
      }
      assert.deepEqual([...seen].sort(), ['p1', 'p2', 'p3'], `Enter visited each answer once: ${seen}`);
      await closeBar(page, tabId);
    });

    await t.test('anchor jump keeps answers; SPA route change: both UIs say so, Enter asks the new route', async () => {
      await driver.navigate(page, server.url('spa.html'));
      await askInBar(page, tabId, 'Which animal stands beside the gate?');
      await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      assert.equal((await driver.evaluate(page, CURRENT)).id, 'route-a');
      // A link to an anchor of the same page (popstate and hashchange, the page stays): the answers stay.
      await driver.evaluate(page, "document.getElementById('to-a').click()");
      await waitFor('the jump to the anchor', () => driver.evaluate(page, "location.hash === '#route-a'"));
      await sleep(300); // past the popstate and the capture's change delay
      const afterJump = await driver.contentState(tabId);
      assert.deepEqual([afterJump.status, afterJump.findBar.open], ['answered', true]);
      assert.equal((await driver.evaluate(page, CURRENT)).id, 'route-a');
      await driver.evaluate(page, 'go()');
      const state = await waitFor('the answers to be marked stale', async () => {
        const s = await driver.contentState(tabId);
        return s?.status === 'stale' ? s : null;
      });
      assert.equal(state.findBar.status, STALE);
      assert.equal(state.findBar.counter, '');
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] });
      await driver.reloadPopup(popup);
      await waitFor('the popup to say the page changed', async () => (await popupView(driver, popup)).result === STALE);
      await driver.press(page, 'Enter');
      await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      const current = await driver.evaluate(page, CURRENT);
      assert.deepEqual([current.text, current.id], ['zebra', 'route-b']);
      await closeBar(page, tabId);
    });

    await t.test('leaving with the bar open: Back restores the page from the back/forward cache; a link the browser '
      + 'stays on keeps the answers, and the shortcut brings the bar back with them', async () => {
      // In a tab of its own: puppeteer loses track of a tab's navigations once Firefox has restored it from the cache.
      const leave = await driver.openNewTab(server.url('leave.html'));
      await driver.pressToolbarButton(leave); // the gesture that lets the extension into the tab
      const leaveTab = await driver.tabId(leave);
      const question = 'Which animal grazed by the gate?';
      await askInBar(leave, leaveTab, question);
      await waitForBar(driver, leaveTab, /^1 of 1 · 100%$/);
      // Another page and Back, the bar open: the page comes back from the cache (its script state kept), cleared.
      await driver.evaluate(leave, "window.leftAt = 'leave'; document.getElementById('away').click()");
      await waitFor('the other page', () => driver.evaluate(leave, "location.pathname === '/pages/no-answer.html'"));
      await driver.evaluate(leave, 'history.back()');
      await waitFor('Back', () => driver.evaluate(leave, "location.pathname === '/pages/leave.html'"));
      assert.equal(await driver.evaluate(leave, 'window.leftAt ?? null'), 'leave', 'restored from the back/forward cache');
      const back = await driver.contentState(leaveTab);
      assert.deepEqual([back.status, back.findBar.open], ['idle', false]);
      assert.deepEqual(await driver.evaluate(leave, READ_HIGHLIGHTS), { current: [], other: [] });
      await askInBar(leave, leaveTab, question);
      await waitForBar(driver, leaveTab, /^1 of 1 · 100%$/);
      // A 204: the browser starts to leave, then stays. The bar went; the answers did not.
      await driver.evaluate(leave, "document.getElementById('stay').click()");
      await waitFor('the bar to close as the page is left', async () => !(await driver.contentState(leaveTab)).findBar.open);
      await sleep(500);
      assert.equal(await driver.evaluate(leave, 'location.pathname'), '/pages/leave.html');
      assert.equal((await driver.contentState(leaveTab)).status, 'answered');
      assert.deepEqual(await driver.evaluate(leave, READ_HIGHLIGHTS), { current: ['zebra'], other: [] });
      await step('the shortcut', driver.shortcut(leave));
      await waitFor('the bar back with its answers', async () => {
        const s = await driver.contentState(leaveTab);
        return s.findBar.open && s.findBar.counter === '1 of 1 · 100%';
      });
      await leave.close();
    });

    await t.test('answers in a closed <details> and in hidden="until-found" are opened and scrolled to', async () => {
      await driver.navigate(page, server.url('details.html'));
      const folded = `(() => ({ details: document.getElementById('more').open,
        untilFound: document.getElementById('found-box').hasAttribute('hidden') }))()`;
      assert.deepEqual(await driver.evaluate(page, folded), { details: false, untilFound: true });
      await askInBar(page, tabId, 'Which animal is by the gates?');
      await waitForBar(driver, tabId, /^1 of \d+ · 50%$/);
      const seen = [];
      for (let k = 1; k <= 2; k++) {
        if (k === 2) {
          await driver.press(page, 'Enter');
          await waitForBar(driver, tabId, /^2 of \d+ · 50%$/);
        }
        const current = await driver.evaluate(page, CURRENT);
        assert.equal(current.text, 'zebra');
        seen.push(current.id);
        const state = await driver.evaluate(page, folded);
        if (current.id === 'folded') {
          assert.equal(state.details, true, 'the <details> is open');
          assert.equal(await driver.evaluate(page, CURRENT_IN_VIEW), true, 'the answer is in view');
          await driver.screenshot(page, shot('details-opened'));
        } else {
          assert.equal(state.untilFound, false, 'the until-found element is shown');
          assert.equal(await driver.evaluate(page, CURRENT_IN_VIEW), true, 'the answer is in view');
        }
      }
      assert.deepEqual(seen.sort(), ['folded', 'found']);
      await closeBar(page, tabId);
    });

    await t.test('words separated only by CSS generated content are read apart and answered', async () => {
      await driver.navigate(page, server.url('generated.html'));
      await askInBar(page, tabId, 'Which animal is in the breadcrumbs and the tags?');
      const state = await waitForBar(driver, tabId, /^1 of \d+ · 50%$/);
      assert.deepEqual(state.answers.slice(0, 2).map((a) => a.text), ['zebra', 'zebra']);
      const contexts = state.answers.slice(0, 2).map((a) => `${a.context.before}${a.context.match}${a.context.after}`);
      assert.ok(contexts.every((c) => c.includes('home / garden / zebra tools, zebra, seeds')), contexts.join(' | '));
      // Both words are highlighted (the oracle's near-zero answers, if the host returns them, may add more).
      const painted = await driver.evaluate(page, CURRENT);
      assert.equal(painted.text, 'zebra');
      assert.ok(painted.all.filter((s) => s === 'zebra').length >= 2, JSON.stringify(painted));
      await driver.screenshot(page, shot('generated-content'));
      await closeBar(page, tabId);
    });

    await t.test('a page with a strict Content-Security-Policy: the find bar opens, asks and highlights', async () => {
      await driver.navigate(page, server.url('strict-csp.html'));
      await askInBar(page, tabId, 'Which animal grazed by the north gate?');
      const state = await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      assert.equal(state.answers[0].text, 'zebra');
      assert.deepEqual(await driver.evaluate(page, CURRENT), { text: 'zebra', id: 'answer', all: ['zebra'] });
      await driver.screenshot(page, shot('strict-csp'));
      await closeBar(page, tabId);
    });

    await t.test('sandboxed pages and an SVG image: the shortcut says the find bar cannot run there, the popup asks', async () => {
      const ext = '(globalThis.browser ?? chrome)';
      const popupViews = () => driver.evaluate(popup, `${ext}.extension.getViews({ type: 'popup' }).length`);
      const closePopupViews = () => driver.evaluate(popup,
        `${ext}.extension.getViews({ type: 'popup' }).forEach((w) => w.close()); true`);
      const buttonNotice = () => driver.evaluate(popup, `${ext}.action.getBadgeText({ tabId: ${tabId} })`);
      // A bare sandbox: an opaque origin, where the content script cannot reach a frame of its own (known at once);
      // allow-same-origin alone: the bar's page inherits the sandbox's ban on scripts and never connects.
      for (const allow of ['', 'allow-same-origin']) {
        await driver.navigate(page, `${server.url('sandboxed.html')}?allow=${allow}`);
        assert.equal(await driver.evaluate(page, 'self.origin === "null"'), allow === '');
        await driver.pressToolbarButton(page); // the popup's activeTab grant on this page
        await waitFor('the button\'s own popup', async () => (await popupViews()) === 1); // closed before the shortcut
        await driver.popupAsk(popup, 'Which animal slept by the east fence?');
        await waitFor('the popup\'s answer highlighted', async () => {
          const painted = await driver.evaluate(page, CURRENT);
          return painted.text === 'zebra' && painted.id === 'answer' ? painted : null;
        }, { timeoutMs: 60000 });

        await closePopupViews();
        await waitFor('no popup open', async () => (await popupViews()) === 0);
        await step('the shortcut', driver.grantedShortcut(page));
        const bar = await waitFor('the find bar to say it cannot run here', async () => {
          const findBar = (await driver.contentState(tabId))?.findBar;
          return findBar?.unavailable ? findBar : null;
        }, { timeoutMs: 30000 });
        assert.equal(bar.open, false);
        assert.equal(bar.ready, false);
        await driver.screenshot(page, shot(`sandboxed${allow ? `-${allow}` : ''}`));
        if (allow === '') {
          // Known at once: the popup opens in the bar's stead (the button shows no "!": the popup says it all).
          await waitFor('the popup opened by the shortcut', async () => (await popupViews()) === 1);
          assert.equal(await buttonNotice(), '');
          await closePopupViews();
        }
        // The bar holds no focus (Esc is the page's again); the note goes by itself, or at the next shortcut.
        await waitFor('the note to go', async () => (await driver.contentState(tabId))?.findBar?.unavailable === false,
          { timeoutMs: 20000 });
      }

      // An SVG image: no HTML element shows there, so the shortcut opens the popup at once, which answers.
      await driver.navigate(page, server.url('drawing.svg'));
      await driver.pressToolbarButton(page);
      await waitFor('the button\'s own popup', async () => (await popupViews()) === 1);
      await closePopupViews();
      await waitFor('no popup open', async () => (await popupViews()) === 0);
      await step('the shortcut', driver.grantedShortcut(page));
      await waitFor('the popup opened by the shortcut', async () => (await popupViews()) === 1);
      assert.equal((await driver.contentState(tabId))?.findBar?.open, false);
      assert.equal(await driver.evaluate(page, 'document.querySelectorAll(\'[data-askpage]\').length'), 0);
      assert.equal(await buttonNotice(), '');
      await closePopupViews();
      await driver.popupAsk(popup, 'What sleeps by the east fence?');
      await waitFor('the popup\'s answer highlighted in the drawing', async () => {
        const painted = await driver.evaluate(page, CURRENT);
        return painted.text === 'zebra' && painted.id === 'answer' ? painted : null;
      }, { timeoutMs: 60000 });
    });

    await t.test('a page over the host\'s text limit: answered from its start, and the find bar says so', async () => {
      await driver.navigate(page, server.url('long.html'));
      assert.ok((await driver.evaluate(page, 'document.body.innerText.length')) > 5 * TEXT_LIMIT);
      await askInBar(page, tabId, 'What is painted above the hall door?');
      const state = await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      // Typed right after the shortcut, while the page is read for prepare: not one key may be lost.
      assert.equal(state.question, 'What is painted above the hall door?');
      const note = `askpage read the first ${TEXT_LIMIT.toLocaleString('en-US')} characters of this page`;
      assert.ok(state.findBar.status.startsWith(note), state.findBar.status);
      assert.deepEqual([(await driver.evaluate(page, CURRENT)).text, (await driver.evaluate(page, CURRENT)).id],
        ['zebra', 'early']);
      await driver.screenshot(page, shot('long-page'));
      // A second question on the same page reads the same part (now cut while capturing).
      await closeBar(page, tabId);
      await askInBar(page, tabId, 'Which animal is the town emblem?');
      const again = await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      assert.equal(again.question, 'Which animal is the town emblem?');
      assert.ok(again.findBar.status.startsWith(note), again.findBar.status);
      await closeBar(page, tabId);
    });

    await t.test('a nested same-origin iframe and an open shadow root each hold an answer; a cross-origin frame is named; '
      + 'a frame that loads another document is read again',
      async () => {
        await driver.navigate(page, `${server.url('frames.html')}?other=${otherSite.port}`);
        await waitFor('the frames to load', () => driver.evaluate(page, `(() => {
          const outer = document.getElementById('same').contentDocument;
          const inner = outer?.getElementById('inner')?.contentDocument;
          return Boolean(inner?.getElementById('in-frame'));
        })()`));
        await askInBar(page, tabId, 'Where does the animal sleep and graze?');
        const state = await waitForBar(driver, tabId, /^1 of \d+ · 50%$/);
        assert.match(state.findBar.status, /Part of this page could not be read \(a frame from another site\)/);
        const contexts = state.answers.slice(0, 2).map((a) => a.text);
        assert.deepEqual(contexts, ['zebra', 'zebra']);
        let painted = await driver.evaluate(page, FRAME_HIGHLIGHTS);
        const topZebras = [...painted.top.current, ...painted.top.other].filter((s) => s === 'zebra');
        const frameZebras = [...painted.frame.current, ...painted.frame.other].filter((s) => s === 'zebra');
        assert.deepEqual([topZebras, frameZebras], [['zebra'], ['zebra']], JSON.stringify(painted));
        // Go to the frame's answer (first or second): it is scrolled into view inside the nested frame.
        if (!painted.frame.current.includes('zebra')) {
          await driver.press(page, 'Enter');
          await waitForBar(driver, tabId, /^2 of \d+ · 50%$/);
          painted = await driver.evaluate(page, FRAME_HIGHLIGHTS);
        }
        assert.deepEqual(painted.frame.current, ['zebra']);
        assert.equal(painted.frameInView, true, 'the frame\'s answer is scrolled into view');
        await driver.screenshot(page, shot('frames-frame-answer'));
        // And on to the shadow tree's answer (past the oracle's near-zero answers, if the host returns them).
        const atShadowAnswer = (p) => p.shadowCurrent && p.top.current.length === 1 && p.top.current[0] === 'zebra';
        const trail = [painted];
        for (let k = 0; k < state.answers.length && !atShadowAnswer(painted); k++) {
          const before = (await driver.contentState(tabId)).current;
          await driver.press(page, 'Enter');
          await waitFor('Enter to move', async () => (await driver.contentState(tabId)).current !== before);
          painted = await driver.evaluate(page, FRAME_HIGHLIGHTS);
          trail.push({ ...painted, counter: (await driver.contentState(tabId)).findBar.counter });
        }
        assert.ok(atShadowAnswer(painted), `the shadow tree's answer became current: ${JSON.stringify(trail)}`);
        await driver.screenshot(page, shot('frames-shadow-answer'));
        await closeBar(page, tabId);

        // The nested frame loads another document (no mutation in any document the capture watched): the next
        // question reads the new one, and its answer is painted there.
        await driver.evaluate(page, `(() => {
          const outer = document.getElementById('same').contentDocument;
          outer.getElementById('inner').src = '/pages/frame-inner-moved.html';
          return true;
        })()`);
        await waitFor('the frame\'s new document', () => driver.evaluate(page, `Boolean(document.getElementById('same')
          .contentDocument.getElementById('inner').contentDocument?.getElementById('moved'))`));
        await askInBar(page, tabId, 'Where does the animal sleep and graze?');
        const moved = await waitForBar(driver, tabId, /^1 of \d+ · 50%$/);
        assert.ok(moved.answers.some((a) => a.context.after.includes('sleeps in the old barn')),
          JSON.stringify(moved.answers));
        let afterMove = await driver.evaluate(page, FRAME_HIGHLIGHTS);
        if (!afterMove.frame.current.includes('zebra')) {
          await driver.press(page, 'Enter');
          await waitForBar(driver, tabId, /^2 of \d+ · 50%$/);
          afterMove = await driver.evaluate(page, FRAME_HIGHLIGHTS);
        }
        assert.deepEqual(afterMove.frame.current, ['zebra'], 'painted in the frame\'s new document');
        await closeBar(page, tabId);
      });

    // Last: the extension's pages close with the update.
    await t.test('an extension update while the bar is open: the new askpage clears the old bar and highlights', async () => {
      await driver.navigate(page, server.url('strict-csp.html'));
      const question = 'Which animal grazed by the north gate?';
      await askInBar(page, tabId, question);
      await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      assert.equal((await driver.evaluate(page, CURRENT)).text, 'zebra');

      await driver.reinstallExtension();
      await driver.openPopup(tabId); // Firefox reads the content script's state from a page of the new extension
      const bars = () => driver.evaluate(page,
        'document.documentElement.querySelectorAll(\':scope > [data-askpage="find-bar"]\').length');
      // The page re-renders the answer's paragraph. Chromium leaves the old content script running, cut off from the
      // extension: instead of moving its answer to the new nodes it lets go of the page, and its bar closes. Firefox
      // removes the old script itself: its dead bar stays until the new askpage starts.
      await driver.evaluate(page, `(() => {
        const p = document.getElementById('answer');
        p.replaceWith(p.cloneNode(true));
        return true;
      })()`);
      await waitFor('the old script to let go of the page (Chromium)', async () => (await bars()) === (driver.name === 'chromium' ? 0 : 1));

      await page.bringToFront(); // the user presses the shortcut on the page, not on the popup page opened above
      await step('the shortcut', driver.shortcut(page));
      await waitFor('the new bar, with the focus', async () => (await driver.contentState(tabId))?.findBar?.inBar);
      assert.equal(await bars(), 1, 'one find bar in the page');
      assert.deepEqual(await driver.evaluate(page, READ_HIGHLIGHTS), { current: [], other: [] }, 'no old highlight left');
      await step(`typing "${question}"`, driver.type(page, question));
      await step('pressing Enter', driver.press(page, 'Enter'));
      const state = await waitForBar(driver, tabId, /^1 of \d+ · 100%$/);
      assert.equal(state.findBar.taken, 0, 'no other bar took the focus');
      assert.equal(state.findBar.question, question);
      assert.deepEqual(await driver.evaluate(page, CURRENT), { text: 'zebra', id: 'answer', all: ['zebra'] });
      await driver.screenshot(page, shot('after-update'));
    });
  } finally {
    await endScenario(t, { driver, servers: [server, otherSite], host, work });
  }
}
