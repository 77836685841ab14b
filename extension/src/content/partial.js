// Progressive answers in the page: the host may send the answers of its best window (a `partial` reply) before the
// final ones. A partial is painted only for the question still being asked: once the user has asked something else,
// pressed Esc or closed the bar (each moves `seq` on), or the final answers are in, it is dropped. An ask dropped
// while it runs is also cancelled on the host (askInFlight names it).

/**
 * Whether a partial reply for ask `askId` may be painted now.
 * @param {{seq: number, status: string}} state the content script's ask state
 */
export function partialIsCurrent(state, askId) {
  return Number.isInteger(askId) && askId === state.seq && state.status === 'asking';
}

/** The id (`seq`) of the ask still running, which dropping now would cancel, or null when none runs. */
export function askInFlight(state) {
  return state.status === 'asking' && Number.isInteger(state.seq) ? state.seq : null;
}

/**
 * Which of the final answers is current when they replace a painted partial one (`shown`, the answer current then):
 * that same span when the final answers hold it, else the best. The user may already be reading it: the view does not
 * jump away from it (a scroll, and its paint, on the cores the host has just used), and the counter says where it
 * ranks.
 * @param {{start: number, end: number} | null} shown
 * @param {Array<{start: number, end: number}>} finalAnswers
 */
export function currentAfterPartial(shown, finalAnswers) {
  if (!shown) return 0;
  const same = finalAnswers.findIndex((a) => a.start === shown.start && a.end === shown.end);
  return same >= 0 ? same : 0;
}
