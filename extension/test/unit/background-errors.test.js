// The background's message listener, run in node against a fake browser API: an error it sends back must reach the
// popup as a sentence after Chromium's JSON serialisation of the reply, even when a browser API threw a native Error.
import assert from 'node:assert/strict';
import test from 'node:test';
import { BackgroundToContent, LocalErrors, PopupToBackground, describeError } from '../../src/shared/messages.js';

const EXTENSION_ID = 'askpage-test';
const BASE = `chrome-extension://${EXTENSION_ID}/`;
const listeners = { message: null };
const event = (set) => ({ addListener: set ?? (() => {}) });
let tabMessage = async () => ({ ok: true }); // the content script's reply to the background's tabs.sendMessage
let hostStarts = 0; // connectNative calls: each starts a host process
const calls = []; // the browser API calls the tests look at

globalThis.chrome = {
  runtime: {
    id: EXTENSION_ID,
    getURL: (path) => BASE + path,
    onMessage: event((f) => { listeners.message = f; }),
    connectNative: () => {
      hostStarts++;
      throw new Error('no host in this test');
    },
    lastError: undefined,
  },
  tabs: {
    sendMessage: (tabId, message) => (message.type === BackgroundToContent.PING
      ? Promise.resolve({ ok: true }) : tabMessage(tabId, message)),
    onRemoved: event(),
  },
  scripting: {
    executeScript: async () => [], insertCSS: async ({ target }) => { calls.push(['insertCSS', target.tabId]); },
    removeCSS: async () => {},
  },
  storage: { local: { get: async () => ({}) }, onChanged: event() },
  action: {
    setBadgeText: async ({ tabId, text }) => { calls.push(['badge', tabId, text]); },
    setTitle: async ({ tabId, title }) => { calls.push(['title', tabId, title]); },
    setBadgeBackgroundColor: async () => {},
  },
  commands: { onCommand: event() },
};
await import('../../src/background/background.js');

/** Sends `message` from the popup page and resolves with the reply as Chromium delivers it (JSON). */
function fromPopup(message) {
  return new Promise((resolve) => {
    const keptOpen = listeners.message(message, { id: EXTENSION_ID, url: `${BASE}popup/popup.html` },
      (reply) => resolve(JSON.parse(JSON.stringify(reply))));
    assert.equal(keptOpen, true);
  });
}

test('the page leaving mid-ask (tabs.sendMessage rejects with an Error): the popup gets an error it can show', async () => {
  tabMessage = async () => { throw new Error('Could not establish connection. Receiving end does not exist.'); };
  const reply = await fromPopup({ type: PopupToBackground.ASK, tabId: 7, question: 'who?' });
  assert.equal(reply.ok, false);
  assert.equal(reply.error.name, LocalErrors.NO_ACCESS);
  assert.equal(describeError(reply.error),
    'askpage cannot read this page (Could not establish connection. Receiving end does not exist.).');
});

test('an askpage error from our own validation is sent as it is', async () => {
  const reply = await fromPopup({ type: 'askpage:not-a-message' });
  assert.deepEqual(reply.error, { name: LocalErrors.BAD_REQUEST, message: 'unexpected message askpage:not-a-message' });
});

test('the content script answering normally still reaches the popup unchanged', async () => {
  tabMessage = async (tabId, message) => ({ status: 'answered', question: message.question, tabId });
  const reply = await fromPopup({ type: PopupToBackground.ASK, tabId: 7, question: 'who?' });
  assert.deepEqual(reply, { status: 'answered', question: 'who?', tabId: 7 });
});

test('the shortcut on a sandboxed page: the popup opens to ask there, or else the button says why', async () => {
  const noBar = { name: LocalErrors.NO_FIND_BAR, message: 'it is sandboxed' };
  tabMessage = async (tabId, message) => (message.type === BackgroundToContent.OPEN_FIND_BAR
    ? { ok: false, error: noBar } : { ok: true });
  calls.length = 0;
  chrome.action.openPopup = async () => { calls.push(['openPopup']); };
  await globalThis.askpageBackground.onCommand('open-find-bar', { id: 9 });
  assert.deepEqual(calls, [['openPopup']]);

  calls.length = 0;
  chrome.action.openPopup = async () => { throw new Error('Could not find an active browser window.'); };
  await globalThis.askpageBackground.onCommand('open-find-bar', { id: 9 });
  assert.deepEqual(calls, [
    ['badge', 9, '!'],
    ['title', 9, 'askpage: The find bar cannot run on this page (it is sandboxed): ask in askpage\'s popup (this '
      + 'button).'],
  ]);
  delete chrome.action.openPopup;

  // Where the bar opens, the highlight style goes in and no notice is shown.
  tabMessage = async () => ({ ok: true });
  calls.length = 0;
  await globalThis.askpageBackground.onCommand('open-find-bar', { id: 9 });
  assert.deepEqual(calls, [['insertCSS', 9], ['badge', 9, ''], ['title', 9, null]]);
});

test('the shortcut starts the host as the bar opens, before the page is read and sent', async () => {
  tabMessage = async () => ({ ok: true }); // the bar opened; the content script sends no prepare in this test
  const before = hostStarts;
  await globalThis.askpageBackground.onCommand('open-find-bar', { id: 9 });
  assert.equal(hostStarts, before + 1);
});

test('no bar, no host started by the shortcut (the popup that opens instead starts it)', async () => {
  tabMessage = async () => ({ ok: false, error: { name: LocalErrors.NO_FIND_BAR, message: 'sandboxed' } });
  chrome.action.openPopup = async () => {};
  const before = hostStarts;
  await globalThis.askpageBackground.onCommand('open-find-bar', { id: 9 });
  assert.equal(hostStarts, before);
  delete chrome.action.openPopup;
});
