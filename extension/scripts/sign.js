// npm run sign: has addons.mozilla.org sign the Firefox add-on for self-distribution (`web-ext sign --channel
// unlisted`: Mozilla signs it but does not list it), so that any Firefox keeps it installed. Builds first; the signed
// .xpi lands in dist/. The API key and secret come from the environment, never from a file in the project.
//
// Usage: WEB_EXT_API_KEY=user:... WEB_EXT_API_SECRET=... npm run sign

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, build } from './build.js';

export const MISSING_KEYS = 'npm run sign needs your addons.mozilla.org API credentials in WEB_EXT_API_KEY and '
  + 'WEB_EXT_API_SECRET: create them at https://addons.mozilla.org/developers/addon/api/key/ (signed in to your '
  + 'Mozilla account), export both, and run it again.';

if (!process.env.WEB_EXT_API_KEY || !process.env.WEB_EXT_API_SECRET) {
  console.error(MISSING_KEYS);
  process.exit(1);
}

const dist = join(ROOT, 'dist');
const { firefox } = build(dist);
const webExt = join(dirname(createRequire(import.meta.url).resolve('web-ext/package.json')), 'bin', 'web-ext.js');
// web-ext reads WEB_EXT_API_KEY and WEB_EXT_API_SECRET itself: they stay off the command line.
const signed = spawnSync(process.execPath, [webExt, 'sign', '--channel', 'unlisted', '--source-dir', firefox.dir,
  '--artifacts-dir', dist], { stdio: 'inherit' });
process.exit(signed.status ?? 1);
