import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsksInFlight } from '../../src/background/asks-in-flight.js';
import { askInFlight } from '../../src/content/partial.js';

test('cancelling the ask a tab waits for aborts its signal, once', () => {
  const asks = new AsksInFlight();
  const { signal } = asks.start(3, 1);
  assert.equal(asks.cancel(3, 1), true);
  assert.equal(signal.aborted, true);
  assert.equal(asks.cancel(3, 1), false, 'already dropped');
  assert.equal(asks.size, 0);
});

test('a cancel naming an older ask of the tab leaves the newer one running', () => {
  const asks = new AsksInFlight();
  const older = asks.start(3, 1);
  const newer = asks.start(3, 2); // the host cancels the older one itself (same tab)
  assert.equal(asks.cancel(3, 1), false);
  assert.equal(newer.signal.aborted, false);
  assert.equal(older.signal.aborted, false, 'no extra cancel for a replaced question');
  older.done(); // the older ask ends after the newer started: the newer stays known
  assert.equal(asks.cancel(3, 2), true);
  assert.equal(newer.signal.aborted, true);
});

test('tabs are apart; a finished ask cannot be cancelled; a closed tab cancels whatever it waits for', () => {
  const asks = new AsksInFlight();
  const a = asks.start(1, 5);
  const b = asks.start(2, 5);
  a.done();
  assert.equal(asks.cancel(1, 5), false);
  assert.equal(a.signal.aborted, false);
  assert.equal(asks.cancel(2), true);
  assert.equal(b.signal.aborted, true);
  assert.equal(asks.size, 0);
});

test('the content script names the ask to cancel only while one runs', () => {
  assert.equal(askInFlight({ seq: 4, status: 'asking' }), 4);
  for (const status of ['idle', 'answered', 'error', 'stale']) assert.equal(askInFlight({ seq: 4, status }), null);
});
