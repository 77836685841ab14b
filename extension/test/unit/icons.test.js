import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BROWSERS, ROOT, build, manifestFor } from '../../scripts/build.js';

/** A PNG's width and height from its IHDR chunk. */
function pngSize(file) {
  const png = readFileSync(file);
  assert.equal(png.toString('latin1', 1, 4), 'PNG', `${file} is a PNG`);
  assert.equal(png.toString('latin1', 12, 16), 'IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test('every icon size is a square PNG of its size, rendered from the one SVG source', () => {
  assert.ok(existsSync(join(ROOT, 'src', 'icons', 'askpage.svg')));
  for (const size of [16, 32, 48, 128]) {
    assert.deepEqual(pngSize(join(ROOT, 'src', 'icons', `askpage-${size}.png`)), [size, size]);
  }
});

test('both manifests name the icons and the toolbar icon, and the built packages hold them', () => {
  const out = mkdtempSync(join(tmpdir(), 'askpage-icons-'));
  try {
    const built = build(out);
    for (const browser of Object.keys(BROWSERS)) {
      const manifest = manifestFor(browser);
      assert.deepEqual(Object.keys(manifest.icons), ['16', '32', '48', '128'], browser);
      assert.deepEqual(Object.keys(manifest.action.default_icon), ['16', '32'], browser);
      for (const [size, path] of [...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon)]) {
        assert.deepEqual(pngSize(join(built[browser].dir, path)), [Number(size), Number(size)], `${browser} ${path}`);
      }
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('the popup header shows the icon', () => {
  const html = readFileSync(join(ROOT, 'src', 'popup', 'popup.html'), 'utf8');
  assert.match(html, /<h1 class="brand"><img src="\.\.\/icons\/askpage-32\.png"/);
});
