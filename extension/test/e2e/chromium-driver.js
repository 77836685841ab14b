// Debian's chromium driven by playwright-core, with dist/chrome loaded and a fresh profile.
//
// Gestures: the toolbar button is pressed with CDP Extensions.triggerAction (a real action: the real popup opens
// and the tab gets its activeTab grant). Chromium does not route synthetic key events to extension commands in
// headless mode, so the shortcut runs the background's own command handler (globalThis.askpageBackground.onCommand,
// the function commands.onCommand calls) on a tab that already holds the activeTab grant.

import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXTENSION_ID, CHROMIUM, DIST, chromiumProfile, tabOpeners, userEnv, waitFor } from './harness.js';

/** Chromium as the test user whose HOME is `homeDir`, with the profile where a user's Chromium keeps it. */
export async function launchChromium(homeDir) {
  const extension = join(DIST, 'chrome');
  const context = await chromium.launchPersistentContext(chromiumProfile(homeDir), {
    executablePath: CHROMIUM,
    env: userEnv(homeDir),
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--enable-unsafe-extension-debugging',
    ],
    // Playwright turns the back/forward cache off; a user's Chromium has it, and askpage must not keep pages out of it.
    ignoreDefaultArgs: ['--disable-extensions', '--headless', '--disable-back-forward-cache'],
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`))
    ?? await context.waitForEvent('serviceworker', { timeout: 20000 });
  const cdp = await context.browser().newBrowserCDPSession();

  const serviceWorker = async () => {
    // The service worker may have been stopped and started again: use the live one.
    const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`));
    return live ?? worker;
  };

  const tabIds = new Map();
  const driver = {
    name: 'chromium',
    /** Loads the extension again from dist/chrome, as an update does: its pages close, its service worker restarts. */
    async reinstallExtension() {
      await cdp.send('Extensions.loadUnpacked', { path: extension });
    },
    ...tabOpeners(() => context.pages()[0], () => context.newPage()),
    async pressToolbarButton(page) {
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tab = targetInfos.find((t) => t.url === page.url());
      if (!tab) throw new Error(`no tab target for ${page.url()}`);
      await cdp.send('Extensions.triggerAction', { id: CHROME_EXTENSION_ID, targetId: tab.targetId });
    },
    async tabId(page) {
      // Tabs keep their id across navigations; the URL is visible to the extension once the tab has activeTab.
      if (!tabIds.has(page)) {
        const url = page.url();
        tabIds.set(page, await waitFor(`tab id of ${url}`, async () => (await serviceWorker()).evaluate(
          async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url,
        )));
      }
      return tabIds.get(page);
    },
    async shortcut(page) {
      // A real shortcut press grants activeTab; the toolbar button gives the same grant here.
      await driver.pressToolbarButton(page);
      await driver.grantedShortcut(page);
    },
    /** The shortcut on a tab that holds the activeTab grant already (no toolbar press: its popup stays shut). */
    async grantedShortcut(page) {
      const id = await driver.tabId(page);
      await page.bringToFront();
      await (await serviceWorker()).evaluate(async (tabId) => {
        await globalThis.askpageBackground.onCommand('open-find-bar', await chrome.tabs.get(tabId));
      }, id);
    },
    /**
     * Presses the toolbar button and returns the popup the browser itself opens (its address has no ?tab=: it finds
     * its tab on its own): {evaluate(expression), ask(question), close()}. Playwright does not attach to an action's
     * popup, so it is driven over CDP (Target.sendMessageToTarget).
     */
    async toolbarPopup(page) {
      await driver.pressToolbarButton(page);
      const url = `chrome-extension://${CHROME_EXTENSION_ID}/popup/popup.html`;
      const target = await waitFor('the toolbar popup', async () => (await cdp.send('Target.getTargets'))
        .targetInfos.find((t) => t.type === 'page' && t.url === url));
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
      const waiting = new Map();
      let lastId = 0;
      const onMessage = (event) => {
        if (event.sessionId !== sessionId) return;
        const reply = JSON.parse(event.message);
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      const call = (method, params) => new Promise((resolve) => {
        const id = ++lastId;
        waiting.set(id, resolve);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
      const evaluate = async (expression) => {
        const reply = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
        if (reply.error || reply.result?.exceptionDetails) throw new Error(JSON.stringify(reply));
        return reply.result.result.value;
      };
      await waitFor('the toolbar popup to load', () => evaluate("document.readyState === 'complete'"));
      return {
        evaluate,
        ask: (question) => evaluate(`(() => {
          document.getElementById('question').value = ${JSON.stringify(question)};
          document.getElementById('ask-form').requestSubmit();
          return true;
        })()`),
        close: async () => {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
        },
      };
    },
    async openPopup(tabId) {
      return driver.openExtensionPage(`popup/popup.html?tab=${tabId}`);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${CHROME_EXTENSION_ID}/${path}`);
      return page;
    },
    async setField(page, selector, value) {
      await page.fill(selector, value);
      await page.dispatchEvent(selector, 'change');
    },
    async reloadPopup(popup) {
      await popup.reload();
    },
    async contentState(tabId) {
      return (await serviceWorker()).evaluate(
        (id) => chrome.tabs.sendMessage(id, { type: 'askpage:background-to-content:state' }).catch(() => null), tabId,
      );
    },
    evaluate: (page, expression) => page.evaluate(expression),
    async type(page, text) {
      await page.bringToFront();
      await page.keyboard.type(text);
    },
    async press(page, key) {
      await page.bringToFront();
      await page.keyboard.press(key);
    },
    async popupAsk(popup, question) {
      await popup.bringToFront();
      await popup.fill('#question', question);
      await popup.press('#question', 'Enter');
    },
    async popupClick(popup, selector) {
      await popup.click(selector);
    },
    screenshot: (page, path) => page.screenshot({ path }),
    async close() {
      await context.close();
    },
  };
  return driver;
}
