import assert from 'node:assert/strict';
import test from 'node:test';
import { FOLLOW_INTERVAL_MS, followAsk } from '../../src/popup/follow-ask.js';

/** Timers run by hand: tick() fires the one pending timer, as the browser would after intervalMs. */
function manualTimers() {
  const pending = new Map();
  let next = 1;
  return {
    setTimeout(f, ms) { pending.set(next, { f, ms }); return next++; },
    clearTimeout(id) { pending.delete(id); },
    get count() { return pending.size; },
    async tick() {
      assert.equal(pending.size, 1, 'one read waits');
      const [[id, { f, ms }]] = pending;
      assert.equal(ms, FOLLOW_INTERVAL_MS);
      pending.delete(id);
      f();
      await new Promise((resolve) => setImmediate(resolve)); // the read's reply
    },
  };
}

const asking = { question: 'who?', status: 'asking', answers: [] };
const answered = { question: 'who?', status: 'answered', answers: [{ text: 'Rollo' }] };

/** A popup: what it rendered, and the tab's summaries its reads return in turn. */
function popup(replies) {
  const rendered = [];
  let reads = 0;
  const read = async () => {
    const reply = replies[reads++];
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { rendered, read, render: (s) => rendered.push(s?.status ?? null), reads: () => reads };
}

test('opened while the find bar is asking: the popup shows the answers once the ask is over', async () => {
  const timers = manualTimers();
  const p = popup([asking, asking, answered]);
  const following = followAsk({ first: asking, read: p.read, render: p.render, timers });
  await timers.tick();
  await timers.tick();
  await timers.tick();
  assert.deepEqual(p.rendered, ['asking', 'asking', 'asking', 'answered']);
  assert.equal(timers.count, 0, 'no further reads once answered');
  await following.done;
});

test('a summary that is not asking is rendered once and not read again', async () => {
  for (const first of [answered, { status: 'error', error: { name: 'timeout' } }, { status: 'stale' }, null]) {
    const timers = manualTimers();
    const p = popup([]);
    await followAsk({ first, read: p.read, render: p.render, timers }).done;
    assert.deepEqual(p.rendered, [first?.status ?? null]);
    assert.equal(timers.count, 0);
    assert.equal(p.reads(), 0);
  }
});

test('the page going away mid-ask (no summary, or a failed read) ends the following', async () => {
  const timers = manualTimers();
  const gone = popup([null]);
  followAsk({ first: asking, read: gone.read, render: gone.render, timers });
  await timers.tick();
  assert.deepEqual(gone.rendered, ['asking', null], 'null clears the "Asking…"');
  assert.equal(timers.count, 0);

  const failing = popup([new Error('Receiving end does not exist')]);
  const following = followAsk({ first: asking, read: failing.read, render: failing.render, timers });
  await timers.tick();
  await following.done;
  assert.equal(timers.count, 0);
});

test('stop() (the popup closed, or asked its own question) ends it, and a reply already under way is not rendered', async () => {
  const timers = manualTimers();
  const p = popup([]);
  const following = followAsk({ first: asking, read: p.read, render: p.render, timers });
  following.stop();
  assert.equal(timers.count, 0, 'the waiting read is cancelled');
  await following.done;

  let reply;
  const slow = { read: () => new Promise((resolve) => { reply = resolve; }), rendered: [] };
  const t2 = manualTimers();
  const f2 = followAsk({ first: asking, read: slow.read, render: (s) => slow.rendered.push(s?.status), timers: t2 });
  await t2.tick(); // the read is under way
  f2.stop();
  reply(answered);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(slow.rendered, ['asking'], 'the popup\'s own ask owns the view now');
  assert.equal(t2.count, 0);
});
