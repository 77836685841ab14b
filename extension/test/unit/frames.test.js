// The host's frame fixtures (host/src/test/resources/frames/*.hex, PROTOCOL.md "Example frames"): the browser does the
// framing, but the JSON objects our builders make must be the request fixtures' objects, and our reply parser must
// accept the reply fixtures.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BackgroundToHost, HostRequests, parseHostReply } from '../../src/shared/messages.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FRAMES = join(REPO, 'host', 'src', 'test', 'resources', 'frames');

/** Frames in a hex fixture: whitespace-separated hex, each frame a 4-byte little-endian length and a UTF-8 payload. */
export function decodeFrames(hex) {
  const bytes = Buffer.from(hex.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex');
  const frames = [];
  let p = 0;
  while (p < bytes.length) {
    if (p + 4 > bytes.length) throw new Error(`cut-off length at byte ${p}`);
    const n = bytes.readUInt32LE(p);
    if (p + 4 + n > bytes.length) throw new Error(`frame at byte ${p} declares ${n} bytes, ${bytes.length - p - 4} left`);
    frames.push(bytes.subarray(p + 4, p + 4 + n));
    p += 4 + n;
  }
  return frames;
}

/** Rebuilds a request with our builders from its own fields. */
function rebuild(request) {
  const { id, type } = request;
  if (type === BackgroundToHost.HELLO) return HostRequests.hello(id);
  if (type === BackgroundToHost.PING) return HostRequests.ping(id);
  if (type === BackgroundToHost.CANCEL) return HostRequests.cancel(id, request.target);
  if (type === BackgroundToHost.ASK) return HostRequests.ask(id, request);
  return null;
}

test('PROTOCOL.md\'s ping.hex example decodes to what HostRequests.ping builds', () => {
  const md = readFileSync(join(REPO, 'PROTOCOL.md'), 'utf8');
  const m = /```\n([0-9a-f]{8} [0-9a-f]+)\n```/.exec(md.slice(md.indexOf('## Example frames')));
  assert.ok(m, 'PROTOCOL.md shows ping.hex');
  const [payload] = decodeFrames(m[1]);
  assert.deepEqual(JSON.parse(payload.toString('utf8')), HostRequests.ping(4));
  assert.equal(payload.toString('utf8'), JSON.stringify(HostRequests.ping(4)), 'same bytes, same key order');
});

test('frame decoding rejects cut-off frames', () => {
  assert.throws(() => decodeFrames('16000000 7b22'), /declares 22 bytes/);
  assert.throws(() => decodeFrames('1600'), /cut-off length/);
  assert.deepEqual(decodeFrames('00000000').map((f) => f.length), [0]);
});

const fixtures = existsSync(FRAMES) ? readdirSync(FRAMES).filter((f) => f.endsWith('.hex')).sort() : [];

test('the host\'s frame fixtures: requests are what our builders make, replies parse',
  { skip: fixtures.length === 0 ? `no fixtures in ${FRAMES} on this branch yet` : false }, () => {
    let requests = 0;
    let replies = 0;
    for (const file of fixtures) {
      let frames;
      try {
        frames = decodeFrames(readFileSync(join(FRAMES, file), 'utf8'));
      } catch {
        continue; // fixtures of broken framing test the host's reader, not our messages
      }
      for (const frame of frames) {
        let message;
        try {
          message = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame));
        } catch {
          continue; // invalid UTF-8 / JSON fixtures exercise the host's error replies
        }
        if (message === null || typeof message !== 'object' || Array.isArray(message)) continue;
        if ('result' in message || 'error' in message) {
          assert.doesNotThrow(() => parseHostReply(message), `${file}: reply parses`);
          replies++;
          continue;
        }
        let built;
        try {
          built = rebuild(message);
        } catch {
          continue; // a request the host must reject (bad field, empty question): our builders refuse it too
        }
        if (!built) continue;
        assert.deepEqual(built, message, `${file}: our builder makes the same object`);
        requests++;
      }
    }
    assert.ok(requests > 0, 'at least one request fixture was compared');
    assert.ok(replies >= 0);
  });
