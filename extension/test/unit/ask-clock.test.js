import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AskClock } from '../../src/content/ask-clock.js';

/** A clock whose time and animation frames the test advances by hand. */
function manualClock() {
  let time = 0;
  let frames = [];
  const clock = new AskClock({ now: () => time, nextFrame: (callback) => frames.push(callback) });
  return {
    clock,
    at: (t) => { time = t; },
    frame: (t) => {
      time = t;
      const due = frames;
      frames = [];
      due.forEach((callback) => callback());
    },
  };
}

test('no question yet: no times', () => {
  assert.equal(new AskClock({ now: () => 0, nextFrame: () => {} }).snapshot(), null);
});

test('without partial answers: first paint and final answers are the frame after the answers are set', () => {
  const m = manualClock();
  m.at(100);
  const lap = m.clock.enter();
  m.at(400);
  m.clock.painted();
  lap.settled();
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 100, firstPaintAt: null, finalAt: null });
  m.frame(416);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 100, firstPaintAt: 416, finalAt: 416 });
});

test('a partial answer sets the first paint; the final answers set only finalAt', () => {
  const m = manualClock();
  m.at(10);
  const lap = m.clock.enter();
  m.at(200);
  m.clock.painted();
  m.frame(210);
  m.clock.painted(); // the final answers replace the partial ones
  lap.settled();
  m.frame(620);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 10, firstPaintAt: 210, finalAt: 620 });
  m.clock.painted(); // Enter moving to the next answer is not a new question
  m.frame(900);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 10, firstPaintAt: 210, finalAt: 620 });
});

test('an ask ending with nothing painted (an error, no answer) sets both at its end', () => {
  const m = manualClock();
  const lap = m.clock.enter();
  lap.settled();
  m.frame(50);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 0, firstPaintAt: 50, finalAt: 50 });
});

test('a question replaced by a newer one: its late end does not touch the new lap', () => {
  const m = manualClock();
  const first = m.clock.enter();
  m.at(300);
  const second = m.clock.enter();
  first.settled();
  m.frame(320);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 300, firstPaintAt: null, finalAt: null });
  m.clock.painted();
  second.settled();
  m.frame(700);
  assert.deepEqual(m.clock.snapshot(), { firstAnswersAt: null, enterAt: 300, firstPaintAt: 700, finalAt: 700 });
});

test('the first answers to reach the page (partial or final) are timed when they arrive, not at the next frame', () => {
  const m = manualClock();
  m.at(100);
  const lap = m.clock.enter();
  m.at(180);
  m.clock.answersArrived(); // the partial answers
  m.clock.painted();
  m.at(190);
  m.frame(200);
  m.at(450);
  m.clock.answersArrived(); // the final answers: not the first
  lap.settled();
  m.frame(460);
  assert.deepEqual(m.clock.snapshot(), { enterAt: 100, firstAnswersAt: 180, firstPaintAt: 200, finalAt: 460 });
});

test('answers arriving after the question was settled or replaced do not count for the current lap', () => {
  const m = manualClock();
  const first = m.clock.enter();
  first.settled();
  m.at(30);
  m.clock.answersArrived(); // late, for a question already over (a popup ask, say)
  m.frame(40);
  assert.equal(m.clock.snapshot().firstAnswersAt, null);
  m.at(100);
  m.clock.enter();
  m.at(150);
  m.clock.answersArrived();
  assert.equal(m.clock.snapshot().firstAnswersAt, 150);
});
