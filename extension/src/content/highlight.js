// Paints answers with the CSS Custom Highlight API: no change to the page's DOM. The colours come from the
// `::highlight(askpage-current)` / `::highlight(askpage-other)` rules the background inserts with scripting.insertCSS
// into the top document. The highlight registry is per document, so answers inside same-origin frames are painted
// in their frame's registry; frames and open shadow roots get the same rules as an adopted style sheet (the
// top document's inserted rules do not reach them).

export const HIGHLIGHT_CURRENT = 'askpage-current';
export const HIGHLIGHT_OTHER = 'askpage-other';


function supports(win) {
  return Boolean(win?.CSS?.highlights && win.Highlight);
}

/** The element a node belongs to in the flat tree, stepping out of shadow roots to their host. */
function parentInFlatTree(node) {
  if (node.assignedSlot) return node.assignedSlot;
  if (node.parentNode) return node.parentNode.nodeType === 11 ? node.parentNode.host ?? null : node.parentNode;
  return null;
}

export class Highlighter {
  #win;
  #painted = new Set(); // windows whose registry holds our highlights
  #sheets = new WeakMap(); // frame document or shadow root → our adopted CSSStyleSheet

  constructor(win) {
    this.#win = win;
  }

  /**
   * The window whose document holds the range: the content script's own `window` for the top document, and one
   * window object per frame document (documents are matched with isSameNode too, so that one document can never get
   * two entries whose highlight sets would overwrite each other).
   */
  #windowOf(range, known = this.#painted) {
    const doc = range.startContainer.ownerDocument;
    if (!doc) return null;
    if (doc === this.#win.document || doc.isSameNode(this.#win.document)) return this.#win;
    for (const win of known) {
      if (win.document === doc || win.document.isSameNode(doc)) return win;
    }
    return doc.defaultView ?? null;
  }

  /**
   * The highlight API of a window. A frame's is taken from the frame's own objects (Firefox: wrappedJSObject): set
   * through a Firefox content script's wrapper of a frame window, highlights did not reliably reach the frame's
   * registry (the e2e test saw the frame's current answer stay unpainted). The page's scripts could replace those
   * objects; that can only spoil the frame's highlighting, and they see nothing they could not see on screen.
   */
  #apiOf(win) {
    const own = win === this.#win ? win : win.wrappedJSObject ?? win;
    return { CSS: own.CSS, Highlight: own.Highlight };
  }

  /** True when this browser has the CSS Custom Highlight API. */
  get supported() {
    return supports(this.#win);
  }

  /** Shows `rangesPerAnswer` (an array of Range arrays): the one at `current` strong, the others light. */
  show(rangesPerAnswer, current) {
    if (!this.supported) return;
    const byWindow = new Map([...this.#painted].map((w) => [w, { current: [], other: [] }]));
    rangesPerAnswer.forEach((ranges, i) => {
      for (const range of ranges) {
        const win = this.#windowOf(range, byWindow.keys());
        if (!supports(win)) continue;
        if (!byWindow.has(win)) byWindow.set(win, { current: [], other: [] });
        byWindow.get(win)[i === current ? 'current' : 'other'].push(range);
      }
    });
    for (const [win, { current: strong, other }] of byWindow) {
      try {
        const { CSS, Highlight } = this.#apiOf(win);
        const currentHighlight = new Highlight(...strong);
        currentHighlight.priority = 1;
        CSS.highlights.set(HIGHLIGHT_CURRENT, currentHighlight);
        CSS.highlights.set(HIGHLIGHT_OTHER, new Highlight(...other));
        this.#painted.add(win);
      } catch {
        this.#painted.delete(win); // a frame that went away meanwhile
      }
    }
  }

  /**
   * Deletes askpage's highlights from this document and its same-origin frames, whoever painted them: an earlier
   * askpage in this page (before an extension update) left its own there, which this instance does not know.
   */
  clearLeftovers() {
    const sweep = (win) => {
      try {
        this.#unpaint(win);
        for (let i = 0; i < win.frames.length; i += 1) sweep(win.frames[i]);
      } catch {
        // a frame of another origin, or without the API: nothing of ours to clear there
      }
    };
    if (this.supported) sweep(this.#win);
  }

  clear() {
    for (const win of this.#painted) {
      try {
        this.#unpaint(win);
      } catch {
        // a frame that went away: nothing left to clear
      }
    }
    this.#painted.clear();
  }

  /** Deletes askpage's highlights from `win`'s registry (throws for a window out of reach). */
  #unpaint(win) {
    const { CSS } = this.#apiOf(win);
    CSS.highlights.delete(HIGHLIGHT_CURRENT);
    CSS.highlights.delete(HIGHLIGHT_OTHER);
  }

  /**
   * Gives each frame document and open shadow root in `roots` the highlight rules `css` (the top document has them
   * from the background). Adopted style sheets change no DOM node, so the page's own scripts see no mutation.
   */
  styleRoots(roots, css) {
    for (const root of roots) {
      if (root === this.#win.document) continue;
      const win = (root.ownerDocument ?? root).defaultView;
      if (!win) continue;
      try {
        let sheet = this.#sheets.get(root);
        if (!sheet) {
          sheet = new win.CSSStyleSheet();
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
          this.#sheets.set(root, sheet);
        }
        sheet.replaceSync(css);
      } catch {
        // a root that no longer takes style sheets (detached frame): its answers stay unpainted
      }
    }
  }

  /**
   * Opens what hides the range until found, as the browsers' find-in-page does: every closed <details> around it,
   * and every hidden="until-found" element (after a `beforematch` event, as the browsers fire).
   */
  reveal(ranges) {
    const start = ranges?.[0]?.startContainer;
    for (let node = start; node; node = parentInFlatTree(node)) {
      if (node.nodeType !== 1) continue;
      if (node.localName === 'details' && !node.open) node.open = true;
      if (node.getAttribute('hidden')?.toLowerCase() === 'until-found') {
        node.dispatchEvent(new (node.ownerDocument.defaultView.Event)('beforematch', { bubbles: true }));
        node.removeAttribute('hidden');
      }
    }
  }

  /**
   * Scrolls so that the first range is in view, both ways: inside its own document first every scrolling ancestor
   * (innermost out), then the window, each only when the range is outside it, putting it about a third in; then,
   * for a range in a frame, the same in each parent document for the range's place on the page.
   */
  scrollTo(ranges) {
    const range = ranges?.[0];
    if (!range) return;
    let win = this.#windowOf(range);
    let node = range.startContainer;
    let rectOf = () => range.getBoundingClientRect();
    while (win) {
      scrollWithin(win, node, rectOf);
      const frame = win.frameElement;
      if (!frame || win === this.#win) break;
      const inner = rectOf;
      rectOf = () => {
        const f = frame.getBoundingClientRect();
        const r = inner();
        const left = f.left + frame.clientLeft + r.left;
        const top = f.top + frame.clientTop + r.top;
        return { left, top, right: left + r.width, bottom: top + r.height, width: r.width, height: r.height };
      };
      node = frame;
      win = frame.ownerDocument.defaultView;
    }
  }
}

/** One document's part of scrollTo: `rectOf()` is the target's rectangle in `win`'s viewport. */
function scrollWithin(win, node, rectOf) {
  for (let box = node.parentElement; box; box = box.parentElement) {
    if (box === win.document.body || box === win.document.documentElement) break;
    const style = win.getComputedStyle(box);
    const scrollsX = /auto|scroll|hidden/.test(style.overflowX) && box.scrollWidth > box.clientWidth;
    const scrollsY = /auto|scroll|hidden/.test(style.overflowY) && box.scrollHeight > box.clientHeight;
    if (!scrollsX && !scrollsY) continue;
    const r = rectOf();
    const b = box.getBoundingClientRect();
    if (scrollsX && (r.left < b.left || r.right > b.right)) box.scrollLeft += r.left - b.left - b.width / 3;
    if (scrollsY && (r.top < b.top || r.bottom > b.bottom)) box.scrollTop += r.top - b.top - b.height / 3;
  }
  const r = rectOf();
  const left = r.left < 0 || r.right > win.innerWidth ? r.left - win.innerWidth / 3 : 0;
  const top = r.top < 0 || r.bottom > win.innerHeight ? r.top - win.innerHeight / 3 : 0;
  if (left || top) win.scrollBy({ left, top, behavior: 'instant' });
}
