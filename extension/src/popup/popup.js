// The toolbar popup: question box, answers with probability and context, and the host's status. It talks only to
// the background. Opened as a page with ?tab=ID it works on that tab (tests, or a popup detached into a tab).

import { api } from '../shared/api.js';
import { INSTALL_COMMANDS, PopupToBackground, describeError } from '../shared/messages.js';
import { ASKING, STALE, noAnswerText } from '../shared/page-notes.js';
import { followAsk } from './follow-ask.js';
import { tabFromQuery } from './popup-target.js';

const $ = (id) => document.getElementById(id);

async function targetTabId() {
  const fromUrl = tabFromQuery(location.search);
  if (fromUrl !== null) return fromUrl;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function el(name, className, text) {
  const e = document.createElement(name);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderStatus(status) {
  const line = $('status');
  line.classList.remove('bad');
  $('install').hidden = true;
  const hello = status?.hello;
  switch (status?.state) {
    case 'ready':
      if (status.mode === 'loading') {
        line.textContent = 'Connected · loading the model…';
      } else if (status.mode === 'model') {
        line.textContent = `Connected · model${hello?.model?.id ? ` (${hello.model.id})` : ''}`;
      } else {
        line.textContent = `Connected · lexical (no model)${hello?.model?.message ? ` — ${hello.model.message}` : ''}`;
      }
      break;
    case 'connecting':
      line.textContent = 'Connecting…';
      break;
    case 'not_installed':
      line.textContent = 'askpage host not installed';
      line.classList.add('bad');
      $('install').hidden = false;
      break;
    case 'incompatible':
      line.textContent = `Host and extension do not match: ${status.lastError}`;
      line.classList.add('bad');
      break;
    default:
      line.textContent = status?.lastError ? `Host stopped: ${status.lastError}` : 'Not connected';
      if (status?.lastError) line.classList.add('bad');
  }
}

function renderAnswers(summary, tabId) {
  const list = $('answers');
  list.replaceChildren();
  const result = $('result');
  result.textContent = '';
  if (!summary) return;
  if (summary.status === 'error' || summary.ok === false) {
    result.textContent = describeError(summary.error);
    if (summary.error?.name === 'not_installed') $('install').hidden = false;
    return;
  }
  if (summary.status === 'asking') {
    result.textContent = ASKING;
    return;
  }
  if (summary.status === 'stale') {
    result.textContent = STALE;
    return;
  }
  if (summary.status !== 'answered') return;
  const notes = summary.notes ?? [];
  if (summary.answers.length === 0) {
    result.textContent = [`${noAnswerText(summary.noAnswerProbability)}.`, summary.notice, ...notes].filter(Boolean).join(' ');
    return;
  }
  result.textContent = [summary.mode === 'lexical' ? summary.notice : null, ...notes].filter(Boolean).join(' ');
  summary.answers.forEach((answer, index) => {
    const button = el('button', index === summary.current ? 'current' : '');
    button.type = 'button';
    button.dataset.index = String(index);
    button.append(el('span', 'prob', `${Math.round(answer.probability * 100)}%`), el('span', 'answer', answer.text));
    const context = el('span', 'context');
    context.append(answer.context.before, el('mark', '', answer.context.match), answer.context.after);
    button.append(context);
    button.addEventListener('click', async () => {
      renderAnswers(await api.runtime.sendMessage({ type: PopupToBackground.SHOW, tabId, index }), tabId);
    });
    list.append(el('li', '', undefined));
    list.lastChild.append(button);
  });
}

async function main() {
  $('install-unix').textContent = INSTALL_COMMANDS.unix;
  $('install-windows').textContent = INSTALL_COMMANDS.windows;
  $('options').addEventListener('click', (event) => {
    event.preventDefault();
    api.runtime.openOptionsPage();
  });
  const tabId = await targetTabId();
  const question = $('question');
  question.focus();

  const previous = tabId === undefined ? null
    : await api.runtime.sendMessage({ type: PopupToBackground.STATE, tabId });
  // The host prepares the page while the question is typed (and the status below connects it, loading the model).
  if (tabId !== undefined) api.runtime.sendMessage({ type: PopupToBackground.PREPARE, tabId }).catch(() => {});
  // An ask still under way (from the find bar) is followed until it is over.
  let following = null;
  if (previous?.question) {
    question.value = previous.question;
    following = followAsk({
      first: previous,
      read: () => api.runtime.sendMessage({ type: PopupToBackground.STATE, tabId }),
      render: (summary) => renderAnswers(summary, tabId),
    });
    addEventListener('pagehide', () => following.stop());
  }

  $('ask-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = question.value.trim();
    if (!q || tabId === undefined) return;
    following?.stop(); // this ask's own answers are shown below
    $('result').textContent = ASKING;
    $('answers').replaceChildren();
    const summary = await api.runtime.sendMessage({ type: PopupToBackground.ASK, tabId, question: q });
    renderAnswers(summary, tabId);
    renderStatus(await api.runtime.sendMessage({ type: PopupToBackground.STATUS, connect: false }));
  });

  // While the model loads, look again every second (each look asks the host for a fresh hello).
  const refresh = async () => {
    const status = await api.runtime.sendMessage({ type: PopupToBackground.STATUS, connect: true });
    renderStatus(status);
    if (status?.state === 'ready' && status.mode === 'loading') setTimeout(refresh, 1000);
  };
  await refresh();
}

main();
