// The captured page text and the map from its UTF-16 offsets back to (text node, offset in node).
//
// Pure: it only reads `node.data` and `node.isConnected`, so node tests use plain objects for nodes. The capture
// walker (capture.js) feeds it text nodes in rendering order, plus block and line breaks.
//
// Whitespace: outside preformatted text every run of ASCII white space becomes one space (as the browser renders it),
// leading and trailing spaces of a block are dropped, and block boundaries become "\n\n" (a line break, "\n"). A
// segment either copies node text one to one ({collapsed: false}: text[start + k] === node.data[nodeOffset + k]) or is
// one collapsed space standing for the white-space run that begins at node.data[nodeOffset] ({collapsed: true}).
// Separators belong to no node: block and line breaks, and inline separators (a space, or the punctuation of CSS
// generated content) between boxes that render apart.
//
// An optional `maxChars` stops the text at that many UTF-16 code units (never inside a surrogate pair): `full` then
// says the rest of the page was left out.

const WHITESPACE = /[ \t\n\r\f]+/g;
const WHITESPACE_END = /[ \t\n\r\f]$/;

export class TextMapBuilder {
  #parts = [];
  #length = 0;
  #segments = [];
  #pendingBreak = '';
  #pendingSpace = null; // {node, offset, exact} of a white-space run waiting for following text
  #maxChars;
  #full = false;

  constructor({ maxChars = Infinity } = {}) {
    this.#maxChars = maxChars;
  }

  /** True once the text reached maxChars: everything appended after that was left out. */
  get full() {
    return this.#full;
  }

  /** True when text appended now would touch the last text with nothing between them (no space, break or separator). */
  get glued() {
    return this.#length > 0 && !this.#pendingBreak && !this.#pendingSpace && !WHITESPACE_END.test(this.#parts[this.#parts.length - 1]);
  }

  /** A block boundary: '\n\n' (default) or '\n' (line break); kept only between two pieces of text. */
  breakBlock(separator = '\n\n') {
    if (this.#length === 0) return;
    // The longer break wins; any break wins over an inline separator.
    const pendingIsBreak = this.#pendingBreak.startsWith('\n');
    if (!pendingIsBreak || separator.length > this.#pendingBreak.length) this.#pendingBreak = separator;
    this.#pendingSpace = null;
  }

  /**
   * An inline separator between boxes that render apart (inline-blocks, CSS generated content): `text` is the
   * generated text when it is only white space and punctuation, else a space stands for it. Kept only between two
   * pieces of text; a block or line break wins over it.
   */
  separate(text = ' ') {
    if (this.#length === 0 || this.#pendingBreak.startsWith('\n')) return;
    const joined = `${this.#pendingBreak}${this.#pendingSpace ? ' ' : ''}${text}`.replace(/[ \t\n\r\f]+/g, ' ');
    this.#pendingBreak = joined.trim() === '' ? ' ' : joined;
    this.#pendingSpace = null;
  }

  /** Appends the text of `node` (`data` defaults to node.data), collapsing white space unless `preserve`. */
  appendText(node, data = node.data, preserve = false) {
    if (!data || this.#full) return;
    if (preserve) {
      this.#flushSeparators();
      this.#push(data, { node, nodeOffset: 0, collapsed: false });
      return;
    }
    let last = 0;
    WHITESPACE.lastIndex = 0;
    for (let m = WHITESPACE.exec(data); m; m = WHITESPACE.exec(data)) {
      if (m.index > last) this.#appendWord(node, data, last, m.index);
      if (this.#length > 0 && !this.#pendingBreak && !this.#pendingSpace) {
        this.#pendingSpace = { node, offset: m.index, exact: m[0] === ' ' };
      } else if (this.#pendingBreak && !this.#pendingBreak.startsWith('\n') && !this.#pendingBreak.endsWith(' ')) {
        this.#pendingBreak += ' '; // white space after an inline separator ("home," then " garden")
      }
      last = m.index + m[0].length;
    }
    if (last < data.length) this.#appendWord(node, data, last, data.length);
  }

  #appendWord(node, data, from, to) {
    this.#flushSeparators();
    this.#push(data.slice(from, to), { node, nodeOffset: from, collapsed: false });
  }

  #flushSeparators() {
    if (this.#length === 0) {
      this.#pendingBreak = '';
      this.#pendingSpace = null;
      return;
    }
    if (this.#pendingBreak) {
      const separator = this.#fit(this.#pendingBreak);
      this.#parts.push(separator);
      this.#length += separator.length;
    } else if (this.#pendingSpace) {
      const { node, offset, exact } = this.#pendingSpace;
      // A single ' ' copies one to one (and merges with its neighbours); longer runs collapse.
      this.#push(' ', { node, nodeOffset: offset, collapsed: !exact });
    }
    this.#pendingBreak = '';
    this.#pendingSpace = null;
  }

  #push(whole, { node, nodeOffset, collapsed }) {
    if (this.#full) return;
    const str = this.#fit(whole);
    if (!str) return;
    const start = this.#length;
    this.#parts.push(str);
    this.#length += str.length;
    const prev = this.#segments[this.#segments.length - 1];
    // Adjacent copies of one node merge into one segment.
    if (prev && !collapsed && !prev.collapsed && prev.node === node && prev.end === start
        && prev.nodeOffset + (prev.end - prev.start) === nodeOffset) {
      prev.end = this.#length;
      return;
    }
    this.#segments.push({ start, end: this.#length, node, nodeOffset, collapsed });
  }

  /** `str` cut to what still fits under maxChars (marking the builder full when cut). */
  #fit(str) {
    const room = this.#maxChars - this.#length;
    if (str.length <= room) return str;
    this.#full = true;
    let end = Math.max(0, room);
    const code = str.charCodeAt(end - 1);
    if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1; // never half a surrogate pair
    return str.slice(0, end);
  }

  /** {text, segments}: segments sorted by start, non-overlapping. */
  build() {
    return { text: this.#parts.join(''), segments: this.#segments };
  }
}

/** Index of the last segment whose start is <= offset, or -1. */
function lastStartingAtOrBefore(segments, offset) {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function nodePosition(seg, offset) {
  if (seg.collapsed) return offset <= seg.start ? seg.nodeOffset : seg.nodeOffset + 1;
  return seg.nodeOffset + (offset - seg.start);
}

/**
 * The segments an answer [start, end) touches and its exact node boundaries: {first, last, startNode, startOffset,
 * endNode, endOffset} with segment indexes first..last, or null when the span holds no page text (only separators,
 * empty, or out of range).
 */
export function locateSpan(segments, start, end) {
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end <= start) return null;
  // First segment that ends after `start`.
  let first = lastStartingAtOrBefore(segments, start);
  if (first === -1 || segments[first].end <= start) first += 1;
  // Last segment that starts before `end`.
  const last = lastStartingAtOrBefore(segments, end - 1);
  if (first >= segments.length || last < first) return null;
  const a = segments[first];
  const b = segments[last];
  return {
    first,
    last,
    startNode: a.node,
    startOffset: nodePosition(a, Math.max(start, a.start)),
    endNode: b.node,
    endOffset: nodePosition(b, Math.min(end, b.end)),
  };
}

/**
 * The span split into pieces that each stay inside one DOM tree (a Range cannot cross a shadow-root boundary):
 * [{startNode, startOffset, endNode, endOffset}], using rootOf(node) to tell trees apart.
 */
export function spanPieces(segments, start, end, rootOf = () => null) {
  const span = locateSpan(segments, start, end);
  if (!span) return [];
  const pieces = [];
  let piece = null;
  for (let i = span.first; i <= span.last; i++) {
    const seg = segments[i];
    const from = i === span.first ? span.startOffset : seg.nodeOffset;
    const to = i === span.last ? span.endOffset : nodePosition(seg, seg.end);
    const root = rootOf(seg.node);
    if (piece && piece.root === root) {
      piece.endNode = seg.node;
      piece.endOffset = to;
    } else {
      piece = { root, startNode: seg.node, startOffset: from, endNode: seg.node, endOffset: to };
      pieces.push(piece);
    }
  }
  return pieces.map(({ startNode, startOffset, endNode, endOffset }) => ({ startNode, startOffset, endNode, endOffset }));
}

/** True when every segment of the span is still in the document with the text it had when captured. */
export function spanIsFresh(capture, start, end) {
  const span = locateSpan(capture.segments, start, end);
  if (!span) return false;
  for (let i = span.first; i <= span.last; i++) {
    const seg = capture.segments[i];
    // A node of a frame's document that was replaced stays connected to that dead document, which has no window.
    if (!seg.node.isConnected || !seg.node.ownerDocument?.defaultView) return false;
    const data = seg.node.data;
    if (seg.collapsed) {
      if (!/[ \t\n\r\f]/.test(data.charAt(seg.nodeOffset))) return false;
    } else if (data.slice(seg.nodeOffset, seg.nodeOffset + (seg.end - seg.start)) !== capture.text.slice(seg.start, seg.end)) {
      return false;
    }
  }
  return true;
}

/** A short context around [start, end) for lists: {before, match, after}, white space squeezed. */
export function contextOf(text, start, end, radius = 60) {
  const squeeze = (s) => s.replace(/\s+/g, ' ');
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  return {
    before: (from > 0 ? '…' : '') + squeeze(text.slice(from, start)).trimStart(),
    match: squeeze(text.slice(start, end)),
    after: squeeze(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}
