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
      if (event.source !== window.parent || event.data?.type !== FIND_BAR_PORT_MESSAGE
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

function focusBox() {
  window.focus();
  input.focus();
}

function listen() {
  const enter = (backwards) => post({ type: FindBarToContent.ENTER, question: input.value, backwards });
  const close = () => post({ type: FindBarToContent.CLOSE });

  // Only the user's own key presses and clicks count (isTrusted); nothing else can reach this document anyway.
  const escape = new EscapeToClose(); // an Esc that cancels an IME composition does not close the bar
  document.addEventListener('keydown', (event) => {
    if (!event.isTrusted) return;
    const closing = escape.keydown(event);
    if (event.isComposing) return;
    if (closing) {
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
      opened = true;
      if (early !== '') input.value = early + input.value;
      if (typeof message.question === 'string' && !keepTyped) input.value = message.question;
      if (document.activeElement !== input || !document.hasFocus()) focusBox();
      if (keepTyped) input.setSelectionRange(input.value.length, input.value.length);
      else input.select();
    } else if (message?.type === ContentToFindBar.VIEW) {
      showText(counter, message.counter);
      showText(status, message.status);
    }
  });
  contentPort.start();
  port = contentPort;
  for (const message of waiting.splice(0)) port.postMessage(message);
}

/** Sets an element's text only when it changes: replacing a text node with the same text still costs a layout. */
function showText(element, text) {
  const value = String(text ?? '');
  if (element.textContent !== value) element.textContent = value;
}

listen();
focusBox(); // at once: the user may be typing already
connect().then(start, (e) => {
  status.textContent = `askpage: the find bar cannot reach the page (${e?.message ?? e}).`;
});
