// The content script, injected on the user's gesture (toolbar popup or shortcut) with scripting.executeScript.
// It captures the page text, sends it (once per capture) and the question to the background (never anywhere else),
// maps the answers' offsets back to DOM ranges, highlights them and runs the find bar. Page text is only ever read as
// data: nothing here parses it as HTML.

import { api, belongsToExtension } from '../shared/api.js';
import {
  HOST_DEFAULT_MAX_TEXT_CHARS, BackgroundToContent, ContentToBackground, LocalErrors, askpageError, describeError,
} from '../shared/messages.js';
import { ASKING, STALE, noAnswerText, pageNotes } from '../shared/page-notes.js';
import { AskClock } from './ask-clock.js';
import { CaptureSender } from './capture-sender.js';
import { FindBar } from './find-bar.js';
import { Highlighter } from './highlight.js';
import { HighlightRules } from './highlight-rules.js';
import { PageCapture } from './page-capture.js';
import { leavesAnsweredPage, withoutFragment } from './navigation.js';
import { askInFlight, currentAfterPartial, partialIsCurrent } from './partial.js';
import { contextOf, spanIsFresh, spanPieces } from './text-map.js';

function startContentScript() {
  FindBar.removeLeftovers(document);
  const highlighter = new Highlighter(window);
  highlighter.clearLeftovers();
  const state = {
    question: '', status: 'idle', mode: null, notice: null, error: null, answers: [], current: -1, capture: null,
    ignored: 0, seq: 0, noAnswerProbability: null, read: null, skippedFrames: 0,
    pendingCapture: null, partialsPainted: 0, timings: null, partialTimings: null,
  };
  const findBar = new FindBar(document, { onEnter: live(onFindBarEnter), onClose: live(closeAndClear) });
  const clock = new AskClock(); // Enter → first painted highlight → final answers, for the benchmark
  const isOurs = (node) => Boolean(findBar.element) && (node === findBar.element || findBar.element.contains(node));
  const pages = new PageCapture(document, {
    extraSkip: (e) => e === findBar.element, isOurs, onChange: live(() => reconcile()),
  });
  let maxTextChars = HOST_DEFAULT_MAX_TEXT_CHARS; // the host's limit, from the background's messages once it knows it
  // The address (without its fragment) the find bar was opened or the last question asked on; null before either.
  let answeredAt = null;

  /**
   * `handler`, run only while this script still belongs to the extension. After an update or reload Chromium leaves
   * the old script running, cut off from the extension: it then lets go of the page (its bar closes, it stops watching
   * the DOM) and leaves the highlights to the new script, which the next gesture injects (and which removes what this
   * one left, removeLeftovers / clearLeftovers above). Firefox removes the old script itself.
   */
  function live(handler) {
    return (...args) => {
      if (belongsToExtension()) return handler(...args);
      findBar.close();
      pages.stop();
      return undefined;
    };
  }

  /** The background says the host's text limit when it knows it: capture no more than the host reads. */
  function learnTextLimit(limit) {
    if (Number.isInteger(limit) && limit > 0) maxTextChars = limit;
  }
  const highlightRules = new HighlightRules(api.storage); // for frames and shadow roots; no read at each ask

  // Each capture's text crosses to the background once; later asks about it name only its id.
  const captures = new CaptureSender({ send: (message) => api.runtime.sendMessage(message) });

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
      noAnswerProbability: state.noAnswerProbability,
      notes: pageNotes(state),
      partialsPainted: state.partialsPainted,
      timings: state.timings, // the host's, for the last answers (cacheHit: the page was prepared or asked before)
      partialTimings: state.partialTimings, // the host's, for the partial answers of the last ask (null: none came)
      answers: state.answers.map((a) => ({
        text: a.text, probability: a.probability, score: a.score, context: contextOf(text, a.start, a.end),
      })),
      findBar: findBar.snapshot(),
      clock: clock.snapshot(),
    };
  }

  /** "2 of 5 · 91%": the current answer, how many, and its probability. */
  function answerCounter() {
    const a = state.answers[state.current];
    return `${state.current + 1} of ${state.answers.length} · ${Math.round(a.probability * 100)}%`;
  }

  /** The find bar's counter and status line for the current state. */
  function findBarText() {
    const notes = pageNotes(state).join(' ');
    switch (state.status) {
      case 'asking':
        // "Asking…" in the counter's place, not the status line's, so the bar keeps its width when the answers come
        // (a resized frame costs a layout of the page and a new surface for the frame). It stays while a partial
        // answer (the host's best window) is lit: Enter cannot move between answers before the final ones, and the
        // bar is not repainted while the host is still reading.
        return { counter: ASKING, status: '' };
      case 'error':
        return { counter: '', status: describeError(state.error) };
      case 'stale':
        return { counter: '', status: STALE };
      case 'answered':
        if (state.answers.length === 0) {
          return { counter: noAnswerText(state.noAnswerProbability), status: [state.notice, notes].filter(Boolean).join(' ') };
        }
        return { counter: answerCounter(), status: notes };
      default:
        return { counter: '', status: '' };
    }
  }

  function render() {
    const { counter, status } = findBarText();
    findBar.setView(counter, status);
  }

  function rangesOf(capture, answer) {
    const ranges = [];
    for (const p of spanPieces(capture.segments, answer.start, answer.end, (node) => node.getRootNode())) {
      const range = p.startNode.ownerDocument.createRange();
      range.setStart(p.startNode, p.startOffset);
      range.setEnd(p.endNode, p.endOffset);
      ranges.push(range);
    }
    return ranges;
  }

  function resetAnswers(fields) {
    Object.assign(state, {
      mode: null, notice: null, error: null, answers: [], current: -1, ignored: 0, noAnswerProbability: null, read: null,
      skippedFrames: 0, pendingCapture: null, partialsPainted: 0, timings: null, partialTimings: null, ...fields,
    });
  }

  async function sendAsk(question, capture, askId) {
    state.pendingCapture = capture; // a partial reply for this ask maps to it
    try {
      return await captures.send({ type: ContentToBackground.ASK, question, url: location.href, askId }, capture,
        () => askId === state.seq);
    } catch (e) {
      return { ok: false, error: askpageError(LocalErrors.HOST_EXITED, e?.message ?? String(e)) };
    }
  }

  async function ask(question) {
    const seq = ++state.seq;
    answeredAt = withoutFragment(location.href);
    highlighter.clear();
    resetAnswers({ question, status: 'asking' });
    render();
    if (!question) {
      Object.assign(state, { status: 'error', error: askpageError('empty_question', 'Type a question first.') });
      render();
      return summary();
    }
    try {
      return await askAbout(question, seq);
    } catch (e) {
      // Reading or painting the page threw (a DOM nested too deep to walk, say): an error, not "Asking…" for good.
      if (seq !== state.seq) return summary();
      highlighter.clear();
      return endWithError(askpageError(LocalErrors.NO_ACCESS, `reading it failed: ${e?.message ?? e}`));
    }
  }

  /** The ask ended without answers: no answers shown, and both UIs say why. */
  function endWithError(error) {
    Object.assign(state, { status: 'error', error, answers: [], current: -1 });
    render();
    return summary();
  }

  /** The host's answers to `question` (ask `seq`) on the page as captured now, or as re-rendered meanwhile. */
  async function askAbout(question, seq) {
    // If the page's text changes under the answers while the host thinks, capture and ask once more.
    let capture = pages.current(maxTextChars);
    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = await sendAsk(question, capture, seq);
      if (reply?.ok && seq === state.seq) clock.answersArrived();
      if (!highlightRules.loaded) await highlightRules.ready; // read as the script starts: long done by now
      if (seq !== state.seq) return summary(); // a newer question or Esc took over
      if (!reply?.ok) {
        if (state.partialsPainted > 0) highlighter.clear(); // a partial answer must not outlive its failed ask
        return endWithError(reply?.error ?? askpageError(LocalErrors.BAD_REPLY, 'no reply'));
      }
      learnTextLimit(reply.maxTextChars);
      const answers = reply.result.answers ?? [];
      if (answers.every((a) => spanIsFresh(capture, a.start, a.end))) return accept(reply, capture);
      // Re-rendered with the same text: the same offsets, on the new nodes.
      const now = pages.refresh(maxTextChars);
      if (now.text === capture.text || attempt === 1) return accept(reply, now);
      capture = now;
    }
    return summary();
  }

  /** The answers that map to the page, with their ranges: the host's text must be the captured text at its offsets. */
  function usableAnswers(capture, answers) {
    const usable = [];
    for (const a of answers) {
      const matches = a.truncated ? capture.text.startsWith(a.text, a.start)
        : capture.text.slice(a.start, a.end) === a.text;
      const ranges = matches && spanIsFresh(capture, a.start, a.end) ? rangesOf(capture, a) : [];
      if (ranges.length > 0) usable.push({ ...a, ranges });
    }
    return usable;
  }

  /**
   * The host's answers of its best window for the ask still running: painted at once. The final answers replace them
   * in one step (no clearing in between): where they hold the same span, it stays current (currentAfterPartial) and
   * nothing flashes.
   */
  function showPartial(askId, result) {
    const capture = state.pendingCapture;
    if (!partialIsCurrent(state, askId) || !capture || !Array.isArray(result?.answers)) return;
    if (!highlightRules.loaded) {
      highlightRules.ready.then(() => showPartial(askId, result)); // the rules are read as the script starts
      return;
    }
    clock.answersArrived();
    state.partialTimings = result.timings ?? null;
    const usable = usableAnswers(capture, result.answers);
    if (usable.length === 0) return;
    Object.assign(state, { capture, mode: result.mode, answers: usable, partialsPainted: state.partialsPainted + 1 });
    highlighter.styleRoots(capture.roots, highlightRules.rules);
    highlight(0);
  }

  /** Takes the host's answers for `capture`: keeps those that map to the page (others are counted), shows the first. */
  function accept(reply, capture) {
    const { mode, notice = null, answers = [], noAnswerProbability, timings = null } = reply.result;
    const usable = usableAnswers(capture, answers);
    const shown = state.partialsPainted > 0 ? state.answers[state.current] ?? null : null; // the partial's current
    const read = reply.read ?? (capture.full ? { chars: capture.text.length, limit: maxTextChars } : null);
    Object.assign(state, {
      capture, mode, notice, status: 'answered', answers: usable, ignored: answers.length - usable.length, read, timings,
      skippedFrames: capture.skippedFrames ?? 0,
      noAnswerProbability: typeof noAnswerProbability === 'number' ? noAnswerProbability : null,
    });
    if (usable.length === 0 && answers.length > 0) {
      Object.assign(state, { status: 'error', error: askpageError(LocalErrors.STALE, 'The page changed; ask again.') });
    }
    if (usable.length === 0) {
      if (state.partialsPainted > 0) highlighter.clear(); // the final word: no answer after all
      render();
      return summary();
    }
    highlighter.styleRoots(capture.roots, highlightRules.rules);
    return highlight(currentAfterPartial(shown, usable));
  }

  /**
   * The page changed under the answers on screen. While every answer's text nodes are in place with their text,
   * nothing is done (a clock ticking elsewhere must not cost a capture or the answers). Otherwise the page is
   * captured again: the same text (a re-render) moves the answers to the new nodes silently and navigation goes on
   * from the current one; changed text drops them and both UIs say so (the next Enter asks again).
   */
  function reconcile() {
    if (state.status !== 'answered' || state.answers.length === 0) return;
    if (state.answers.every((a) => spanIsFresh(state.capture, a.start, a.end))) return;
    const capture = pages.refresh(maxTextChars);
    if (capture.text !== state.capture.text) {
      highlighter.clear();
      Object.assign(state, { status: 'stale', answers: [], current: -1 });
      render();
      return;
    }
    state.capture = capture;
    state.answers = state.answers.map((a) => ({ ...a, ranges: rangesOf(capture, a) }));
    highlighter.styleRoots(capture.roots, highlightRules.rules);
    highlighter.show(state.answers.map((a) => a.ranges), state.current);
    render();
  }

  /** Moves to answer `index` (wrapping); if the page changed under it, re-maps (same text) or asks again. */
  async function show(index) {
    if (state.status === 'stale') return ask(state.question);
    const n = state.answers.length;
    if (state.status !== 'answered' || n === 0 || !Number.isInteger(index)) {
      render();
      return summary();
    }
    const i = ((index % n) + n) % n;
    const answer = state.answers[i];
    if (!spanIsFresh(state.capture, answer.start, answer.end)) {
      reconcile();
      if (state.status === 'stale') return ask(state.question);
    }
    return highlight(i);
  }

  /** Highlights all answers with answer `i` current, opens what folds it away, and scrolls to it. */
  function highlight(i) {
    state.current = i;
    const ranges = state.answers[i].ranges;
    highlighter.reveal(ranges);
    highlighter.show(state.answers.map((a) => a.ranges), i);
    highlighter.scrollTo(ranges);
    clock.painted();
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
      const lap = clock.enter();
      ask(question).finally(lap.settled);
    }
  }

  function clear() {
    const dropped = askInFlight(state);
    state.seq++;
    // The host would go on reading the rest of the budget for an answer nobody wants: tell it to stop. What still
    // arrives for the dropped ask is ignored (its seq is no longer current).
    if (dropped !== null) {
      api.runtime.sendMessage({ type: ContentToBackground.CANCEL, askId: dropped }).catch(() => {});
    }
    highlighter.clear();
    resetAnswers({ question: '', status: 'idle', capture: null });
    render();
  }

  function closeAndClear() {
    findBar.close();
    clear();
  }

  /** Sends the page to be prepared by the host while the user types (the ask then names it by id). */
  function prepare() {
    let capture;
    try {
      capture = pages.current(maxTextChars); // kept: the ask reuses it while the page is unchanged
    } catch {
      return; // a page that cannot be read: the ask will say so
    }
    captures.send({ type: ContentToBackground.PREPARE, url: location.href }, capture)
      .catch(() => {}); // no host yet: the ask will say so
  }

  // Esc anywhere in the page clears the answers (inside the find bar, the bar handles it). Only the user's own key
  // press counts: a page script's synthetic Escape (isTrusted false) changes nothing.
  document.addEventListener('keydown', live((event) => {
    if (event.isTrusted && event.key === 'Escape' && (state.answers.length > 0 || findBar.isOpen)) closeAndClear();
  }), true);
  // Navigation: leaving the page (or a history navigation in a single-page app) clears everything; a jump to an
  // anchor of the same page does not, nor does a page script's synthetic event.
  window.addEventListener('pagehide', live((event) => {
    if (!event.isTrusted) return;
    closeAndClear();
    pages.stop();
  }));
  // Leaving for another document with the bar open: its frame (an extension page) would keep Chromium from putting
  // this page in its back/forward cache, and by pagehide that is decided. So the bar goes before the navigation
  // starts; the answers (and an ask in flight) stay until the page is left. When the browser stays after all (a
  // download, a 204), the answers are still lit and the shortcut brings the bar back with them.
  window.addEventListener('beforeunload', live((event) => {
    if (event.isTrusted) findBar.close();
  }));
  window.addEventListener('popstate', live((event) => {
    if (leavesAnsweredPage(event, answeredAt, location.href)) closeAndClear();
  }));

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
        learnTextLimit(message.maxTextChars);
        answeredAt = withoutFragment(location.href);
        // Answers already shown (asked from the popup) carry over: Enter then moves to the next one.
        try {
          findBar.open(state.question);
        } catch (e) {
          // A sandboxed page or an SVG image: the background opens the popup instead (and the bar's note says why).
          // Whatever else keeps the bar from opening is taken the same way: the popup does not need it.
          const error = e?.name === LocalErrors.NO_FIND_BAR ? e
            : askpageError(LocalErrors.NO_FIND_BAR, e?.message ?? String(e));
          sendResponse({ ok: false, error });
          return false;
        }
        render();
        sendResponse({ ok: true });
        // Reading a big page blocks this script: only once the bar's frame has its port, so the box is never late.
        findBar.afterConnected(prepare);
        return false;
      case BackgroundToContent.PREPARE:
        learnTextLimit(message.maxTextChars);
        sendResponse({ ok: true });
        findBar.afterConnected(prepare); // a bar opening meanwhile gets its port first
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
        learnTextLimit(message.maxTextChars);
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
