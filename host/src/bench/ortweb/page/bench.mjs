// Runs in the page: loads ort-web (WASM backend), creates one session on /model.onnx, times /batches.json.
// run.mjs calls window.runBench(options) and reads the result it resolves to.

let workersStarted = 0;
const NativeWorker = globalThis.Worker;
globalThis.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    workersStarted++;
  }
};

const ort = await import('/dist/ort.wasm.min.mjs');

function toTensor(rows, batch, seq) {
  const data = new BigInt64Array(batch * seq);
  for (let b = 0; b < batch; b++) {
    const row = rows[b];
    for (let s = 0; s < seq; s++) {
      data[b * seq + s] = BigInt(row[s]);
    }
  }
  return new ort.Tensor('int64', data, [batch, seq]);
}

const FEED_NAMES = ['input_ids', 'attention_mask', 'token_type_ids'];

async function runBench({ threads, repeat }) {
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.simd = true;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = '/dist/';
  ort.env.logLevel = 'warning';

  let t = performance.now();
  const model = await (await fetch('/model.onnx')).arrayBuffer();
  const modelFetchMs = performance.now() - t;
  const batches = await (await fetch('/batches.json')).json();

  t = performance.now();
  const session = await ort.InferenceSession.create(model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  const sessionCreateMs = performance.now() - t;

  const missing = session.inputNames.filter((name) => !FEED_NAMES.includes(name));
  if (missing.length > 0) {
    throw new Error('model inputs not in the batches file: ' + missing.join(', '));
  }

  const results = [];
  for (const spec of batches) {
    const feeds = {};
    for (const name of session.inputNames) {
      feeds[name] = toTensor(spec[name], spec.batch, spec.seq);
    }
    t = performance.now();
    const warm = await session.run(feeds);
    const warmupMs = performance.now() - t;
    const outputDims = {};
    for (const name of session.outputNames) {
      outputDims[name] = warm[name].dims.map(Number);
      warm[name].dispose?.();
    }
    const timesMs = [];
    for (let r = 0; r < repeat; r++) {
      t = performance.now();
      const out = await session.run(feeds);
      timesMs.push(performance.now() - t);
      for (const name of session.outputNames) out[name].dispose?.();
    }
    results.push({ batch: spec.batch, seq: spec.seq, warmupMs, timesMs, outputDims });
  }
  const inputNames = [...session.inputNames];
  const outputNames = [...session.outputNames];
  await session.release();
  return {
    ortVersion: ort.env.versions?.web ?? ort.env.versions?.common ?? 'unknown',
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    threadsRequested: threads,
    threadsUsed: ort.env.wasm.numThreads,
    workersStarted,
    simd: ort.env.wasm.simd,
    modelBytes: model.byteLength,
    modelFetchMs,
    sessionCreateMs,
    inputNames,
    outputNames,
    batches: results,
  };
}

window.runBench = runBench;
document.getElementById('status').textContent = 'ready';
window.benchReady = true;
