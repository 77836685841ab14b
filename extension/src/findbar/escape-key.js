// Whether an Escape closes the find bar. The bar closes on the key's keyup (removing the frame while its keydown is
// handled loses the keyup), but an IME that cancels a composition on Esc takes that keydown for itself: the page sees
// a composing keydown (isComposing, or key "Process" / keyCode 229) and then a plain Escape keyup. Only an Escape whose
// own keydown this document saw outside a composition closes the bar, so cancelling a composition keeps the answers.

export class EscapeToClose {
  #armed = false; // this document saw a non-composing Escape keydown whose keyup has not come yet

  /** Call with every trusted keydown of the document. True when it is an Escape that may close the bar. */
  keydown({ key, isComposing = false, keyCode = 0 }) {
    if (key === 'Escape' || key === 'Process' || keyCode === 229) {
      this.#armed = key === 'Escape' && !isComposing && keyCode !== 229;
    }
    return this.#armed && key === 'Escape';
  }

  /** Call with every trusted keyup of the document. True when this keyup closes the bar. */
  keyup({ key }) {
    if (key !== 'Escape') return false;
    const close = this.#armed;
    this.#armed = false;
    return close;
  }
}
