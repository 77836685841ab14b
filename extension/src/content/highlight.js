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

  /** Scrolls so that the first range is in view (nested scroll containers too), roughly a third from the top. */
  scrollTo(ranges) {
    const range = ranges?.[0];
    if (!range) return;
    const node = range.startContainer;
    const element = node.nodeType === 1 ? node : node.parentElement;
    element?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    const rect = range.getBoundingClientRect();
    const height = this.#win.innerHeight;
    if (rect.top < 0 || rect.bottom > height) {
      this.#win.scrollBy({ top: rect.top - height / 3, behavior: 'instant' });
    }
  }
}
