import assert from 'node:assert/strict';
import test from 'node:test';
import { isPlainError, toPlainError } from '../../src/background/plain-error.js';
import { LocalErrors, askpageError, describeError } from '../../src/shared/messages.js';

// What Chromium does to a reply: JSON. A native Error becomes {} there, so what is sent must survive it.
const sent = (error) => JSON.parse(JSON.stringify(error));

test('a native Error (a failed tabs.sendMessage: the page left mid-ask) becomes an askpage error with its message', () => {
  const error = toPlainError(new Error('Could not establish connection. Receiving end does not exist.'),
    LocalErrors.NO_ACCESS);
  assert.deepEqual(sent(error), {
    name: LocalErrors.NO_ACCESS, message: 'Could not establish connection. Receiving end does not exist.',
  });
  assert.match(describeError(sent(error)), /cannot read this page \(Could not establish connection/);
});

test('a TypeError keeps its message through JSON', () => {
  assert.equal(describeError(sent(toPlainError(new TypeError('port closed'), LocalErrors.BAD_REQUEST))), 'port closed');
});

test('an askpage error keeps its name, message and code, and nothing else', () => {
  const host = askpageError('busy', 'another question is being answered', 7);
  assert.deepEqual(toPlainError(host, LocalErrors.BAD_REPLY), { name: 'busy', message: 'another question is being answered', code: 7 });
  const local = askpageError(LocalErrors.TIMEOUT, 'no reply to ask within 60 s');
  assert.deepEqual(toPlainError(local, LocalErrors.BAD_REPLY), local);
  assert.deepEqual(toPlainError({ name: 'x', message: 'm', code: 'seven', stack: 's' }, LocalErrors.BAD_REPLY),
    { name: 'x', message: 'm' }, 'a code that is not an integer and extra fields are dropped');
});

test('errors that are not plain objects, or have no name, are converted with the fallback name', () => {
  assert.equal(isPlainError(new Error('e')), false, 'Error has a name but is no plain object');
  assert.equal(isPlainError(Object.assign(new Error('e'), { name: 'busy' })), false);
  assert.equal(isPlainError({ message: 'no name' }), false);
  assert.equal(isPlainError({ name: '', message: 'empty name' }), false);
  assert.equal(isPlainError('busy'), false);
  assert.equal(isPlainError(null), false);
  assert.deepEqual(toPlainError('went wrong', LocalErrors.BAD_REPLY), { name: 'bad_reply', message: 'went wrong' });
  assert.deepEqual(toPlainError(undefined, LocalErrors.BAD_REPLY), { name: 'bad_reply', message: 'undefined' });
  assert.deepEqual(toPlainError({ message: 'no name' }, LocalErrors.BAD_REPLY), { name: 'bad_reply', message: 'no name' });
  class DomLike { constructor() { this.name = 'AbortError'; this.message = 'aborted'; } }
  assert.deepEqual(toPlainError(new DomLike(), LocalErrors.BAD_REQUEST), { name: 'bad_request', message: 'aborted' });
});
