// The user's settings as the background uses them: read from storage.local once, then kept until storage.onChanged
// says they changed. No browser globals: the background passes the storage API in, so node tests use a fake.

import { normalizeSettings } from '../shared/messages.js';

/** A function returning (a promise of) the normalized settings, reading storage only when they may have changed. */
export function cachedSettings(storage) {
  let pending = null;
  storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.hasOwn(changes, 'settings')) pending = null;
  });
  return () => {
    if (!pending) {
      const read = storage.local.get('settings').then(({ settings }) => normalizeSettings(settings));
      read.catch(() => {
        if (pending === read) pending = null; // a failed read is retried by the next caller
      });
      pending = read;
    }
    return pending;
  };
}
