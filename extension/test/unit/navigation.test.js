import assert from 'node:assert/strict';
import test from 'node:test';
import { leavesAnsweredPage, withoutFragment } from '../../src/content/navigation.js';

const trusted = { isTrusted: true };

test('a jump to an anchor of the answered page keeps the answers', () => {
  const at = withoutFragment('https://en.wikipedia.org/wiki/Normans');
  assert.equal(leavesAnsweredPage(trusted, at, 'https://en.wikipedia.org/wiki/Normans#cite_note-3'), false);
  assert.equal(leavesAnsweredPage(trusted, withoutFragment('https://x.test/a#top'), 'https://x.test/a#end'), false);
});

test('a history navigation to another address clears them', () => {
  assert.equal(leavesAnsweredPage(trusted, 'https://x.test/app/a', 'https://x.test/app/b'), true);
  assert.equal(leavesAnsweredPage(trusted, 'https://x.test/list?page=1', 'https://x.test/list?page=2#top'), true);
  assert.equal(leavesAnsweredPage(trusted, null, 'https://x.test/a'), true, 'nothing asked yet: the bar closes');
});

test('a page script\'s synthetic popstate changes nothing', () => {
  assert.equal(leavesAnsweredPage({ isTrusted: false }, 'https://x.test/a', 'https://x.test/b'), false);
});
