// PageCapture's staleness, with a fake MutationObserver and a fake capture (the real ones need a browser; the e2e
// pages scenario runs them on real pages).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { CaptureChange, PageCapture, captureChangeOf } from '../../src/content/page-capture.js';

const observers = [];
class FakeMutationObserver {
  constructor(callback) { this.callback = callback; this.options = null; observers.push(this); }
  observe(root, options) { this.root = root; this.options = options; }
  disconnect() { this.root = null; }
  /** What the browser does when the watched tree mutates in a way the options ask for. */
  fire(records) {
    if (this.root === null) return;
    const wanted = records.filter((r) => r.type !== 'attributes' || this.options.attributeFilter.includes(r.attributeName));
    if (wanted.length > 0) this.callback(wanted);
  }
}

const page = { id: 'document' };
const ours = { id: 'find bar host' };
const element = { id: 'div.tab-pane' };
const classChange = (target = element) => ({ type: 'attributes', attributeName: 'class', target });
const styleChange = (target = element) => ({ type: 'attributes', attributeName: 'style', target });
const textChange = (target = element) => ({ type: 'characterData', target });
const nodesAdded = (nodes, target = element) => ({ type: 'childList', target, addedNodes: nodes, removedNodes: [] });

/** A page whose visible text is `shown.text`; each capture reads it then, as captureDocument walks the DOM. */
function setUp({ delayMs = 5 } = {}) {
  const shown = { text: 'Tab one: Rollo was a Viking.' };
  const told = { count: 0 };
  let captures = 0;
  const pages = new PageCapture(page, {
    isOurs: (node) => node === ours,
    onChange: () => { told.count++; },
    delayMs,
    capture: (doc, { maxChars }) => {
      captures++;
      return { text: shown.text.slice(0, maxChars), full: shown.text.length > maxChars, roots: [doc], frames: [] };
    },
  });
  return { pages, shown, told, captures: () => captures, observer: () => observers.at(-1) };
}

const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => { globalThis.MutationObserver = FakeMutationObserver; observers.length = 0; });
afterEach(() => { delete globalThis.MutationObserver; });

test('the capture is watched for class and style changes, not only hidden', () => {
  const { pages, observer } = setUp();
  pages.current();
  assert.deepEqual([...observer().options.attributeFilter].sort(), ['class', 'hidden', 'style']);
  assert.equal(observer().root, page);
});

test('a tab switched by class (Bootstrap): the next question is asked about the text now shown', () => {
  const { pages, shown, captures, observer } = setUp();
  assert.equal(pages.current().text, 'Tab one: Rollo was a Viking.');
  assert.equal(pages.current().text, 'Tab one: Rollo was a Viking.');
  assert.equal(captures(), 1, 'a follow-up question on an unchanged page reuses the capture');
  shown.text = 'Tab two: Normandy was founded in 911.'; // the tab panes' classes changed: one shown, one hidden
  observer().fire([classChange(), classChange({ id: 'div.tab-pane other' })]);
  assert.equal(pages.current().text, 'Tab two: Normandy was founded in 911.');
  assert.equal(captures(), 2);
});

test('a style change (display toggled) also makes the next question capture again', () => {
  const { pages, shown, captures, observer } = setUp();
  pages.current();
  shown.text = 'Shown by style.';
  observer().fire([styleChange()]);
  assert.equal(pages.current().text, 'Shown by style.');
  assert.equal(captures(), 2);
});

test('class and style changes only set the flag: the owner is not told (answers on the screen stay)', async () => {
  const { pages, told, observer } = setUp();
  pages.current();
  for (let i = 0; i < 20; i++) observer().fire([styleChange(), classChange()]); // an animating page
  await settle(30);
  assert.equal(told.count, 0);
});

test('text, node and hidden changes still tell the owner (once per delay)', async () => {
  const { pages, told, captures, observer } = setUp();
  pages.current();
  observer().fire([textChange()]);
  observer().fire([nodesAdded([{ id: 'p' }])]);
  observer().fire([{ type: 'attributes', attributeName: 'hidden', target: element }]);
  await settle(30);
  assert.equal(told.count, 1);
  pages.current();
  assert.equal(captures(), 2);
});

test('class and style changes of askpage\'s own UI leave the capture as it is', () => {
  const { pages, captures, observer } = setUp();
  pages.current();
  observer().fire([classChange(ours), styleChange(ours), nodesAdded([ours], page)]);
  pages.current();
  assert.equal(captures(), 1);
});

test('captureChangeOf: content wins over looks, looks over none', () => {
  const isOurs = (node) => node === ours;
  assert.equal(captureChangeOf(null, isOurs), CaptureChange.CONTENT, 'a frame loaded a document');
  assert.equal(captureChangeOf([classChange(ours)], isOurs), CaptureChange.NONE);
  assert.equal(captureChangeOf([classChange(), styleChange()], isOurs), CaptureChange.LOOKS);
  assert.equal(captureChangeOf([classChange(), textChange()], isOurs), CaptureChange.CONTENT);
  assert.equal(captureChangeOf([nodesAdded([ours], page), styleChange()], isOurs), CaptureChange.LOOKS);
  assert.equal(captureChangeOf([nodesAdded([ours, { id: 'p' }], page)], isOurs), CaptureChange.CONTENT);
});
