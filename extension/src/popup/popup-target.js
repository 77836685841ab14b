// Which tab the popup works on. The toolbar popup has no query string and works on the active tab of its window;
// opened as a page with ?tab=ID (tests, or a popup detached into a tab) it works on that tab.

/**
 * The tab id a `?tab=ID` query names, or null when it names none (no `tab` parameter, or not a whole number): then
 * the popup asks for the active tab. (`Number(null)` is 0, which is no tab a browser gives out.)
 * @param {string} search `location.search`
 */
export function tabFromQuery(search) {
  const value = new URLSearchParams(search).get('tab');
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}
