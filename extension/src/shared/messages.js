// Every message type askpage sends, named by direction, plus the host's error-code table.
//
// Pure module: no browser APIs, so the background, popup, options page, content script (concatenated by the build)
// and node tests all import it. PROTOCOL.md is the contract for the two host directions.

export const HOST_NAME = 'dev.askpage.host';
export const PROTOCOL_VERSION = 1;

/**
 * The install commands the README documents for the downloaded release (a source checkout has them in installer/);
 * shown whenever the host is missing.
 */
export const INSTALL_COMMANDS = Object.freeze({
  unix: 'sh askpage-*/install.sh',
  windows: 'askpage-VERSION\\install.ps1',
});

/** The host's error codes (PROTOCOL.md, "Error codes"): append-only, checked against PROTOCOL.md by a unit test. */
export const HostErrorCodes = Object.freeze([
  { code: 1, name: 'frame_too_large' },
  { code: 2, name: 'invalid_utf8' },
  { code: 3, name: 'invalid_json' },
  { code: 4, name: 'not_an_object' },
  { code: 5, name: 'unknown_type' },
  { code: 6, name: 'bad_field' },
  { code: 7, name: 'empty_question' },
  { code: 8, name: 'text_too_large' },
  { code: 9, name: 'cancelled' },
  { code: 10, name: 'model_failed' },
  { code: 11, name: 'internal' },
  { code: 12, name: 'busy' },
  { code: 13, name: 'unknown_page' },
  { code: 14, name: 'page_too_large' },
]);

/** Errors the extension itself raises (never sent on the wire, so they have names but no numbers). */
export const LocalErrors = Object.freeze({
  NOT_INSTALLED: 'not_installed', // the browser found no host manifest for HOST_NAME (or may not use it)
  HOST_EXITED: 'host_exited', // the port closed while a request was waiting
  TIMEOUT: 'timeout', // no reply within the request's time limit
  PROTOCOL_MISMATCH: 'protocol_mismatch', // hello said a protocol version this extension does not speak
  BAD_REPLY: 'bad_reply', // a reply that does not follow PROTOCOL.md
  NO_ACCESS: 'no_access', // the page cannot be scripted (browser pages, store pages, no activeTab grant)
  NO_FIND_BAR: 'no_find_bar', // the find bar cannot run on this page (sandboxed, an SVG image); the popup asks there
  STALE: 'stale', // the page changed under the answers and asking again did not help
  BAD_REQUEST: 'bad_request', // a message from our own UI that failed validation
  // an ask named a capture (captureId) whose text the background does not hold (it restarted, or forgot that tab):
  // the content script sends the ask once more with the text
  UNKNOWN_CAPTURE: 'unknown_capture',
});

/** Content script → background. */
export const ContentToBackground = Object.freeze({
  // {question, captureId?, text?, url, askId} → {ok, result, maxTextChars, read: {chars, limit} | null}
  // | {ok: false, error}. `text` only when the background may not hold that capture's text yet (else its
  // captureId alone; error UNKNOWN_CAPTURE: send it again with the text).
  ASK: 'askpage:content-to-background:ask',
  // {text, captureId?, url} → {ok, pageId}: the host prepares the page; the background keeps the text under captureId
  PREPARE: 'askpage:content-to-background:prepare',
  // {askId} → {ok, cancelled}: the content script dropped its ask askId (Esc, bar closed, navigation): the host stops
  CANCEL: 'askpage:content-to-background:cancel',
});

/** Popup → background. */
export const PopupToBackground = Object.freeze({
  STATUS: 'askpage:popup-to-background:status', // {connect} → status (see statusOf in background)
  ASK: 'askpage:popup-to-background:ask', // {tabId, question} → answers summary
  SHOW: 'askpage:popup-to-background:show', // {tabId, index} → answers summary
  STATE: 'askpage:popup-to-background:state', // {tabId} → answers summary or null when nothing is injected
  PREPARE: 'askpage:popup-to-background:prepare', // {tabId} → {ok}: the popup opened, prepare the tab's page
});

/** Options page → background. */
export const OptionsToBackground = Object.freeze({
  STATUS: 'askpage:options-to-background:status', // {connect} → status
});

/** Background → content script. */
export const BackgroundToContent = Object.freeze({
  PING: 'askpage:background-to-content:ping', // → {ok: true} when the content script is there
  ASK: 'askpage:background-to-content:ask', // {question, maxTextChars?} → answers summary
  SHOW: 'askpage:background-to-content:show', // {index} → answers summary
  STATE: 'askpage:background-to-content:state', // → answers summary (+ find bar state)
  OPEN_FIND_BAR: 'askpage:background-to-content:open-find-bar', // {maxTextChars?} → {ok: true}
  CLEAR: 'askpage:background-to-content:clear', // → {ok: true}
  PREPARE: 'askpage:background-to-content:prepare', // → {ok: true}; then the content script sends its capture
  PARTIAL: 'askpage:background-to-content:partial', // {askId, result}: the host's partial answers for that ask
  FIND_BAR_HELLO: 'askpage:background-to-content:find-bar-hello', // {token, secret}: the find bar frame is up
});

/**
 * The find bar's private channel. The content script puts a random token in the frame's URL fragment; the frame
 * makes a random secret and sends both through the background (extension messaging, which pages cannot read or
 * forge): FindBarToBackground.HELLO → BackgroundToContent.FIND_BAR_HELLO. The content script answers only its own
 * frame's token, by posting one end of a MessageChannel with the secret to the frame's window, targeted at the
 * extension's origin; the frame takes only a port that comes with its secret. Everything after goes over that port.
 */
/**
 * The host's text limit when it is not told otherwise (PROTOCOL.md, Limits: `maxTextChars`): what the content script
 * captures at most until the background has learnt the running host's own limit. Without it, a huge page (a big log
 * file) read before the host ever answered could not even be passed to the background.
 */
export const HOST_DEFAULT_MAX_TEXT_CHARS = 5_000_000;

export const FIND_BAR_PAGE = 'findbar/findbar.html';
export const FIND_BAR_PORT_MESSAGE = 'askpage:find-bar-port';

/** Find bar frame (an extension page inside the tab) → background. */
export const FindBarToBackground = Object.freeze({
  HELLO: 'askpage:find-bar-to-background:hello', // {token, secret} → {ok}: relayed to the tab's content script
});

/** Find bar frame → content script, on the port. */
export const FindBarToContent = Object.freeze({
  ENTER: 'enter', // {question, backwards}: Enter / Shift+Enter / the arrow buttons
  CLOSE: 'close', // Esc in the bar or its close button
  SIZE: 'size', // {width, height}: the bar's size in CSS pixels, so the frame fits it
  FOCUSED: 'focused', // the bar's page got the focus (given by the content script, or the user clicked the bar)
  BLURRED: 'blurred', // the bar's page lost the focus: the content script checks whether the page took it
});

/** Content script → find bar frame, on the port. */
export const ContentToFindBar = Object.freeze({
  OPEN: 'open', // {question?, typed?, enter?, backwards?}: put this question in the box (when given), focus the box
  // and select its text; typed: keys typed before the bar's page had the focus, put first in the box (the user's
  // typing wins over question); enter: Enter (Shift+Enter: backwards) was pressed then too, so the bar asks at once
  VIEW: 'view', // {counter, status}: what the bar shows besides the question
  KEY: 'key', // {key, backwards}: a key typed while the focus was still in the shell around the bar (a character,
  // 'Backspace' or 'Enter'; backwards: Shift was down): the bar types it at the caret, or asks on Enter
});

/** Background → native host: request types (PROTOCOL.md, "Requests and replies"). */
export const BackgroundToHost = Object.freeze({
  HELLO: 'hello',
  PREPARE: 'prepare', // {text, url?, tab?} → prepared {pageId, chars, cacheHit, timings}
  ASK: 'ask',
  CANCEL: 'cancel',
  PING: 'ping',
});

/** Native host → background: reply types. */
export const HostToBackground = Object.freeze({
  HELLO: 'hello',
  PREPARED: 'prepared',
  PARTIAL: 'partial', // answers of the best window, before the final `answers` of an ask sent with partial: true
  ANSWERS: 'answers',
  CANCEL: 'cancel',
  PONG: 'pong',
  ERROR: 'error',
});

/**
 * The settings the options page edits. `top` and `maxWindows` are null until the user picks a value: then the ask
 * leaves them out and the host uses its own defaults (hello's limits.defaultTop / defaultMaxWindows).
 */
export const SETTINGS_DEFAULTS = Object.freeze({
  top: null,
  maxWindows: null,
  floor: 0.1, // answers below floor × the best answer's probability are not shown (ask's `floor`, PROTOCOL.md)
  partial: true, // ask for the host's partial answers when it offers them (off: the benchmark's comparison)
  currentColor: '#ff9632',
  otherColor: '#ffef7a',
});
export const LIMITS = Object.freeze({ top: [1, 20], maxWindows: [1, 256] });

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Settings from storage, each field checked; anything missing or out of range falls back to its default. */
export function normalizeSettings(raw) {
  const s = { ...SETTINGS_DEFAULTS };
  if (raw && typeof raw === 'object') {
    for (const key of ['top', 'maxWindows']) {
      if (raw[key] === null || raw[key] === undefined || raw[key] === '') continue;
      const v = Number(raw[key]);
      if (Number.isInteger(v) && v >= LIMITS[key][0] && v <= LIMITS[key][1]) s[key] = v;
    }
    for (const key of ['currentColor', 'otherColor']) {
      if (typeof raw[key] === 'string' && COLOR.test(raw[key])) s[key] = raw[key].toLowerCase();
    }
    if (raw.floor !== null && raw.floor !== undefined && raw.floor !== '') {
      const v = Number(raw.floor);
      if (Number.isFinite(v) && v >= 0 && v <= 1) s.floor = v;
    }
    if (typeof raw.partial === 'boolean') s.partial = raw.partial;
  }
  return s;
}

/** The CSS the background inserts into a page: the two highlight colours, nothing else. */
export function highlightCss(settings) {
  const s = normalizeSettings(settings);
  return `::highlight(askpage-current) { background-color: ${s.currentColor}; color: #000; }\n`
    + `::highlight(askpage-other) { background-color: ${s.otherColor}; color: inherit; }\n`;
}

/** A typed error: {name, message, code?}; code is set for host errors. */
export function askpageError(name, message, code) {
  const e = { name, message: String(message ?? name) };
  if (code !== undefined) e.code = code;
  return e;
}

function isId(id) {
  return (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'string';
}

function checkInt(name, v, min, max) {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new TypeError(`${name} must be an integer in ${min}..${max}`);
  }
}

/** Request builders: the JSON objects the background posts to the host. They throw TypeError on bad input. */
export const HostRequests = Object.freeze({
  hello(id) {
    if (!isId(id)) throw new TypeError('id must be a number or a string');
    return { id, type: BackgroundToHost.HELLO };
  },
  ping(id) {
    if (!isId(id)) throw new TypeError('id must be a number or a string');
    return { id, type: BackgroundToHost.PING };
  },
  cancel(id, target) {
    if (!isId(id) || !isId(target)) throw new TypeError('id and target must be numbers or strings');
    return { id, type: BackgroundToHost.CANCEL, target };
  },
  prepare(id, { text, url, tab } = {}) {
    if (!isId(id)) throw new TypeError('id must be a number or a string');
    if (typeof text !== 'string') throw new TypeError('text must be a string');
    const m = { id, type: BackgroundToHost.PREPARE, text };
    if (url !== undefined) {
      if (typeof url !== 'string') throw new TypeError('url must be a string');
      m.url = url;
    }
    if (tab !== undefined) {
      if (!isId(tab)) throw new TypeError('tab must be a number or a string');
      m.tab = tab;
    }
    return m;
  },
  /** `text` or `pageId` (from a prepare or an earlier answers result), exactly one. */
  ask(id, { question, text, pageId, url, top, maxWindows, tab, sentAt, floor, partial } = {}) {
    if (!isId(id)) throw new TypeError('id must be a number or a string');
    if (typeof question !== 'string' || question.trim() === '') throw new TypeError('question must be a non-empty string');
    if ((text === undefined) === (pageId === undefined)) throw new TypeError('an ask carries exactly one of text and pageId');
    if (text !== undefined && typeof text !== 'string') throw new TypeError('text must be a string');
    if (pageId !== undefined && (typeof pageId !== 'string' || pageId === '')) throw new TypeError('pageId must be a non-empty string');
    const m = { id, type: BackgroundToHost.ASK, question };
    if (text !== undefined) m.text = text;
    else m.pageId = pageId;
    if (url !== undefined) {
      if (typeof url !== 'string') throw new TypeError('url must be a string');
      m.url = url;
    }
    if (top !== undefined) { checkInt('top', top, ...LIMITS.top); m.top = top; }
    if (maxWindows !== undefined) { checkInt('maxWindows', maxWindows, ...LIMITS.maxWindows); m.maxWindows = maxWindows; }
    if (tab !== undefined) {
      if (!isId(tab)) throw new TypeError('tab must be a number or a string');
      m.tab = tab;
    }
    if (sentAt !== undefined) {
      if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) throw new TypeError('sentAt must be a number');
      m.sentAt = sentAt;
    }
    if (floor !== undefined) {
      if (typeof floor !== 'number' || !(floor >= 0 && floor <= 1)) throw new TypeError('floor must be a number in 0..1');
      m.floor = floor;
    }
    if (partial !== undefined) {
      if (typeof partial !== 'boolean') throw new TypeError('partial must be a boolean');
      if (partial) m.partial = true;
    }
    return m;
  },
});

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function validAnswer(a) {
  return isObject(a) && typeof a.text === 'string' && Number.isInteger(a.start) && Number.isInteger(a.end)
    && a.start >= 0 && a.end >= a.start && typeof a.score === 'number' && typeof a.probability === 'number';
}

/**
 * Checks one reply from the host. Returns {id, type, result} for results, {id, type: 'error', error} for errors
 * (error = {code, name, message}), or throws TypeError naming what is wrong.
 */
export function parseHostReply(reply) {
  if (!isObject(reply)) throw new TypeError('reply is not an object');
  const { id, type } = reply;
  if (!(id === null || isId(id))) throw new TypeError('reply id is not a number, string or null');
  if (typeof type !== 'string') throw new TypeError('reply type is not a string');
  if (type === HostToBackground.ERROR) {
    const e = reply.error;
    if (!isObject(e) || !Number.isInteger(e.code) || typeof e.name !== 'string') {
      throw new TypeError('error reply without {code, name}');
    }
    return { id, type, error: { code: e.code, name: e.name, message: typeof e.message === 'string' ? e.message : e.name } };
  }
  const result = reply.result;
  if (!isObject(result)) throw new TypeError(`${type} reply without a result object`);
  if (type === HostToBackground.HELLO) {
    if (!Number.isInteger(result.protocol)) throw new TypeError('hello without an integer protocol');
  } else if (type === HostToBackground.ANSWERS || type === HostToBackground.PARTIAL) {
    if (!Array.isArray(result.answers) || !result.answers.every(validAnswer)) throw new TypeError(`${type} malformed`);
    if (typeof result.mode !== 'string') throw new TypeError(`${type} without mode`);
    if (result.pageId !== undefined && typeof result.pageId !== 'string') throw new TypeError(`${type} pageId not a string`);
  } else if (type === HostToBackground.PREPARED) {
    if (typeof result.pageId !== 'string' || result.pageId === '') throw new TypeError('prepared without a pageId');
  }
  return { id, type, result };
}

/** The reply type each request type expects. */
export const REPLY_TYPE_OF = Object.freeze({
  [BackgroundToHost.HELLO]: HostToBackground.HELLO,
  [BackgroundToHost.PREPARE]: HostToBackground.PREPARED,
  [BackgroundToHost.ASK]: HostToBackground.ANSWERS,
  [BackgroundToHost.CANCEL]: HostToBackground.CANCEL,
  [BackgroundToHost.PING]: HostToBackground.PONG,
});

/** The error of an ask cancelled by `cancel` or by a newer ask for the same tab (PROTOCOL.md code 9). */
export const CANCELLED = Object.freeze({ code: 9, name: 'cancelled' });

/** The error the host gives an ask whose pageId it no longer holds (PROTOCOL.md code 13): resend the text. */
export const UNKNOWN_PAGE = Object.freeze({ code: 13, name: 'unknown_page' });

export function isUnknownPage(error) {
  return error?.name === UNKNOWN_PAGE.name || error?.code === UNKNOWN_PAGE.code;
}

/** Whether the connected host offers `capability` (hello's capabilities, e.g. 'prepare', 'partial'). */
export function hostCan(hello, capability) {
  return Array.isArray(hello?.capabilities) && hello.capabilities.includes(capability);
}

/** What the model state in hello means for the user: 'model', 'lexical' or 'loading'. */
export function modeOf(hello) {
  const state = hello?.model?.state;
  if (state === 'ready') return 'model';
  if (state === 'loading') return 'loading';
  return 'lexical';
}

/** One sentence for the user about an askpage error (popup status line, find bar). */
export function describeError(error) {
  if (!error) return '';
  switch (error.name) {
    case LocalErrors.NOT_INSTALLED:
      return 'The askpage host is not installed. Download it and run its installer: '
        + `${INSTALL_COMMANDS.unix} (Linux/macOS) or ${INSTALL_COMMANDS.windows} (Windows).`;
    case LocalErrors.HOST_EXITED:
      return `The askpage host stopped (${error.message}). Ask again to restart it.`;
    case LocalErrors.TIMEOUT:
      return 'The askpage host took too long to answer. Try again.';
    case LocalErrors.PROTOCOL_MISMATCH:
      return `The askpage host and extension do not match (${error.message}). Update both.`;
    case LocalErrors.NO_ACCESS:
      return `askpage cannot read this page (${error.message}).`;
    case LocalErrors.NO_FIND_BAR:
      return `The find bar cannot run on this page (${error.message}): ask in askpage's popup (this button).`;
    case 'cancelled':
      return 'Cancelled by a newer question.';
    case 'busy':
      return 'The askpage host is busy. Try again in a moment.';
    case 'text_too_large':
    case 'page_too_large':
      return 'This page is too long for askpage.';
    default:
      return error.message || error.name;
  }
}
