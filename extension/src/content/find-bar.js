// The in-page find bar: a question box, "2 of 5 · 91%" counter, previous/next/close buttons. The bar itself is an
// extension page (findbar/findbar.html) in an iframe, so the question the user types stays in the extension's origin:
// the page's scripts get none of its key, input, composition, focus or clipboard events and cannot read the box.
//
// The bar's iframe sits in a blank frame of ours (the "shell", about:blank, never navigated), which hangs from a closed
// shadow root on a plain <div> in a <dialog> of ours (the "layer") appended to <html>: page scripts cannot reach either
// frame (a closed root; frames in shadow trees are not in window.frames; a custom element name could have been defined
// by the page first, whose constructor would then get the closed root through attachInternals), and page CSS cannot
// restyle or hide the bar selectively. The layer is a plain box at the top of the page until the page shows a modal
// dialog of its own (or an element in fullscreen): that would make the bar inert and cover it, and keys would go to the
// page, so the layer then becomes the topmost modal dialog itself (#keepAbovePageModals). A popover the page shows (top
// layer too, not modal) would cover the bar: the bar's element then shows as a popover of ours above it
// (#keepAbovePagePopovers). The shell holds the focus from the shortcut until the bar's page has it, and stays around
// the bar: keys typed meanwhile land in the shell's document, never in the page's, and are handed to the bar. (The
// bar's own frame cannot hold them: while it loads its page from the extension's origin Chromium moves it to another
// process, and until the focus has moved there the keys go to the document around it.) Bar and content script talk
// over a MessageChannel handed over as FIND_BAR_PAGE in messages.js says.

import { api, belongsToExtension } from '../shared/api.js';
import {
  BackgroundToContent, ContentToFindBar, FIND_BAR_PAGE, FIND_BAR_PORT_MESSAGE, FindBarToContent, LocalErrors,
  askpageError,
} from '../shared/messages.js';

const FRAME_STYLE = `
:host { all: initial; }
iframe { position: fixed; top: 6px; right: 14px; z-index: 2147483647; width: 600px; height: 46px; border: 0;
  margin: 0; padding: 0; background: transparent; color-scheme: light; display: block; }
.unavailable { position: fixed; top: 6px; right: 14px; z-index: 2147483647; max-width: 560px; box-sizing: border-box;
  padding: 10px 14px; border: 1px solid #b9b9b9; border-radius: 6px; background: #fff; color: #202124;
  box-shadow: 0 2px 6px rgba(0, 0, 0, 0.25); font: 13px/1.4 system-ui, sans-serif; }
`;

/**
 * On a sandboxed page the bar cannot run: without allow-same-origin the blank frame around it is out of this script's
 * reach, and without allow-scripts the bar's own page inherits the sandbox and its script never starts. The bar then
 * says so where it would have been, for a while; the toolbar button's popup still asks on such a page (and the
 * background opens it when it hears of the sandbox at once).
 */
const UNAVAILABLE_TEXT = 'askpage\'s find bar cannot run on this page (it is sandboxed): ask in askpage\'s popup (its '
  + 'toolbar button).';
const UNAVAILABLE_SHOWN_MS = 8000;
/**
 * The bar's page connects within a few hundred ms of its frame's load; a sandbox that stops its script never does. The
 * limit is generous: a bar taken down while a busy machine was only slow would cost the user the bar.
 */
const CONNECT_AFTER_LOAD_MS = 8000;
/** And if its frame never even says it loaded. */
const CONNECT_AFTER_OPEN_MS = 20000;

/**
 * The layer's own box: nothing of the page's dialog styles, a point at the top left (the bar's frame is fixed to the
 * viewport inside it), above the page's own stacking.
 */
const LAYER_STYLE = [
  ['all', 'initial'], ['display', 'block'], ['position', 'fixed'], ['inset', '0 auto auto 0'], ['width', '0'],
  ['height', '0'], ['margin', '0'], ['padding', '0'], ['border', '0'], ['overflow', 'visible'], ['max-width', 'none'],
  ['max-height', 'none'], ['z-index', '2147483647'],
];

/** The namespace of HTML elements: the bar is made of them, and they show only in an HTML page. */
const XHTML = 'http://www.w3.org/1999/xhtml';

/** How long no key must have come before the focus moves from the shell into the bar's frame (#handFocusToBar). */
const FOCUS_AFTER_QUIET_MS = 250;

/** After the page has taken the focus from the bar this often, the bar says so (it still takes it back each time). */
const TAKES_BEFORE_WARNING = 3;
const TAKEN_WARNING = 'This page keeps taking the focus: the toolbar button asks safely';

/** The shell's document: nothing but the bar's frame, filling it. */
const SHELL_STYLE = `
:root, body { margin: 0; padding: 0; overflow: hidden; background: transparent; color-scheme: light; }
iframe { border: 0; margin: 0; padding: 0; width: 100%; height: 100vh; display: block; background: transparent;
  color-scheme: light; }
`;

/** Keys typed before the bar's page has the focus, as the user typed them: the text, and Enter if it came too. */
function noKeys() {
  return { text: '', enter: false, backwards: false };
}

/** A random name for one frame: the frame repeats it when it connects, so no other frame is taken for ours. */
function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export class FindBar {
  #doc;
  #layer = null; // the <dialog> the bar's element hangs in
  #modalsBelow = new Set(); // the page's modal elements the layer was last raised above
  #raising = false; // while the layer is closed and shown again: the focus moves on the way, by our own doing
  #focusBefore = null; // the page's element that had the focus when the bar opened
  #host = null;
  #root = null;
  #shell = null; // the blank frame around the bar's frame
  #lastShellKeyAt = 0;
  #focusTimer = 0;
  #frame = null; // the bar's frame
  #token = '';
  #port = null;
  #view = { question: '', counter: '', status: '' };
  #onEnter;
  #onClose;
  #whenConnected = [];
  #typedEarly = noKeys();
  #resizes = 0;
  #keepsFocus = false; // the bar has the focus and the user has not moved it out (#keepFocus)
  #taken = 0; // how often the page took the focus from this bar
  #warning = '';
  #unavailable = null; // the notice saying the bar cannot run on this page, while it shows
  #connectTimer = 0;
  #unavailableTimer = 0;

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
    const win = doc.defaultView;
    win?.addEventListener('focus', (event) => this.#whileLive() && this.#focusBack(event), true);
    // A click or tap in the page is the user moving the focus out of the bar (it comes before the focus moves).
    win?.addEventListener('pointerdown', (event) => {
      const target = event.composedPath()[0];
      if (event.isTrusted && target !== this.#host && target !== this.#layer) this.#keepsFocus = false;
    }, true);
    win?.addEventListener('focusin', () => this.#whileLive() && this.#keepFocus(), true);
    // A popover the page shows (a toast, a menu) goes to the top layer, above the bar's element: the bar goes back on
    // top of it. ('toggle' does not bubble; the capture phase sees it. A page's synthetic one shows nothing.)
    win?.addEventListener('toggle', (event) => {
      if (!event.isTrusted || event.newState !== 'open' || event.target === this.#host) return;
      if (this.#whileLive() && this.isOpen) this.#keepAbovePagePopovers();
    }, true);
  }

  /**
   * Removes find bars an earlier askpage left in `doc`: an extension update or reload takes the old content script
   * away (Firefox) or cuts it off from the extension (Chromium) and leaves its bar in the page, dead, where the new
   * bar would open on top of it (and in Chromium the two would take the focus from each other).
   */
  static removeLeftovers(doc) {
    for (const el of doc.documentElement.querySelectorAll(':scope > [data-askpage="find-bar"]')) el.remove();
  }

  /** False once the extension has gone from under this script (updated or reloaded): the bar closes for good. */
  #whileLive() {
    if (belongsToExtension()) return true;
    this.close();
    return false;
  }

  /** The outermost element of the bar (so capture can skip it), or null when never opened. */
  get element() {
    return this.#layer;
  }

  /** The bar is up (not when it only says it cannot run on this page). */
  get isOpen() {
    return Boolean(this.#host?.isConnected) && this.#unavailable === null;
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
    if (this.#doc.documentElement?.namespaceURI !== XHTML) {
      // An SVG image or an XML file shown as it is: no HTML element of ours would show there (nor the note).
      throw askpageError(LocalErrors.NO_FIND_BAR, 'it is not an HTML page');
    }
    if (!this.#host) this.#build();
    this.#keepsFocus = true;
    this.#hideUnavailable();
    if (!this.#host.isConnected) {
      this.#focusBefore = this.#doc.activeElement;
      this.#view.question = question;
      this.#taken = 0;
      this.#warning = '';
      this.#token = newToken();
      this.#shell?.remove();
      this.#shell = this.#doc.createElement('iframe');
      this.#shell.setAttribute('title', 'askpage find bar');
      this.#root.append(this.#shell);
      this.#doc.documentElement.append(this.#layer);
      this.#keepAbovePageModals();
      this.#keepAbovePagePopovers();
      const shellDoc = this.#shell.contentDocument;
      if (!shellDoc) {
        // An opaque origin (a sandbox without allow-same-origin): the bar's page could not run in there either.
        this.#showUnavailable();
        throw askpageError(LocalErrors.NO_FIND_BAR, 'it is sandboxed');
      }
      const style = shellDoc.createElement('style');
      style.textContent = SHELL_STYLE;
      shellDoc.head.append(style);
      this.#frame = shellDoc.createElement('iframe');
      this.#frame.setAttribute('title', 'askpage find bar');
      this.#frame.setAttribute('src', `${api.runtime.getURL(FIND_BAR_PAGE)}#${this.#token}`);
      shellDoc.body.append(this.#frame);
      const shell = this.#shell;
      this.#awaitConnection(shell, this.#frame);
      shell.addEventListener('load', () => {
        // The page moved the bar's element (a frame reloads when it is inserted again): the shell's document, and the
        // bar's frame in it, are gone. The bar closes; the shortcut opens a new one.
        if (shell === this.#shell && shell.contentDocument !== shellDoc) this.#onClose();
      });
      this.#focusShell(); // the content script moves the focus on into the bar's frame once its page runs
      this.#keepKeysOfShell(this.#shell);
    } else {
      // Already open: keep what is typed, focus and select it. Blurring first makes the browser move focus into the
      // frame again even when the frame element still counts as focused (e.g. after a visit to another tab).
      this.#keepAbovePageModals();
      this.#keepAbovePagePopovers();
      this.#focusShell();
      this.#frame.blur();
      this.#frame.focus();
      this.#post({ type: ContentToFindBar.OPEN });
    }
  }

  /**
   * Takes the bar down. When it held the focus, the focus goes back where the shortcut found it (the text field the
   * user was typing in, say), without scrolling away from the answer.
   */
  close() {
    const hadFocus = Boolean(this.#layer?.isConnected) && this.#layer.contains(this.#doc.activeElement);
    this.#keepsFocus = false;
    clearTimeout(this.#focusTimer);
    clearTimeout(this.#connectTimer);
    this.#hideUnavailable();
    this.#whenConnected = [];
    this.#port?.close();
    this.#port = null;
    this.#removeLayer();
    const before = this.#focusBefore;
    this.#focusBefore = null;
    if (hadFocus && before?.isConnected && before !== this.#doc.body && this.#doc.activeElement !== before) {
      before.focus({ preventScroll: true });
    }
  }

  /** Shows `counter` and `status`; sends nothing when both are what the bar already shows. */
  setView(counter, status) {
    if (counter === this.#view.counter && status === this.#view.status) return;
    this.#view.counter = counter;
    this.#view.status = status;
    this.#sendView();
  }

  /**
   * What the bar shows, for the popup and tests: {open, ready (its page is connected), inBar (the focus has moved on
   * from the shell into the bar's frame), question, counter, status, warning, resizes (how often its frame took a new
   * size), taken (how often the page took the focus from it), unavailable (it says it cannot run on this page)}.
   */
  snapshot() {
    const unavailable = Boolean(this.#unavailable?.isConnected);
    const inBar = this.isOpen && this.#doc.activeElement === this.#host
      && this.#shell?.contentDocument?.activeElement === this.#frame;
    return {
      open: this.isOpen, ready: this.isOpen && this.#port !== null, inBar, ...this.#view,
      warning: this.#warning, resizes: this.#resizes, taken: this.#taken, unavailable,
    };
  }

  /** Gives the bar's page of `frame` in `shell` its time to connect; after that the bar says it cannot run here. */
  #awaitConnection(shell, frame) {
    const giveUpAfter = (ms) => {
      clearTimeout(this.#connectTimer);
      this.#connectTimer = setTimeout(() => {
        if (shell === this.#shell && this.#port === null && this.isOpen) this.#showUnavailable();
      }, ms);
    };
    giveUpAfter(CONNECT_AFTER_OPEN_MS);
    frame.addEventListener('load', () => giveUpAfter(CONNECT_AFTER_LOAD_MS), { once: true });
  }

  /** In place of the bar: why it cannot run on this page. The focus stays with the page; Esc is the page's again. */
  #showUnavailable() {
    this.#keepsFocus = false;
    clearTimeout(this.#focusTimer);
    clearTimeout(this.#connectTimer);
    this.#token = ''; // a frame that connects after all gets no port
    this.#shell?.remove();
    this.#shell = null;
    this.#frame = null;
    this.#unavailable = this.#doc.createElement('div');
    this.#unavailable.className = 'unavailable';
    this.#unavailable.setAttribute('role', 'status');
    this.#unavailable.textContent = UNAVAILABLE_TEXT;
    this.#root.append(this.#unavailable);
    this.#unavailableTimer = setTimeout(() => this.close(), UNAVAILABLE_SHOWN_MS);
  }

  #hideUnavailable() {
    clearTimeout(this.#unavailableTimer);
    if (!this.#unavailable) return;
    this.#unavailable.remove();
    this.#unavailable = null;
    this.#removeLayer(); // opened again: a fresh start
  }

  #build() {
    this.#layer = this.#doc.createElement('dialog');
    this.#layer.setAttribute('data-askpage', 'find-bar');
    for (const [property, value] of LAYER_STYLE) this.#layer.style.setProperty(property, value, 'important');
    // Esc with the focus on the layer itself (a modal one: the browser would close it) closes the bar.
    this.#layer.addEventListener('cancel', (event) => {
      event.preventDefault();
      if (event.isTrusted) this.#onClose();
    });
    this.#host = this.#doc.createElement('div');
    this.#host.setAttribute('data-askpage', 'find-bar');
    this.#host.style.setProperty('all', 'initial', 'important'); // shown also while not a showing popover
    this.#host.setAttribute('popover', 'manual'); // #keepAbovePagePopovers
    this.#layer.append(this.#host);
    this.#root = this.#host.attachShadow({ mode: 'closed' });
    const style = this.#doc.createElement('style');
    style.textContent = FRAME_STYLE;
    this.#root.append(style);
  }

  #removeLayer() {
    if (this.#layer?.open) this.#layer.close();
    this.#layer?.remove();
  }

  /**
   * A modal dialog of the page (or an element in fullscreen) makes everything outside it inert and covers it: the bar
   * could neither be seen nor take the focus, and the keys typed for it would go to the page. The layer then becomes
   * the topmost modal dialog itself (again, when the page has shown another since): the page stays inert while the
   * bar is open, as it was behind its own dialog, and its elements cannot take the focus from the bar.
   */
  #keepAbovePageModals() {
    if (!this.#layer?.isConnected) return;
    const modals = this.#pageModals();
    // Raised already above each of them: raising again would hand the focus back to the page for a moment.
    if (modals.length === 0 || (this.#layer.open && modals.every((el) => this.#modalsBelow.has(el)))) return;
    if (this.#raiseLayer()) this.#modalsBelow = new Set(modals);
  }

  #pageModals() {
    try {
      return [...this.#doc.querySelectorAll(':modal')].filter((el) => el !== this.#layer);
    } catch {
      return []; // a browser without :modal
    }
  }

  /**
   * A popover the page shows (a toast, a menu) goes to the top layer, above everything else, the bar included: the
   * keys stay with the bar, but the popover covers it where they overlap. The bar's element then goes to the top
   * layer itself, as a manual popover shown after the page's (again, when the page shows another): the page's popovers
   * stay open and the page stays usable. Above a page's modal the layer is a modal dialog already, and stays so.
   */
  #keepAbovePagePopovers() {
    if (!this.#layer?.isConnected || this.#layer.open || this.#pagePopovers().length === 0) return;
    this.#raising = true;
    try {
      if (this.#showsAsPopover()) this.#host.hidePopover(); // shown again, it is the topmost
      this.#host.showPopover();
    } catch {
      // a document that is not fully active: the bar stays where it is
    } finally {
      this.#raising = false;
    }
  }

  #pagePopovers() {
    try {
      return [...this.#doc.querySelectorAll(':popover-open')].filter((el) => el !== this.#host);
    } catch {
      return []; // a browser without popovers
    }
  }

  #showsAsPopover() {
    try {
      return this.#host.matches(':popover-open');
    } catch {
      return false;
    }
  }

  /** Shows the layer as the topmost modal dialog. False when the document cannot (not fully active). */
  #raiseLayer() {
    this.#raising = true;
    try {
      if (this.#layer.open) {
        // Closing a modal dialog that holds the focus gives it back to the page's element first: it must not hold it.
        if (this.#layer.contains(this.#doc.activeElement)) this.#doc.activeElement.blur();
        this.#layer.close();
      }
      // Shown as a popover, the bar's element would stay below the dialog's backdrop: the dialog holds it now.
      if (this.#showsAsPopover()) this.#host.hidePopover();
      this.#layer.showModal();
      return true;
    } catch {
      return false;
    } finally {
      this.#raising = false;
    }
  }

  /**
   * Focuses the shell; when it cannot take the focus (inert behind a modal dialog this script could not see, in a
   * shadow tree), the layer is raised above it first.
   */
  #focusShell() {
    this.#shell.focus();
    if (this.#doc.activeElement === this.#host || !this.#layer.isConnected || this.#layer.open) return;
    if (this.#raiseLayer()) this.#shell.focus();
  }

  #sendView() {
    const status = [this.#warning, this.#view.status].filter(Boolean).join(' · ');
    this.#post({ type: ContentToFindBar.VIEW, counter: this.#view.counter, status });
  }

  #post(message) {
    this.#port?.postMessage(message);
  }

  /** Our current frame said hello (its token): hand it a port, with the secret it chose. Other frames get nothing. */
  #accept({ token, secret }) {
    if (!this.isOpen || !this.#frame?.contentWindow || this.#token === '' || token !== this.#token
      || typeof secret !== 'string') return;
    this.#token = ''; // one port per frame
    clearTimeout(this.#connectTimer);
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (event) => this.#receive(channel.port1, event.data);
    this.#frame.contentWindow.postMessage({ type: FIND_BAR_PORT_MESSAGE, secret }, new URL(api.runtime.getURL('')).origin,
      [channel.port2]);
    const typed = this.#typedEarly;
    this.#typedEarly = noKeys();
    this.#post({
      type: ContentToFindBar.OPEN, question: this.#view.question, typed: typed.text,
      ...(typed.enter ? { enter: true, backwards: typed.backwards } : {}),
    });
    this.#sendView();
    this.#handFocusToBar();
    // After the frame has read the messages above: the tasks may block this script for a while.
    for (const task of this.#whenConnected.splice(0)) setTimeout(task, 0);
  }

  /**
   * The bar's page is up: the focus goes from the shell into its frame, moved from here (the bar never asks for it
   * itself: Chromium would then give the page's own document the focus until it has crossed processes, tens of
   * milliseconds). Moving it from here leaves a far shorter gap, in which a key can still reach the page's document;
   * so it is moved when no key has come for a moment (keys typed until then land in the shell and are passed on, and
   * show in the box as they come). Not when the user has moved the focus out of the bar.
   */
  #handFocusToBar() {
    clearTimeout(this.#focusTimer);
    const shell = this.#shell;
    const quietFor = Date.now() - this.#lastShellKeyAt;
    if (quietFor < FOCUS_AFTER_QUIET_MS) {
      this.#focusTimer = setTimeout(() => this.#handFocusToBar(), FOCUS_AFTER_QUIET_MS - quietFor);
      return;
    }
    const shellDoc = shell?.contentDocument;
    if (shell === this.#shell && this.#port && shellDoc?.hasFocus() && shellDoc.activeElement !== this.#frame) {
      this.#frame.focus();
    }
  }

  /**
   * Keys that land in the shell's document (typed right after the shortcut, before the bar's page has the focus): kept
   * and handed to the bar with OPEN, or passed on at once once it is connected, so none is lost and none reaches the
   * page. Enter is passed on too; Esc closes the bar.
   */
  #keepKeysOfShell(shell) {
    this.#typedEarly = noKeys();
    const keep = (event) => {
      if (!event.isTrusted || shell !== this.#shell || event.isComposing) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        this.#onClose();
        return;
      }
      const key = event.key.length === 1 || event.key === 'Backspace' || event.key === 'Enter' ? event.key : null;
      if (key === null) return;
      event.preventDefault(); // no default action in the blank document (Firefox's quick find on "/", say)
      this.#lastShellKeyAt = Date.now();
      if (this.#port) {
        this.#post({ type: ContentToFindBar.KEY, key, backwards: event.shiftKey });
        this.#handFocusToBar();
        return;
      }
      const typed = this.#typedEarly;
      if (typed.enter) return; // asked already: what follows waits for the bar
      if (key === 'Backspace') typed.text = typed.text.slice(0, -1);
      else if (key === 'Enter') Object.assign(typed, { enter: true, backwards: event.shiftKey });
      else typed.text += key;
    };
    shell.contentWindow?.addEventListener('keydown', keep, true);
  }

  /**
   * The page's window got the focus back (its tab was in the background, say) with the bar's frame as its focused
   * element: the browser may then give the keys to the page's own document, whose scripts would see them. The focus
   * goes back into the shell, and into the bar once it is connected.
   */
  #focusBack(event) {
    if (!event.isTrusted || event.target !== this.#doc.defaultView || !this.isOpen) return;
    if (this.#root.activeElement !== this.#shell) return;
    this.#shell.contentWindow?.focus();
    if (this.#port) this.#frame.focus();
  }

  /**
   * While the bar has the focus, only the user moves it out: by a click or tap in the page (Tab goes round the bar, Esc
   * closes it). A move they did not make, such as the page's script focusing an element or frame of its own to read
   * what is typed next, is undone at once: the focus goes back to the shell, which hands keys on to the bar, and on
   * into the bar after a pause in the typing. Heard from the page's focusin (at once, but a page can stop that event
   * before it reaches this script) and from the bar's page losing the focus (a few milliseconds later; the page cannot
   * stop it).
   */
  #keepFocus() {
    if (this.#raising || !this.#keepsFocus || !this.isOpen || this.#doc.activeElement === this.#host) return;
    this.#taken += 1;
    this.#lastShellKeyAt = Date.now(); // the shell holds the focus for a moment: the user may be typing
    this.#keepAbovePageModals(); // a modal dialog the page has just shown took the focus
    this.#focusShell();
    this.#frame?.blur(); // the shell's own document gets the keys, not the frame it would pass the focus on to
    this.#handFocusToBar();
    if (this.#taken === TAKES_BEFORE_WARNING) {
      this.#warning = TAKEN_WARNING;
      this.#sendView();
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
      case FindBarToContent.FOCUSED:
        this.#keepsFocus = true; // given by this script, or the user clicked into the bar
        break;
      case FindBarToContent.BLURRED:
        this.#keepFocus();
        break;
      case FindBarToContent.SIZE:
        if (Number.isFinite(message.width) && Number.isFinite(message.height) && this.#shell) {
          const width = `${Math.min(Math.max(message.width, 100), 2000)}px`;
          const height = `${Math.min(Math.max(message.height, 20), 600)}px`;
          if (width === this.#shell.style.width && height === this.#shell.style.height) break;
          this.#shell.style.width = width;
          this.#shell.style.height = height;
          this.#resizes += 1;
        }
        break;
      default:
        break;
    }
  }
}
