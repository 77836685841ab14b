import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cells, markdown, medianInterval, partialRatios, percentile, summarize, targets, timeSplits,
} from '../../test/bench/report.js';
import { longPage, spreadQuestions } from '../../test/bench/pages.js';

test('percentiles interpolate between ranks, as numpy does', () => {
  assert.equal(percentile([3, 1, 2], 50), 2);
  assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
  assert.ok(Math.abs(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90) - 9.1) < 1e-9);
  assert.equal(percentile([7], 90), 7);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('a summary states median and p90 in milliseconds and in W', () => {
  assert.deepEqual(summarize([100, 300, 200], 100), { n: 3, median: 200, p90: 280, medianW: 2, p90W: 2.8 });
});

const sample = (over) => ({
  browser: 'chromium', page: 'Normans', kind: 'later', partial: 'on', question: 'q1', firstPaintMs: 100, finalMs: 400,
  answered: true, partialsPainted: 1, ...over,
});

test('cells group by browser, page, kind and partial; unanswered questions are counted, not timed', () => {
  const out = cells([
    sample({}), sample({ question: 'q2', firstPaintMs: 300, finalMs: 600 }),
    sample({ question: 'q3', answered: false, firstPaintMs: 1, finalMs: 1 }),
    sample({ browser: 'firefox', partialsPainted: 0 }),
  ], 100);
  assert.equal(out.length, 2);
  const chromium = out.find((c) => c.browser === 'chromium');
  assert.equal(chromium.failed, 1);
  assert.equal(chromium.firstPaint.n, 2);
  assert.equal(chromium.firstPaint.median, 200);
  assert.equal(chromium.final.medianW, 5);
  assert.equal(chromium.partialsPainted, 2);
  assert.equal(out.find((c) => c.browser === 'firefox').partialsPainted, 0);
});

test('partial on / off: the median per-question ratio and the summed final times of the questions answered both ways', () => {
  const ratios = partialRatios([
    sample({ question: 'q1', finalMs: 420 }), sample({ question: 'q1', partial: 'off', finalMs: 400 }),
    sample({ question: 'q2', finalMs: 630 }), sample({ question: 'q2', partial: 'off', finalMs: 600 }),
    sample({ question: 'q3', finalMs: 9999 }), // no twin without partial: left out
    sample({ question: 'q4', finalMs: 100 }), sample({ question: 'q4', partial: 'off', answered: false }),
  ]);
  assert.equal(ratios.length, 1);
  assert.equal(ratios[0].n, 2);
  assert.ok(Math.abs(ratios[0].ratio - 1050 / 1000) < 1e-12);
  assert.ok(Math.abs(ratios[0].medianRatio - 1.05) < 1e-12, 'the median of 1.05 and 1.05');
  assert.equal(ratios[0].medianDiffMs, 25, 'the median of +20 and +30 ms');
  assert.equal(ratios[0].hostRatio, null, 'no host timings in these samples');
  assert.equal(ratios[0].cpu, null, 'no CPU figures in these samples');
  assert.deepEqual(partialRatios([sample({})]), []);
});

test('the median\'s bootstrap interval: reproducible, around the median, narrower with more questions', () => {
  const few = [0.9, 1.0, 1.02, 1.05, 1.3];
  const many = [...few, ...few, ...few, ...few];
  const [low, high] = medianInterval(few);
  assert.deepEqual(medianInterval(few), [low, high], 'the same seed gives the same interval');
  assert.ok(low <= 1.02 && 1.02 <= high);
  assert.ok(low >= 0.9 && high <= 1.3);
  const [manyLow, manyHigh] = medianInterval(many);
  assert.ok(manyHigh - manyLow < high - low);
  assert.deepEqual(medianInterval([]).map(Number.isNaN), [true, true]);
  assert.deepEqual(medianInterval([1.1]), [1.1, 1.1]);
});

test('partial on / off: one question caught in a slow stretch moves the sum, not the median per question', () => {
  const [r] = partialRatios([
    sample({ question: 'q1', finalMs: 800 }), sample({ question: 'q1', partial: 'off', finalMs: 800 }),
    sample({ question: 'q2', finalMs: 816 }), sample({ question: 'q2', partial: 'off', finalMs: 800 }),
    sample({ question: 'q3', finalMs: 1600 }), sample({ question: 'q3', partial: 'off', finalMs: 800 }),
  ]);
  assert.ok(Math.abs(r.medianRatio - 1.02) < 1e-12);
  assert.ok(Math.abs(r.ratio - 3216 / 2400) < 1e-12);
  assert.deepEqual(targets([], [r]).map((g) => [g.measured, g.met]), [[r.medianRatio, true]]);
  assert.deepEqual(targets([], [r])[0].interval, r.medianRatioInterval);
});

test('partial on / off: the host\'s own totals and the CPU figures over the pairs that have them', () => {
  const timed = (partial, hostMs, cpu) => ({ partial, hostTimings: { partial: null, final: { totalMs: hostMs } }, cpu });
  const [r] = partialRatios([
    sample({ question: 'q1', ...timed('on', 330, { browserMs: 130, hostMs: 700 }) }),
    sample({ question: 'q1', ...timed('off', 300, { browserMs: 100, hostMs: 680 }) }),
    sample({ question: 'q2', ...timed('on', 440, { browserMs: 150, hostMs: 800 }) }),
    sample({ question: 'q2', ...timed('off', 400, null) }), // no CPU figures (a host restarted): left out of them
  ]);
  assert.ok(Math.abs(r.hostRatio - 770 / 700) < 1e-12);
  assert.deepEqual(r.cpu, { n: 1, browserOnMs: 130, browserOffMs: 100, hostOnMs: 700, hostOffMs: 680 });
  const md = markdown({
    machine: { cores: 2, cpu: 'AMD EPYC', loadStart: 0.2, loadEnd: 0.3 },
    window: { windowMs: 100, measured: [100], runs: 1, tokens: 336, model: 'synthetic' },
    browsers: [{ name: 'chromium', version: 'Chromium 1' }],
    pages: [{ name: 'Normans', description: 'the shared page' }],
    settings: { firstLookMs: 1500 },
    cells: [], partialRatios: [r],
  });
  assert.match(md, /≥ 1500 ms later/);
  assert.match(md, /\| chromium \| Normans \| later \| 2 \| 1\.000 \(1\.000–1\.000\) \| 1\.000 \| \+0 ms \| 1\.100 \| 130 ms; 100 ms \| 700 ms; 680 ms \|/);
});

test('the markdown report names the machine, says it was loaded, and states each figure in W', () => {
  const samples = [sample({}), sample({ partial: 'off', finalMs: 380, firstPaintMs: 380, partialsPainted: 0 })];
  const md = markdown({
    machine: { cores: 2, cpu: 'AMD EPYC', loadStart: 3.2, loadEnd: 4.1 },
    window: { windowMs: 100, measured: [90, 100, 110], runs: 20, tokens: 336, model: 'synthetic' },
    browsers: [{ name: 'chromium', version: 'Chromium 1' }],
    pages: [{ name: 'Normans', description: 'the shared page' }],
    cells: cells(samples, 100),
    partialRatios: partialRatios(samples),
  });
  assert.match(md, /2 cores, AMD EPYC/);
  assert.match(md, /not a quiet machine/);
  assert.match(md, /\*\*100\.0 ms\*\* \(in turn: 90\.0 ms, 100\.0 ms, 110\.0 ms\)/);
  assert.match(md, /\| chromium \| Normans \| later \(1 s typing\) \| on \| 1 \| 100 ms = 1\.00 W/);
  assert.match(md, /\| chromium \| Normans \| later \| 1 \| 1\.053 \(1\.053–1\.053\) \| 1\.053 \| \+20 ms \| – \| – \| – \|/);
  assert.match(md, /\| chromium \| Normans \| later \| first highlight, median \(partial on\) \| 1\.00 W \| ≤ 1\.00 W \| yes \|/);
  assert.match(md, /\| chromium \| Normans \| later \| final answers, partial on \/ off \(median per question\) \| 1\.05 \(95 %: 1\.05–1\.05\) \| ≤ 1\.05 \| no \|/);
});

test('where the time goes: medians over the questions with partial on that got a partial reply', () => {
  const timed = (over) => sample({ firstAnswersMs: 130, hostTimings: { partial: { totalMs: 100 }, final: { totalMs: 380 } }, ...over });
  const splits = timeSplits([
    timed({}),
    timed({ question: 'q2', firstAnswersMs: 170, firstPaintMs: 180, hostTimings: { partial: { totalMs: 110 } } }),
    timed({ question: 'q3', firstAnswersMs: 150, firstPaintMs: 160, hostTimings: { partial: { totalMs: 140 } } }),
    timed({ question: 'q4', partial: 'off', firstAnswersMs: 380 }), // partial off: not in the table
    timed({ question: 'q5', hostTimings: { partial: null, final: { totalMs: 90 } } }), // one window: no partial came
    timed({ question: 'q6', answered: false }),
    timed({ page: 'long', firstAnswersMs: 260, hostTimings: { partial: { totalMs: 200 } } }),
  ]);
  assert.deepEqual(splits, [
    { browser: 'chromium', page: 'Normans', kind: 'later', n: 3, hostPartialMs: 110, partialReachesPageMs: 150,
      outsideHostMs: 30, firstPaintMs: 160 },
    { browser: 'chromium', page: 'long', kind: 'later', n: 1, hostPartialMs: 200, partialReachesPageMs: 260,
      outsideHostMs: 60, firstPaintMs: 100 },
  ]);
  const md = markdown({
    machine: { cores: 2, cpu: 'AMD EPYC', loadStart: 0.2, loadEnd: 0.3 },
    window: { windowMs: 100, measured: [100], runs: 1, tokens: 336, model: 'synthetic' },
    browsers: [{ name: 'chromium', version: 'Chromium 1' }],
    pages: [{ name: 'Normans', description: 'the shared page' }],
    cells: [], partialRatios: [], timeSplits: splits,
  });
  assert.match(md, /Where the time goes/);
  assert.match(md, /\| chromium \| Normans \| later \| 3 \| 110 ms \| 150 ms \| 30 ms \| 160 ms \|/);
  assert.match(md, /\| chromium \| long \| later \| 1 \| 200 ms \| 260 ms \| 60 ms \| 100 ms \|/);
});

test('targets: the first highlight with partial on (or the only mode run) against issue 9\'s bounds in W', () => {
  const both = cells([
    sample({ page: 'long', kind: 'first', firstPaintMs: 290 }),
    sample({ page: 'long', kind: 'first', partial: 'off', firstPaintMs: 900 }),
    sample({ browser: 'firefox', partial: 'off', firstPaintMs: 120 }),
  ], 100);
  const rows = targets(both, []);
  assert.deepEqual(rows.map((r) => [r.browser, r.page, r.kind, r.measured, r.target, r.met]), [
    ['chromium', 'long', 'first', 2.9, 3, true],
    ['firefox', 'Normans', 'later', 1.2, 1, false],
  ]);
});

test('the long page stops at the paragraph that reaches its size, and its questions come from what it holds', () => {
  const squad = [
    { title: 'A_b', paragraphs: [{ context: 'x'.repeat(6), qas: [{ question: 'a1' }] }, { context: 'y<', qas: [{ question: 'a2' }] }] },
    { title: 'C', paragraphs: [{ context: 'zz', qas: [{ question: 'c1 ' }] }] },
    { title: 'D', paragraphs: [{ context: 'never', qas: [{ question: 'd1' }] }] },
  ];
  const page = longPage(squad, 10);
  assert.equal(page.chars, 3 + 6 + 2);
  assert.deepEqual(page.articles.map((a) => a.title), ['A_b']);
  assert.match(page.html, /<h2>A b<\/h2>/);
  assert.match(page.html, /<p>y&lt;<\/p>/);
  assert.doesNotMatch(page.html, /zz/);
  assert.deepEqual(spreadQuestions(longPage(squad, 12).articles, 2), ['a1', 'c1']);
  assert.throws(() => spreadQuestions(page.articles, 3), /only 2 questions/);
});
