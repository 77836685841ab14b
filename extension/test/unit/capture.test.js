import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatedSeparator, pseudoHosts, splitSelectorList } from '../../src/content/capture.js';

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

test('selector lists split at top-level commas only', () => {
  assert.deepEqual(splitSelectorList('a, b > c'), ['a', 'b > c']);
  assert.deepEqual(splitSelectorList('li:is(.a, .b)::after, [data-x="1,2"]::before'), ['li:is(.a, .b)::after', '[data-x="1,2"]::before']);
});

test('pseudoHosts: the elements rules give ::before/::after, as one selector; null when a sheet cannot be read', () => {
  const doc = (sheets, matches = () => true) => ({ styleSheets: sheets, adoptedStyleSheets: [], documentElement: { matches } });
  const sheet = {
    cssRules: [
      { selectorText: 'p' },
      { selectorText: 'nav span + span::before, h1' },
      { cssRules: [{ selectorText: 'ul.tags li:after' }] }, // inside @media
      { selectorText: '::before' },
    ],
  };
  assert.equal(pseudoHosts(doc([sheet])), 'nav span + span, ul.tags li, *');
  assert.equal(pseudoHosts(doc([{ cssRules: [{ selectorText: 'p' }] }])), '');
  const foreign = { get cssRules() { throw new Error('SecurityError'); } };
  assert.equal(pseudoHosts(doc([sheet, foreign])), null);
  assert.equal(pseudoHosts(doc([sheet], () => { throw new Error('SyntaxError'); })), null);
});
