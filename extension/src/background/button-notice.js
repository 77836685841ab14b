// What the toolbar button says when the shortcut cannot open the find bar on a tab (a browser page, a store page, a
// PDF viewer, a file:// page without file access): a "!" badge and the reason as the button's title, for that tab
// only, until the find bar opens there (the browsers also reset tab-specific badges when the tab navigates).

export class ButtonNotices {
  #action;
  #shown = new Set(); // tab ids whose button shows a notice

  /** @param {{setBadgeText: Function, setTitle: Function}} action the browser's `action` API */
  constructor(action) {
    this.#action = action;
  }

  /** Shows `reason` on the button of tab `tabId`. */
  async show(tabId, reason) {
    this.#shown.add(tabId);
    await this.#action.setBadgeText({ tabId, text: '!' });
    await this.#action.setTitle({ tabId, title: `askpage: ${reason}` });
  }

  /** Takes the notice off tab `tabId`'s button, if it has one (the button's own title comes back). */
  async clear(tabId) {
    if (!this.#shown.delete(tabId)) return;
    await this.#action.setBadgeText({ tabId, text: '' });
    await this.#action.setTitle({ tabId, title: null });
  }

  /** The tab is gone. */
  forget(tabId) {
    this.#shown.delete(tabId);
  }
}
