// Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, with dist/firefox installed as a temporary
// add-on, a temporary HOME (Firefox reads native host manifests from $HOME/.mozilla) and a fixed moz-extension UUID.
//
// Gestures: Firefox runs with --remote-allow-system-access so the test can script the browser window itself
// ("moz:scope": "chrome"). The shortcut fires the add-on's own <key> element in the window's keyset (what a key
// press does: the command event, with its activeTab grant); the toolbar button is the add-on's browser action,
// triggered as a click would (the real popup opens and the tab gets its activeTab grant). BiDi may not navigate a
// tab to moz-extension: pages, so the popup page is opened in a tab by the browser window.

import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { DIST, FIREFOX, FIREFOX_ADDON_ID, tabOpeners, userEnv, waitFor } from './harness.js';

export const FIREFOX_UUID = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const WIDGET = FIREFOX_ADDON_ID.replace(/[^a-z0-9_-]/gi, '_');

export async function launchFirefox(homeDir) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access', '--width=1100', '--height=800'],
    env: userEnv(homeDir),
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
    },
  });
  await browser.installExtension(join(DIST, 'firefox'));
  const bidi = browser.connection;
  let extensionPage = null; // any page of ours, to call extension APIs from

  /** Evaluates `expression` in the browser window (chrome scope); returns its JSON-able value. */
  async function chromeEval(expression) {
    const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const context = tree.result.contexts[0].context;
    const reply = await bidi.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (async () => { ${expression} })()))()`,
      target: { context }, awaitPromise: true, resultOwnership: 'none',
    });
    if (reply.result.type === 'exception') throw new Error(`chrome eval: ${reply.result.exceptionDetails.text}`);
    const value = reply.result.result.value;
    return value === undefined ? undefined : JSON.parse(value);
  }

  /**
   * Closes the toolbar button's popup panel if it is open. Headless, Firefox leaves it open when another tab is shown
   * (a real window closes it as it loses focus), where it would go on asking the background for the host's status.
   */
  const closePanels = () => chromeEval(`
    for (const panel of document.querySelectorAll('panel')) {
      if (panel.state !== 'open' && panel.state !== 'showing') continue;
      // Until the panel has gone, Firefox may still hand the focus back to where it was before the panel opened: a
      // focus moved into the page before then can be taken away again.
      const hidden = new Promise((resolve) => {
        panel.addEventListener('popuphidden', resolve, { once: true });
        setTimeout(resolve, 2000);
      });
      panel.hidePopup();
      await hidden;
    }`);

  const selectedTabId = () => chromeEval(`
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    return ExtensionParent.apiManager.global.tabTracker.getId(gBrowser.selectedTab);`);

  const driver = {
    name: 'firefox',
    /** Installs the add-on again, as an update does: its pages close (open the popup page again to go on). */
    async reinstallExtension() {
      extensionPage = null;
      await browser.installExtension(join(DIST, 'firefox'));
    },
    ...tabOpeners(async () => (await browser.pages())[0], () => browser.newPage()),
    async pressToolbarButton(page) {
      await page.bringToFront();
      await chromeEval(`
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(FIREFOX_ADDON_ID)});
        await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);`);
      // triggerAction can resolve while the popup still loads, before its panel shows: a panel that opens after the
      // next step has put the focus in the page (closePanels, the shortcut) takes the focus from it again.
      await waitFor('the toolbar popup\'s panel to open', () => chromeEval(`
        return [...document.querySelectorAll('panel')].some((panel) => panel.state === 'open');`));
    },
    async tabId(page) {
      await page.bringToFront();
      return selectedTabId();
    },
    async shortcut(page) {
      await page.bringToFront();
      await closePanels();
      // The user reads the page as they press it: no popup panel is open and the tab's content has the focus
      // (headless, showing a tab after the driver opened others through the browser window can leave it in the
      // window's own UI).
      await chromeEval(`
        gBrowser.selectedBrowser.focus();
        const keyset = document.getElementById('ext-keyset-id-${WIDGET}');
        const key = keyset && [...keyset.querySelectorAll('key')].find((k) => (k.getAttribute('key') || '').toUpperCase() === 'F');
        if (!key) throw new Error('no askpage key in the window keyset');
        key.doCommand();`);
    },
    /** The key command grants activeTab itself. */
    grantedShortcut: (page) => driver.shortcut(page),
    /**
     * Presses the toolbar button and returns the popup Firefox itself opens in its panel (no ?tab=: it finds its tab
     * on its own): {evaluate(expression), ask(question), close()}. BiDi does not list the panel, so the popup is
     * reached from an extension page of ours, in the same process: extension.getViews({type: 'popup'}) is the panel's
     * window, and `expression` runs with `document` bound to the panel's document.
     */
    async toolbarPopup(page) {
      if (!extensionPage) throw new Error('open the popup page first');
      const helper = extensionPage;
      const inPanel = (body) => helper.evaluate(`(async () => {
        const panel = browser.extension.getViews({ type: 'popup' })[0];
        if (!panel) return undefined;
        ${body}
      })()`);
      await closePanels(); // a press on a button whose panel is open would close it
      await waitFor('no toolbar popup', async () => (await inPanel('return true;')) === undefined);
      await driver.pressToolbarButton(page);
      await waitFor('the toolbar popup to load', () => inPanel(
        "return !panel.location.search && panel.document.readyState === 'complete';"));
      const evaluate = (expression) => inPanel(`return ((document) => (${expression}))(panel.document);`);
      return {
        evaluate,
        ask: (question) => inPanel(`
          panel.document.getElementById('question').value = ${JSON.stringify(question)};
          panel.document.getElementById('ask-form').requestSubmit();
          return true;`),
        close: () => inPanel('panel.close(); return true;'),
      };
    },
    async openPopup(tabId) {
      extensionPage = await driver.openExtensionPage(`popup/popup.html?tab=${tabId}`);
      return extensionPage;
    },
    async openExtensionPage(path) {
      await closePanels(); // as showing another tab does in a real window
      const before = new Set(await browser.pages());
      await chromeEval(`
        gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(`moz-extension://${FIREFOX_UUID}/${path}`)},
          { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`);
      const popup = await waitFor('the popup tab', async () => (await browser.pages()).find((p) => !before.has(p)));
      await waitFor('the extension page to load', () => popup.evaluate(() => document.readyState === 'complete'
        && location.protocol === 'moz-extension:'));
      return popup;
    },
    async setField(page, selector, value) {
      await page.evaluate((sel, v) => {
        const input = document.querySelector(sel);
        input.value = v;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, selector, value);
    },
    async reloadPopup(popup) {
      // The old document is marked, so the wait cannot be met by the page that is about to go away (it is complete
      // and has its #status until the reload replaces it); an attempt that throws while the new one loads is retried.
      await popup.evaluate(() => {
        window.__askpageBeforeReload = true;
        location.reload();
      });
      await waitFor('the popup page to load again', () => popup.evaluate(() => !window.__askpageBeforeReload
        && document.readyState === 'complete' && document.getElementById('status') !== null));
    },
    async contentState(tabId) {
      if (!extensionPage) throw new Error('open the popup page first');
      return extensionPage.evaluate((id) => browser.tabs.sendMessage(id, { type: 'askpage:background-to-content:state' })
        .catch(() => null), tabId);
    },
    evaluate: (page, expression) => page.evaluate(expression),
    async type(page, text) {
      await page.bringToFront();
      await page.keyboard.type(text);
    },
    async press(page, key) {
      await page.bringToFront();
      const keys = key.split('+');
      for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
      await page.keyboard.press(keys[keys.length - 1]);
      for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
    },
    async popupAsk(popup, question) {
      await popup.bringToFront();
      await popup.evaluate(() => { document.getElementById('question').value = ''; });
      await popup.focus('#question');
      await popup.keyboard.type(question);
      await popup.keyboard.press('Enter');
    },
    async popupClick(popup, selector) {
      await popup.bringToFront();
      await popup.click(selector);
    },
    screenshot: (page, path) => page.screenshot({ path }),
    async close() {
      await browser.close();
    },
  };
  return driver;
}
