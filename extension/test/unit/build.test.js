import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { inflateRawSync } from 'node:zlib';
import { applyPatch, build, bundleContent, manifestFor } from '../../scripts/build.js';
import { crc32 } from '../../scripts/zip.js';

const CHROME_ID_KEY_PREFIX = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwOwzugKxEmeo';

/** Reads a zip back with its central directory: [{name, data, time, date}], checking each CRC. */
function readZip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const time = buf.readUInt16LE(p + 12);
    const date = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + csize);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    assert.equal(crc32(data), crc, `${name} CRC`);
    out.push({ name, data, time, date });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

test('building twice gives byte-identical packages with sorted entries and fixed dates', () => {
  const a = mkdtempSync(join(tmpdir(), 'askpage-build-a-'));
  const b = mkdtempSync(join(tmpdir(), 'askpage-build-b-'));
  try {
    const first = build(a);
    const second = build(b);
    for (const browser of ['chrome', 'firefox']) {
      const x = readFileSync(first[browser].package);
      const y = readFileSync(second[browser].package);
      assert.ok(x.equals(y), `${browser} package differs between builds`);
      const entries = readZip(x);
      const names = entries.map((e) => e.name);
      assert.deepEqual(names, [...names].sort());
      assert.ok(names.includes('manifest.json'));
      assert.ok(names.includes('content/askpage-content.js'));
      assert.ok(!names.some((n) => n.startsWith('content/') && n !== 'content/askpage-content.js'));
      for (const e of entries) assert.deepEqual([e.time, e.date], [0, 33], `${e.name} has the fixed 1980-01-01 date`);
      const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json').data);
      assert.deepEqual(manifest, manifestFor(browser));
    }
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('the Chrome manifest has the fixed key and a module service worker', () => {
  const m = manifestFor('chrome');
  assert.equal(m.manifest_version, 3);
  assert.ok(m.key.startsWith(CHROME_ID_KEY_PREFIX));
  assert.deepEqual(m.background, { service_worker: 'background/background.js', type: 'module' });
  assert.equal(m.browser_specific_settings, undefined);
});

test('the Firefox manifest has the add-on id, module background scripts and no key', () => {
  const m = manifestFor('firefox');
  assert.equal(m.browser_specific_settings.gecko.id, 'askpage@askpage.dev');
  assert.deepEqual(m.background, { scripts: ['background/background.js'], type: 'module' });
  assert.equal(m.key, undefined);
});

test('both manifests ask for exactly the four permissions, no hosts, and a strict CSP', () => {
  for (const browser of ['chrome', 'firefox']) {
    const m = manifestFor(browser);
    assert.deepEqual([...m.permissions].sort(), ['activeTab', 'nativeMessaging', 'scripting', 'storage']);
    assert.equal(m.host_permissions, undefined);
    assert.equal(m.optional_host_permissions, undefined);
    assert.equal(m.content_scripts, undefined, 'content script is injected on a gesture, never declared');
    assert.equal(m.content_security_policy.extension_pages, "script-src 'self'; object-src 'self'");
    assert.deepEqual(m.commands['open-find-bar'].suggested_key, { default: 'Ctrl+Shift+F', mac: 'Command+Shift+F' });
  }
});

test('both manifests expose the find bar page to web pages, and nothing else', () => {
  for (const browser of ['chrome', 'firefox']) {
    assert.deepEqual(manifestFor(browser).web_accessible_resources,
      [{ resources: ['findbar/findbar.html'], matches: ['<all_urls>'] }]);
  }
  const out = mkdtempSync(join(tmpdir(), 'askpage-build-bar-'));
  try {
    const built = build(out);
    for (const browser of ['chrome', 'firefox']) {
      const names = readZip(readFileSync(built[browser].package)).map((e) => e.name);
      for (const f of ['findbar/findbar.html', 'findbar/findbar.js', 'findbar/findbar.css']) assert.ok(names.includes(f), f);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('manifest patches merge objects and delete with null', () => {
  assert.deepEqual(applyPatch({ a: 1, b: { c: 1, d: 2 }, k: 'x' }, { b: { d: 3 }, k: null, e: [1] }),
    { a: 1, b: { c: 1, d: 3 }, e: [1] });
});

test('the content bundle is one classic script without module syntax', () => {
  const bundle = bundleContent();
  assert.doesNotMatch(bundle, /^\s*(import|export)\s/m);
  assert.doesNotThrow(() => new vm.Script(bundle));
});

test('no source puts strings into HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
  const bundle = bundleContent();
  const pages = ['popup/popup.js', 'options/options.js', 'background/background.js', 'findbar/findbar.js']
    .map((f) => readFileSync(new URL(`../../src/${f}`, import.meta.url), 'utf8'));
  for (const source of [bundle, ...pages]) {
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
  }
});
