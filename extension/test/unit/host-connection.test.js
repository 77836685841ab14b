import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConnectionState, HostConnection, isNotInstalledMessage } from '../../src/background/host-connection.js';

function event() {
  const listeners = [];
  return { addListener: (f) => listeners.push(f), fire: (...a) => listeners.forEach((f) => f(...a)) };
}

/** A fake browser: connectNative returns ports the test answers by hand. */
function fakeBrowser() {
  const ports = [];
  const connectNative = (name) => {
    const port = {
      name, sent: [], error: null, disconnected: false,
      onMessage: event(), onDisconnect: event(),
      postMessage(m) {
        if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
        this.sent.push(structuredClone(m));
      },
      disconnect() { this.disconnected = true; },
      reply(m) { this.onMessage.fire(m, this); },
      exit(message) { this.error = message ? { message } : null; this.disconnected = true; this.onDisconnect.fire(this); },
      last() { return this.sent[this.sent.length - 1]; },
    };
    ports.push(port);
    return port;
  };
  return { ports, connectNative, lastErrorOf: (p) => p.error?.message ?? '' };
}

/** Manual timers: run() fires the due ones. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const timers = new Map();
  return {
    setTimeout: (f, ms) => { timers.set(next, { f, at: now + ms }); return next++; },
    clearTimeout: (id) => timers.delete(id),
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers]) if (t.at <= now) { timers.delete(id); t.f(); }
    },
    get size() { return timers.size; },
  };
}

const HELLO = (id, protocol = 1, state = 'ready') => ({
  id, type: 'hello', result: { host: 'askpage', hostVersion: '0.1.0', protocol, capabilities: [], model: { state } },
});
const tick = () => new Promise((r) => setImmediate(r));

function setup(options = {}) {
  const browser = fakeBrowser();
  const timers = fakeTimers();
  const states = [];
  const connection = new HostConnection({
    connectNative: browser.connectNative, lastErrorOf: browser.lastErrorOf, timers, onChange: (s) => states.push(s),
    helloTimeoutMs: 1000, requestTimeoutMs: 5000, ...options,
  });
  return { browser, timers, connection, states };
}

async function connected() {
  const s = setup();
  const hello = s.connection.connect();
  const port = s.browser.ports[0];
  assert.deepEqual(port.last(), { id: 1, type: 'hello' });
  port.reply(HELLO(1));
  await hello;
  return { ...s, port };
}

test('connect opens dev.askpage.host, sends hello and becomes ready', async () => {
  const { connection, port, states } = await connected();
  assert.equal(port.name, 'dev.askpage.host');
  assert.equal(connection.state, ConnectionState.READY);
  assert.equal(connection.hello.host, 'askpage');
  assert.deepEqual(states, ['connecting', 'ready']);
});

test('requests get increasing ids and replies are matched by id, in any order', async () => {
  const { connection, port } = await connected();
  const a = connection.request('ask', { question: 'q1', text: 'abc' });
  const b = connection.request('ping');
  await tick();
  const [askMsg, pingMsg] = port.sent.slice(1);
  assert.equal(askMsg.type, 'ask');
  assert.equal(pingMsg.type, 'ping');
  assert.notEqual(askMsg.id, pingMsg.id);
  port.reply({ id: pingMsg.id, type: 'pong', result: {} });
  port.reply({ id: askMsg.id, type: 'answers', result: { mode: 'lexical', answers: [] } });
  assert.deepEqual(await b, {});
  assert.deepEqual(await a, { mode: 'lexical', answers: [] });
});

test('host errors reject with their code and name', async () => {
  const { connection, port } = await connected();
  const a = connection.request('ask', { question: 'q', text: 'x', tab: 3 });
  await tick();
  port.reply({ id: port.last().id, type: 'error', error: { code: 9, name: 'cancelled', message: 'newer question' } });
  await assert.rejects(a, { name: 'cancelled', code: 9, message: 'newer question' });
  assert.equal(connection.state, ConnectionState.READY, 'an error reply keeps the connection');
});

test('a reply of the wrong type is a bad_reply', async () => {
  const { connection, port } = await connected();
  const a = connection.request('ping');
  await tick();
  port.reply({ id: port.last().id, type: 'answers', result: { mode: 'model', answers: [] } });
  await assert.rejects(a, { name: 'bad_reply' });
});

test('Chromium\'s "host not found" gives the not_installed state, and the next request tries again', async () => {
  const { connection, browser } = setup();
  const hello = connection.connect();
  browser.ports[0].exit('Specified native messaging host not found.');
  await assert.rejects(hello, { name: 'not_installed' });
  assert.equal(connection.state, ConnectionState.NOT_INSTALLED);
  const again = connection.request('ping');
  assert.equal(browser.ports.length, 2, 'a new port for the next request');
  browser.ports[1].reply(HELLO(browser.ports[1].last().id));
  await tick();
  browser.ports[1].reply({ id: browser.ports[1].last().id, type: 'pong', result: {} });
  assert.deepEqual(await again, {});
  assert.equal(connection.state, ConnectionState.READY);
});

test('Firefox\'s "No such native application" is not_installed too', async () => {
  const { connection, browser } = setup();
  const hello = connection.connect();
  browser.ports[0].exit('No such native application dev.askpage.host');
  await assert.rejects(hello, { name: 'not_installed' });
  assert.equal(connection.state, ConnectionState.NOT_INSTALLED);
  assert.ok(isNotInstalledMessage('Access to the specified native messaging host is forbidden.'));
  assert.ok(!isNotInstalledMessage('Native host has exited.'));
});

test('when the host exits, waiting requests fail and the next request reconnects', async () => {
  const { connection, port, browser } = await connected();
  const a = connection.request('ask', { question: 'q', text: 'x' });
  await tick();
  port.exit('Native host has exited.');
  await assert.rejects(a, { name: 'host_exited' });
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
  const b = connection.request('ping');
  const port2 = browser.ports[1];
  assert.deepEqual(port2.last(), { id: port2.last().id, type: 'hello' });
  port2.reply(HELLO(port2.last().id));
  await tick();
  port2.reply({ id: port2.last().id, type: 'pong', result: {} });
  assert.deepEqual(await b, {});
});

test('Firefox reports a clean exit with no error; that is host_exited', async () => {
  const { connection, port } = await connected();
  const a = connection.request('ping');
  await tick();
  port.exit(null);
  await assert.rejects(a, { name: 'host_exited' });
});

test('a protocol version other than 1 is incompatible and closes the port', async () => {
  const { connection, browser } = setup();
  const hello = connection.connect();
  browser.ports[0].reply(HELLO(1, 2));
  await assert.rejects(hello, { name: 'protocol_mismatch' });
  assert.equal(connection.state, ConnectionState.INCOMPATIBLE);
  assert.ok(browser.ports[0].disconnected);
});

test('an ask without a reply times out and is cancelled on the host', async () => {
  const { connection, port, timers } = await connected();
  const a = connection.request('ask', { question: 'q', text: 'x' }, { timeoutMs: 3000 });
  await tick();
  const askId = port.last().id;
  timers.advance(3000);
  await assert.rejects(a, { name: 'timeout' });
  assert.deepEqual(port.last(), { id: port.last().id, type: 'cancel', target: askId });
  port.reply({ id: askId, type: 'answers', result: { mode: 'model', answers: [] } }); // late: ignored
  assert.equal(connection.state, ConnectionState.READY);
});

test('an ask whose signal aborts while the host works gets a cancel; the host\'s cancelled reply ends it', async () => {
  const { connection, port, timers } = await connected();
  const controller = new AbortController();
  const a = connection.request('ask', { question: 'q', text: 'x', tab: 4 }, { signal: controller.signal });
  await tick();
  const askId = port.last().id;
  controller.abort();
  const cancel = port.last();
  assert.deepEqual(cancel, { id: cancel.id, type: 'cancel', target: askId });
  assert.notEqual(cancel.id, askId);
  port.reply({ id: cancel.id, type: 'cancel', result: { cancelled: true } }); // matches nothing pending: ignored
  port.reply({ id: askId, type: 'error', error: { code: 9, name: 'cancelled', message: 'cancelled' } });
  await assert.rejects(a, { name: 'cancelled', code: 9 });
  assert.equal(timers.size, 0, 'no timer left behind');
  assert.equal(connection.state, ConnectionState.READY);
});

test('a request the browser refuses to post (a message over its size limit) fails at once, not at its timeout', async () => {
  const { connection, port, timers } = await connected();
  const post = port.postMessage;
  port.postMessage = function refuse(m) {
    if (m.type === 'ask') throw new Error('Message exceeds maximum allowed size of 64MB');
    return post.call(this, m);
  };
  const a = connection.request('ask', { question: 'q', text: 'x' }, { timeoutMs: 90000 });
  await assert.rejects(a, (e) => e.name === 'bad_request' && /64MB/.test(e.message));
  assert.equal(timers.size, 0, 'no timer left behind');
  assert.equal(connection.state, ConnectionState.READY, 'the port is still good');
  const b = connection.request('ping');
  await tick();
  port.reply({ id: port.last().id, type: 'pong', result: {} });
  await b;
});
test('an ask whose signal aborted before it was sent is never sent', async () => {
  const { connection, port } = await connected();
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(connection.request('ask', { question: 'q', text: 'x' }, { signal: controller.signal }),
    { name: 'cancelled', code: 9 });
  assert.deepEqual(port.sent.map((m) => m.type), ['hello']);
});

test('an abort after the ask has ended, or of a request that is not an ask, sends no cancel', async () => {
  const { connection, port } = await connected();
  const controller = new AbortController();
  const a = connection.request('ask', { question: 'q', text: 'x' }, { signal: controller.signal });
  const p = connection.request('ping', {}, { signal: controller.signal });
  await tick();
  const [askMsg, pingMsg] = port.sent.slice(1);
  port.reply({ id: askMsg.id, type: 'answers', result: { mode: 'model', answers: [] } });
  await a;
  controller.abort();
  port.reply({ id: pingMsg.id, type: 'pong', result: {} });
  await p;
  assert.deepEqual(port.sent.map((m) => m.type), ['hello', 'ask', 'ping']);
});

test('a host that never says hello times out and the connection is dropped', async () => {
  const { connection, browser, timers } = setup();
  const hello = connection.connect();
  timers.advance(1000);
  await assert.rejects(hello, { name: 'timeout' });
  assert.equal(connection.state, ConnectionState.DISCONNECTED);
  assert.ok(browser.ports[0].disconnected);
});

test('concurrent requests share one connection and one hello', async () => {
  const { connection, browser } = setup();
  const a = connection.request('ping');
  const b = connection.request('ping');
  assert.equal(browser.ports.length, 1);
  const port = browser.ports[0];
  assert.equal(port.sent.length, 1);
  port.reply(HELLO(1));
  await tick();
  const pings = port.sent.slice(1);
  assert.equal(pings.length, 2);
  for (const p of pings) port.reply({ id: p.id, type: 'pong', result: {} });
  await Promise.all([a, b]);
});

test('invalid requests fail locally without reaching the host', async () => {
  const { connection, port } = await connected();
  await assert.rejects(connection.request('ask', { question: ' ', text: 'x' }), { name: 'bad_request' });
  assert.equal(port.sent.length, 1);
});

test('a malformed reply to a waiting request rejects it as bad_reply', async () => {
  const { connection, port } = await connected();
  const a = connection.request('ask', { question: 'q', text: 'x' });
  await tick();
  port.reply({ id: port.last().id, type: 'answers', result: { mode: 'model', answers: [{ start: 'x' }] } });
  await assert.rejects(a, { name: 'bad_reply' });
});

test('refreshHello updates the model state', async () => {
  const { connection, port } = await connected();
  const r = connection.refreshHello();
  await tick();
  port.reply(HELLO(port.last().id, 1, 'loading'));
  assert.equal((await r).model.state, 'loading');
  assert.equal(connection.hello.model.state, 'loading');
});

test('a partial reply goes to onPartial once and does not end the ask; late or stray partials are dropped', async () => {
  const { connection, port } = await connected();
  const partials = [];
  const asked = connection.request('ask', { question: 'q', text: 'abc', partial: true },
    { onPartial: (r) => partials.push(r.answers.length) });
  await tick();
  const { id } = port.last();
  assert.equal(port.last().partial, true);
  const result = { mode: 'model', answers: [{ text: 'a', start: 0, end: 1, score: 1, probability: 1 }] };
  port.reply({ id, type: 'partial', result });
  port.reply({ id, type: 'partial', result }); // a second partial breaks the protocol: not shown
  port.reply({ id, type: 'answers', result: { ...result, answers: [] } });
  assert.deepEqual((await asked).answers, []);
  port.reply({ id, type: 'partial', result }); // after the final answers
  assert.deepEqual(partials, [1]);

  // A partial for a request that is not an ask (or an ask without onPartial) is ignored, and the request goes on.
  const pinged = connection.request('ping');
  await tick();
  port.reply({ id: port.last().id, type: 'partial', result });
  port.reply({ id: port.last().id, type: 'pong', result: {} });
  assert.deepEqual(await pinged, {});
});
