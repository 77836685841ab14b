// The background passes a host's partial answers to the asking tab only while that ask stands: once the tab dropped it
// (Esc, a newer question, the page left), a partial that still comes is not sent: the tab's next page numbers its
// asks from 1 again and would take it for its own. Run in node against a fake browser API and a fake native port.
import assert from 'node:assert/strict';
import test from 'node:test';
import { BackgroundToContent, ContentToBackground } from '../../src/shared/messages.js';

const EXTENSION_ID = 'askpage-test';
const listeners = { message: null };
const event = (set) => ({ addListener: set ?? (() => {}) });
const toTabs = []; // what the background sent to tabs
let port = null;

function fakePort() {
  const p = {
    sent: [], onMessage: { listeners: [], addListener(f) { this.listeners.push(f); } }, onDisconnect: event(),
    postMessage(m) {
      this.sent.push(structuredClone(m));
      if (m.type === 'hello') {
        queueMicrotask(() => p.reply({ id: m.id, type: 'hello', result: {
          host: 'askpage', hostVersion: '0.1.0', protocol: 1, capabilities: ['partial'], model: { state: 'ready' },
          limits: { maxTextChars: 1000 } } }));
      }
    },
    disconnect() {},
    reply(m) { for (const f of this.onMessage.listeners) f(m, p); },
    ask() { return this.sent.find((m) => m.type === 'ask'); },
  };
  return p;
}

globalThis.chrome = {
  runtime: {
    id: EXTENSION_ID, getURL: (path) => `chrome-extension://${EXTENSION_ID}/${path}`,
    onMessage: event((f) => { listeners.message = f; }),
    connectNative: () => { port = fakePort(); return port; },
    lastError: undefined,
  },
  tabs: { sendMessage: async (tabId, message) => { toTabs.push({ tabId, message }); return { ok: true }; }, onRemoved: event() },
  scripting: { executeScript: async () => [], insertCSS: async () => {}, removeCSS: async () => {} },
  storage: { local: { get: async () => ({}) }, onChanged: event() },
  action: { setBadgeText: async () => {}, setTitle: async () => {}, setBadgeBackgroundColor: async () => {} },
  commands: { onCommand: event() },
};
await import('../../src/background/background.js');

const TAB = 5;
const sender = { id: EXTENSION_ID, tab: { id: TAB }, frameId: 0, url: 'https://example.org/' };
function fromContent(message) {
  return new Promise((resolve) => listeners.message(message, sender, resolve));
}
const until = async (what, f) => {
  for (let i = 0; i < 200; i++) {
    const v = f();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no ${what}`);
};
const partials = () => toTabs.filter((m) => m.message.type === BackgroundToContent.PARTIAL);
const PARTIAL = { mode: 'model', answers: [{ start: 0, end: 4, text: 'Bert', score: 7.5, probability: 0.9 }] };

test('a partial answer of a standing ask goes to its tab', async () => {
  const reply = fromContent({ type: ContentToBackground.ASK, question: 'who?', text: 'Bert lives here.', url: sender.url,
    askId: 1 });
  const ask = await until('ask to the host', () => port?.ask());
  assert.equal(ask.partial, true);
  port.reply({ id: ask.id, type: 'partial', result: PARTIAL });
  await until('the partial in the tab', () => partials().length === 1);
  assert.deepEqual(partials()[0], { tabId: TAB, message: { type: BackgroundToContent.PARTIAL, askId: 1, result: PARTIAL } });
  port.reply({ id: ask.id, type: 'answers', result: { mode: 'model', answers: [] } });
  assert.equal((await reply).ok, true);
});

test('a partial answer that comes after the tab dropped the ask is not sent', async () => {
  port.sent.length = 0;
  const before = partials().length;
  const reply = fromContent({ type: ContentToBackground.ASK, question: 'who else?', text: 'Bert lives here.',
    url: sender.url, askId: 2 });
  const ask = await until('ask to the host', () => port.ask());
  assert.deepEqual(await fromContent({ type: ContentToBackground.CANCEL, askId: 2 }), { ok: true, cancelled: true });
  assert.ok(port.sent.some((m) => m.type === 'cancel' && m.target === ask.id), 'the host was told to cancel');
  port.reply({ id: ask.id, type: 'partial', result: PARTIAL }); // was on its way
  port.reply({ id: ask.id, type: 'error', error: { code: 9, name: 'cancelled', message: 'cancelled' } });
  const r = await reply;
  assert.equal(r.ok, false);
  assert.equal(r.error.name, 'cancelled');
  await new Promise((res) => setTimeout(res, 20));
  assert.equal(partials().length, before, 'no partial answer sent for the dropped ask');
});
