import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SETTINGS_DEFAULTS } from '../../src/shared/messages.js';
import { cachedSettings } from '../../src/background/settings-cache.js';

/** A storage API with one local area, counting reads; set() fires onChanged the way browsers do. */
function fakeStorage(initial) {
  const listeners = [];
  const storage = {
    data: { ...initial },
    reads: 0,
    failNext: false,
    local: {
      async get(key) {
        storage.reads++;
        if (storage.failNext) {
          storage.failNext = false;
          throw new Error('storage unavailable');
        }
        return key in storage.data ? { [key]: storage.data[key] } : {};
      },
    },
    onChanged: { addListener: (l) => listeners.push(l) },
    set(area, key, value) {
      if (area === 'local') storage.data[key] = value;
      for (const l of listeners) l({ [key]: { newValue: value } }, area);
    },
  };
  return storage;
}

test('settings are read once and then kept', async () => {
  const storage = fakeStorage({ settings: { top: 5 } });
  const settings = cachedSettings(storage);
  assert.equal((await settings()).top, 5);
  assert.equal((await settings()).top, 5);
  assert.equal(storage.reads, 1);
});

test('missing settings are the defaults', async () => {
  assert.deepEqual(await cachedSettings(fakeStorage({}))(), SETTINGS_DEFAULTS);
});

test('a change to the local settings is seen by the next read; other changes are not reads', async () => {
  const storage = fakeStorage({ settings: { top: 5 } });
  const settings = cachedSettings(storage);
  await settings();
  storage.set('local', 'other', 1);
  storage.set('sync', 'settings', { top: 7 });
  await settings();
  assert.equal(storage.reads, 1);
  storage.set('local', 'settings', { top: 9, currentColor: '#00FF00' });
  const s = await settings();
  assert.equal(s.top, 9);
  assert.equal(s.currentColor, '#00ff00');
  assert.equal(storage.reads, 2);
});

test('a failed read is not kept', async () => {
  const storage = fakeStorage({ settings: { top: 3 } });
  const settings = cachedSettings(storage);
  storage.failNext = true;
  await assert.rejects(settings(), /storage unavailable/);
  assert.equal((await settings()).top, 3);
  assert.equal(storage.reads, 2);
});
