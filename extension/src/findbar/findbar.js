// The find bar's own page: an extension page the content script shows in an iframe, so the question box lives in the
// extension's origin. Keys, input, composition, focus and clipboard events of the box happen in this document only;
// the web page around the frame cannot listen to them or read the box (cross-origin). This page talks to the content
// script over a MessageChannel handed over through extension messaging (see FIND_BAR_PAGE in messages.js).

import { api } from '../shared/api.js';
import {
  ContentToFindBar, FIND_BAR_PORT_MESSAGE, FindBarToBackground, FindBarToContent,
} from '../shared/messages.js';
import { EscapeToClose } from './escape-key.js';

const $ = (id) => document.getElementById(id);
const input = $('question');
const counter = $('counter');
const status = $('status');

// The content script names its frame with a random token in the URL's fragment; this page proves to be that frame by
// sending the token through the background, with a secret of its own that the content script's port must come with.
const token = location.hash.slice(1);
const secret = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Resolves with the MessagePort the content script hands over (only the one that comes with our secret). */
function connect() {
  const port = new Promise((resolve) => {
    const onMessage = (event) => {
      // From the content script, whose window holds the blank frame this page's frame sits in (find-bar.js).
      if (event.source !== window.parent.parent || event.data?.type !== FIND_BAR_PORT_MESSAGE
        || event.data.secret !== secret || event.ports.length !== 1) return;
      window.removeEventListener('message', onMessage);
      resolve(event.ports[0]);
    };
    window.addEventListener('message', onMessage);
  });
  return api.runtime.sendMessage({ type: FindBarToBackground.HELLO, token, secret }).then((reply) => {
    if (!reply?.ok) throw new Error(reply?.error?.message ?? 'no reply');
    return port;
  });
}

// Until the content script's port arrives (it may be busy reading a big page), what the user types stays in the box
// and what the bar says (Enter, Esc, its size) waits here: the bar is usable the moment this document runs.
let port = null;
const waiting = [];
let opened = false; // the content script's first OPEN was shown

function post(message) {
  if (port) port.postMessage(message); // a closed port drops it: the page went away
  else waiting.push(message);
}

/**
 * Puts the focus in the box, but only while this frame has the focus: the content script gives it to the frame.
 * Asking for it from here would make Chromium hand the keys to the page's own document for a moment while it moves
 * the focus across processes (see find-bar.js).
 */
function focusBox() {
  if (document.hasFocus() && document.activeElement !== input) input.focus();
}

/** Asks the question in the box (Enter, Shift+Enter: backwards). */
function enter(backwards) {
  post({ type: FindBarToContent.ENTER, question: input.value, backwards });
}

function listen() {
  const close = () => post({ type: FindBarToContent.CLOSE });

  // Only the user's own key presses and clicks count (isTrusted); nothing else can reach this document anyway.
  const escape = new EscapeToClose(); // an Esc that cancels an IME composition does not close the bar
  document.addEventListener('keydown', (event) => {
    if (!event.isTrusted) return;
    const closing = escape.keydown(event);
    if (event.isComposing) return;
    if (strayKey(event)) {
      // This frame has just been given the focus and the box does not have it yet: the key goes in the box.
      event.preventDefault();
      focusBox();
      typeKey(event.key, event.shiftKey);
    } else if (closing) {
      event.preventDefault(); // closed on keyup: removing the frame while its keydown is handled loses the keyup
    } else if (event.key === 'Enter' && event.target === input) {
      event.preventDefault();
      enter(event.shiftKey);
    }
  });
  document.addEventListener('keyup', (event) => {
    // A moment later: the key's handling must be over (and acknowledged) before the content script removes this frame.
    if (event.isTrusted && escape.keyup(event)) setTimeout(close, 50);
  });
  document.addEventListener('keydown', keepTabInBar);
  const onClick = (button, action) => button.addEventListener('click', (event) => {
    if (event.isTrusted) action();
  });
  onClick($('prev'), () => enter(true));
  onClick($('next'), () => enter(false));
  onClick($('close'), close);

  const bar = $('bar');
  new ResizeObserver(() => {
    // The bar's margin box: the frame must hold the shadow too.
    const style = getComputedStyle(bar);
    const width = bar.offsetWidth + parseFloat(style.marginLeft) + parseFloat(style.marginRight);
    const height = bar.offsetHeight + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    post({ type: FindBarToContent.SIZE, width: Math.ceil(width), height: Math.ceil(height) });
  }).observe(bar);
}

function start(contentPort) {
  contentPort.addEventListener('message', ({ data: message }) => {
    if (message?.type === ContentToFindBar.OPEN) {
      // The first OPEN carries the question the bar opened with; keys the user typed already win over it.
      // Keys typed before this page ran (the content script kept them) come first.
      const early = !opened && typeof message.typed === 'string' ? message.typed : '';
      const keepTyped = !opened && (input.value !== '' || early !== ''); // the box starts empty: the user typed
      const enterEarly = !opened && message.enter === true; // Enter came before this page had the focus
      opened = true;
      if (early !== '') input.value = early + input.value;
      if (typeof message.question === 'string' && !keepTyped) input.value = message.question;
      focusBox();
      if (keepTyped) input.setSelectionRange(input.value.length, input.value.length);
      else input.select();
      if (enterEarly) enter(message.backwards === true);
    } else if (message?.type === ContentToFindBar.KEY) {
      typeKey(message.key, message.backwards === true);
    } else if (message?.type === ContentToFindBar.VIEW) {
      showText(counter, message.counter);
      showText(status, message.status);
    }
  });
  contentPort.start();
  port = contentPort;
  for (const message of waiting.splice(0)) port.postMessage(message);
}

/**
 * Tab and Shift+Tab go round the bar's box and buttons and never out of the bar: the focus leaves it only by a click
 * or tap elsewhere (or Esc), so that a move the user did not make can be told from theirs (find-bar.js).
 */
function keepTabInBar(event) {
  if (!event.isTrusted || event.key !== 'Tab' || event.ctrlKey || event.metaKey || event.altKey) return;
  const stops = [input, ...document.querySelectorAll('#bar button')];
  const at = stops.indexOf(document.activeElement);
  event.preventDefault();
  const next = stops[(at + (event.shiftKey ? -1 : 1) + stops.length) % stops.length];
  next.focus();
  if (next === input) input.select(); // as Tab into a text field does
}

/** A key typed while nothing in this page has the focus (not the box, not a button): one the box should get. */
function strayKey(event) {
  const nowhere = event.target === document.body || event.target === document.documentElement;
  const typing = event.key.length === 1 || event.key === 'Backspace' || event.key === 'Enter';
  return nowhere && typing && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * A key typed before the box had the focus (passed on by the content script from the blank frame around this page's
 * frame, or caught here before the box had it): a character goes in at the caret, Backspace deletes before it, Enter
 * asks.
 */
function typeKey(key, backwards) {
  if (key === 'Enter') {
    enter(backwards);
  } else if (key === 'Backspace') {
    const { selectionStart: start, selectionEnd: end } = input;
    if (start !== end) input.setRangeText('', start, end, 'end');
    else if (start > 0) input.setRangeText('', start - 1, start, 'end');
  } else if (typeof key === 'string' && key.length === 1) {
    input.setRangeText(key, input.selectionStart, input.selectionEnd, 'end');
  }
}

/** Sets an element's text only when it changes: replacing a text node with the same text still costs a layout. */
function showText(element, text) {
  const value = String(text ?? '');
  if (element.textContent !== value) element.textContent = value;
}

listen();
// The content script gave this frame the focus, or the user clicked into it. The content script keeps the focus in
// the bar while it has it (find-bar.js), so it hears of each change; only once connected: a report waiting for the
// port would be stale when it came.
window.addEventListener('focus', (event) => {
  focusBox();
  if (event.isTrusted && event.target === window) port?.postMessage({ type: FindBarToContent.FOCUSED });
});
window.addEventListener('blur', (event) => {
  if (event.isTrusted && event.target === window) port?.postMessage({ type: FindBarToContent.BLURRED });
});
focusBox(); // at once when the frame has it already: the user may be typing
connect().then(start, (e) => {
  status.textContent = `askpage: the find bar cannot reach the page (${e?.message ?? e}).`;
});
