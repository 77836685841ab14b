// Captures the page's rendered text in reading order, with the offset map of text-map.js.
//
// What counts as rendered:
// - skipped with their subtree: script, style, noscript, template, head/title, form controls whose text is a value
//   (textarea, select, option), embedded documents (iframe, object, embed), media, canvas; elements with computed
//   `display: none` (which covers the `hidden` attribute unless the page overrides it), `content-visibility: hidden`,
//   and the `hidden` attribute itself (including hidden="until-found");
// - text whose parent has a computed `visibility` other than `visible` (children may be visible again, so their
//   subtree is still walked);
// - aria-hidden is NOT skipped: it hides content from assistive technology, but sighted users see that text and may
//   ask about it;
// - open shadow roots are walked in place of their host's children, with slots replaced by their assigned nodes
//   (closed shadow roots are not reachable and are skipped);
// - `extraSkip(element)` lets the caller leave out its own UI (the find bar).
//
// Block-level elements (any display that is not inline-level) are separated by "\n\n", table cells by "\n" and
// <br> by "\n", so the host's passage splitter sees paragraphs.

import { TextMapBuilder } from './text-map.js';

const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'textarea', 'select', 'option', 'datalist',
  'iframe', 'frame', 'object', 'embed', 'video', 'audio', 'canvas', 'img', 'input', 'meta', 'link',
]);
const INLINE_DISPLAYS = new Set([
  'inline', 'inline-block', 'inline-flex', 'inline-grid', 'inline-table', 'contents', 'ruby', 'ruby-base',
  'ruby-text', 'ruby-base-container', 'ruby-text-container',
]);
const LINE_DISPLAYS = new Set(['table-cell', 'table-caption']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

function preservesWhiteSpace(style) {
  const collapse = style.whiteSpaceCollapse;
  if (collapse) return collapse === 'preserve' || collapse === 'break-spaces';
  return /^(pre|pre-wrap|break-spaces)$/.test(style.whiteSpace);
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

/**
 * Captures `root` (default: the document's <html> or <body>): returns {text, segments} (see text-map.js).
 * @param {Document} doc
 * @param {{extraSkip?: (el: Element) => boolean}} options
 */
export function captureDocument(doc, { extraSkip = () => false } = {}) {
  const view = doc.defaultView;
  const builder = new TextMapBuilder();

  const walk = (parent, visible, preserve) => {
    for (const child of renderedChildren(parent)) {
      if (child.nodeType === TEXT_NODE) {
        if (visible) builder.appendText(child, child.data, preserve);
        continue;
      }
      if (child.nodeType !== ELEMENT_NODE) continue;
      const name = child.localName;
      if (SKIP_ELEMENTS.has(name) || child.hasAttribute('hidden') || extraSkip(child)) continue;
      if (name === 'br') {
        builder.breakBlock('\n');
        continue;
      }
      const style = view.getComputedStyle(child);
      if (style.display === 'none' || style.contentVisibility === 'hidden') continue;
      const separator = INLINE_DISPLAYS.has(style.display) ? '' : LINE_DISPLAYS.has(style.display) ? '\n' : '\n\n';
      if (separator) builder.breakBlock(separator);
      walk(child, style.visibility === 'visible', preservesWhiteSpace(style));
      if (separator) builder.breakBlock(separator);
    }
  };

  const root = doc.body ?? doc.documentElement;
  if (root) {
    const style = view.getComputedStyle(root);
    walk(root, style.visibility === 'visible', preservesWhiteSpace(style));
  }
  return builder.build();
}
