// What the background sends as an error to the popup, the find bar and content scripts: always a plain askpage
// error {name, message, code?}. Chromium serialises replies as JSON, so a native Error (a failed tabs.sendMessage when
// the page went away mid-ask, a TypeError) would arrive as `{}` and the popup would show an empty error.

import { askpageError } from '../shared/messages.js';

/** True for an askpage error as askpageError() makes it: a plain object with a string name. */
export function isPlainError(error) {
  if (error === null || typeof error !== 'object') return false;
  const proto = Object.getPrototypeOf(error);
  return (proto === Object.prototype || proto === null) && typeof error.name === 'string' && error.name !== '';
}

/**
 * `error` as a plain askpage error: an askpage error keeps its name, message and code (and nothing else); anything
 * else (a native Error, a DOMException, a string) becomes a `fallbackName` error carrying its message.
 * @param {unknown} error
 * @param {string} fallbackName a LocalErrors name that says where it happened
 */
export function toPlainError(error, fallbackName) {
  if (isPlainError(error)) {
    return askpageError(error.name, error.message, Number.isInteger(error.code) ? error.code : undefined);
  }
  const message = typeof error?.message === 'string' && error.message !== '' ? error.message : String(error);
  return askpageError(fallbackName, message);
}
