import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../../scripts/build.js';

const MISSING = 'npm run sign needs your addons.mozilla.org API credentials in WEB_EXT_API_KEY and WEB_EXT_API_SECRET: '
  + 'create them at https://addons.mozilla.org/developers/addon/api/key/ (signed in to your Mozilla account), export '
  + 'both, and run it again.\n';

/** Runs `npm run sign`'s script with the environment minus the AMO variables, plus `extra`. */
function sign(extra) {
  const env = { ...process.env, ...extra };
  if (!('WEB_EXT_API_KEY' in extra)) delete env.WEB_EXT_API_KEY;
  if (!('WEB_EXT_API_SECRET' in extra)) delete env.WEB_EXT_API_SECRET;
  return spawnSync(process.execPath, [join(ROOT, 'scripts', 'sign.js')], { env, encoding: 'utf8', timeout: 30_000 });
}

test('npm run sign without the AMO key and secret stops with the one sentence saying what to set and where', () => {
  for (const extra of [{}, { WEB_EXT_API_KEY: 'user:1:2' }, { WEB_EXT_API_SECRET: 'secret' }]) {
    const run = sign(extra);
    assert.equal(run.status, 1, JSON.stringify(extra));
    assert.equal(run.stderr, MISSING, JSON.stringify(extra));
    assert.equal(run.stdout, '');
  }
});

test('package.json runs the sign script', async () => {
  const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
  assert.equal(pkg.scripts.sign, 'node scripts/sign.js');
});
