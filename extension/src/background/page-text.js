// The host refuses page text longer than its limit (hello.limits.maxTextChars, PROTOCOL.md "Limits"). Rather than
// send a long page and wait for a refusal, the background sends the part that fits, from the start of the page:
// offsets stay those of the captured text, the same question on the same page always reads the same part (the
// viewport would change it with every scroll), and articles put their summary first.

/** `text` cut to at most `maxChars` UTF-16 code units, never inside a surrogate pair: {text, readChars, cut}. */
export function fitText(text, maxChars) {
  if (!Number.isInteger(maxChars) || maxChars < 0 || text.length <= maxChars) {
    return { text, readChars: text.length, cut: false };
  }
  let end = maxChars;
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), readChars: end, cut: true };
}
