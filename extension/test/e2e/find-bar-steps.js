// The steps the e2e scenarios share: open a page with the extension granted and its popup, open the find bar with the
// shortcut, ask a question in it, set the budget, read the host's status.

import { waitFor } from './harness.js';

/**
 * Opens `url` in a tab, presses the toolbar button there (Chromium's activeTab grant; the tab's id) and opens the
 * popup for that tab: the tests' way to read the content script's state (Firefox) and the extension's settings.
 */
export async function openPageWithPopup(driver, url) {
  const page = await driver.openPage(url);
  await driver.pressToolbarButton(page);
  const tabId = await driver.tabId(page);
  const popup = await driver.openPopup(tabId);
  return { page, tabId, popup };
}

/**
 * The shortcut opens the find bar, and its question box has the focus: the content script has moved it on from the
 * blank frame around the bar into the bar's own (after a pause in the typing). A test typing before then would race
 * that move, in which Chromium can give a key to the page (README, privacy).
 */
export async function openBar(driver, page, tabId) {
  await driver.shortcut(page);
  await waitFor('the find bar to open', async () => (await driver.contentState(tabId))?.findBar?.open);
  // The page sees focus leave to the bar's element, nothing more.
  await waitFor('focus in the find bar', async () => (await driver.evaluate(page,
    "document.activeElement?.getAttribute('data-askpage') ?? null")) === 'find-bar');
  await waitFor('the focus in the bar\'s own frame', async () => (await driver.contentState(tabId))?.findBar?.inBar);
}

/**
 * Types `question` in the open bar (replacing what is there with `replace`), presses Enter and waits for the final
 * answers (status answered, counter "1 of N · P%"; a partial answer shown meanwhile does not count). Returns the
 * content script's state. A find-bar error fails at once.
 */
export async function askInBar(driver, page, tabId, question, { replace = false } = {}) {
  if (replace) await driver.press(page, 'Control+a');
  await driver.type(page, question);
  await driver.press(page, 'Enter');
  return waitFor('the answer in the find bar', async () => {
    const s = await driver.contentState(tabId);
    if (s?.status === 'error') throw new Error(`find bar error: ${JSON.stringify(s.error)}`);
    return s?.status === 'answered' && /^1 of \d+ · /.test(s.findBar.counter) ? s : null;
  }, { timeoutMs: 60000 });
}

/** Sets the window budget on the options page (`maxWindows`), as a user would, and waits for it to be saved. */
export async function setWindowBudget(driver, windows) {
  const options = await driver.openExtensionPage('options/options.html');
  await driver.setField(options, '#maxWindows', String(windows));
  await waitFor('the setting to be saved', async () => (await driver.evaluate(options,
    "document.getElementById('saved').textContent")) === 'Saved.');
  await options.close(); // a left-open options tab can stall Chromium's next key press on the page
}

/** The background's host status ({state, hello, …}), asked from an extension page; `connect` starts the host. */
export function hostStatus(driver, extensionPage) {
  return driver.evaluate(extensionPage, `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage(
    { type: 'askpage:popup-to-background:status', connect: true })`);
}
