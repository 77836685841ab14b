// Instant find, the extension's side, against the protocol of PROTOCOL.md (prepare, pageId, partial, unknown_page)
// through the real HostConnection and a fake port whose host follows the protocol: a page store with eviction, a
// partial before the final answers, and hosts without the capabilities.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostConnection } from '../../src/background/host-connection.js';
import {
  PreparedPages, TabCaptures, askTab, captureText, isCaptureId, prepareTab,
} from '../../src/background/instant-ask.js';
import { partialIsCurrent } from '../../src/content/partial.js';

function event() {
  const listeners = [];
  return { addListener: (f) => listeners.push(f), fire: (...a) => listeners.forEach((f) => f(...a)) };
}

const ANSWER = (text, page, p = 1) => ({ text, start: page.indexOf(text), end: page.indexOf(text) + text.length, score: 5, probability: p });

/**
 * A host behind a fake port. `capabilities` as in hello; pages are kept by id until `evict()`; an ask with
 * `partial: true` gets one partial (the best window's answer) and then the answers.
 */
function fakeHost({ capabilities = ['ask', 'cancel', 'ping', 'tab', 'prepare', 'partial'] } = {}) {
  const pages = new Map(); // id → text
  const sent = [];
  let port;
  const idOf = (text) => `id-${text.length}-${text.slice(0, 8)}`;
  const reply = (m) => queueMicrotask(() => port.onMessage.fire(m, port));
  const answer = (m, text) => {
    const result = { mode: 'model', answers: [ANSWER('Bert', text, 0.9), ANSWER('Sesame', text, 0.1)], pageId: idOf(text) };
    if (m.partial) reply({ id: m.id, type: 'partial', result: { ...result, answers: [ANSWER('Bert', text)] } });
    reply({ id: m.id, type: 'answers', result });
  };
  const host = {
    sent,
    pages,
    evict: () => pages.clear(),
    connectNative: () => {
      port = {
        onMessage: event(), onDisconnect: event(), disconnect() {},
        postMessage(m) {
          sent.push(structuredClone(m));
          if (m.type === 'hello') {
            reply({ id: m.id, type: 'hello', result: { host: 'askpage', protocol: 1, capabilities, model: { state: 'ready' } } });
          } else if (m.type === 'prepare') {
            if (!capabilities.includes('prepare')) {
              reply({ id: m.id, type: 'error', error: { code: 5, name: 'unknown_type', message: 'prepare' } });
              return;
            }
            pages.set(idOf(m.text), m.text);
            reply({ id: m.id, type: 'prepared', result: { pageId: idOf(m.text), chars: m.text.length, cacheHit: false } });
          } else if (m.type === 'ask') {
            if (m.pageId !== undefined && !pages.has(m.pageId)) {
              reply({ id: m.id, type: 'error', error: { code: 13, name: 'unknown_page', message: 'send the text' } });
              return;
            }
            const text = m.text ?? pages.get(m.pageId);
            if (capabilities.includes('prepare')) pages.set(idOf(text), text);
            answer(m, text);
          }
        },
      };
      return port;
    },
    asks: () => sent.filter((m) => m.type === 'ask'),
  };
  return host;
}

function setup(options) {
  const host = fakeHost(options);
  const connection = new HostConnection({ connectNative: host.connectNative, lastErrorOf: () => '' });
  return { host, connection, pages: new PreparedPages() };
}

const PAGE = 'Bert lives at 123 Sesame Street.';
const FIELDS = { question: 'Where does Bert live?', url: 'https://x/' };

test('opening the bar prepares the page; the ask then names the page id, not the text', async () => {
  const { host, connection, pages } = setup();
  assert.equal(await prepareTab(connection, pages, { tab: 7, text: PAGE, url: 'https://x/' }), `id-${PAGE.length}-Bert liv`);
  assert.deepEqual(host.sent.map((m) => m.type), ['hello', 'prepare']);
  assert.deepEqual(host.sent[1], { id: 2, type: 'prepare', text: PAGE, url: 'https://x/', tab: 7 });
  const result = await askTab(connection, pages, { tab: 7, text: PAGE, fields: FIELDS });
  assert.equal(result.answers[0].text, 'Bert');
  const [ask] = host.asks();
  assert.equal(ask.pageId, `id-${PAGE.length}-Bert liv`);
  assert.equal(ask.text, undefined, 'the page is not sent again');
  assert.equal(ask.tab, 7);
  // Preparing the same text again sends nothing.
  await prepareTab(connection, pages, { tab: 7, text: PAGE });
  assert.equal(host.sent.filter((m) => m.type === 'prepare').length, 1);
});

test('an ask sent while the prepare is still on its way waits for its page id', async () => {
  const { host, connection, pages } = setup();
  const prepared = prepareTab(connection, pages, { tab: 1, text: PAGE });
  const asked = askTab(connection, pages, { tab: 1, text: PAGE, fields: FIELDS });
  await Promise.all([prepared, asked]);
  assert.equal(host.asks()[0].pageId, `id-${PAGE.length}-Bert liv`);
});

test('a page id the host has evicted: one resend with the text, then by id again', async () => {
  const { host, connection, pages } = setup();
  await prepareTab(connection, pages, { tab: 3, text: PAGE });
  host.evict();
  const result = await askTab(connection, pages, { tab: 3, text: PAGE, fields: FIELDS });
  assert.equal(result.answers[0].text, 'Bert');
  const asks = host.asks();
  assert.equal(asks.length, 2);
  assert.ok(asks[0].pageId && asks[0].text === undefined);
  assert.ok(asks[1].text === PAGE && asks[1].pageId === undefined);
  // The answers carried the page id again: the next question names it.
  await askTab(connection, pages, { tab: 3, text: PAGE, fields: FIELDS });
  assert.ok(host.asks()[2].pageId && host.asks()[2].text === undefined);
});

test('unknown_page twice in a row is an error, not a loop', async () => {
  const { host, pages } = setup();
  pages.remember(3, PAGE, 'gone', 1); // an id from this connection's first host process
  const realPost = host.connectNative;
  let port;
  const wrapped = new HostConnection({
    connectNative: (n) => {
      port = realPost(n);
      const post = port.postMessage.bind(port);
      port.postMessage = (m) => post(m.type === 'ask' ? { ...m, text: undefined, pageId: 'gone' } : m);
      return port;
    },
    lastErrorOf: () => '',
  });
  await assert.rejects(askTab(wrapped, pages, { tab: 3, text: PAGE, fields: FIELDS }), { name: 'unknown_page' });
  assert.equal(host.asks().length, 2, 'one ask by id, one resend, no more');
});

test('page ids do not outlive their host process: after a reconnect the page is prepared again', async () => {
  const { host, connection, pages } = setup();
  await prepareTab(connection, pages, { tab: 4, text: PAGE });
  connection.disconnect(); // the host exited; the next request starts a new one
  host.evict();
  await prepareTab(connection, pages, { tab: 4, text: PAGE });
  assert.equal(host.sent.filter((m) => m.type === 'prepare').length, 2);
  await askTab(connection, pages, { tab: 4, text: PAGE, fields: FIELDS });
  assert.equal(host.asks().length, 1, 'asked by the new id at once, no unknown_page round trip');
  assert.ok(host.asks()[0].pageId);
});

test('a changed page (new capture) is sent as text, and its new id replaces the old one', async () => {
  const { host, connection, pages } = setup();
  await prepareTab(connection, pages, { tab: 5, text: PAGE });
  const changed = `${PAGE} Ernie too.`;
  await askTab(connection, pages, { tab: 5, text: changed, fields: FIELDS });
  assert.equal(host.asks()[0].text, changed);
  await askTab(connection, pages, { tab: 5, text: changed, fields: FIELDS });
  assert.equal(host.asks()[1].pageId, `id-${changed.length}-Bert liv`);
});

test('partial answers reach onPartial once, before the final answers', async () => {
  const { host, connection, pages } = setup();
  const seen = [];
  const result = await askTab(connection, pages, {
    tab: 2, text: PAGE, fields: FIELDS, onPartial: (r) => seen.push(['partial', r.answers.map((a) => a.text)]),
  });
  seen.push(['final', result.answers.map((a) => a.text)]);
  assert.deepEqual(seen, [['partial', ['Bert']], ['final', ['Bert', 'Sesame']]]);
  assert.equal(host.asks()[0].partial, true);
});

test('old hosts (no capabilities): the ask carries the text and no partial flag, and nothing is prepared', async () => {
  const { host, connection, pages } = setup({ capabilities: ['ask', 'cancel', 'ping', 'tab'] });
  assert.equal(await prepareTab(connection, pages, { tab: 1, text: PAGE }), null);
  const partials = [];
  await askTab(connection, pages, { tab: 1, text: PAGE, fields: FIELDS, onPartial: (r) => partials.push(r) });
  await askTab(connection, pages, { tab: 1, text: PAGE, fields: FIELDS, onPartial: (r) => partials.push(r) });
  assert.deepEqual(host.sent.map((m) => m.type), ['hello', 'ask', 'ask']);
  for (const ask of host.asks()) {
    assert.equal(ask.text, PAGE);
    assert.equal(ask.pageId, undefined);
    assert.equal(ask.partial, undefined);
  }
  assert.deepEqual(partials, []);
  assert.equal(pages.size, 0);
});

test('a failed prepare leaves the ask to carry the text', async () => {
  const { host, pages } = setup({ capabilities: ['ask', 'prepare'] });
  const original = host.connectNative;
  const failing = new HostConnection({
    connectNative: (n) => {
      const port = original(n);
      const post = port.postMessage.bind(port);
      port.postMessage = (m) => (m.type === 'prepare'
        ? queueMicrotask(() => port.onMessage.fire({ id: m.id, type: 'error', error: { code: 12, name: 'busy' } }, port))
        : post(m));
      return port;
    },
    lastErrorOf: () => '',
  });
  assert.equal(await prepareTab(failing, pages, { tab: 1, text: PAGE }), null);
  await askTab(failing, pages, { tab: 1, text: PAGE, fields: FIELDS });
  assert.equal(host.asks()[0].text, PAGE);
});

test('prepared pages are bounded: the least recently used tab is forgotten first', () => {
  const pages = new PreparedPages({ maxTabs: 2 });
  pages.remember(1, 'a', 'id-a');
  pages.remember(2, 'b', 'id-b');
  assert.ok(pages.idFor(1, 'a')); // tab 1 used again
  pages.remember(3, 'c', 'id-c');
  assert.equal(pages.idFor(2, 'b'), null);
  assert.ok(pages.idFor(1, 'a'));
  assert.equal(pages.idFor(1, 'other text'), null);
  pages.forget(1);
  assert.equal(pages.idFor(1, 'a'), null);
});

test('a capture named by id only: the background asks with the text it kept, and unknown_page still resends it', async () => {
  const { host, connection, pages } = setup();
  const captures = new TabCaptures();
  await prepareTab(connection, pages, { tab: 6, text: captureText(captures, 6, { text: PAGE, captureId: 'c-1' }) });
  host.evict();
  const text = captureText(captures, 6, { captureId: 'c-1' }); // the ask carried no text
  assert.equal(text, PAGE);
  const result = await askTab(connection, pages, { tab: 6, text, fields: FIELDS });
  assert.equal(result.answers[0].text, 'Bert');
  assert.deepEqual(host.asks().map((a) => [Boolean(a.pageId), a.text === PAGE]), [[true, false], [false, true]]);
});

test('tab captures: one per tab, by id; unknown ids, other tabs and forgotten tabs give null; bounded', () => {
  const captures = new TabCaptures({ maxTabs: 2 });
  assert.equal(captureText(captures, 1, { text: 'a', captureId: 'x-1' }), 'a');
  assert.equal(captureText(captures, 1, { captureId: 'x-1' }), 'a');
  assert.equal(captureText(captures, 1, { captureId: 'x-2' }), null, 'a capture never sent');
  assert.equal(captureText(captures, 2, { captureId: 'x-1' }), null, 'another tab');
  assert.equal(captureText(captures, 1, { text: 'b', captureId: 'x-2' }), 'b');
  assert.equal(captures.textOf(1, 'x-1'), null, 'a newer capture replaces the old');
  assert.equal(captureText(captures, 3, { text: 'no id' }), 'no id', 'text without an id is used, not kept');
  assert.equal(captures.size, 1);
  captures.remember(2, 'y-1', 'c');
  assert.equal(captures.textOf(1, 'x-2'), 'b'); // tab 1 used again
  captures.remember(3, 'z-1', 'd');
  assert.equal(captures.textOf(2, 'y-1'), null, 'the least recently used tab went first');
  assert.equal(captures.textOf(1, 'x-2'), 'b');
  captures.forget(1);
  assert.equal(captures.textOf(1, 'x-2'), null);
  assert.ok(isCaptureId('0123abcd-1'));
  for (const bad of ['', 'x'.repeat(65), 7, null, undefined, {}]) assert.equal(isCaptureId(bad), false);
});

test('a partial is painted only for the question still being asked', () => {
  assert.equal(partialIsCurrent({ seq: 4, status: 'asking' }, 4), true);
  assert.equal(partialIsCurrent({ seq: 5, status: 'asking' }, 4), false, 'replaced by a newer question');
  assert.equal(partialIsCurrent({ seq: 5, status: 'idle' }, 4), false, 'cancelled (Esc, bar closed)');
  assert.equal(partialIsCurrent({ seq: 4, status: 'answered' }, 4), false, 'the final answers are in');
  assert.equal(partialIsCurrent({ seq: 4, status: 'error' }, 4), false);
  assert.equal(partialIsCurrent({ seq: 4, status: 'asking' }, undefined), false);
});

test('an ask the tab dropped while it waited for its prepare is never sent', async () => {
  const { host, connection, pages } = setup();
  const prepared = prepareTab(connection, pages, { tab: 6, text: PAGE });
  const controller = new AbortController();
  const asked = askTab(connection, pages, { tab: 6, text: PAGE, fields: FIELDS, signal: controller.signal });
  controller.abort(); // Esc before the prepare's reply came
  await prepared;
  await assert.rejects(asked, { name: 'cancelled' });
  assert.deepEqual(host.asks(), []);
});
