#!/usr/bin/env node
// The in-browser baseline for the benchmark: model.onnx in onnxruntime-web (WASM, threads) in headless Chromium.
//
//   node run.mjs --model PATH/model.onnx --batches FILE.json --threads N --repeat R [--out result.json]
//                [--chromium /usr/bin/chromium] [--timeout SECONDS]
//
// Serves, on 127.0.0.1 and a random port, the page in page/, the ort-web dist files from node_modules, the model and
// the batches, all with COOP/COEP (and CORP) headers so the page is cross-origin isolated and may use threads. The
// result JSON goes to stdout and, with --out, to a file. Logs go to stderr.
//
// Exit status: 0 done, 2 bad arguments, 3 Chromium missing or not starting, 4 node_modules missing, 5 the run failed.

import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const EXIT_USAGE = 2;
const EXIT_CHROMIUM = 3;
const EXIT_DEPENDENCIES = 4;
const EXIT_RUN = 5;

const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
};

function fail(status, message) {
  process.stderr.write(`ortweb: ${message}\n`);
  process.exit(status);
}

function parseArgs(argv) {
  const options = { threads: 1, repeat: 5, chromium: process.env.CHROMIUM || '/usr/bin/chromium', timeout: 600 };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) fail(EXIT_USAGE, `bad argument ${name}`);
    const key = name.slice(2);
    if (!['model', 'batches', 'threads', 'repeat', 'out', 'chromium', 'timeout'].includes(key)) {
      fail(EXIT_USAGE, `unknown option ${name}`);
    }
    options[key] = ['threads', 'repeat', 'timeout'].includes(key) ? Number(value) : value;
    i++;
  }
  if (!options.model || !options.batches) fail(EXIT_USAGE, 'usage: run.mjs --model FILE --batches FILE [--threads N] [--repeat R] [--out FILE]');
  for (const key of ['threads', 'repeat', 'timeout']) {
    if (!Number.isInteger(options[key]) || options[key] < 1) fail(EXIT_USAGE, `--${key} must be a positive integer`);
  }
  for (const key of ['model', 'batches']) {
    if (!existsSync(options[key]) || !statSync(options[key]).isFile()) fail(EXIT_USAGE, `--${key}: no such file ${options[key]}`);
  }
  return options;
}

/** The file a URL path names, or null: only the page, the ort-web dist folder, the model and the batches. */
function route(urlPath, options, distDir) {
  if (urlPath === '/' || urlPath === '/index.html') return join(HERE, 'page', 'index.html');
  if (urlPath === '/bench.mjs') return join(HERE, 'page', 'bench.mjs');
  if (urlPath === '/model.onnx') return resolve(options.model);
  if (urlPath === '/batches.json') return resolve(options.batches);
  const match = /^\/dist\/([A-Za-z0-9._-]+)$/.exec(urlPath);
  if (match) return join(distDir, match[1]);
  return null;
}

function serve(options, distDir) {
  const server = createServer((request, response) => {
    const urlPath = new URL(request.url, 'http://127.0.0.1').pathname;
    const file = route(urlPath, options, distDir);
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (file === null || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': statSync(file).size,
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolvePromise) => {
    server.listen(0, '127.0.0.1', () => resolvePromise(server));
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const distDir = join(HERE, 'node_modules', 'onnxruntime-web', 'dist');
  if (!existsSync(join(distDir, 'ort.wasm.min.mjs'))) {
    fail(EXIT_DEPENDENCIES, `onnxruntime-web is not installed in ${HERE}/node_modules (run npm ci there)`);
  }
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (e) {
    fail(EXIT_DEPENDENCIES, `playwright-core is not installed in ${HERE}/node_modules (run npm ci there): ${e.message}`);
  }
  if (!existsSync(options.chromium)) fail(EXIT_CHROMIUM, `no Chromium at ${options.chromium} (apt-get install chromium)`);

  const server = await serve(options, distDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    try {
      browser = await chromium.launch({ executablePath: options.chromium, headless: false, args: CHROMIUM_ARGS });
    } catch (e) {
      fail(EXIT_CHROMIUM, `Chromium at ${options.chromium} did not start: ${e.message.split('\n')[0]}`);
    }
    const page = await browser.newPage();
    page.setDefaultTimeout(options.timeout * 1000);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        process.stderr.write(`ortweb console ${message.type()}: ${message.text()}\n`);
      }
    });
    let pageError = null;
    page.on('pageerror', (error) => {
      pageError = error;
      process.stderr.write(`ortweb page error: ${error.message}\n`);
    });
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => window.benchReady === true || document.getElementById('status')?.textContent === 'failed',
      null, { timeout: options.timeout * 1000 }).catch(() => {});
    if (pageError !== null) throw pageError;
    const result = await page.evaluate((o) => window.runBench(o), { threads: options.threads, repeat: options.repeat });
    result.chromium = browser.version();
    result.repeat = options.repeat;
    const json = JSON.stringify(result, null, 2);
    process.stdout.write(json + '\n');
    if (options.out) writeFileSync(options.out, json + '\n');
  } finally {
    if (browser) await browser.close();
    server.close();
  }
}

main().catch((e) => fail(EXIT_RUN, e?.message ?? String(e)));
