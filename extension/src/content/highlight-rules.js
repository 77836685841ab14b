// The highlight rules for frames and shadow roots (the top document gets them from the background): read once when
// the content script starts, then taken from storage.onChanged when the options change, so that an ask reads no
// storage before it leaves. The storage API is passed in: node tests use a fake.

import { highlightCss } from '../shared/messages.js';

export class HighlightRules {
  /** The CSS to use now: the defaults until the first read (or a change) is in. */
  rules = highlightCss({});
  /** True once the stored settings were read (or a change came first, or the read failed: the defaults stay). */
  loaded = false;
  /** Resolves when `loaded` is true. */
  ready;

  constructor(storage) {
    storage.onChanged.addListener((changes, area) => {
      if (area !== 'local' || !Object.hasOwn(changes, 'settings')) return;
      this.rules = highlightCss(changes.settings.newValue);
      this.loaded = true;
    });
    this.ready = Promise.resolve()
      .then(() => storage.local.get('settings'))
      .then(({ settings }) => {
        if (!this.loaded) this.rules = highlightCss(settings); // a change that came first is newer
      }, () => {})
      .then(() => {
        this.loaded = true;
      });
  }
}
