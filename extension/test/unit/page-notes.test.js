import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitText } from '../../src/background/page-text.js';
import { NO_ANSWER, noAnswerText, pageNotes } from '../../src/shared/page-notes.js';

test('no answer says so, with the model\'s no-answer probability when the host gave one', () => {
  assert.equal(noAnswerText(undefined), NO_ANSWER);
  assert.equal(noAnswerText(null), NO_ANSWER);
  assert.equal(noAnswerText(0.934), 'No answer on this page (no answer: 93%)');
  assert.equal(noAnswerText(Number.NaN), NO_ANSWER);
});

test('notes name how much of a long page was read, with the limit, and frames from other sites', () => {
  assert.deepEqual(pageNotes({}), []);
  assert.deepEqual(pageNotes({ read: { chars: 20000, limit: 20000 } }),
    ['askpage read the first 20,000 characters of this page (its limit is 20,000).']);
  assert.deepEqual(pageNotes({ skippedFrames: 1 }), ['Part of this page could not be read (a frame from another site).']);
  assert.match(pageNotes({ skippedFrames: 3 })[0], /\(3 frames from another site\)/);
});

test('a page past the host\'s limit is cut to the limit from its start, never inside a surrogate pair', () => {
  assert.deepEqual(fitText('hello', 10), { text: 'hello', readChars: 5, cut: false });
  assert.deepEqual(fitText('hello', undefined), { text: 'hello', readChars: 5, cut: false });
  assert.deepEqual(fitText('hello world', 5), { text: 'hello', readChars: 5, cut: true });
  const astral = 'ab💙cd'; // the heart is two UTF-16 code units at 2..3
  assert.deepEqual(fitText(astral, 3), { text: 'ab', readChars: 2, cut: true });
  assert.deepEqual(fitText(astral, 4), { text: 'ab💙', readChars: 4, cut: true });
});
