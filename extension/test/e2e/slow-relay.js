// A slow host for the e2e tests (a test harness, not product code): the browser starts this in place of the host's
// launcher (harness.js registerSlowHost points the installed manifest at a wrapper that runs it). It starts the real
// launcher with the browser's own arguments, passes the browser's frames to it at once and unchanged, and holds each
// of the host's frames for DELAY_MS before passing it on, in order. It logs one JSON line per frame and direction to
// LOG: the time (Date.now()), the direction, the frame's type and id (and a cancel's target, an error's name): never
// text.
//
// Usage: node slow-relay.js DELAY_MS LOG LAUNCHER [browser's arguments...]

import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';

const [delayArg, logFile, launcher, ...browserArgs] = process.argv.slice(2);
const delayMs = Number(delayArg);
if (!Number.isFinite(delayMs) || !logFile || !launcher) {
  process.stderr.write('usage: node slow-relay.js DELAY_MS LOG LAUNCHER [args...]\n');
  process.exit(2);
}

/** One log line: who the frame went to, and its type, id, target and error name only. */
function log(direction, payload) {
  let frame = {};
  try {
    frame = JSON.parse(payload.toString('utf8'));
  } catch {
    // not JSON: logged without its fields
  }
  const line = { t: Date.now(), direction, type: frame?.type ?? null, id: frame?.id ?? null };
  if (frame?.target !== undefined) line.target = frame.target;
  if (typeof frame?.error?.name === 'string') line.error = frame.error.name;
  appendFileSync(logFile, `${JSON.stringify(line)}\n`);
}

/** Calls onFrame(frame bytes, payload bytes) for each whole native messaging frame read from `stream`. */
function frames(stream, onFrame) {
  let buffered = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 4) {
      const length = buffered.readUInt32LE(0); // native byte order; these tests run on little-endian machines
      if (buffered.length < 4 + length) break;
      onFrame(buffered.subarray(0, 4 + length), buffered.subarray(4, 4 + length));
      buffered = buffered.subarray(4 + length);
    }
  });
}

const host = spawn(launcher, browserArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
let held = 0; // host frames waiting for their time
let hostExit = null;

function exitWhenDone() {
  if (hostExit !== null && held === 0) process.exit(hostExit);
}

// Browser → host: passed on at once, byte for byte (the frame is parsed only for the log).
frames(process.stdin, (frame, payload) => {
  log('to-host', payload);
  host.stdin.write(frame);
});
process.stdin.on('end', () => host.stdin.end());
host.stdin.on('error', () => {}); // the host exited: its exit ends the relay

// Host → browser: each frame DELAY_MS after it came, so their order is kept.
frames(host.stdout, (frame, payload) => {
  log('from-host', payload);
  held++;
  const copy = Buffer.from(frame);
  setTimeout(() => {
    process.stdout.write(copy, () => {
      log('to-browser', payload);
      held--;
      exitWhenDone();
    });
  }, delayMs);
});
process.stdout.on('error', () => process.exit(0)); // the browser closed the port

host.on('exit', (code, signal) => {
  hostExit = code ?? (signal ? 1 : 0);
  exitWhenDone();
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => host.kill(signal));
