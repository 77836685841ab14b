// Paints answers with the CSS Custom Highlight API: no change to the page's DOM. The colours come from the
// `::highlight(askpage-current)` / `::highlight(askpage-other)` rules the background inserts with scripting.insertCSS.

export const HIGHLIGHT_CURRENT = 'askpage-current';
export const HIGHLIGHT_OTHER = 'askpage-other';

export class Highlighter {
  #win;

  constructor(win) {
    this.#win = win;
  }

  /** True when this browser has the CSS Custom Highlight API. */
  get supported() {
    return Boolean(this.#win.CSS?.highlights && this.#win.Highlight);
  }

  /** Shows `rangesPerAnswer` (an array of Range arrays): the one at `current` strong, the others light. */
  show(rangesPerAnswer, current) {
    if (!this.supported) return;
    const { CSS, Highlight } = this.#win;
    const others = rangesPerAnswer.filter((_, i) => i !== current).flat();
    const currentHighlight = new Highlight(...(rangesPerAnswer[current] ?? []));
    currentHighlight.priority = 1;
    CSS.highlights.set(HIGHLIGHT_CURRENT, currentHighlight);
    CSS.highlights.set(HIGHLIGHT_OTHER, new Highlight(...others));
  }

  clear() {
    if (!this.supported) return;
    this.#win.CSS.highlights.delete(HIGHLIGHT_CURRENT);
    this.#win.CSS.highlights.delete(HIGHLIGHT_OTHER);
  }

  /**
   * Scrolls so that the first range is in view, both ways: first every scrolling ancestor (innermost out), then the
   * window, each only when the range is outside it, putting it about a third in.
   */
  scrollTo(ranges) {
    const range = ranges?.[0];
    if (!range) return;
    const win = this.#win;
    const node = range.startContainer;
    for (let box = node.nodeType === 1 ? node : node.parentElement; box; box = box.parentElement) {
      if (box === win.document.body || box === win.document.documentElement) break;
      const style = win.getComputedStyle(box);
      const scrollsX = /auto|scroll|hidden/.test(style.overflowX) && box.scrollWidth > box.clientWidth;
      const scrollsY = /auto|scroll|hidden/.test(style.overflowY) && box.scrollHeight > box.clientHeight;
      if (!scrollsX && !scrollsY) continue;
      const r = range.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      if (scrollsX && (r.left < b.left || r.right > b.right)) box.scrollLeft += r.left - b.left - b.width / 3;
      if (scrollsY && (r.top < b.top || r.bottom > b.bottom)) box.scrollTop += r.top - b.top - b.height / 3;
    }
    const r = range.getBoundingClientRect();
    const left = r.left < 0 || r.right > win.innerWidth ? r.left - win.innerWidth / 3 : 0;
    const top = r.top < 0 || r.bottom > win.innerHeight ? r.top - win.innerHeight / 3 : 0;
    if (left || top) win.scrollBy({ left, top, behavior: 'instant' });
  }
}
