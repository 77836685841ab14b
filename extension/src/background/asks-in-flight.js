// The ask each tab's content script is waiting for, so that when the content script drops it (Esc, the bar closed,
// navigation, a CLEAR) the host is told to stop instead of reading the rest of the budget for nobody. One per tab: a
// newer ask of the tab takes the place of the older one (the host itself cancels an older ask of the same tab).
//
// No browser globals: node tests drive it.

export class AsksInFlight {
  #byTab = new Map(); // tab → {askId, controller}

  /**
   * Ask `askId` (the content script's number for it) of `tab` starts. Returns the AbortSignal to send it with and
   * `done()`, to call when it is over, whatever its outcome.
   */
  start(tab, askId) {
    const entry = { askId, controller: new AbortController() };
    this.#byTab.set(tab, entry);
    return {
      signal: entry.controller.signal,
      done: () => {
        if (this.#byTab.get(tab) === entry) this.#byTab.delete(tab);
      },
    };
  }

  /**
   * The tab dropped ask `askId` (undefined: whichever it is waiting for, e.g. the tab closed). Aborts it and returns
   * true when that ask is still running; an old or unknown id changes nothing (the tab's newer ask keeps running).
   */
  cancel(tab, askId) {
    const entry = this.#byTab.get(tab);
    if (!entry || (askId !== undefined && entry.askId !== askId)) return false;
    this.#byTab.delete(tab);
    entry.controller.abort();
    return true;
  }

  get size() {
    return this.#byTab.size;
  }
}
