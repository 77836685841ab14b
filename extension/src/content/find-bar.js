// The in-page find bar: a question box, "2 of 5 · 91%" counter, previous/next/close buttons. It lives in a closed
// shadow root on an element appended to <html>, so page CSS cannot style it and page scripts cannot read the question.
// Built with DOM APIs only; every string it shows is set with textContent.

const STYLE = `
:host { all: initial; }
.bar { position: fixed; top: 8px; right: 16px; z-index: 2147483647; display: flex; align-items: center; gap: 6px;
  padding: 6px 8px; background: #fff; color: #222; border: 1px solid #999; border-radius: 6px;
  box-shadow: 0 2px 8px rgba(0,0,0,.25); font: 13px/1.3 system-ui, sans-serif; }
input { width: 22em; padding: 4px 6px; font: inherit; color: #111; background: #fff; border: 1px solid #888;
  border-radius: 4px; }
.counter { min-width: 7em; color: #333; white-space: nowrap; }
.status { max-width: 26em; color: #a40; }
.status:empty { display: none; }
button { font: inherit; padding: 2px 7px; color: #222; background: #eee; border: 1px solid #999; border-radius: 4px;
  cursor: pointer; }
`;

function el(doc, name, props = {}) {
  const e = doc.createElement(name);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  return e;
}

export class FindBar {
  #doc;
  #host = null;
  #input;
  #counter;
  #status;
  #onEnter;
  #onClose;

  /**
   * @param {Document} doc
   * @param {{onEnter: (question: string, backwards: boolean) => void, onClose: () => void}} handlers
   */
  constructor(doc, { onEnter, onClose }) {
    this.#doc = doc;
    this.#onEnter = onEnter;
    this.#onClose = onClose;
  }

  /** The element the bar hangs from (so capture can skip it), or null when never opened. */
  get host() {
    return this.#host;
  }

  get isOpen() {
    return Boolean(this.#host?.isConnected);
  }

  get question() {
    return this.#input?.value ?? '';
  }

  /** Shows the bar (building it the first time) with `question` if it was closed, and focuses the question box. */
  open(question = '') {
    if (!this.#host) this.#build();
    if (!this.#host.isConnected) {
      this.#input.value = question;
      this.#doc.documentElement.append(this.#host);
    }
    this.#input.focus();
    this.#input.select();
  }

  close() {
    this.#host?.remove();
  }

  setCounter(text) {
    if (this.#counter) this.#counter.textContent = text;
  }

  setStatus(text) {
    if (this.#status) this.#status.textContent = text;
  }

  /** What the bar shows, for the popup and tests: {open, question, counter, status}. */
  snapshot() {
    return {
      open: this.isOpen,
      question: this.question,
      counter: this.#counter?.textContent ?? '',
      status: this.#status?.textContent ?? '',
    };
  }

  #build() {
    const doc = this.#doc;
    const host = el(doc, 'askpage-find-bar');
    host.style.setProperty('all', 'initial', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    root.append(el(doc, 'style', { text: STYLE }));
    const bar = el(doc, 'div', { class: 'bar', role: 'search', 'aria-label': 'askpage: find by question' });
    this.#input = el(doc, 'input', { type: 'text', placeholder: 'Ask this page…', 'aria-label': 'Question' });
    this.#counter = el(doc, 'span', { class: 'counter', 'aria-live': 'polite' });
    this.#status = el(doc, 'span', { class: 'status' });
    const prev = el(doc, 'button', { type: 'button', title: 'Previous answer (Shift+Enter)', text: '↑' });
    const next = el(doc, 'button', { type: 'button', title: 'Next answer (Enter)', text: '↓' });
    const close = el(doc, 'button', { type: 'button', title: 'Close (Esc)', text: '✕' });
    bar.append(this.#input, this.#counter, this.#status, prev, next, close);
    root.append(bar);

    this.#input.addEventListener('keydown', (event) => {
      if (event.isComposing) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        this.#onEnter(this.#input.value, event.shiftKey);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.#onClose();
      }
    });
    prev.addEventListener('click', () => this.#onEnter(this.#input.value, true));
    next.addEventListener('click', () => this.#onEnter(this.#input.value, false));
    close.addEventListener('click', () => this.#onClose());
    // Keys typed into the bar are ours: the page's shortcuts must not see them.
    for (const type of ['keydown', 'keyup', 'keypress']) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    this.#host = host;
  }
}
