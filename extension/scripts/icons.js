// Renders src/icons/askpage.svg, the one source of the extension's icons, to src/icons/askpage-<size>.png with the
// Chromium the e2e tests use (ASKPAGE_CHROMIUM, default /usr/bin/chromium). The PNGs are kept in git (a few KB) so
// that the build and the release need no SVG renderer; run `npm run icons` after changing the SVG.
//
// Usage: node scripts/icons.js

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './build.js';

const ICON_DIR = join(ROOT, 'src', 'icons');
const ICON_SIZES = [16, 32, 48, 128];

const svg = readFileSync(join(ICON_DIR, 'askpage.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.ASKPAGE_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of ICON_SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}img{display:block}</style>`
      + `<img src="${src}" width="${size}" height="${size}">`);
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(join(ICON_DIR, `askpage-${size}.png`), png);
    console.log(`src/icons/askpage-${size}.png ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
