// Instant find, the extension's side (PROTOCOL.md: prepare, pageId, partial). When the find bar or the popup opens,
// the tab's captured text goes to the host as a `prepare` (the host tokenises and indexes it while the user types);
// asks about the same text then name its page id instead of carrying the text, and an ask the host cannot serve by id
// (`unknown_page`: evicted, or a new host process) is sent once more with the text. With a host that offers
// `partial`, asks ask for it and the partial answers go to `onPartial`. Hosts without these capabilities get the
// asks of protocol 1 as they were.
//
// No browser globals: the background passes its HostConnection in, so node tests drive it with a fake port.

import { BackgroundToHost, hostCan, isUnknownPage } from '../shared/messages.js';

/**
 * The page id the host gave each tab's text (per tab: the text, a promise of its id, or of null when the prepare
 * failed, and the connection's generation: a new host process knows none of the old ids). Bounded: the least
 * recently used tabs are forgotten first.
 */
export class PreparedPages {
  #byTab = new Map(); // tab → {text, pageId: Promise<string|null>, generation}
  #maxTabs;

  constructor({ maxTabs = 8 } = {}) {
    this.#maxTabs = maxTabs;
  }

  /** The page id (a promise) for exactly this text in this tab from this host process, else null. */
  idFor(tab, text, generation = 0) {
    const entry = this.#byTab.get(tab);
    if (!entry || entry.text !== text || entry.generation !== generation) return null;
    this.#byTab.delete(tab); // most recently used goes last
    this.#byTab.set(tab, entry);
    return entry.pageId;
  }

  remember(tab, text, pageId, generation = 0) {
    this.#byTab.delete(tab);
    this.#byTab.set(tab, { text, pageId: Promise.resolve(pageId), generation });
    while (this.#byTab.size > this.#maxTabs) this.#byTab.delete(this.#byTab.keys().next().value);
  }

  forget(tab) {
    this.#byTab.delete(tab);
  }

  get size() {
    return this.#byTab.size;
  }
}

/**
 * The text of each tab's latest capture, by the capture id the content script gave it: the text crosses from the
 * content script to the background once per capture (with the `prepare` when the bar or popup opens, or with the
 * first ask about it), and asks name the capture instead of carrying its text again. One capture per tab (a new one
 * replaces the old); bounded like PreparedPages, least recently used tabs first. In memory only: after a restart of
 * the background it knows none, and the content script resends the text (LocalErrors.UNKNOWN_CAPTURE).
 */
export class TabCaptures {
  #byTab = new Map(); // tab → {captureId, text}
  #maxTabs;

  constructor({ maxTabs = 8 } = {}) {
    this.#maxTabs = maxTabs;
  }

  remember(tab, captureId, text) {
    this.#byTab.delete(tab);
    this.#byTab.set(tab, { captureId, text });
    while (this.#byTab.size > this.#maxTabs) this.#byTab.delete(this.#byTab.keys().next().value);
  }

  /** The text of capture `captureId` of this tab, or null when this is not the tab's latest capture. */
  textOf(tab, captureId) {
    const entry = this.#byTab.get(tab);
    if (!entry || entry.captureId !== captureId) return null;
    this.#byTab.delete(tab); // most recently used goes last
    this.#byTab.set(tab, entry);
    return entry.text;
  }

  forget(tab) {
    this.#byTab.delete(tab);
  }

  get size() {
    return this.#byTab.size;
  }
}

/** A capture id as the content script makes them (captureIds in content.js): a short string. */
export function isCaptureId(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= 64;
}

/**
 * The page text a content script's message stands for: its `text` (remembered under its `captureId` when it names
 * one), else the remembered text of the capture it names. Null when it names a capture this background does not hold
 * (the caller answers LocalErrors.UNKNOWN_CAPTURE and the content script resends the text); `text` and `captureId`
 * are assumed checked (isCaptureId, a string).
 */
export function captureText(captures, tab, { text, captureId }) {
  if (typeof text === 'string') {
    if (captureId !== undefined) captures.remember(tab, captureId, text);
    return text;
  }
  return captures.textOf(tab, captureId);
}

/**
 * Connects the host (so the model loads while the user types) and, when it offers `prepare`, prepares the tab's
 * text unless that text is already prepared. Resolves with the page id, or null (old host, or the prepare failed:
 * the ask will carry the text).
 */
export async function prepareTab(connection, pages, { tab, text, url }) {
  await connection.connect();
  if (!hostCan(connection.hello, 'prepare')) return null;
  const { generation } = connection;
  const known = pages.idFor(tab, text, generation);
  if (known) return known;
  const pageId = connection.request(BackgroundToHost.PREPARE, { text, url, tab })
    .then((result) => result.pageId, () => null);
  pages.remember(tab, text, pageId, generation);
  return pageId;
}

/**
 * Asks the host about the tab's text: by page id when this text was prepared (or asked) before, once more with the
 * text when the host no longer holds that id. `fields` are the ask's other fields (question, url, top, …);
 * `onPartial(result)` gets the partial answers when the host offers them; `signal` aborts the ask (the tab dropped
 * it). Resolves with the final answers result.
 */
export async function askTab(connection, pages, { tab, text, fields, onPartial = null, signal = null }) {
  await connection.connect();
  const { hello, generation } = connection;
  const partial = onPartial !== null && hostCan(hello, 'partial');
  const send = (source) => connection.request(BackgroundToHost.ASK, {
    ...fields, ...source, tab, sentAt: Date.now(), ...(partial ? { partial: true } : {}),
  }, { signal, ...(partial ? { onPartial } : {}) }); // signal: the tab dropped the ask (host-connection.js)

  const pageId = hostCan(hello, 'prepare') ? await pages.idFor(tab, text, generation) : null;
  let result;
  if (pageId) {
    try {
      result = await send({ pageId });
    } catch (error) {
      if (!isUnknownPage(error)) throw error;
      pages.forget(tab);
      result = await send({ text });
    }
  } else {
    result = await send({ text });
  }
  if (hostCan(hello, 'prepare') && typeof result.pageId === 'string' && result.pageId !== ''
    && connection.generation === generation) {
    pages.remember(tab, text, result.pageId, generation);
  }
  return result;
}
