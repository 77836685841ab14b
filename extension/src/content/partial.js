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
