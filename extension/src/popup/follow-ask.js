// A popup opened while the page's ask is under way (asked from the find bar, or from a popup closed since) must show
// how that ask ends, not the "Asking…" of the moment it opened: it reads the tab's state again until the ask is over.

/** How often the popup reads the tab's state while its ask is under way: often enough to feel immediate. */
export const FOLLOW_INTERVAL_MS = 250;

/**
 * Renders `first` (a tab's answers summary), then, while a summary says the ask is under way, reads and renders the
 * next one every `intervalMs`, until a summary is not `asking` (answered, error, stale, or null: the page went away)
 * or stop() is called (the popup closes, or asks a question of its own). A read that fails ends it too.
 * @param {{first: object | null, read: () => Promise<object | null>, render: (summary: object | null) => void,
 *   intervalMs?: number, timers?: {setTimeout: Function, clearTimeout: Function}}} options
 * @returns {{stop: () => void, done: Promise<void>}} done settles when following ends (stopped or the ask over)
 */
export function followAsk({ first, read, render, intervalMs = FOLLOW_INTERVAL_MS, timers = globalThis }) {
  let stopped = false;
  let timer = null;
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  const end = () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    finish();
  };
  const show = (summary) => {
    if (stopped) return; // a read that was under way when the popup stopped following is dropped
    render(summary);
    if (summary?.status !== 'asking') {
      end();
      return;
    }
    timer = timers.setTimeout(() => {
      timer = null;
      Promise.resolve().then(read).then(show, end); // a read that throws ends it too
    }, intervalMs);
  };
  show(first);
  return { stop: end, done };
}
