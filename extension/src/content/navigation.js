// Which history navigations leave the page the answers are on. A jump to an anchor of the same document (a table of
// contents, a footnote, "back to top") fires popstate too, but the page and its answers stay; a history navigation to
// another address (a single-page app's route) clears them.

/** The address without its fragment: two addresses that differ only after '#' are the same document. */
export function withoutFragment(href) {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
}

/**
 * Whether a popstate event leaves the page the answers were taken on (`answeredAt`, an address without its fragment;
 * null when nothing was asked). Only the browser's own events count: a page script's synthetic one changes nothing.
 * @param {{isTrusted: boolean}} event
 * @param {string|null} answeredAt
 * @param {string} href the address now
 */
export function leavesAnsweredPage(event, answeredAt, href) {
  if (!event.isTrusted) return false;
  return answeredAt === null || withoutFragment(href) !== answeredAt;
}
