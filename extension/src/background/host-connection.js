// The one native messaging port: request ids, a time limit per request, hello + protocol check on connect,
// reconnect on the next request after the host exits, and a clear state when the host is not installed.
//
// No browser globals here: the background passes connectNative and the timer functions in, so node tests drive it
// with a fake port.

import {
  BackgroundToHost, CANCELLED, HOST_NAME, HostRequests, HostToBackground, LocalErrors, PROTOCOL_VERSION, REPLY_TYPE_OF,
  askpageError, parseHostReply,
} from '../shared/messages.js';

export const ConnectionState = Object.freeze({
  IDLE: 'idle', // never connected, or closed on purpose
  CONNECTING: 'connecting', // port open, hello sent, no reply yet
  READY: 'ready', // hello answered with our protocol version
  NOT_INSTALLED: 'not_installed', // the browser knows no host called HOST_NAME (or may not start it)
  INCOMPATIBLE: 'incompatible', // the host speaks another protocol version
  DISCONNECTED: 'disconnected', // the host exited or failed; the next request reconnects
});

// Chromium: "Specified native messaging host not found." / "Access to the specified native messaging host is
// forbidden." Firefox: "No such native application dev.askpage.host" (and "... is not allowed" variants).
const NOT_INSTALLED_MESSAGE = /not found|no such native application|forbidden|not allowed/i;

/** True when a disconnect message means "the host is not installed (for this browser/extension)". */
export function isNotInstalledMessage(message) {
  return typeof message === 'string' && NOT_INSTALLED_MESSAGE.test(message);
}

export class HostConnection {
  #connectNative;
  #lastErrorOf;
  #hostName;
  #timers;
  #helloTimeoutMs;
  #requestTimeoutMs;
  #onChange;
  #port = null;
  #nextId = 1;
  #pending = new Map(); // id → {type, resolve, reject, timer}
  #connecting = null; // Promise of the hello result while CONNECTING

  state = ConnectionState.IDLE;
  /** The last hello result (host, versions, model, limits), or null. */
  hello = null;
  /** The browser's message for the last disconnect, or ''. */
  lastError = '';
  /** How many ports this connection has opened: each is another host process (page ids do not carry over). */
  generation = 0;

  /**
   * @param {object} o
   * @param {(name: string) => object} o.connectNative opens a port: {postMessage, disconnect, onMessage, onDisconnect}
   * @param {(port: object) => string} o.lastErrorOf the browser's error message for a disconnected port
   */
  constructor({
    connectNative, lastErrorOf, hostName = HOST_NAME, helloTimeoutMs = 20000, requestTimeoutMs = 90000,
    timers = globalThis, onChange = () => {},
  }) {
    this.#connectNative = connectNative;
    this.#lastErrorOf = lastErrorOf;
    this.#hostName = hostName;
    this.#timers = timers;
    this.#helloTimeoutMs = helloTimeoutMs;
    this.#requestTimeoutMs = requestTimeoutMs;
    this.#onChange = onChange;
  }

  /** Connects (if not connected) and resolves with the hello result; rejects with an askpage error. */
  connect() {
    if (this.state === ConnectionState.READY && this.#port) return Promise.resolve(this.hello);
    if (this.#connecting) return this.#connecting;
    this.#open();
    this.#connecting = this.#send(BackgroundToHost.HELLO, {}, this.#helloTimeoutMs).then(
      (hello) => {
        this.#connecting = null;
        if (hello.protocol !== PROTOCOL_VERSION) {
          this.hello = hello;
          this.#close(ConnectionState.INCOMPATIBLE, `host speaks protocol ${hello.protocol}, extension speaks ${PROTOCOL_VERSION}`);
          throw askpageError(LocalErrors.PROTOCOL_MISMATCH, this.lastError);
        }
        this.hello = hello;
        this.#setState(ConnectionState.READY);
        return hello;
      },
      (error) => {
        this.#connecting = null;
        if (error.name === LocalErrors.TIMEOUT) this.#close(ConnectionState.DISCONNECTED, 'the host did not answer hello');
        throw error;
      },
    );
    return this.#connecting;
  }

  /**
   * Sends one request (connecting first) and resolves with its result; rejects with an askpage error. For an ask
   * sent with `partial: true`, `onPartial(result)` gets the host's partial reply (at most one, before the result).
   * `signal` (an AbortSignal) drops an ask nobody wants any more: aborted before it is sent, it is never sent (it
   * rejects with `cancelled`); aborted while the host works on it, the host gets a `cancel` for it (and the ask ends
   * with the host's `cancelled` error), so the host stops reading the rest of the budget.
   */
  async request(type, fields = {}, { timeoutMs = this.#requestTimeoutMs, onPartial = null, signal = null } = {}) {
    await this.connect();
    return this.#send(type, fields, timeoutMs, onPartial, signal);
  }

  /** Asks again for hello on the open port (to see a model that finished loading). */
  async refreshHello() {
    const hello = await this.request(BackgroundToHost.HELLO, {}, { timeoutMs: this.#helloTimeoutMs });
    if (hello.protocol === PROTOCOL_VERSION) this.hello = hello;
    this.#onChange(this.state);
    return this.hello;
  }

  /** Closes the port; waiting requests fail with host_exited. */
  disconnect() {
    this.#close(ConnectionState.IDLE, '');
  }

  #setState(state) {
    if (this.state !== state) {
      this.state = state;
      this.#onChange(state);
    }
  }

  #open() {
    this.generation++;
    this.lastError = '';
    this.#setState(ConnectionState.CONNECTING);
    let port;
    try {
      port = this.#connectNative(this.#hostName);
    } catch (e) {
      // Firefox throws synchronously in a few cases (e.g. nativeMessaging not granted).
      this.#handleDisconnect(null, e?.message ?? String(e));
      return;
    }
    this.#port = port;
    port.onMessage.addListener((message) => this.#handleMessage(port, message));
    port.onDisconnect.addListener((p) => this.#handleDisconnect(port, this.#lastErrorOf(p ?? port)));
  }

  #send(type, fields, timeoutMs, onPartial = null, signal = null) {
    if (signal?.aborted) return Promise.reject(askpageError(CANCELLED.name, 'dropped before it was sent', CANCELLED.code));
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      let message;
      try {
        message = type === BackgroundToHost.ASK ? HostRequests.ask(id, fields)
          : type === BackgroundToHost.PREPARE ? HostRequests.prepare(id, fields)
            : type === BackgroundToHost.CANCEL ? HostRequests.cancel(id, fields.target)
              : HostRequests[type](id);
      } catch (e) {
        reject(askpageError(LocalErrors.BAD_REQUEST, e.message));
        return;
      }
      if (!this.#port) {
        reject(this.#disconnectError());
        return;
      }
      // Only asks can be cancelled (PROTOCOL.md `cancel`); the host's `cancelled` reply then ends the request.
      const onAbort = type === BackgroundToHost.ASK && signal ? () => {
        if (this.#pending.has(id)) this.#cancelOnHost(id);
      } : null;
      const settle = (f) => (value) => {
        signal?.removeEventListener('abort', onAbort);
        f(value);
      };
      const timer = this.#timers.setTimeout(() => {
        const pending = this.#pending.get(id);
        if (!pending) return;
        this.#pending.delete(id);
        if (type === BackgroundToHost.ASK) this.#cancelOnHost(id);
        pending.reject(askpageError(LocalErrors.TIMEOUT, `no reply to ${type} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.#pending.set(id, { type, resolve: settle(resolve), reject: settle(reject), timer, onPartial });
      if (onAbort) signal.addEventListener('abort', onAbort, { once: true });
      try {
        this.#port.postMessage(message);
      } catch (e) {
        // Refused by the browser: a message over its size limit (64 MiB in Chromium), or a port that just died (its
        // onDisconnect comes later and finds nothing pending). Either way no reply will come: fail it now.
        this.lastError = e?.message ?? String(e);
        this.#timers.clearTimeout(timer);
        this.#pending.delete(id);
        settle(reject)(askpageError(LocalErrors.BAD_REQUEST, `the browser did not pass it to the host: ${this.lastError}`));
      }
    });
  }

  /** Tells the host to stop ask `target` (fire and forget: its `cancel` reply matches nothing pending). */
  #cancelOnHost(target) {
    this.#postQuietly(HostRequests.cancel(this.#nextId++, target));
  }

  #postQuietly(message) {
    try {
      this.#port?.postMessage(message);
    } catch (e) {
      // The port died between our check and the post; onDisconnect follows and fails the request.
      this.lastError = e?.message ?? String(e);
    }
  }

  #handleMessage(port, raw) {
    if (port !== this.#port) return;
    let reply;
    try {
      reply = parseHostReply(raw);
    } catch (e) {
      const pending = raw && this.#pending.get(raw.id);
      if (pending) {
        this.#pending.delete(raw.id);
        this.#timers.clearTimeout(pending.timer);
        pending.reject(askpageError(LocalErrors.BAD_REPLY, e.message));
      }
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return; // a late reply after a timeout, or the reply to a fire-and-forget cancel
    if (reply.type === HostToBackground.PARTIAL) {
      // Not the end of the request: the final answers (or an error) follow. Only once, only for an ask that wants it.
      const { onPartial } = pending;
      pending.onPartial = null;
      if (pending.type === BackgroundToHost.ASK && onPartial) onPartial(reply.result);
      return;
    }
    this.#pending.delete(reply.id);
    this.#timers.clearTimeout(pending.timer);
    if (reply.error) {
      pending.reject(askpageError(reply.error.name, reply.error.message, reply.error.code));
    } else if (reply.type !== REPLY_TYPE_OF[pending.type]) {
      pending.reject(askpageError(LocalErrors.BAD_REPLY, `expected ${REPLY_TYPE_OF[pending.type]}, got ${reply.type}`));
    } else {
      pending.resolve(reply.result);
    }
  }

  #handleDisconnect(port, message) {
    if (port && port !== this.#port) return;
    const state = isNotInstalledMessage(message) ? ConnectionState.NOT_INSTALLED : ConnectionState.DISCONNECTED;
    this.#port = null;
    this.lastError = message || 'the host exited';
    this.#setState(state);
    this.#failAll(this.#disconnectError());
  }

  #close(state, message) {
    const port = this.#port;
    this.#port = null;
    this.lastError = message;
    try {
      port?.disconnect();
    } catch {
      // already closed
    }
    this.#setState(state);
    this.#failAll(askpageError(LocalErrors.HOST_EXITED, message || 'disconnected'));
  }

  #disconnectError() {
    if (this.state === ConnectionState.NOT_INSTALLED) return askpageError(LocalErrors.NOT_INSTALLED, this.lastError);
    return askpageError(LocalErrors.HOST_EXITED, this.lastError || 'the host exited');
  }

  #failAll(error) {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      this.#timers.clearTimeout(p.timer);
      p.reject(error);
    }
  }
}
