// The in-page find bar: a question box, "2 of 5 · 91%" counter, previous/next/close buttons. The bar itself is an
// extension page (findbar/findbar.html) in an iframe, so the question the user types stays in the extension's origin:
// the page's scripts get none of its key, input, composition, focus or clipboard events and cannot read the box. The
// iframe hangs from a closed shadow root on an element appended to <html>, so page CSS cannot restyle or hide it
// selectively. Bar and content script talk over a MessageChannel handed over as FIND_BAR_PAGE in messages.js says.

import { api } from '../shared/api.js';
import {
  BackgroundToContent, ContentToFindBar, FIND_BAR_PAGE, FIND_BAR_PORT_MESSAGE, FindBarToContent,
} from '../shared/messages.js';

const FRAME_STYLE = `
:host { all: initial; }
iframe { position: fixed; top: 6px; right: 14px; z-index: 2147483647; width: 600px; height: 46px; border: 0;
  margin: 0; padding: 0; background: transparent; color-scheme: light; display: block; }
`;

/** A random name for one frame: the frame repeats it when it connects, so no other frame is taken for ours. */
function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class FindBar {
  #doc;
  #host = null;
  #root = null;
  #frame = null;
  #token = '';
  #port = null;
  #view = { question: '', counter: '', status: '' };
  #onEnter;
  #onClose;
  #whenConnected = [];
  #typedEarly = '';
  #resizes = 0;

  /**
   * @param {Document} doc
   * @param {{onEnter: (question: string, backwards: boolean) => void, onClose: () => void}} handlers
   */
  constructor(doc, { onEnter, onClose }) {
    this.#doc = doc;
    this.#onEnter = onEnter;
    this.#onClose = onClose;
    api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== api.runtime.id || message?.type !== BackgroundToContent.FIND_BAR_HELLO) return false;
      this.#accept(message);
      sendResponse({ ok: true });
      return false;
    });
  }

  /** The element the bar hangs from (so capture can skip it), or null when never opened. */
  get host() {
    return this.#host;
  }

  get isOpen() {
    return Boolean(this.#host?.isConnected);
  }

  /** The question last entered in the bar (or opened with): the box itself is out of this script's reach. */
  get question() {
    return this.#view.question;
  }

  /**
   * Runs `task` once the bar's frame holds its port (at once if it does already, or if the bar is closed): work that
   * blocks this script, such as reading a big page, must not delay the port, or the box would wait for it.
   */
  afterConnected(task) {
    if (this.#port || !this.isOpen) setTimeout(task, 0);
    else this.#whenConnected.push(task);
  }

  /** Shows the bar (a fresh frame) with `question` if it was closed, and focuses the question box. */
  open(question = '') {
    if (!this.#host) this.#build();
    if (!this.#host.isConnected) {
      this.#view.question = question;
      this.#token = newToken();
      this.#frame?.remove();
      this.#frame = this.#doc.createElement('iframe');
      this.#frame.setAttribute('title', 'askpage find bar');
      this.#frame.setAttribute('src', `${api.runtime.getURL(FIND_BAR_PAGE)}#${this.#token}`);
      this.#root.append(this.#frame);
      this.#doc.documentElement.append(this.#host);
      this.#frame.focus(); // the frame focuses its box as soon as its page runs
      this.#keepEarlyKeys(this.#frame);
    } else {
      // Already open: keep what is typed, focus and select it. Blurring first makes the browser move focus into the
      // frame again even when the frame element still counts as focused (e.g. after a visit to another tab).
      this.#frame.blur();
      this.#frame.focus();
      this.#post({ type: ContentToFindBar.OPEN });
    }
  }

  close() {
    this.#whenConnected = [];
    this.#port?.close();
    this.#port = null;
    this.#host?.remove();
  }

  /** Shows `counter` and `status`; sends nothing when both are what the bar already shows. */
  setView(counter, status) {
    if (counter === this.#view.counter && status === this.#view.status) return;
    this.#view.counter = counter;
    this.#view.status = status;
    this.#sendView();
  }

  /**
   * What the bar shows, for the popup and tests: {open, ready (its page is connected), question, counter, status,
   * resizes (how often its frame took a new size)}.
   */
  snapshot() {
    return { open: this.isOpen, ready: this.isOpen && this.#port !== null, ...this.#view, resizes: this.#resizes };
  }

  #build() {
    this.#host = this.#doc.createElement('askpage-find-bar');
    this.#host.style.setProperty('all', 'initial', 'important');
    this.#root = this.#host.attachShadow({ mode: 'closed' });
    const style = this.#doc.createElement('style');
    style.textContent = FRAME_STYLE;
    this.#root.append(style);
  }

  #sendView() {
    this.#post({ type: ContentToFindBar.VIEW, counter: this.#view.counter, status: this.#view.status });
  }

  #post(message) {
    this.#port?.postMessage(message);
  }

  /** Our current frame said hello (its token): hand it a port, with the secret it chose. Other frames get nothing. */
  #accept({ token, secret }) {
    if (!this.isOpen || !this.#frame?.contentWindow || this.#token === '' || token !== this.#token
      || typeof secret !== 'string') return;
    this.#token = ''; // one port per frame
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (event) => this.#receive(channel.port1, event.data);
    this.#frame.contentWindow.postMessage({ type: FIND_BAR_PORT_MESSAGE, secret }, new URL(api.runtime.getURL('')).origin,
      [channel.port2]);
    // No focus() here: the frame's box has focus already, and focusing the frame element again would take it away.
    this.#post({ type: ContentToFindBar.OPEN, question: this.#view.question, typed: this.#typedEarly });
    this.#typedEarly = '';
    this.#sendView();
    // After the frame has read the messages above: the tasks may block this script for a while.
    for (const task of this.#whenConnected.splice(0)) setTimeout(task, 0);
  }

  /**
   * Until the bar's page loads, the focused frame holds its initial empty document: keys typed into it (the user
   * typing right after the shortcut) are kept here and handed to the bar with OPEN, so none is lost.
   */
  #keepEarlyKeys(frame) {
    this.#typedEarly = '';
    const keep = (event) => {
      if (!event.isTrusted || frame !== this.#frame || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1) this.#typedEarly += event.key;
      else if (event.key === 'Backspace') this.#typedEarly = this.#typedEarly.slice(0, -1);
    };
    try {
      frame.contentWindow?.addEventListener('keydown', keep, true);
    } catch {
      // The bar's page is there already (not the initial document): it takes the keys itself.
    }
  }

  #receive(port, message) {
    if (port !== this.#port || !message) return;
    switch (message.type) {
      case FindBarToContent.ENTER:
        if (typeof message.question !== 'string') return;
        this.#view.question = message.question;
        this.#onEnter(message.question, message.backwards === true);
        break;
      case FindBarToContent.CLOSE:
        this.#onClose();
        break;
      case FindBarToContent.SIZE:
        if (Number.isFinite(message.width) && Number.isFinite(message.height) && this.#frame) {
          const width = `${Math.min(Math.max(message.width, 100), 2000)}px`;
          const height = `${Math.min(Math.max(message.height, 20), 600)}px`;
          if (width === this.#frame.style.width && height === this.#frame.style.height) break;
          this.#frame.style.width = width;
          this.#frame.style.height = height;
          this.#resizes += 1;
        }
        break;
      default:
        break;
    }
  }
}
