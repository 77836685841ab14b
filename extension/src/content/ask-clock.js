// When the last find-bar question was asked, when its first answers reached the content script, when they were first
// painted and when the final answers were, on the page's own clock (performance.now(), milliseconds). The benchmark
// (test/bench/) and tests read it from the content script's STATE summary. Only these four numbers are kept: no page
// text, no question.

/**
 * The clock of find-bar questions. `enter()` starts a lap when Enter asks a new question; `answersArrived()` is called
 * when answers for it (partial or final) reach the content script (the first call sets firstAnswersAt, at once: the
 * time between it and the first paint is the page's own work); `painted()` is called
 * whenever answers are highlighted (the first one after Enter, partial or final, sets firstPaintAt once the frame that
 * paints the highlight is produced: afterNextPaint); `lap.settled()` when that question's ask is over sets finalAt
 * the same way. A lap replaced by a newer question is no longer reported, and its late calls change nothing
 * that is reported.
 */
/**
 * Calls back once the frame that paints what was just set has been produced: in the next frame's animation callbacks.
 * The first frame's callbacks run before its paint, so a time taken there would leave out the painting (and the
 * raster after a scroll, which the browser finishes before it starts another frame).
 */
export function afterNextPaint(callback) {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

export class AskClock {
  #now;
  #nextFrame;
  #lap = null;

  constructor({ now = () => performance.now(), nextFrame = afterNextPaint } = {}) {
    this.#now = now;
    this.#nextFrame = nextFrame;
  }

  /** Enter asked a new question: a new lap. Returns its handle; call `settled()` on it when the ask is over. */
  enter() {
    const lap = { enterAt: this.#now(), firstAnswersAt: null, firstPaintAt: null, finalAt: null, settling: false };
    this.#lap = lap;
    return {
      settled: () => {
        if (lap.settling) return;
        lap.settling = true;
        this.#nextFrame(() => {
          const t = this.#now();
          if (lap.firstPaintAt === null) lap.firstPaintAt = t; // nothing painted before (no partial answers)
          lap.finalAt = t;
        });
      },
    };
  }

  /** Answers for the current lap's question (partial or final) reached the content script: the first time counts. */
  answersArrived() {
    const lap = this.#lap;
    if (!lap || lap.settling || lap.firstAnswersAt !== null) return;
    lap.firstAnswersAt = this.#now();
  }

  /** Answers were highlighted: the first time in the current lap, its first paint is when that frame is produced. */
  painted() {
    const lap = this.#lap;
    if (!lap || lap.settling || lap.paintPending || lap.firstPaintAt !== null) return;
    lap.paintPending = true;
    this.#nextFrame(() => {
      if (lap.firstPaintAt === null) lap.firstPaintAt = this.#now();
    });
  }

  /**
   * The current lap's times ({enterAt, firstAnswersAt, firstPaintAt, finalAt}; null until set), or null before any
   * question.
   */
  snapshot() {
    const lap = this.#lap;
    return lap && {
      enterAt: lap.enterAt, firstAnswersAt: lap.firstAnswersAt, firstPaintAt: lap.firstPaintAt, finalAt: lap.finalAt,
    };
  }
}
