// The options page describes the window budget as PROTOCOL.md does: the same window length and the same range.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const options = read('../../src/options/options.html');
const protocolRow = read('../../../PROTOCOL.md').split('\n').find((line) => line.startsWith('| `maxWindows` |'));

test('the window budget\'s window length on the options page is the one PROTOCOL.md gives', () => {
  assert.ok(protocolRow, 'PROTOCOL.md has the maxWindows row');
  const protocolTokens = protocolRow.match(/up to (\d+) tokens/)?.[1];
  const optionsTokens = options.match(/windows of up to (\d+) tokens/)?.[1];
  assert.ok(protocolTokens, protocolRow);
  assert.equal(optionsTokens, protocolTokens);
});

test('the window budget input takes the range PROTOCOL.md gives', () => {
  const [, min, max] = protocolRow.match(/integer (\d+)\.\.(\d+)/);
  const input = options.match(/<input id="maxWindows"[^>]*>/)[0];
  assert.equal(input.match(/min="(\d+)"/)[1], min);
  assert.equal(input.match(/max="(\d+)"/)[1], max);
});
