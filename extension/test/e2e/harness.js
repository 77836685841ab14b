// Shared pieces of the end-to-end tests: where things are, the page server, oracle models, and the helper that
// registers the real Java host for a test user with the installer's own command line (askpage install).

import { execFileSync } from 'node:child_process';
import {
  chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXTENSION_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(EXTENSION_DIR, '..');
export const DIST = join(EXTENSION_DIR, 'dist');
export const SCREENSHOTS = join(EXTENSION_DIR, 'target', 'screenshots');
export const CHROME_EXTENSION_ID = 'figobfochmfbacgiggdecdnedcidedin';
export const FIREFOX_ADDON_ID = 'askpage@askpage.dev';
export const HOST_NAME = 'dev.askpage.host';
export const HOST_JAR = join(REPO_ROOT, 'host', 'target', 'askpage.jar');
export const CHROMIUM = process.env.ASKPAGE_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.ASKPAGE_FIREFOX ?? '/usr/bin/firefox-esr';

/** ../shared/data relative to the repo root, or ASKPAGE_SHARED_DATA. Pages are read in place, never copied. */
export const SHARED_DATA = resolve(process.env.ASKPAGE_SHARED_DATA ?? join(REPO_ROOT, '..', 'shared', 'data'));

/**
 * The e2e tests need real browsers, the built host jar and the shared pages. Missing ones fail the run loudly,
 * unless ASKPAGE_E2E_SKIP=1 says to skip: then this returns the reason to skip (and the caller skips).
 */
export function missingPrerequisites(browserPath) {
  const missing = [];
  if (!existsSync(browserPath)) missing.push(`browser ${browserPath}`);
  if (!existsSync(HOST_JAR)) missing.push(`host jar ${HOST_JAR} (run: mvn -q -B package -DskipTests at the repo root)`);
  if (!existsSync(join(SHARED_DATA, 'pages'))) missing.push(`shared pages ${join(SHARED_DATA, 'pages')}`);
  if (!existsSync(join(DIST, 'chrome', 'manifest.json'))) missing.push('the built extension (run: npm run build)');
  if (missing.length === 0) return null;
  const message = `e2e prerequisites missing: ${missing.join('; ')}`;
  if (process.env.ASKPAGE_E2E_SKIP === '1') return message;
  throw new Error(`${message}. Set ASKPAGE_E2E_SKIP=1 to skip the e2e tests on purpose.`);
}

/** Serves the shared pages read-only on 127.0.0.1 at a free port. */
export async function servePages() {
  const pages = join(SHARED_DATA, 'pages');
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/pages\//, '');
    if (!/^[A-Za-z0-9_]+\.html$/.test(name) || !existsSync(join(pages, name))) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(pages, name)));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: (name) => `http://127.0.0.1:${port}/pages/${name}`, close: () => new Promise((r) => server.close(r)) };
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `askpage-e2e-${prefix}-`));
}

/**
 * A scenario's work folder and, inside it, the test user's HOME (the browser's profile and the installed host live
 * in it); the screenshots folder exists afterwards.
 */
export function scenarioDirs(prefix) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const work = tempDir(prefix);
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  return { work, home };
}

export function java(args) {
  return execFileSync('java', ['-jar', HOST_JAR, ...args], {
    env: { ...process.env, ASKPAGE_SHARED_DATA: SHARED_DATA }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Writes an oracle model whose answer is the span from token `start` to token `end`. */
export function oracleModel(start, end, dir) {
  java(['model', 'oracle', '--start', start, '--end', end, '--out', dir]);
  return dir;
}

/**
 * The environment of a test user whose home is `homeDir`: the browser runs with it (so the host it starts finds the
 * model installed for that user), and so does the installer. XDG folders at their defaults inside the home.
 */
export function userEnv(homeDir) {
  return {
    ...process.env,
    HOME: homeDir,
    XDG_CONFIG_HOME: join(homeDir, '.config'),
    XDG_DATA_HOME: join(homeDir, '.local', 'share'),
    ASKPAGE_MODEL_DIR: '',
  };
}

/**
 * A driver's openPage (the first tab, or a new one), openNewTab and navigate: each shows `url` in its tab and brings
 * the tab to the front. `firstPage()` and `newPage()` come from the driver's library (playwright or puppeteer, whose
 * pages both have goto and bringToFront).
 */
export function tabOpeners(firstPage, newPage) {
  const show = async (page, url) => {
    await page.goto(url);
    await page.bringToFront();
    return page;
  };
  return {
    openPage: async (url) => show((await firstPage()) ?? await newPage(), url),
    /** A new tab beside the others, showing `url` (openPage reuses the first tab). */
    openNewTab: async (url) => show(await newPage(), url),
    navigate: async (page, url) => {
      await show(page, url);
    },
  };
}

/** Chromium's profile for the test user: Chromium reads <user-data-dir>/NativeMessagingHosts, where install writes. */
export function chromiumProfile(homeDir) {
  return join(homeDir, '.config', 'chromium');
}

/** Runs the built CLI (`java -jar host/target/askpage.jar ARGS`) as the test user. */
function askpage(homeDir, args) {
  return execFileSync('java', ['-jar', HOST_JAR, ...args], {
    env: userEnv(homeDir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Stops a host that a connect still on its way (the popup's status or prepare, sent before the host was registered)
 * started between `registerHost` and `setModel`: it answers lexically until it next looks for a model (at most once a
 * second, when asked; the main scenario tests that), and a scenario that asks at once wants the model's answers. The
 * next request starts a host with the model. Call it right after setModel.
 */
export async function stopHostStartedBeforeModel(host) {
  const early = host.hostPid();
  if (!early) return;
  process.kill(early, 'SIGKILL');
  await waitFor('the early host to exit', () => !alive(early));
  await sleep(500); // the background sees its port close
}

/**
 * Registers the real host for one test browser the way a user does, with the installer's own code:
 * `askpage install --browsers <browser> --no-model` (the runtime image, launcher, manifest where that browser reads it:
 * Chromium $HOME/.config/chromium/NativeMessagingHosts, Firefox $HOME/.mozilla/native-messaging-hosts) run with the
 * test's HOME, then `askpage model install --model-dir` for the oracle model. The browser must run with
 * userEnv(homeDir) (Chromium with --user-data-dir=chromiumProfile(homeDir)).
 * @returns {{runtimeDir, output, setModel(dir), hostPid(), unregister()}}
 */
export function registerHost({ browser, homeDir }) {
  const output = askpage(homeDir, ['install', '--browsers', browser, '--no-model']);
  const runtimeDir = join(homeDir, '.local', 'share', 'askpage', 'runtime');
  if (!existsSync(join(runtimeDir, 'bin', 'askpage-host'))) throw new Error(`askpage install wrote no launcher:\n${output}`);
  return {
    runtimeDir,
    output,
    // The next host started loads it. A running host without a model takes it up when next asked or greeted (it looks
    // at most once a second and loads it in the background); one that has a model keeps it (kill it to switch).
    setModel: (dir) => askpage(homeDir, ['model', 'install', '--model-dir', dir]),
    hostPid: () => hostPid(runtimeDir),
    unregister: () => askpage(homeDir, ['uninstall', '--purge']),
  };
}

/** Where `askpage install --browsers <browser>` writes the host's manifest for the test user. */
function manifestPath(browser, homeDir) {
  return browser === 'firefox' ? join(homeDir, '.mozilla', 'native-messaging-hosts', `${HOST_NAME}.json`)
    : join(chromiumProfile(homeDir), 'NativeMessagingHosts', `${HOST_NAME}.json`);
}

const SLOW_RELAY = join(dirname(fileURLToPath(import.meta.url)), 'slow-relay.js');

/**
 * registerHost, then the installed manifest points at a wrapper launcher that runs slow-relay.js: the browser starts
 * it as it starts the host, and it starts the installed launcher with the browser's arguments, passes the browser's
 * frames through at once and holds each host frame `delayMs` (a slow host, for what happens while answers travel).
 * `relayLog()` reads what the relay logged (every frame's time, direction, type, id; see slow-relay.js).
 * @returns {{relayLog(): Array<{t, direction, type, id, target?, error?}>} & ReturnType<typeof registerHost>}
 */
export function registerSlowHost({ browser, homeDir, delayMs }) {
  const host = registerHost({ browser, homeDir });
  const manifestFile = manifestPath(browser, homeDir);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const launcher = join(host.runtimeDir, 'bin', 'askpage-host');
  if (manifest.path !== launcher) throw new Error(`${manifestFile} starts ${manifest.path}, not ${launcher}`);
  const logFile = join(homeDir, 'relay.log');
  writeFileSync(logFile, '');
  const wrapper = join(homeDir, 'askpage-host-slow');
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  writeFileSync(wrapper, `#!/bin/sh\nexec ${[process.execPath, SLOW_RELAY, String(delayMs), logFile, launcher]
    .map(quote).join(' ')} "$@"\n`);
  chmodSync(wrapper, 0o755);
  writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, path: wrapper }, null, 2)}\n`);
  return {
    ...host,
    relayLog: () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)),
  };
}

/**
 * The pid of the newest running host started from `runtimeDir` (the launcher execs java, so it is the JVM), or null.
 * Found by its command line, which names the runtime's own jars: only this test's host matches.
 */
function hostPid(runtimeDir) {
  const jar = `${runtimeDir}${sep}app${sep}askpage.jar`;
  let newest = null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv;
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const main = argv.indexOf('dev.askpage.cli.Main');
    if (main > 0 && argv[main + 1] === 'host' && argv.some((a) => a.includes(jar))) {
      const start = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[19]);
      if (!newest || start > newest.start) newest = { pid: Number(entry), start };
    }
  }
  return newest?.pid ?? null;
}

/** True while process `pid` runs. */
export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The end of a scenario, whatever its outcome: the browser, the loopback servers and the host it started stop, and
 * the work folder (profile, models, host log) goes, unless ASKPAGE_E2E_KEEP=1 keeps it for debugging.
 */
export async function endScenario(t, { driver, servers, host, work }) {
  await driver.close().catch(() => {});
  for (const server of servers) await server.close();
  const pid = host?.hostPid();
  if (pid && alive(pid)) process.kill(pid, 'SIGTERM');
  if (process.env.ASKPAGE_E2E_KEEP === '1') t.diagnostic(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `promise`, or an error naming `what` after `timeoutMs`: a browser step that never returns must not hang the run. */
export async function step(what, promise, timeoutMs = 30000) {
  let timer;
  const stuck = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, stuck]).finally(() => clearTimeout(timer));
}

/** Polls `fn` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`). */
export async function waitFor(what, fn, { timeoutMs = 20000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      // One attempt that never settles (a message to a busy or gone tab) must fail the wait, not hang the test.
      let timer;
      const stuck = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`one attempt took over ${timeoutMs} ms`)), timeoutMs);
      });
      last = await Promise.race([fn(), stuck]).finally(() => clearTimeout(timer));
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${last?.stack ?? JSON.stringify(last)}`);
    await sleep(intervalMs);
  }
}

/**
 * The pages and questions of the e2e runs. Each oracle model answers with the span from `start` to `end` (one
 * vocabulary token each, each occurring once in the page), so the expected highlight is known in advance; the
 * question names the passage so that the retriever reads it.
 */
export const CASES = [
  {
    page: 'Normans.html', start: 'agreed', end: 'swear', expected: 'agreed to swear',
    question: 'What did Rollo do with fealty to King Charles III of West Francia?',
  },
  {
    page: 'Prime_number.html', start: 'produces', end: 'answer', expected: 'produces the correct answer',
    question: 'Which primality test is always correct in polynomial time?',
  },
];

/** Reads the painted highlights back from the page's CSS.highlights: {current: [text], other: [text]}. */
export const READ_HIGHLIGHTS = `(() => {
  const read = (name) => {
    const h = CSS.highlights.get(name);
    return h ? [...h].map((r) => r.toString()) : [];
  };
  return { current: read('askpage-current'), other: read('askpage-other') };
})()`;

/** Whether the current answer's first range is inside the viewport (it was scrolled to). */
export const CURRENT_IN_VIEW = `(() => {
  const h = CSS.highlights.get('askpage-current');
  const range = h && [...h][0];
  if (!range) return false;
  const r = range.getBoundingClientRect();
  return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
})()`;
