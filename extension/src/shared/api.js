// The WebExtension API object: `browser` in Firefox, `chrome` in Chromium (both return promises in MV3).
export const api = globalThis.browser ?? globalThis.chrome;

/**
 * False in a content script the extension has gone from under (updated or reloaded): Chromium leaves such a script
 * running, cut off, with no runtime id.
 */
export function belongsToExtension() {
  return Boolean(api.runtime?.id);
}
