// Until the host says its own text limit, the content script captures at most the host's default one, as PROTOCOL.md
// gives it: a page longer than that is read from its start, never whole (a huge page could not even be passed on).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HOST_DEFAULT_MAX_TEXT_CHARS } from '../../src/shared/messages.js';

test('the default text limit is the one PROTOCOL.md gives for maxTextChars', () => {
  const protocol = readFileSync(new URL('../../../PROTOCOL.md', import.meta.url), 'utf8');
  const row = protocol.split('\n').find((line) => line.startsWith('| page text |'));
  assert.ok(row, 'PROTOCOL.md has the page text row');
  const chars = Number(row.match(/([\d,]+) UTF-16 code units by default/)[1].replaceAll(',', ''));
  assert.equal(HOST_DEFAULT_MAX_TEXT_CHARS, chars);
});
