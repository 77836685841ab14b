import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextMapBuilder, contextOf, locateSpan, spanIsFresh, spanPieces } from '../../src/content/text-map.js';

const node = (data, root = 'doc') => ({ data, isConnected: true, root, ownerDocument: { defaultView: {} } });

/** Builds from a list of text nodes and breaks: strings become nodes, {br: sep} a break, {pre: str} preserved text. */
function build(items) {
  const b = new TextMapBuilder();
  const nodes = [];
  for (const item of items) {
    if (typeof item === 'string') b.appendText(nodes[nodes.push(node(item)) - 1]);
    else if (item.br !== undefined) b.breakBlock(item.br);
    else if (item.pre !== undefined) b.appendText(nodes[nodes.push(node(item.pre)) - 1], item.pre, true);
    else if (item.node) { nodes.push(item.node); b.appendText(item.node); }
  }
  return { ...b.build(), nodes };
}

/** What a DOM Range over the located span would contain. */
function rangeText(pieces, nodes) {
  let out = '';
  for (const p of pieces) {
    const i = nodes.indexOf(p.startNode);
    const j = nodes.indexOf(p.endNode);
    for (let k = i; k <= j; k++) {
      const from = k === i ? p.startOffset : 0;
      const to = k === j ? p.endOffset : nodes[k].data.length;
      out += nodes[k].data.slice(from, to);
    }
  }
  return out;
}

test('white space collapses like rendering and blocks become paragraphs', () => {
  const { text } = build(['\n   Bert  lives\n', { br: '\n\n' }, '  on ', 'Sesame\tStreet. ', { br: '\n\n' }, { br: '\n\n' }, 'Ernie too']);
  assert.equal(text, 'Bert lives\n\non Sesame Street.\n\nErnie too');
});

test('line breaks are single newlines and never doubled by block breaks after them', () => {
  const { text } = build(['a', { br: '\n' }, 'b', { br: '\n\n' }, { br: '\n' }, 'c']);
  assert.equal(text, 'a\nb\n\nc');
});

test('spaces between inline nodes are kept once', () => {
  const { text } = build(['Bert ', ' lives', ' ', 'here']);
  assert.equal(text, 'Bert lives here');
});

test('preformatted text is copied as is', () => {
  const { text } = build(['code:', { br: '\n\n' }, { pre: '  x  =  1\n  y' }]);
  assert.equal(text, 'code:\n\n  x  =  1\n  y');
});

test('every answer span maps back to exactly its text, across nodes, collapsed spaces and separators', () => {
  const built = build(['\n  The  quick ', 'brown', ' fox\n\n jumps', { br: '\n\n' }, 'over the ', { pre: 'lazy  dog' }]);
  const { text, segments, nodes } = built;
  for (let start = 0; start < text.length; start++) {
    for (let end = start + 1; end <= text.length; end++) {
      const pieces = spanPieces(segments, start, end);
      const want = text.slice(start, end).replace(/^\n+|\n+$/g, '');
      if (want === '') {
        assert.deepEqual(pieces, [], `${start}..${end} is only separators`);
        continue;
      }
      // A Range shows the page's own white space and no separators (Range.toString() across blocks adds none), so
      // compare the non-space characters: each one must be exactly the captured one, in order.
      const strip = (s) => s.replace(/[ \t\n\r\f]+/g, '');
      assert.equal(strip(rangeText(pieces, nodes)), strip(want), `${start}..${end}`);
    }
  }
});

test('spans of single words start and end exactly at the word', () => {
  const n1 = node('  Bert   lives on ');
  const n2 = node('Sesame Street');
  const { text, segments } = build([{ node: n1 }, { node: n2 }]);
  assert.equal(text, 'Bert lives on Sesame Street');
  const s = text.indexOf('lives');
  assert.deepEqual(locateSpan(segments, s, s + 5), {
    first: locateSpan(segments, s, s + 5).first, last: locateSpan(segments, s, s + 5).last,
    startNode: n1, startOffset: 9, endNode: n1, endOffset: 14,
  });
  const t = text.indexOf('on Sesame');
  const span = locateSpan(segments, t, t + 'on Sesame'.length);
  assert.equal(span.startNode, n1);
  assert.equal(span.startOffset, 15);
  assert.equal(span.endNode, n2);
  assert.equal(span.endOffset, 6);
});

test('UTF-16 offsets: astral characters count as two code units', () => {
  const n = node('I 💙 Bert');
  const { text, segments } = build([{ node: n }]);
  const s = text.indexOf('Bert');
  assert.equal(s, 5);
  const span = locateSpan(segments, s, s + 4);
  assert.equal(n.data.slice(span.startOffset, span.endOffset), 'Bert');
});

test('spans split where the DOM tree (shadow root) changes', () => {
  const a = node('outside ', 'doc');
  const b = node('inside', 'shadow');
  const c = node(' again', 'doc');
  const { text, segments } = build([{ node: a }, { node: b }, { node: c }]);
  const pieces = spanPieces(segments, 0, text.length, (n) => n.root);
  assert.equal(pieces.length, 3);
  assert.deepEqual(pieces.map((p) => [p.startNode, p.endNode]), [[a, a], [b, b], [c, c]]);
});

test('out-of-range and empty spans locate nothing', () => {
  const { segments, text } = build(['hello world']);
  assert.equal(locateSpan(segments, 3, 3), null);
  assert.equal(locateSpan(segments, -1, 2), null);
  assert.equal(locateSpan(segments, text.length, text.length + 3), null);
  assert.equal(locateSpan([], 0, 1), null);
});

test('a span is stale when its node left the document or its text changed', () => {
  const n1 = node('Bert lives ');
  const n2 = node('on Sesame Street');
  const capture = build([{ node: n1 }, { node: n2 }]);
  const s = capture.text.indexOf('Sesame');
  assert.ok(spanIsFresh(capture, s, s + 6));
  n2.data = 'on Elm Street';
  assert.ok(!spanIsFresh(capture, s, s + 6));
  assert.ok(spanIsFresh(capture, 0, 4), 'other nodes are still fine');
  n1.isConnected = false;
  assert.ok(!spanIsFresh(capture, 0, 4));
});

test('a span is stale when its frame loaded another document (the old one is still "connected" to itself)', () => {
  const n = node('Bert lives on Sesame Street');
  const capture = build([{ node: n }]);
  assert.ok(spanIsFresh(capture, 0, 4));
  n.ownerDocument = { defaultView: null };
  assert.ok(!spanIsFresh(capture, 0, 4));
});

test('context squeezes white space and marks cuts', () => {
  const text = `${'x'.repeat(100)} Bert lives\n\non Sesame Street ${'y'.repeat(100)}`;
  const s = text.indexOf('Sesame');
  const c = contextOf(text, s, s + 13, 20);
  assert.equal(c.match, 'Sesame Street');
  assert.ok(c.before.startsWith('…'));
  assert.ok(c.before.endsWith('Bert lives on '));
  assert.ok(c.after.endsWith('…'));
});

test('inline separators stand between boxes that render apart and belong to no node', () => {
  const b = new TextMapBuilder();
  const nodes = ['home', 'garden', 'tools'].map((w) => node(w));
  b.appendText(nodes[0]);
  b.separate(' / ');
  b.appendText(nodes[1]);
  b.separate(', ');
  b.separate(' ');
  b.appendText(nodes[2]);
  const { text, segments } = b.build();
  assert.equal(text, 'home / garden, tools');
  const s = text.indexOf('garden');
  assert.equal(locateSpan(segments, s, s + 6).startNode, nodes[1]);
  assert.equal(rangeText(spanPieces(segments, 0, text.length), nodes), 'homegardentools', 'separators map to no node');
});

test('inline separators: dropped at the start, lose to a block break, and take the white space after them', () => {
  const b = new TextMapBuilder();
  b.separate(', ');
  b.appendText(node('a'));
  b.separate(',');
  b.breakBlock('\n\n');
  b.appendText(node('b'));
  b.separate(',');
  b.appendText(node(' c'));
  b.breakBlock('\n');
  b.separate(' / ');
  b.appendText(node('d'));
  assert.equal(b.build().text, 'a\n\nb, c\nd');
});

test('maxChars cuts the text at the limit, never inside a surrogate pair, and says it is full', () => {
  const b = new TextMapBuilder({ maxChars: 12 });
  b.appendText(node('Bert lives on'));
  b.appendText(node('Sesame Street'));
  assert.equal(b.full, true);
  const { text, segments } = b.build();
  assert.equal(text, 'Bert lives o');
  assert.equal(segments[segments.length - 1].end, 12);
  const astral = new TextMapBuilder({ maxChars: 3 });
  astral.appendText(node('ab💙'));
  assert.equal(astral.build().text, 'ab');
  const roomy = new TextMapBuilder({ maxChars: 100 });
  roomy.appendText(node('short'));
  assert.equal(roomy.full, false);
});
