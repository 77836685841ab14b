// The page's capture (captured text + offset map, capture.js), kept while the page does not change: follow-up
// questions neither walk the DOM nor build the text again. A MutationObserver on every document and open shadow root
// the capture walked marks it stale, and tells the owner (at most once per `delayMs`) so answers on the screen can be
// re-mapped (same text) or dropped (changed text).
//
// Watched: nodes added/removed, text edited, the `hidden` attribute, and frames loading a document (a frame that
// navigates replaces its document without a mutation in any watched root). Style and class changes are not watched
// (pages animate them constantly); text they hide stays captured until the next structural change.

import { captureDocument } from './capture.js';

const OPTIONS = { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['hidden'] };

export class PageCapture {
  #doc;
  #extraSkip;
  #isOurs;
  #onChange;
  #delayMs;
  #capture = null;
  #maxChars = Infinity;
  #observers = [];
  #frames = []; // frame elements with our load listener
  #dirty = true;
  #frameLoaded = () => this.#changed(null);
  #timer = null;

  /**
   * @param {Document} doc
   * @param {{extraSkip?: (el: Element) => boolean, isOurs?: (node: Node) => boolean, onChange?: () => void,
   *   delayMs?: number}} options isOurs says a mutated node is askpage's own UI (ignored)
   */
  constructor(doc, { extraSkip = () => false, isOurs = () => false, onChange = () => {}, delayMs = 100 } = {}) {
    this.#doc = doc;
    this.#extraSkip = extraSkip;
    this.#isOurs = isOurs;
    this.#onChange = onChange;
    this.#delayMs = delayMs;
  }

  /**
   * The kept capture when the page did not change and the limit gives the same text (the same limit, or the whole
   * text fits under the new one: learning the host's limit after the first question must not cost a capture), else a
   * fresh one.
   */
  current(maxChars = Infinity) {
    const kept = this.#capture;
    if (kept && !this.#dirty && (maxChars === this.#maxChars || (!kept.full && kept.text.length <= maxChars))) {
      return kept;
    }
    return this.refresh(maxChars);
  }

  /** A fresh capture, kept and watched from now on. */
  refresh(maxChars = Infinity) {
    this.#capture = captureDocument(this.#doc, { extraSkip: this.#extraSkip, maxChars });
    this.#maxChars = maxChars;
    this.#watch(this.#capture.roots, this.#capture.frames);
    this.#dirty = false;
    return this.#capture;
  }

  /** Stops watching and forgets the capture. */
  stop() {
    for (const o of this.#observers) o.disconnect();
    this.#observers = [];
    this.#unwatchFrames();
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#capture = null;
    this.#dirty = true;
  }

  #watch(roots, frames) {
    for (const o of this.#observers) o.disconnect();
    this.#observers = roots.map((root) => {
      const observer = new MutationObserver((records) => this.#changed(records));
      observer.observe(root, OPTIONS);
      return observer;
    });
    this.#unwatchFrames();
    for (const frame of frames) frame.addEventListener('load', this.#frameLoaded);
    this.#frames = frames;
  }

  #unwatchFrames() {
    for (const frame of this.#frames) frame.removeEventListener('load', this.#frameLoaded);
    this.#frames = [];
  }

  /** Mutation records (null: a frame loaded a document) made the capture stale, unless they were all our own UI. */
  #changed(records) {
    const isOurs = this.#isOurs;
    const relevant = records === null || records.some((r) => !isOurs(r.target)
      && !(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOurs)));
    if (!relevant) return;
    this.#dirty = true;
    if (this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#onChange();
      }, this.#delayMs);
    }
  }
}
