// The page's capture (captured text + offset map, capture.js), kept while the page does not change: follow-up
// questions neither walk the DOM nor build the text again. A MutationObserver on every document and open shadow root
// the capture walked marks it stale, and tells the owner (at most once per `delayMs`) so answers on the screen can be
// re-mapped (same text) or dropped (changed text).
//
// Watched: nodes added/removed, text edited, the `hidden` attribute, and frames loading a document (a frame that
// navigates replaces its document without a mutation in any watched root). `class` and `style` changes show and hide
// text too (tabs, accordions), so they make the capture stale as well, for the next question; but pages animate them
// constantly, so they only set the flag: the owner is not told and nothing on the screen is re-mapped for them.

import { captureDocument } from './capture.js';

const OPTIONS = {
  childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'class', 'style'],
};
const LOOK_ATTRIBUTES = new Set(['class', 'style']); // attributes whose changes only mark the capture stale

/** What mutation records did to the capture. */
export const CaptureChange = Object.freeze({
  NONE: 'none', // only askpage's own UI changed
  LOOKS: 'looks', // only class/style attributes: the text may be shown or hidden differently
  CONTENT: 'content', // nodes, text or `hidden` changed
});

/**
 * The change `records` make to a capture (null: a frame loaded a document), ignoring askpage's own UI (`isOurs`).
 * @param {MutationRecord[] | null} records
 * @param {(node: Node) => boolean} isOurs
 */
export function captureChangeOf(records, isOurs) {
  if (records === null) return CaptureChange.CONTENT;
  let change = CaptureChange.NONE;
  for (const r of records) {
    if (isOurs(r.target)) continue;
    if (r.type === 'attributes' && LOOK_ATTRIBUTES.has(r.attributeName)) {
      change = CaptureChange.LOOKS;
    } else if (!(r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOurs))) {
      return CaptureChange.CONTENT;
    }
  }
  return change;
}

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
  #captureDocument;

  /**
   * @param {Document} doc
   * @param {{extraSkip?: (el: Element) => boolean, isOurs?: (node: Node) => boolean, onChange?: () => void,
   *   delayMs?: number, capture?: typeof captureDocument}} options isOurs says a mutated node is askpage's own UI
   *   (ignored); onChange is told (once per delayMs at most) when nodes, text or `hidden` changed; capture is
   *   captureDocument (tests pass their own)
   */
  constructor(doc, {
    extraSkip = () => false, isOurs = () => false, onChange = () => {}, delayMs = 100, capture = captureDocument,
  } = {}) {
    this.#doc = doc;
    this.#captureDocument = capture;
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
    this.#capture = this.#captureDocument(this.#doc, { extraSkip: this.#extraSkip, maxChars });
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
    if (this.#dirty && this.#timer !== null) return; // stale and the owner about to be told: nothing more to do
    const change = captureChangeOf(records, this.#isOurs);
    if (change === CaptureChange.NONE) return;
    this.#dirty = true;
    if (change === CaptureChange.LOOKS) return; // the next question captures again; shown answers stay as they are
    if (this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#onChange();
      }, this.#delayMs);
    }
  }
}
