import assert from 'node:assert/strict';
import test from 'node:test';
import { ButtonNotices } from '../../src/background/button-notice.js';

/** The browser's action API, recording each call. */
function fakeAction() {
  const calls = [];
  return {
    calls,
    setBadgeText: async (details) => calls.push(['badge', details]),
    setTitle: async (details) => calls.push(['title', details]),
  };
}

test('a tab the find bar cannot open in gets a "!" badge and the reason as the button title', async () => {
  const action = fakeAction();
  await new ButtonNotices(action).show(7, 'askpage cannot read this page (chrome:// URL).');
  assert.deepEqual(action.calls, [
    ['badge', { tabId: 7, text: '!' }],
    ['title', { tabId: 7, title: 'askpage: askpage cannot read this page (chrome:// URL).' }],
  ]);
});

test('the notice goes when the find bar opens in that tab, and only a tab that had one is touched', async () => {
  const action = fakeAction();
  const notices = new ButtonNotices(action);
  await notices.clear(3);
  assert.deepEqual(action.calls, [], 'no notice, no call');
  await notices.show(3, 'why');
  action.calls.length = 0;
  await notices.clear(3);
  assert.deepEqual(action.calls, [['badge', { tabId: 3, text: '' }], ['title', { tabId: 3, title: null }]]);
  action.calls.length = 0;
  await notices.clear(3);
  assert.deepEqual(action.calls, []);
});
