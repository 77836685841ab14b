// The background: owns the one native messaging port (host-connection.js), injects the content script on the user's
// gesture, and relays between popup/find bar and the host. Only messages from this extension are served.

import { api } from '../shared/api.js';
import {
  BackgroundToContent, BackgroundToHost, ContentToBackground, FIND_BAR_PAGE, FindBarToBackground, INSTALL_COMMANDS,
  LocalErrors, OptionsToBackground, PopupToBackground, askpageError, describeError, highlightCss, modeOf,
} from '../shared/messages.js';
import { AsksInFlight } from './asks-in-flight.js';
import { ButtonNotices } from './button-notice.js';
import { ConnectionState, HostConnection } from './host-connection.js';
import { PreparedPages, TabCaptures, askTab, captureText, isCaptureId, prepareTab } from './instant-ask.js';
import { fitText } from './page-text.js';
import { toPlainError } from './plain-error.js';
import { cachedSettings } from './settings-cache.js';

export const CONTENT_SCRIPT = 'content/askpage-content.js';
export const FIND_COMMAND = 'open-find-bar';

const connection = new HostConnection({
  connectNative: (name) => api.runtime.connectNative(name),
  // Firefox puts the reason on port.error, Chromium on runtime.lastError (read inside onDisconnect).
  lastErrorOf: (port) => port?.error?.message ?? api.runtime.lastError?.message ?? '',
});

const insertedCss = new Map(); // tabId → CSS text inserted in that tab
const preparedPages = new PreparedPages(); // tabId → the page id of its text (held in memory only)
const tabCaptures = new TabCaptures(); // tabId → its latest capture's id and text (held in memory only)
const asksInFlight = new AsksInFlight(); // tabId → the ask its content script waits for (to cancel it on the host)
const buttonNotices = new ButtonNotices(api.action); // tabs whose toolbar button says why the find bar did not open

// Read once, refreshed when the options page saves: an ask no longer reads storage (it used to, twice).
const settings = cachedSettings(api.storage);

function status() {
  return {
    state: connection.state,
    mode: connection.state === ConnectionState.READY ? modeOf(connection.hello) : null,
    hello: connection.hello,
    lastError: connection.lastError,
    install: INSTALL_COMMANDS,
  };
}

async function statusAfterConnect(connect) {
  if (connect) {
    try {
      await connection.connect();
      // The hello of the connection may be old: a model still loading, or installed since a lexical host started
      // (the host looks for one when asked, and says 'loading' while it loads it).
      if (modeOf(connection.hello) !== 'model') await connection.refreshHello();
    } catch {
      // the state says what went wrong
    }
  }
  return status();
}

/** Makes sure the content script is in the tab; needs the activeTab grant of a gesture. */
async function ensureScript(tabId) {
  try {
    let present = false;
    try {
      present = (await api.tabs.sendMessage(tabId, { type: BackgroundToContent.PING }))?.ok === true;
    } catch {
      present = false;
    }
    if (!present) {
      insertedCss.delete(tabId);
      await api.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    }
  } catch (e) {
    throw askpageError(LocalErrors.NO_ACCESS, e?.message ?? String(e));
  }
}

/** Makes sure the highlight CSS (the user's colours) is in the tab, once the content script is. */
async function ensureCss(tabId) {
  try {
    const css = highlightCss(await settings());
    const old = insertedCss.get(tabId);
    if (old !== css) {
      if (old) await api.scripting.removeCSS({ target: { tabId }, css: old }).catch(() => {});
      await api.scripting.insertCSS({ target: { tabId }, css });
      insertedCss.set(tabId, css);
    }
  } catch (e) {
    throw askpageError(LocalErrors.NO_ACCESS, e?.message ?? String(e));
  }
}

/** Sends `message` to the tab's content script (which must be there). */
async function send(tabId, message) {
  try {
    return await api.tabs.sendMessage(tabId, message);
  } catch (e) {
    // The content script is gone: the page left or was closed while askpage worked on it.
    throw toPlainError(e, LocalErrors.NO_ACCESS);
  }
}

async function toTab(tabId, message) {
  await ensureScript(tabId);
  await ensureCss(tabId);
  return send(tabId, message);
}

/** The capture's text was sent with an earlier message that this background no longer holds: send it again. */
const unknownCapture = () => ({
  ok: false, error: askpageError(LocalErrors.UNKNOWN_CAPTURE, 'the background does not hold this capture; send its text'),
});

async function hostAsk({ question, text, captureId, url, askId }, tabId) {
  const pageText = captureText(tabCaptures, tabId, { text, captureId }); // before any await: in message order
  if (pageText === null) return unknownCapture();
  const { signal, done } = asksInFlight.start(tabId, askId); // before any await: a cancel may follow at once
  const s = await settings();
  // Partial answers go straight to the asking tab's content script, which paints them if that ask is still current.
  // Not once the ask was dropped (Esc, a newer question, the page left): the tab's next page numbers its asks from 1
  // again, and must not take this one's answers for its own.
  const onPartial = Number.isInteger(askId) && s.partial ? (result) => {
    if (signal.aborted) return;
    api.tabs.sendMessage(tabId, { type: BackgroundToContent.PARTIAL, askId, result }, { frameId: 0 }).catch(() => {});
  } : null;
  try {
    // Past the host's text limit, send the part that fits (page-text.js) and say so: {read: {chars, limit}}.
    const maxTextChars = (await connection.connect())?.limits?.maxTextChars;
    const { text, readChars, cut } = fitText(pageText, maxTextChars);
    const result = await askTab(connection, preparedPages, {
      tab: tabId,
      text,
      fields: { question, url, top: s.top ?? undefined, maxWindows: s.maxWindows ?? undefined, floor: s.floor },
      onPartial,
      signal,
    });
    return { ok: true, result, maxTextChars, read: cut ? { chars: readChars, limit: maxTextChars } : null };
  } catch (error) {
    return { ok: false, error: toPlainError(error, LocalErrors.BAD_REPLY) };
  } finally {
    done();
  }
}

async function hostPrepare({ text, captureId, url }, tabId) {
  const pageText = captureText(tabCaptures, tabId, { text, captureId }); // before any await: an ask may follow at once
  if (pageText === null) return unknownCapture();
  try {
    // The same part of the page an ask would send (fitText), so that the ask finds it prepared.
    const { text: fitted } = fitText(pageText, (await connection.connect())?.limits?.maxTextChars);
    return { ok: true, pageId: await prepareTab(connection, preparedPages, { tab: tabId, text: fitted, url }) };
  } catch (error) {
    return { ok: false, error: toPlainError(error, LocalErrors.BAD_REPLY) };
  }
}

/** A content script's page source: `text` and/or a `captureId` (at least one), each well-formed when present. */
function validPageSource({ text, captureId }) {
  if (text !== undefined && typeof text !== 'string') return false;
  if (captureId !== undefined && !isCaptureId(captureId)) return false;
  return text !== undefined || captureId !== undefined;
}

/** The host's text limit when a hello told it (the content script then captures no more than that). */
function knownTextLimit() {
  return connection.hello?.limits?.maxTextChars;
}

function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''));
}

async function handle(message, sender) {
  switch (message.type) {
    case ContentToBackground.ASK:
      if (!sender.tab || typeof message.question !== 'string' || !validPageSource(message)) break;
      return hostAsk(message, sender.tab.id);
    case ContentToBackground.PREPARE:
      // Without a captureId (the e2e tests' popup-page prepare) the text is prepared but not kept for later asks.
      if (!sender.tab || !validPageSource(message)) break;
      return hostPrepare(message, sender.tab.id);
    case ContentToBackground.CANCEL:
      // The content script dropped its ask (Esc, bar closed, navigation): the host stops reading for it.
      if (!sender.tab || !Number.isInteger(message.askId)) break;
      return { ok: true, cancelled: asksInFlight.cancel(sender.tab.id, message.askId) };
    case PopupToBackground.PREPARE:
      // The popup opened: the user's gesture lets us read the page now, while the question is typed.
      if (!fromExtensionPage(sender) || !Number.isInteger(message.tabId)) break;
      return toTab(message.tabId, { type: BackgroundToContent.PREPARE, maxTextChars: knownTextLimit() });
    case FindBarToBackground.HELLO:
      // Relayed to the content script of the frame's own tab (the browser sets sender.tab and sender.url).
      if (!sender.tab || !String(sender.url ?? '').startsWith(api.runtime.getURL(FIND_BAR_PAGE))
        || typeof message.token !== 'string' || typeof message.secret !== 'string') break;
      await api.tabs.sendMessage(sender.tab.id, {
        type: BackgroundToContent.FIND_BAR_HELLO, token: message.token, secret: message.secret,
      }, { frameId: 0 });
      return { ok: true };
    case PopupToBackground.STATUS:
    case OptionsToBackground.STATUS:
      if (!fromExtensionPage(sender)) break;
      return statusAfterConnect(Boolean(message.connect));
    case PopupToBackground.ASK:
      if (!fromExtensionPage(sender) || !Number.isInteger(message.tabId)) break;
      return toTab(message.tabId, {
        type: BackgroundToContent.ASK, question: String(message.question ?? ''), maxTextChars: knownTextLimit(),
      });
    case PopupToBackground.SHOW:
      if (!fromExtensionPage(sender) || !Number.isInteger(message.tabId)) break;
      return toTab(message.tabId, { type: BackgroundToContent.SHOW, index: message.index });
    case PopupToBackground.STATE:
      if (!fromExtensionPage(sender) || !Number.isInteger(message.tabId)) break;
      // Never injects: reopening the popup on a page askpage has not touched leaves that page alone.
      return api.tabs.sendMessage(message.tabId, { type: BackgroundToContent.STATE }).catch(() => null);
    default:
      break;
  }
  throw askpageError(LocalErrors.BAD_REQUEST, `unexpected message ${message.type}`);
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !message || typeof message.type !== 'string') return false;
  handle(message, sender).then(sendResponse, (error) => sendResponse({
    ok: false, status: 'error', error: toPlainError(error, LocalErrors.BAD_REQUEST),
  }));
  return true;
});

/** The shortcut's handler; exported (and on globalThis.askpageBackground) so headless tests can run it. */
export async function onCommand(command, tab) {
  if (command !== FIND_COMMAND || !tab?.id) return;
  try {
    // The bar first, the highlight CSS after: until the bar holds the focus, keys the user types go to the page.
    await ensureScript(tab.id);
    const opened = await send(tab.id, { type: BackgroundToContent.OPEN_FIND_BAR, maxTextChars: knownTextLimit() });
    if (opened?.ok === false) throw opened.error; // the bar cannot run on this page (sandboxed, or not HTML)
    // The host starts now, not once the content script has read the page (a second or more on a big page in
    // Firefox): its model loads meanwhile, and the page's prepare finds it running. A failure shows at the prepare.
    connection.connect().catch(() => {});
    await ensureCss(tab.id);
    await buttonNotices.clear(tab.id).catch(() => {});
  } catch (e) {
    // No find bar here: the user pressed a key and must see why no bar opened. Where askpage can still read and
    // highlight (a sandboxed page, an SVG image) the popup opens to ask instead; elsewhere (nothing can be scripted in
    // this tab), or when the popup cannot open, the button says why.
    const error = e?.name ? e : askpageError(LocalErrors.NO_ACCESS, e?.message ?? String(e));
    if (error.name === LocalErrors.NO_FIND_BAR && await openPopup()) return;
    await buttonNotices.show(tab.id, describeError(error)).catch(() => {});
  }
}

/** Opens the toolbar button's popup on the focused window's tab; false when the browser would not. */
async function openPopup() {
  try {
    await api.action.openPopup();
    return true;
  } catch {
    return false;
  }
}

api.commands.onCommand.addListener((command, tab) => {
  onCommand(command, tab);
});

api.tabs.onRemoved.addListener((tabId) => {
  asksInFlight.cancel(tabId);
  insertedCss.delete(tabId);
  preparedPages.forget(tabId);
  tabCaptures.forget(tabId);
  buttonNotices.forget(tabId);
});

globalThis.askpageBackground = Object.freeze({ onCommand, status, connection });
