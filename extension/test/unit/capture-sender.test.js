// The page text crosses from the content script to the background once per capture: the content script's
// CaptureSender against the background's real TabCaptures/captureText, behind a fake runtime.sendMessage that
// records what crossed and can lose the background's memory (a service-worker restart).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TabCaptures, captureText, isCaptureId } from '../../src/background/instant-ask.js';
import { CaptureSender } from '../../src/content/capture-sender.js';
import { LocalErrors } from '../../src/shared/messages.js';

const TAB = 9;

/** A background as background.js serves content-script messages: the text for the ask, or UNKNOWN_CAPTURE. */
function fakeBackground() {
  const bg = {
    captures: new TabCaptures(),
    sent: [], // what crossed: {type, captureId, withText}
    asked: [], // the text each ask or prepare stood for
    restart() {
      bg.captures = new TabCaptures();
    },
    send: async (message) => {
      assert.ok(isCaptureId(message.captureId), 'every message names its capture');
      bg.sent.push({ type: message.type, captureId: message.captureId, withText: typeof message.text === 'string' });
      const text = captureText(bg.captures, TAB, message);
      if (text === null) return { ok: false, error: { name: LocalErrors.UNKNOWN_CAPTURE, message: 'send the text' } };
      bg.asked.push(text);
      return { ok: true };
    },
  };
  return bg;
}

const capture = (text) => ({ text, segments: [] });
const ASK = { type: 'ask', question: 'Where?' };
const PREPARE = { type: 'prepare' };

test('the text crosses once per capture: the prepare carries it, the asks about that capture only its id', async () => {
  const bg = fakeBackground();
  const sender = new CaptureSender({ send: bg.send, prefix: 'p' });
  const page = capture('Bert lives at 123 Sesame Street.');
  await sender.send(PREPARE, page);
  await sender.send(ASK, page);
  await sender.send(ASK, page);
  assert.deepEqual(bg.sent.map((m) => m.withText), [true, false, false]);
  assert.deepEqual(bg.asked, [page.text, page.text, page.text]);
  assert.equal(new Set(bg.sent.map((m) => m.captureId)).size, 1);
});

test('a new capture with other text gets a new id and carries its text; a re-render with the same text does not', async () => {
  const bg = fakeBackground();
  const sender = new CaptureSender({ send: bg.send, prefix: 'p' });
  const first = capture('Bert lives at 123 Sesame Street.');
  await sender.send(ASK, first);
  const rerendered = capture(first.text); // new nodes, same text
  await sender.send(ASK, rerendered);
  const changed = capture(`${first.text} Ernie too.`);
  await sender.send(ASK, changed);
  await sender.send(ASK, changed);
  assert.deepEqual(bg.sent.map((m) => m.withText), [true, false, true, false]);
  assert.equal(sender.idOf(rerendered), sender.idOf(first));
  assert.notEqual(sender.idOf(changed), sender.idOf(first));
  assert.deepEqual(bg.asked, [first.text, first.text, changed.text, changed.text]);
});

test('a background that lost the capture (restart, evicted tab): one resend with the text, then by id again', async () => {
  const bg = fakeBackground();
  const sender = new CaptureSender({ send: bg.send, prefix: 'p' });
  const page = capture('Bert lives at 123 Sesame Street.');
  await sender.send(PREPARE, page);
  bg.restart();
  assert.deepEqual(await sender.send(ASK, page), { ok: true });
  await sender.send(ASK, page);
  assert.deepEqual(bg.sent.map((m) => [m.type, m.withText]), [
    ['prepare', true], ['ask', false], ['ask', true], ['ask', false],
  ]);
  assert.deepEqual(bg.asked, [page.text, page.text, page.text]);
});

test('a prepare that never arrived: the ask is resent with the text', async () => {
  const bg = fakeBackground();
  let lose = true;
  const sender = new CaptureSender({
    send: (m) => (lose ? (lose = false, Promise.resolve(undefined)) : bg.send(m)), prefix: 'p',
  });
  const page = capture('Bert lives at 123 Sesame Street.');
  await sender.send(PREPARE, page); // lost on the way
  await sender.send(ASK, page);
  assert.deepEqual(bg.sent.map((m) => m.withText), [false, true]);
});

test('no resend once a newer question took over, and other errors are not resent', async () => {
  const bg = fakeBackground();
  const sender = new CaptureSender({ send: bg.send, prefix: 'p' });
  const page = capture('Bert lives at 123 Sesame Street.');
  await sender.send(PREPARE, page);
  bg.restart();
  const reply = await sender.send(ASK, page, () => false);
  assert.equal(reply.error.name, LocalErrors.UNKNOWN_CAPTURE);
  assert.equal(bg.sent.length, 2);

  const failing = new CaptureSender({
    send: async (m) => { bg.sent.push(m); return { ok: false, error: { name: 'busy' } }; }, prefix: 'q',
  });
  bg.sent.length = 0;
  await failing.send(PREPARE, page);
  assert.equal((await failing.send(ASK, page)).error.name, 'busy');
  assert.deepEqual(bg.sent.map((m) => typeof m.text === 'string'), [true, false], 'the busy ask is not resent');
});

test('capture ids differ between content-script instances and between captures', () => {
  const a = new CaptureSender({ send: async () => ({ ok: true }) });
  const b = new CaptureSender({ send: async () => ({ ok: true }) });
  const ids = [a.idOf(capture('x')), a.idOf(capture('y')), b.idOf(capture('x')), b.idOf(capture('y'))];
  assert.equal(new Set(ids).size, 4);
  assert.ok(ids.every(isCaptureId));
});
