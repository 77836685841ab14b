// The content script, injected on the user's gesture (toolbar popup or shortcut) with scripting.executeScript.
// It captures the page text, sends it with the question to the background (never anywhere else), maps the answers'
// offsets back to DOM ranges, highlights them and runs the find bar. Page text is only ever read as data: nothing
// here parses it as HTML.

import { api } from '../shared/api.js';
import {
  BackgroundToContent, ContentToBackground, LocalErrors, askpageError, describeError,
} from '../shared/messages.js';
import { captureDocument } from './capture.js';
import { FindBar } from './find-bar.js';
import { Highlighter } from './highlight.js';
import { partialIsCurrent } from './partial.js';
import { contextOf, spanIsFresh, spanPieces } from './text-map.js';

function startContentScript() {
  const highlighter = new Highlighter(window);
  const state = {
    question: '', status: 'idle', mode: null, notice: null, error: null, answers: [], current: -1, capture: null,
    ignored: 0, seq: 0, pendingCapture: null, partialsPainted: 0, timings: null,
  };
  const findBar = new FindBar(document, { onEnter: onFindBarEnter, onClose: closeAndClear });

  function summary() {
    const text = state.capture?.text ?? '';
    return {
      question: state.question,
      status: state.status,
      mode: state.mode,
      notice: state.notice,
      error: state.error,
      current: state.current,
      ignored: state.ignored,
      partialsPainted: state.partialsPainted,
      timings: state.timings, // the host's, for the last answers (cacheHit: the page was prepared or asked before)
      answers: state.answers.map((a) => ({
        text: a.text, probability: a.probability, score: a.score, context: contextOf(text, a.start, a.end),
      })),
      findBar: findBar.snapshot(),
    };
  }

  function render() {
    if (state.status === 'asking' && state.answers.length > 0) {
      // A partial answer (the host's best window) is shown while the rest of the budget is read.
      const a = state.answers[state.current];
      findBar.setCounter(`${state.current + 1} of ${state.answers.length} · ${Math.round(a.probability * 100)}%`);
      findBar.setStatus('');
    } else if (state.status === 'asking') {
      findBar.setCounter('');
      findBar.setStatus('Asking…');
    } else if (state.status === 'error') {
      findBar.setCounter('');
      findBar.setStatus(describeError(state.error));
    } else if (state.status === 'answered' && state.answers.length === 0) {
      findBar.setCounter('No answer');
      findBar.setStatus(state.notice ?? '');
    } else if (state.status === 'answered') {
      const a = state.answers[state.current];
      findBar.setCounter(`${state.current + 1} of ${state.answers.length} · ${Math.round(a.probability * 100)}%`);
      findBar.setStatus('');
    } else {
      findBar.setCounter('');
      findBar.setStatus('');
    }
  }

  function rangesOf(capture, answer) {
    const ranges = [];
    for (const p of spanPieces(capture.segments, answer.start, answer.end, (node) => node.getRootNode())) {
      const range = document.createRange();
      range.setStart(p.startNode, p.startOffset);
      range.setEnd(p.endNode, p.endOffset);
      ranges.push(range);
    }
    return ranges;
  }

  /** The answer with its DOM ranges, or null when the host's text is not the captured text at its offsets. */
  function withRanges(capture, answer, fresh) {
    const matches = answer.truncated ? capture.text.startsWith(answer.text, answer.start)
      : capture.text.slice(answer.start, answer.end) === answer.text;
    const ranges = matches && fresh ? rangesOf(capture, answer) : [];
    return ranges.length > 0 ? { ...answer, ranges } : null;
  }

  async function ask(question) {
    const seq = ++state.seq;
    highlighter.clear();
    Object.assign(state, {
      question, status: 'asking', mode: null, notice: null, error: null, answers: [], current: -1, ignored: 0,
      partialsPainted: 0, timings: null,
    });
    render();
    if (!question) {
      Object.assign(state, { status: 'error', error: askpageError('empty_question', 'Type a question first.') });
      render();
      return summary();
    }
    // If the page changes under the answers while the host thinks, capture and ask once more.
    for (let attempt = 0; attempt < 2; attempt++) {
      const capture = captureDocument(document, { extraSkip: (e) => e === findBar.host });
      state.pendingCapture = capture;
      let reply;
      try {
        reply = await api.runtime.sendMessage({
          type: ContentToBackground.ASK, question, text: capture.text, url: location.href, askId: seq,
        });
      } catch (e) {
        reply = { ok: false, error: askpageError(LocalErrors.HOST_EXITED, e?.message ?? String(e)) };
      }
      if (seq !== state.seq) return summary(); // a newer question or Esc took over
      if (!reply?.ok) {
        if (state.partialsPainted > 0) highlighter.clear(); // a partial answer must not outlive its failed ask
        const error = reply?.error ?? askpageError(LocalErrors.BAD_REPLY, 'no reply');
        Object.assign(state, { status: 'error', error, answers: [], current: -1 });
        render();
        return summary();
      }
      const { mode, notice = null, answers, timings = null } = reply.result;
      // Each answer's freshness is checked once, here: nothing can change the page before show() below.
      const fresh = answers.map((a) => spanIsFresh(capture, a.start, a.end));
      if (!fresh.every(Boolean) && attempt === 0) continue;
      const usable = answers.map((a, i) => withRanges(capture, a, fresh[i])).filter(Boolean);
      Object.assign(state, {
        capture, mode, notice, status: 'answered', answers: usable, ignored: answers.length - usable.length, timings,
      });
      if (usable.length === 0 && answers.length > 0) {
        Object.assign(state, { status: 'error', error: askpageError(LocalErrors.STALE, 'The page changed; ask again.') });
        render();
        return summary();
      }
      return highlight(0);
    }
    return summary();
  }

  /**
   * The host's answers of its best window for the ask still running: painted at once. The final answers replace them
   * in one step (no clearing in between), so where they agree the same span stays current and nothing flashes.
   */
  function showPartial(askId, result) {
    const capture = state.pendingCapture;
    if (!partialIsCurrent(state, askId) || !capture || !Array.isArray(result?.answers)) return;
    const usable = result.answers.map((a) => withRanges(capture, a, spanIsFresh(capture, a.start, a.end)))
      .filter(Boolean);
    if (usable.length === 0) return;
    Object.assign(state, { capture, mode: result.mode, answers: usable, partialsPainted: state.partialsPainted + 1 });
    highlight(0);
  }

  /** Moves to answer `index` (wrapping); if the page changed under it since the answers came, asks again. */
  async function show(index) {
    const n = state.answers.length;
    if (n === 0 || !Number.isInteger(index)) {
      render();
      return summary();
    }
    let i = ((index % n) + n) % n;
    const answer = state.answers[i];
    if (!spanIsFresh(state.capture, answer.start, answer.end)) {
      await ask(state.question);
      return summary();
    }
    return highlight(i);
  }

  /** Highlights all answers with answer `i` current, and scrolls to it. */
  function highlight(i) {
    state.current = i;
    highlighter.show(state.answers.map((a) => a.ranges), i);
    highlighter.scrollTo(state.answers[i].ranges);
    render();
    return summary();
  }

  function onFindBarEnter(rawQuestion, backwards) {
    const question = rawQuestion.trim();
    if (!question) return;
    if (question === state.question && state.status === 'asking') return;
    if (question === state.question && state.status === 'answered' && state.answers.length > 0) {
      show(state.current + (backwards ? -1 : 1));
    } else {
      ask(question);
    }
  }

  function clear() {
    state.seq++;
    highlighter.clear();
    Object.assign(state, {
      question: '', status: 'idle', mode: null, notice: null, error: null, answers: [], current: -1, capture: null,
      ignored: 0, pendingCapture: null, partialsPainted: 0, timings: null,
    });
    render();
  }

  function closeAndClear() {
    findBar.close();
    clear();
  }

  /** Sends the page to be prepared by the host while the user types (the ask then names it by id). */
  function prepare() {
    const capture = captureDocument(document, { extraSkip: (e) => e === findBar.host });
    api.runtime.sendMessage({ type: ContentToBackground.PREPARE, text: capture.text, url: location.href })
      .catch(() => {}); // no host yet: the ask will say so
  }

  // Esc anywhere in the page clears the answers (inside the find bar, the bar handles it). Only the user's own key
  // press counts: a page script's synthetic Escape (isTrusted false) changes nothing.
  document.addEventListener('keydown', (event) => {
    if (event.isTrusted && event.key === 'Escape' && (state.answers.length > 0 || findBar.isOpen)) closeAndClear();
  }, true);
  // Navigation: leaving the page (or a history navigation in a single-page app) clears everything.
  window.addEventListener('pagehide', closeAndClear);
  window.addEventListener('popstate', closeAndClear);

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || !message || typeof message.type !== 'string') return false;
    let pending;
    switch (message.type) {
      case BackgroundToContent.PING:
        sendResponse({ ok: true });
        return false;
      case BackgroundToContent.STATE:
        sendResponse(summary());
        return false;
      case BackgroundToContent.OPEN_FIND_BAR:
        // Answers already shown (asked from the popup) carry over: Enter then moves to the next one.
        findBar.open(state.question);
        render();
        sendResponse({ ok: true });
        prepare();
        return false;
      case BackgroundToContent.PREPARE:
        sendResponse({ ok: true });
        prepare();
        return false;
      case BackgroundToContent.PARTIAL:
        showPartial(message.askId, message.result);
        sendResponse({ ok: true });
        return false;
      case BackgroundToContent.CLEAR:
        closeAndClear();
        sendResponse({ ok: true });
        return false;
      case BackgroundToContent.ASK:
        pending = ask(typeof message.question === 'string' ? message.question.trim() : '');
        break;
      case BackgroundToContent.SHOW:
        pending = show(message.index);
        break;
      default:
        return false;
    }
    pending.then(sendResponse, (e) => sendResponse({
      ...summary(), status: 'error', error: askpageError(LocalErrors.BAD_REPLY, e?.message ?? String(e)),
    }));
    return true;
  });
}

// executeScript may run this file again in the same page (every popup question injects it): start once.
if (!globalThis.__askpageContentStarted) {
  globalThis.__askpageContentStarted = true;
  startContentScript();
}
