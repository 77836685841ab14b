// The sentences the find bar and the popup show about a question's outcome beyond the answers themselves: no
// answer, a page the host changed under the answers, a page longer than the host reads, frames that could not be
// read. Pure: the content script (find bar) and the popup import the same words.

/** What both UIs say while the host reads the page. */
export const ASKING = 'Asking…';

/** What both UIs say when the page holds no answer. */
export const NO_ANSWER = 'No answer on this page';

/** What both UIs say when the page's text changed under the answers (an SPA route, edited content). */
export const STALE = 'The page changed. Ask again (Enter).';

const count = (n) => Math.round(n).toLocaleString('en-US');

/** "No answer on this page", with the model's no-answer probability when the host gave one. */
export function noAnswerText(noAnswerProbability) {
  if (typeof noAnswerProbability !== 'number' || !Number.isFinite(noAnswerProbability)) return NO_ANSWER;
  return `${NO_ANSWER} (no answer: ${Math.round(noAnswerProbability * 100)}%)`;
}

/**
 * Notes about what was read: `read` is {chars, limit} when the page was longer than the host's limit (only its
 * first `chars` characters were asked), `skippedFrames` the number of frames from other sites that could not be read.
 */
export function pageNotes({ read = null, skippedFrames = 0 } = {}) {
  const notes = [];
  if (read) {
    notes.push(`askpage read the first ${count(read.chars)} characters of this page (its limit is ${count(read.limit)}).`);
  }
  if (skippedFrames > 0) {
    notes.push(`Part of this page could not be read (${skippedFrames === 1 ? 'a frame' : `${skippedFrames} frames`}`
      + ' from another site).');
  }
  return notes;
}
