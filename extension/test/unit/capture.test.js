import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedSeparator } from '../../src/content/capture.js';

test('generated content that renders punctuation or white space is that separator', () => {
  assert.equal(generatedSeparator('" / "'), ' / ');
  assert.equal(generatedSeparator('", "'), ', ');
  assert.equal(generatedSeparator("' '"), ' ');
  assert.equal(generatedSeparator('"\\2022  "'), '• ', 'the space after a hex escape ends it');
  assert.equal(generatedSeparator('"\\"" "-"'), '"-');
});

test('generated words, counters and attr() are a space; none, normal and "" are nothing', () => {
  assert.equal(generatedSeparator('"Note:"'), ' ');
  assert.equal(generatedSeparator('counter(item) ". "'), ' ');
  assert.equal(generatedSeparator('attr(data-label)'), ' ');
  assert.equal(generatedSeparator('none'), null);
  assert.equal(generatedSeparator('normal'), null);
  assert.equal(generatedSeparator('""'), null);
  assert.equal(generatedSeparator(''), null);
});
