// Captures the page's rendered text in reading order, with the offset map of text-map.js.
//
// What counts as rendered:
// - skipped with their subtree: script, style, noscript, template, head/title, form controls whose text is a value
//   (textarea, select, option), embedded objects (object, embed), media, canvas; elements with computed
//   `display: none` (which covers the `hidden` attribute unless the page overrides it), `content-visibility: hidden`,
//   and the `hidden` attribute itself;
// - but hidden="until-found" and the body of a closed <details> ARE captured: the browsers' own find-in-page finds
//   (and opens) them, and so does askpage (highlight.js reveals them before scrolling);
// - text whose parent has a computed `visibility` other than `visible` (children may be visible again, so their
//   subtree is still walked);
// - aria-hidden is NOT skipped: it hides content from assistive technology, but sighted users see that text and may
//   ask about it;
// - open shadow roots are walked in place of their host's children, with slots replaced by their assigned nodes
//   (closed shadow roots are not reachable and are skipped);
// - same-origin iframes are walked in place, recursively, in document order; cross-origin ones cannot be read and
//   are counted (`skippedFrames`), so the UI can say part of the page was not read;
// - `extraSkip(element)` lets the caller leave out its own UI (the find bar).
//
// Block-level elements (any display that is not inline-level) are separated by "\n\n", table cells by "\n" and
// <br> by "\n", so the host's passage splitter sees paragraphs. Boxes that render apart inside a line (inline-block
// and friends, inline list items) get a space between them, and CSS generated content (::before/::after) that renders
// punctuation or white space between inline elements becomes that separator ("home / garden", not "homegarden").
// Separators belong to no text node, so offsets into real text stay exact.

import { TextMapBuilder } from './text-map.js';

const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'textarea', 'select', 'option', 'datalist',
  'object', 'embed', 'video', 'audio', 'canvas', 'img', 'input', 'meta', 'link',
]);
const FRAME_ELEMENTS = new Set(['iframe', 'frame']);
const INLINE_DISPLAYS = new Set([
  'inline', 'inline-block', 'inline-flex', 'inline-grid', 'inline-table', 'contents', 'ruby', 'ruby-base',
  'ruby-text', 'ruby-base-container', 'ruby-text-container', 'inline list-item', 'inline flow-root list-item',
]);
/** Inline-level boxes that render as their own box: a space apart from their neighbours. */
const INLINE_BOXES = new Set([
  'inline-block', 'inline-flex', 'inline-grid', 'inline-table', 'inline list-item', 'inline flow-root list-item',
]);
const LINE_DISPLAYS = new Set(['table-cell', 'table-caption']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;
const CSS_STRING = /"((?:[^"\\]|\\[\s\S])*)"|'((?:[^'\\]|\\[\s\S])*)'/g;
const ONLY_SPACE_AND_PUNCTUATION = /^[\s\p{P}\p{S}]*$/u;

function preservesWhiteSpace(style) {
  const collapse = style.whiteSpaceCollapse;
  if (collapse) return collapse === 'preserve' || collapse === 'break-spaces';
  return /^(pre|pre-wrap|break-spaces)$/.test(style.whiteSpace);
}

function isUntilFound(element) {
  return element.getAttribute('hidden')?.toLowerCase() === 'until-found';
}

function renderedChildren(node) {
  if (node.nodeType === ELEMENT_NODE) {
    if (node.shadowRoot) return node.shadowRoot.childNodes;
    if (node.localName === 'slot' && node.getRootNode().nodeType === DOCUMENT_FRAGMENT_NODE) {
      const assigned = node.assignedNodes();
      if (assigned.length > 0) return assigned;
    }
  }
  return node.childNodes;
}

function unescapeCss(s) {
  return s.replace(/\\([0-9a-fA-F]{1,6})[ \t\n]?|\\([\s\S])/g, (_, hex, ch) => (hex
    ? String.fromCodePoint(Number.parseInt(hex, 16) || 0xfffd) : ch === '\n' ? '' : ch));
}

/**
 * The separator the computed `content` of a ::before/::after renders, or null when it renders no text: the string
 * itself when it is only white space and punctuation (", ", " / "), else a space (words, counters, attr()).
 */
export function generatedSeparator(content) {
  if (!content || content === 'none' || content === 'normal') return null;
  let text = '';
  const rest = content.replace(CSS_STRING, (_, dq, sq) => {
    text += unescapeCss(dq ?? sq);
    return '';
  }).trim();
  if (!text && !rest) return null; // content: "" (decoration only)
  if (rest) return ' ';
  return ONLY_SPACE_AND_PUNCTUATION.test(text) ? text : ' ';
}

/** False when what follows `element` starts with white space (its ::after cannot glue two words then). */
function mayGlueAfter(element) {
  const next = element.nextSibling;
  return !(next && next.nodeType === TEXT_NODE && /^[ \t\n\r\f]/.test(next.data));
}

const PSEUDO_TEXT = /::?(?:before|after)\b/i;

/** `list` ("a, b:is(c, d)") split at its top-level commas. */
export function splitSelectorList(list) {
  const parts = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(list.slice(start).trim());
  return parts.filter(Boolean);
}

/**
 * The elements of `doc` that some style rule gives a ::before or ::after, as one selector (the rules' selectors
 * with the pseudo-element taken off): '' when no rule does, null when a style sheet cannot be read (another
 * site's) or a selector cannot be tested; then every element's pseudo-elements are read.
 */
export function pseudoHosts(doc) {
  const selectors = [];
  const visit = (rules) => {
    for (const rule of rules) {
      if (typeof rule.selectorText === 'string' && PSEUDO_TEXT.test(rule.selectorText)) {
        for (const part of splitSelectorList(rule.selectorText)) {
          if (PSEUDO_TEXT.test(part)) selectors.push(part.replace(/::?(?:before|after)\b/gi, '') || '*');
        }
      }
      if (rule.cssRules) visit(rule.cssRules); // @media, @supports, @layer, nested rules
    }
  };
  try {
    for (const sheet of [...doc.styleSheets, ...(doc.adoptedStyleSheets ?? [])]) visit(sheet.cssRules);
    const selector = selectors.join(', ');
    if (selector) doc.documentElement?.matches(selector); // throws when a selector cannot be tested alone
    return selector;
  } catch {
    return null;
  }
}

/** The readable document of a frame element, or null when it is cross-origin (or not loaded). */
function frameDocument(frame) {
  try {
    const doc = frame.contentDocument;
    return doc?.defaultView ? doc : null;
  } catch {
    return null; // Firefox may throw for a cross-origin frame
  }
}

/**
 * Captures the document: {text, segments, full, roots, frames, skippedFrames}. `segments` map text back to nodes
 * (see text-map.js); `full` says `maxChars` cut the text; `roots` lists every document and open shadow root walked (to
 * watch for changes and to style highlights in); `frames` every frame element met (a frame that loads another
 * document changes the page without a mutation in any root); `skippedFrames` counts cross-origin frames that could not
 * be read.
 * @param {Document} doc
 * @param {{extraSkip?: (el: Element) => boolean, maxChars?: number}} options
 */
export function captureDocument(doc, { extraSkip = () => false, maxChars = Infinity } = {}) {
  const builder = new TextMapBuilder({ maxChars });
  const roots = [doc];
  const frames = []; // every frame element met, readable or not: one that loads a new document changes the page
  let skippedFrames = 0;

  // Reading a pseudo-element's style costs about as much as the element's own, so it is read only where its text
  // could matter: where the words on both sides would otherwise touch, on an element some style rule gives a
  // ::before/::after (`hosts`: see pseudoHosts; null in shadow trees, whose style sheets are not looked at).
  const pseudoSeparator = (view, element, pseudo, hosts) => {
    if (hosts === '' || !builder.glued) return;
    if (pseudo === '::after' && !mayGlueAfter(element)) return;
    if (hosts !== null && !element.matches(hosts)) return;
    const style = view.getComputedStyle(element, pseudo);
    if (style.display === 'none') return;
    const separator = generatedSeparator(style.content);
    if (separator !== null) builder.separate(separator);
  };

  const walkFrame = (frame) => {
    frames.push(frame);
    const inner = frameDocument(frame);
    if (!inner) {
      skippedFrames++;
      return;
    }
    roots.push(inner);
    builder.breakBlock('\n\n');
    walkDocument(inner);
    builder.breakBlock('\n\n');
  };

  const walk = (view, parent, visible, preserve, hosts) => {
    const shadow = parent.nodeType === ELEMENT_NODE ? parent.shadowRoot : null;
    if (shadow) roots.push(shadow);
    const childHosts = shadow ? null : hosts;
    for (const child of renderedChildren(parent)) {
      if (builder.full) return;
      if (child.nodeType === TEXT_NODE) {
        if (visible) builder.appendText(child, child.data, preserve);
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const name = child.localName;
      if (SKIP_ELEMENTS.has(name) || extraSkip(child)) continue;
      const untilFound = child.hasAttribute('hidden') && isUntilFound(child);
      if (child.hasAttribute('hidden') && !untilFound) continue;
      if (name === 'br') {
        builder.breakBlock('\n');
        continue;
      }
      const style = view.getComputedStyle(child);
      if (style.display === 'none' || (style.contentVisibility === 'hidden' && !untilFound)) continue;
      if (FRAME_ELEMENTS.has(name)) {
        walkFrame(child);
        continue;
      }
      const inline = INLINE_DISPLAYS.has(style.display);
      const separator = inline ? '' : LINE_DISPLAYS.has(style.display) ? '\n' : '\n\n';
      if (separator) builder.breakBlock(separator);
      else if (INLINE_BOXES.has(style.display)) builder.separate(' ');
      if (inline) pseudoSeparator(view, child, '::before', childHosts);
      // until-found content is hidden by the page only until found: its visibility is what it will be when shown.
      walk(view, child, untilFound || style.visibility === 'visible', preservesWhiteSpace(style), childHosts);
      if (inline) pseudoSeparator(view, child, '::after', childHosts);
      if (separator) builder.breakBlock(separator);
      else if (INLINE_BOXES.has(style.display)) builder.separate(' ');
    }
  };

  const walkDocument = (d) => {
    const view = d.defaultView;
    const root = d.body ?? d.documentElement;
    if (!root || !view) return;
    const style = view.getComputedStyle(root);
    walk(view, root, style.visibility === 'visible', preservesWhiteSpace(style), pseudoHosts(d));
  };

  walkDocument(doc);
  return { ...builder.build(), full: builder.full, roots, frames, skippedFrames };
}
