// Builds the extension for each browser: dist/<browser>/ (base manifest.json + manifest.<browser>.json patch, the
// ES modules of src/, and the content script concatenated into one classic script), then the reproducible packages
// dist/askpage-chrome.zip and dist/askpage-firefox.xpi. No bundler: see bundleContent.
//
// Usage: node scripts/build.js [--out DIR]

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { zipDirectory } from './zip.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
export const BROWSERS = Object.freeze({
  chrome: { patch: 'manifest.chrome.json', package: 'askpage-chrome.zip' },
  firefox: { patch: 'manifest.firefox.json', package: 'askpage-firefox.xpi' },
});
const COPIED = ['background', 'findbar', 'icons', 'popup', 'options', 'shared'];
const CONTENT_ENTRY = 'content/content.js';
const CONTENT_OUT = 'content/askpage-content.js';

/** Deep merge for manifests: objects merge, everything else replaces, null deletes. */
export function applyPatch(base, patch) {
  const out = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (typeof value === 'object' && !Array.isArray(value) && typeof out[key] === 'object' && out[key] !== null
      && !Array.isArray(out[key])) out[key] = applyPatch(out[key], value);
    else out[key] = value;
  }
  return out;
}

export function manifestFor(browser) {
  const read = (name) => JSON.parse(readFileSync(join(ROOT, name), 'utf8'));
  return applyPatch(read('manifest.json'), read(BROWSERS[browser].patch));
}

const IMPORT = /^import\s+(?:[^;'"]*?\s+from\s+)?'([^']+)';[ \t]*\n?/gm;
const EXPORT_DECLARATION = /^export (?=(?:async )?function|const |let |class )/gm;
const TOP_LEVEL_NAME = /^(?:export )?(?:async )?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm;

/**
 * Content scripts injected by scripting.executeScript are classic scripts, so the content modules are concatenated
 * in dependency order into one function scope: `import` lines removed, `export` keywords dropped. Modules may only
 * use named imports of their own top-level declarations; a name declared twice fails the build.
 */
export function bundleContent(srcDir = SRC, entry = CONTENT_ENTRY) {
  const order = [];
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(srcDir, file), 'utf8');
    for (const m of source.matchAll(IMPORT)) visit(relative(srcDir, resolve(dirname(join(srcDir, file)), m[1])));
    order.push({ file, source });
  };
  visit(entry);
  const names = new Map();
  const parts = order.map(({ file, source }) => {
    if (/^export\s+(default|\{|\*)/m.test(source)) throw new Error(`${file}: only 'export <declaration>' is supported`);
    for (const m of source.matchAll(TOP_LEVEL_NAME)) {
      if (names.has(m[1])) throw new Error(`${file}: ${m[1]} is also declared in ${names.get(m[1])}`);
      names.set(m[1], file);
    }
    return `// ---- ${file.split('\\').join('/')}\n${source.replace(IMPORT, '').replace(EXPORT_DECLARATION, '')}`;
  });
  const bundle = `// askpage content script, built by scripts/build.js from src/ (do not edit).\n(() => {\n'use strict';\n\n${
    parts.join('\n')}})();\n`;
  new vm.Script(bundle, { filename: CONTENT_OUT }); // syntax check
  return bundle;
}

/** Builds dist/<browser>/ and its package; `contentBundle` lets build() make the content script once for all. */
export function buildBrowser(browser, outDir, contentBundle = bundleContent()) {
  const dir = join(outDir, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(browser), null, 2)}\n`);
  for (const folder of COPIED) cpSync(join(SRC, folder), join(dir, folder), { recursive: true });
  mkdirSync(join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, CONTENT_OUT), contentBundle);
  const pkg = join(outDir, BROWSERS[browser].package);
  writeFileSync(pkg, zipDirectory(dir));
  return { dir, package: pkg };
}

export function build(outDir = join(ROOT, 'dist')) {
  mkdirSync(outDir, { recursive: true });
  const contentBundle = bundleContent(); // the same for every browser
  return Object.fromEntries(Object.keys(BROWSERS).map((b) => [b, buildBrowser(b, outDir, contentBundle)]));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = build(i > 0 ? resolve(process.argv[i + 1]) : undefined);
  for (const [browser, r] of Object.entries(out)) console.log(`${browser}: ${relative(process.cwd(), r.dir)} ${relative(process.cwd(), r.package)}`);
}
