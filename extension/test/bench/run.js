// npm run bench: how long a find-bar question takes in real browsers, timed inside the page, in multiples of W. For
// each browser (Chromium with playwright-core, Firefox ESR with puppeteer-core over WebDriver BiDi, the e2e drivers):
// the real host registered by the installer's CLI into a temporary HOME, the full-size synthetic model installed for
// that user, and two pages served on loopback (Normans.html and a generated ~870,000-character page). Per page: "first"
// questions (the host is killed, the page reloaded, the find bar opened, the question typed, Enter 3 s after the bar
// opened) and "later" questions (bar opened, Enter 1 s after). The content script's AskClock (src/content/ask-clock.js)
// gives Enter → first answers reaching the content script, Enter → first painted highlight and Enter → final answers on
// the page's performance.now(); each sample also keeps the host's own timings of the partial and final results (the
// report's "where the time goes" table) and, on Linux, the CPU time the browser's processes and the host used from
// Enter until the bench looked (test/bench/cpu-time.js). The bench first looks FIRST_LOOK_MS after Enter: reading the
// content script's state costs the browser CPU, which on 2 cores would slow the very ask it times. W, one 336-token
// window through bare ONNX Runtime (askpage bench window), is measured before the browsers and after each one in the
// same run (the report's W is the median of those). With --partial both (the default), every question is asked with the
// extension's setting `partial` on and off (alternating, question by question), to compare the final answers' time.
// Before the timed questions each browser asks one question as a first question, reported apart ("browser's first"):
// its one-time costs would otherwise always fall on the mode the alternation starts with.
//
// Usage: node test/bench/run.js [--browsers chromium,firefox] [--first N] [--later N] [--partial on|off|both]
//                               [--w-runs N] [--out DIR] [--host-log FILE]
// --host-log FILE appends the hosts' log at info level (ids, sizes, timings: never page text or questions) to FILE,
// with the bench's own "shortcut" and "Enter" lines on the same clock: where a first question's time goes.
// Writes DIR/report.json and DIR/report.md (default target/bench). Not part of mvn verify: timings are noisy.

import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../e2e/chromium-driver.js';
import { launchFirefox } from '../e2e/firefox-driver.js';
import { openPageWithPopup } from '../e2e/find-bar-steps.js';
import {
  CHROMIUM, EXTENSION_DIR, FIREFOX, HOST_JAR, SHARED_DATA, alive, java, missingPrerequisites, registerHost, sleep,
  tempDir, waitFor,
} from '../e2e/harness.js';
import { cpuSnapshot, cpuSpent } from './cpu-time.js';
import { benchPages, readSquad } from './pages.js';
import { cells, markdown, partialRatios, percentile, timeSplits } from './report.js';

/** The untimed question each browser asks first (any question; the synthetic model answers something). */
const WARM_UP_QUESTION = 'What is this page about?';

const BROWSERS = {
  chromium: { launch: launchChromium, executable: CHROMIUM },
  firefox: { launch: launchFirefox, executable: FIREFOX },
};
const FIRST_TYPING_MS = 3000;
const LATER_TYPING_MS = 1000;
const ANSWER_TIMEOUT_MS = 120000;
const STEP_TIMEOUT_MS = 30000;
const FOCUS_SETTLE_MS = 300;
const FIRST_LOOK_MS = 1500;
const verbose = process.env.ASKPAGE_BENCH_VERBOSE === '1';

/** Runs one step of driving the browser; a step that never settles fails the run with its name instead of hanging. */
async function step(what, promise, timeoutMs = STEP_TIMEOUT_MS) {
  if (verbose) console.error(`[bench step] ${what}`);
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The content script's STATE summary (null when there is none), or a failed step after 10 s. */
const contentState = (driver, tabId) => step('read the content script state', driver.contentState(tabId), 10000);

function options() {
  const { values } = parseArgs({
    options: {
      browsers: { type: 'string', default: 'chromium,firefox' },
      first: { type: 'string', default: '3' },
      later: { type: 'string', default: '6' },
      partial: { type: 'string', default: 'both' },
      'w-runs': { type: 'string', default: '20' },
      out: { type: 'string', default: join(EXTENSION_DIR, 'target', 'bench') },
      'host-log': { type: 'string' },
    },
  });
  const browsers = values.browsers.split(',').map((b) => b.trim()).filter(Boolean);
  for (const b of browsers) if (!BROWSERS[b]) throw new Error(`unknown browser ${b} (chromium, firefox)`);
  const partial = { on: ['on'], off: ['off'], both: ['on', 'off'] }[values.partial];
  if (!partial) throw new Error('--partial is on, off or both');
  const count = (name) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  return {
    browsers, partial, first: count('first'), later: count('later'), wRuns: Math.max(1, count('w-runs')),
    out: resolve(values.out),
    hostLog: values['host-log'] ? resolve(values['host-log']) : null,
  };
}

/** The full-size synthetic model, written once into the output folder and reused by later runs. */
function fullSizeModel(out) {
  const dir = join(out, 'model');
  if (!existsSync(join(dir, 'model.onnx'))) {
    console.error(`writing the full-size synthetic MobileBERT to ${dir} ...`);
    java(['model', 'synth', '--size', 'full', '--seed', '1', '--out', dir]);
  }
  return dir;
}

/**
 * W: `askpage bench window` on the same model. Its own java.io.tmpdir: ONNX Runtime's loader unpacks its libraries
 * into a fresh onnxruntime-java* folder there, and another askpage process starting at the same moment in a shared
 * /tmp may take that folder for its own leftover and delete it before this one has loaded it.
 */
function measureWindow(modelDir, runs, out) {
  const tmp = join(out, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const stdout = execFileSync('java', [`-Djava.io.tmpdir=${tmp}`, '-jar', HOST_JAR, 'bench', 'window', '--model',
    modelDir, '--runs', String(runs)], {
    env: { ...process.env, ASKPAGE_SHARED_DATA: SHARED_DATA }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(stdout.trim());
}

/**
 * Makes the installed launcher append the host's stderr to `file`, at info level (the host logs warnings only by
 * default): the browser starts the host with stderr of its own (Firefox shows it in its browser console only).
 */
function logHostTo(runtimeDir, file) {
  const launcher = join(runtimeDir, 'bin', 'askpage-host');
  const quoted = `'${file.replaceAll("'", "'\\''")}'`;
  const script = readFileSync(launcher, 'utf8');
  if (!script.startsWith('#!/bin/sh\n')) throw new Error(`${launcher} is not the shell launcher this expects`);
  writeFileSync(launcher, script.replace('#!/bin/sh\n', `#!/bin/sh\nexec 2>>${quoted}\n`
    + "JAVA_TOOL_OPTIONS='-Dorg.slf4j.simpleLogger.defaultLogLevel=info'; export JAVA_TOOL_OPTIONS\n"));
}

/**
 * A line of the bench's own in the host log (--host-log), in the host's time format: HH:mm:ss.SSS in the local time
 * zone, as Java's default is.
 */
function markHostLog(file, what) {
  if (!file) return;
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(11, 23);
  appendFileSync(file, `${local} [bench] ${what}\n`);
}

/** Serves the shared Normans page and the generated long page on 127.0.0.1. */
async function servePages(pages) {
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const server = http.createServer((req, res) => {
    const page = byPath.get(new URL(req.url, 'http://x').pathname);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page.html);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: (page) => `http://127.0.0.1:${port}${page.path}`, close: () => new Promise((r) => server.close(r)) };
}

function browserVersion(executable) {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'version unknown';
  }
}

/** The extension's stored settings with `partial` set: the background reads it for each ask. */
async function setPartialSetting(driver, extensionPage, on) {
  await step(`set partial ${on ? 'on' : 'off'}`, driver.evaluate(extensionPage, `(async () => {
    const storage = (globalThis.browser ?? globalThis.chrome).storage.local;
    const { settings = {} } = await storage.get('settings');
    await storage.set({ settings: { ...settings, partial: ${on ? 'true' : 'false'} } });
    return true;
  })()`));
  await sleep(300); // storage.onChanged reaches the background
}

async function killHost(host) {
  const pid = host.hostPid();
  if (!pid) return;
  process.kill(pid, 'SIGKILL');
  await waitFor('the host to exit', () => !alive(pid));
  await sleep(500); // the background sees its port close
}

/**
 * One find-bar question as a user asks it: the shortcut opens the bar, the question is typed, Enter goes
 * `typingMs` after the bar opened. Returns the page's own times of it (AskClock) and the outcome.
 */
async function timedQuestion(driver, page, tabId, question, typingMs, host, hostLog) {
  const before = (await contentState(driver, tabId))?.clock?.enterAt ?? null;
  markHostLog(hostLog, 'shortcut');
  await step('the shortcut', driver.grantedShortcut(page));
  const openedAt = Date.now();
  await waitFor('the find bar to open', async () => (await contentState(driver, tabId))?.findBar?.open, {
    intervalMs: 50,
  });
  // Keys typed before the bar's element has the focus would go to the page.
  await waitFor('focus in the find bar', async () => (await step('read the focus', driver.evaluate(page,
    "document.activeElement?.getAttribute('data-askpage') ?? null"), 10000)) === 'find-bar', { intervalMs: 50 });
  // Typed a moment later, as a user would (keys typed at once are kept too, see the e2e privacy test); the typing
  // delay counts from the bar's opening, so this wait is part of it.
  await sleep(FOCUS_SETTLE_MS);
  await step('type the question', driver.type(page, question));
  const typedMs = Date.now() - openedAt;
  if (typedMs < typingMs) await sleep(typingMs - typedMs);
  const hostAtEnter = host.hostPid();
  const cpuAtEnter = cpuSnapshot(hostAtEnter);
  markHostLog(hostLog, `Enter (${question.length} chars)`);
  await step('press Enter', driver.press(page, 'Enter'));
  // Asking the content script for its state costs the browser CPU, which on 2 cores the host's inference would
  // share: the first look comes after the answers are due.
  await sleep(FIRST_LOOK_MS);
  const state = await waitFor('the final answers', async () => {
    const s = await contentState(driver, tabId);
    const c = s?.clock;
    return c && c.enterAt !== before && c.finalAt !== null ? s : null;
  }, { timeoutMs: ANSWER_TIMEOUT_MS, intervalMs: 250 });
  const hostAtFinal = host.hostPid();
  const cpu = cpuSpent(cpuAtEnter, cpuSnapshot(hostAtFinal), hostAtEnter !== null && hostAtEnter === hostAtFinal);
  const { clock } = state;
  // Esc closes the bar, and with it the frame that has focus: a key event whose frame is gone may never be
  // acknowledged, so its step may time out; what counts is that the bar closes.
  await step('press Escape', driver.press(page, 'Escape'), 5000).catch((e) => verbose && console.error(e.message));
  await waitFor('Esc to close the bar', async () => (await contentState(driver, tabId))?.findBar?.open === false);
  return {
    firstPaintMs: clock.firstPaintAt - clock.enterAt,
    finalMs: clock.finalAt - clock.enterAt,
    // When the first answers (the partial ones, with partial on) reached the content script; null: none came.
    firstAnswersMs: clock.firstAnswersAt === null ? null : clock.firstAnswersAt - clock.enterAt,
    // The host's own timings of that ask's partial and final results (numbers and flags only, no text).
    hostTimings: { partial: state.partialTimings ?? null, final: state.timings ?? null },
    // CPU the browser (all its processes but the host) and the host used from Enter until the bench saw the final
    // answers (it looks every 250 ms); null off Linux.
    cpu,
    // Timed only when the bar asked exactly the question typed (no key lost) and a highlight came of it.
    answered: state.question === question.trim() && state.status === 'answered' && state.answers.length > 0,
    typedIntact: state.question === question.trim(),
    ...(verbose && state.question !== question.trim() ? { asked: state.question } : {}),
    status: state.status,
    error: state.error?.name ?? null,
    answers: state.answers.length,
    partialsPainted: state.partialsPainted ?? 0,
    typedMs: Math.max(typedMs, typingMs),
  };
}

async function runBrowser(name, { pages, modelDir, opts, log }) {
  const work = tempDir(`bench-${name}`);
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  const host = registerHost({ browser: name, homeDir: home });
  host.setModel(modelDir);
  if (opts.hostLog) logHostTo(host.runtimeDir, opts.hostLog);
  const server = await servePages(pages);
  const driver = await BROWSERS[name].launch(home);
  const samples = [];
  try {
    const { page, tabId, popup: extensionPage } = await openPageWithPopup(driver, server.url(pages[0]));
    await waitFor('the host to load the model', async () => {
      const status = await driver.evaluate(extensionPage, "document.getElementById('status').textContent");
      return /Connected · model/.test(status);
    }, { timeoutMs: 120000 });

    // Partial on and off alternate question by question (on/off, then off/on), so that a change of load during the
    // run touches both alike; the setting is written only when it changes.
    let partialNow = null;
    const modesFor = (i) => (i % 2 === 0 ? opts.partial : [...opts.partial].reverse());
    const usePartial = async (partial) => {
      if (partial !== partialNow) await setPartialSetting(driver, extensionPage, partial === 'on');
      partialNow = partial;
    };
    // The browser's first question pays once for what no later one does (its content process compiling the content
    // script, the first find bar): asked before the timed ones, reported on its own ("browser's first"), so that this
    // cost lands in neither partial mode (the timed alternation starts with "on").
    const warmUpQuestion = async () => {
      await usePartial(opts.partial[0]);
      await step('load the page', driver.navigate(page, server.url(pages[0])));
      await killHost(host);
      const r = await timedQuestion(driver, page, tabId, WARM_UP_QUESTION, FIRST_TYPING_MS, host, opts.hostLog);
      samples.push({ browser: name, page: pages[0].name, kind: 'browser-first', partial: opts.partial[0], ...r });
      log(`${name} ${pages[0].name} browser's first question (not in the ratios), partial ${opts.partial[0]}: `
        + `first paint ${r.firstPaintMs.toFixed(0)} ms, final ${r.finalMs.toFixed(0)} ms, ${r.status}`);
    };
    await warmUpQuestion();
    for (const spec of pages) {
      const ask = async (kind, question, typingMs, partial) => {
        const hostRunningAtOpen = host.hostPid() !== null; // must be false for a first question
        const r = await timedQuestion(driver, page, tabId, question, typingMs, host, opts.hostLog);
        samples.push({ browser: name, page: spec.name, kind, partial, question, hostRunningAtOpen, ...r });
        if (kind === 'first' && hostRunningAtOpen) log(`${name}: A HOST WAS RUNNING when the bar opened`);
        log(`${name} ${spec.name} ${kind} partial ${partial}: first paint ${r.firstPaintMs.toFixed(0)} ms, final `
          + `${r.finalMs.toFixed(0)} ms, ${r.status}${r.error ? ` (${r.error})` : ''}, ${r.answers} answers, `
          + `${r.partialsPainted} partial${r.typedIntact ? '' : ', TYPED QUESTION NOT INTACT'}`);
      };
      const freshPage = async () => {
        // Chromium keeps the activeTab grant of the first toolbar press across same-origin loads: no new press,
        // whose popup would start the host (and, while the model loads, start it again after it was stopped).
        await step('load the page', driver.navigate(page, server.url(spec)));
      };
      for (let i = 0; i < opts.first; i++) {
        for (const partial of modesFor(i)) {
          await usePartial(partial);
          // A fresh page and no host: what a user meets the first time they ask on a page.
          await freshPage();
          await killHost(host);
          await ask('first', spec.questions[i], FIRST_TYPING_MS, partial);
        }
      }
      if (opts.first === 0) await freshPage();
      for (let i = 0; i < opts.later; i++) {
        for (const partial of modesFor(i)) {
          await usePartial(partial);
          await ask('later', spec.questions[opts.first + i], LATER_TYPING_MS, partial);
        }
      }
    }
  } finally {
    await driver.close().catch(() => {});
    await server.close();
    const pid = host.hostPid();
    if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
    if (process.env.ASKPAGE_BENCH_KEEP === '1') log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return { name, version: browserVersion(BROWSERS[name].executable), samples };
}

async function main() {
  const opts = options();
  for (const b of opts.browsers) missingPrerequisites(BROWSERS[b].executable);
  mkdirSync(opts.out, { recursive: true });
  const log = (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const loadStart = loadavg()[0];
  const started = Date.now();
  const squad = readSquad(SHARED_DATA);
  const pages = benchPages(squad, opts.first + opts.later);
  pages.find((p) => p.name === 'Normans').html = readFileSync(join(SHARED_DATA, 'pages', 'Normans.html'));
  const modelDir = fullSizeModel(opts.out);

  // W before the browsers and after each one, so that a change of load during the run shows in the report.
  log('W before the browsers ...');
  const windows = [measureWindow(modelDir, opts.wRuns, opts.out)];
  const browsers = [];
  for (const name of opts.browsers) {
    log(`${name} ...`);
    browsers.push(await runBrowser(name, { pages, modelDir, opts, log }));
    log(`W after ${name} ...`);
    windows.push(measureWindow(modelDir, opts.wRuns, opts.out));
  }
  const before = windows[0];
  const windowMs = percentile(windows.map((w) => w.windowMs), 50);

  const samples = browsers.flatMap((b) => b.samples);
  const report = {
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: { cpu: before.cpu ?? cpus()[0]?.model, cores: cpus().length, loadStart, loadEnd: loadavg()[0] },
    hostJar: HOST_JAR,
    window: {
      windowMs, measured: windows.map((w) => w.windowMs), runs: opts.wRuns, tokens: before.tokens, model: before.model,
    },
    settings: {
      firstTypingMs: FIRST_TYPING_MS, laterTypingMs: LATER_TYPING_MS, firstLookMs: FIRST_LOOK_MS, first: opts.first,
      later: opts.later,
      partial: opts.partial,
    },
    pages: pages.map((p) => ({
      name: p.name, description: p.description, chars: p.chars ?? null, questions: opts.first + opts.later,
    })),
    browsers: browsers.map((b) => ({ name: b.name, version: b.version })),
    cells: cells(samples, windowMs),
    partialRatios: partialRatios(samples),
    timeSplits: timeSplits(samples),
    // The timed questions, without their text (the SQuAD questions are public, but the report needs no text).
    samples: samples.map(({ question, ...s }) => s),
  };
  writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(report);
  writeFileSync(join(opts.out, 'report.md'), md);
  process.stdout.write(md);
  log(`wrote ${join(opts.out, 'report.json')} and report.md in ${report.seconds} s`);
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
