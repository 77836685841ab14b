// The page text crosses from the content script to the background once per capture. Each capture gets an id (a
// random prefix per content-script instance, so ids never repeat in a tab, and a counter); the background keeps the
// text under it (TabCaptures in background/instant-ask.js), and later messages about the same capture carry only the
// id. When the background does not hold it (it restarted, forgot the tab, or the message with the text never
// arrived) it answers LocalErrors.UNKNOWN_CAPTURE, and the message is sent once more with the text. No browser
// globals besides crypto: node tests drive it with a fake background.

import { LocalErrors } from '../shared/messages.js';

/** A random prefix for one content script's capture ids. */
function randomCapturePrefix() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class CaptureSender {
  #send;
  #prefix;
  #count = 0;
  #ids = new WeakMap(); // capture → its id
  #last = null; // {text, id} of the capture named last
  #sentId = null; // the capture whose text was last sent to the background

  /** @param {{send: (message: object) => Promise<object>, prefix?: string}} options send: runtime.sendMessage */
  constructor({ send, prefix = randomCapturePrefix() }) {
    this.#send = send;
    this.#prefix = prefix;
  }

  /** The capture's id; a new capture with the same text as the last one named keeps its id (a re-render). */
  idOf(capture) {
    let id = this.#ids.get(capture);
    if (id) return id;
    id = this.#last?.text === capture.text ? this.#last.id : `${this.#prefix}-${++this.#count}`;
    this.#ids.set(capture, id);
    this.#last = { text: capture.text, id };
    return id;
  }

  /**
   * Sends `message` about `capture` with its `captureId`, and with its `text` only when that text was not sent
   * before, or when the background answers UNKNOWN_CAPTURE (then once more, unless `stillWanted()` says a newer
   * question took over: a late resend would cancel that one in the host). Resolves with the background's reply.
   */
  async send(message, capture, stillWanted = () => true) {
    const captureId = this.idOf(capture);
    if (this.#sentId === captureId) {
      const reply = await this.#send({ ...message, captureId });
      if (reply?.ok || reply?.error?.name !== LocalErrors.UNKNOWN_CAPTURE || !stillWanted()) return reply;
    }
    this.#sentId = captureId;
    return this.#send({ ...message, captureId, text: capture.text });
  }
}
