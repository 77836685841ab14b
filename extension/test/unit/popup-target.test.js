import assert from 'node:assert/strict';
import test from 'node:test';
import { tabFromQuery } from '../../src/popup/popup-target.js';

test('the toolbar popup (no query string) names no tab: it asks for the active one', () => {
  assert.equal(tabFromQuery(''), null);
  assert.equal(tabFromQuery('?other=1'), null);
});

test('?tab=ID names that tab', () => {
  assert.equal(tabFromQuery('?tab=0'), 0);
  assert.equal(tabFromQuery('?tab=1834'), 1834);
});

test('a tab parameter that is not a whole number names no tab', () => {
  for (const search of ['?tab=', '?tab=-1', '?tab=1.5', '?tab=abc', '?tab=1e3', '?tab=%201']) {
    assert.equal(tabFromQuery(search), null, search);
  }
});
