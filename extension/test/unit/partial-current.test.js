// Which final answer is current when the final answers replace a painted partial one.
import assert from 'node:assert/strict';
import test from 'node:test';
import { currentAfterPartial } from '../../src/content/partial.js';

const span = (start, end) => ({ start, end });

test('the partial answer the user sees stays current wherever it ranks among the final answers', () => {
  assert.equal(currentAfterPartial(span(10, 20), [span(10, 20), span(40, 50)]), 0);
  assert.equal(currentAfterPartial(span(40, 50), [span(10, 20), span(40, 50), span(70, 75)]), 1);
});

test('a partial answer the final answers dropped gives way to the best one', () => {
  assert.equal(currentAfterPartial(span(40, 50), [span(10, 20), span(70, 75)]), 0);
  // Overlapping is not the same span: the final answers' own best is shown.
  assert.equal(currentAfterPartial(span(40, 50), [span(10, 20), span(40, 51)]), 0);
});

test('without a partial answer painted, the best final answer is current', () => {
  assert.equal(currentAfterPartial(null, [span(10, 20), span(40, 50)]), 0);
});
