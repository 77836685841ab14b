// The content script's highlight rules: read from storage once, then kept current by storage.onChanged, so that an
// ask reads no storage before it leaves.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HighlightRules } from '../../src/content/highlight-rules.js';
import { highlightCss } from '../../src/shared/messages.js';

/** A storage API with one local area, counting reads; set() fires onChanged the way browsers do. */
function fakeStorage(initial, { fail = false } = {}) {
  const listeners = [];
  const storage = {
    reads: 0,
    local: {
      async get(key) {
        storage.reads++;
        if (fail) throw new Error('storage unavailable');
        return key in initial ? { [key]: initial[key] } : {};
      },
    },
    onChanged: { addListener: (l) => listeners.push(l) },
    change(area, key, value) {
      for (const l of listeners) l({ [key]: { newValue: value } }, area);
    },
  };
  return storage;
}

const RED = { currentColor: '#ff0000', otherColor: '#00ff00' };
const BLUE = { currentColor: '#0000ff', otherColor: '#00ffff' };

test('the stored colours are read once; later uses read nothing', async () => {
  const storage = fakeStorage({ settings: RED });
  const keeper = new HighlightRules(storage);
  await keeper.ready;
  assert.equal(keeper.loaded, true);
  assert.equal(keeper.rules, highlightCss(RED));
  assert.match(keeper.rules, /#ff0000/);
  assert.equal(storage.reads, 1);
});

test('a change in the options applies at once, without a read', async () => {
  const storage = fakeStorage({ settings: RED });
  const keeper = new HighlightRules(storage);
  await keeper.ready;
  storage.change('local', 'settings', BLUE);
  assert.match(keeper.rules, /#0000ff/);
  storage.change('sync', 'settings', RED); // another area
  storage.change('local', 'other', RED); // another key
  assert.match(keeper.rules, /#0000ff/);
  storage.change('local', 'settings', undefined); // settings removed: the defaults
  assert.equal(keeper.rules, highlightCss({}));
  assert.equal(storage.reads, 1);
});

test('a change that arrives before the first read answers wins over it', async () => {
  const storage = fakeStorage({ settings: RED });
  const keeper = new HighlightRules(storage);
  assert.equal(keeper.loaded, false);
  storage.change('local', 'settings', BLUE);
  await keeper.ready;
  assert.match(keeper.rules, /#0000ff/);
});

test('storage that cannot be read leaves the default colours, and the rules still count as loaded', async () => {
  const keeper = new HighlightRules(fakeStorage({}, { fail: true }));
  await keeper.ready;
  assert.equal(keeper.loaded, true);
  assert.equal(keeper.rules, highlightCss({}));
});
