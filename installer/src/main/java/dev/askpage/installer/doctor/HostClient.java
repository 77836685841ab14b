package dev.askpage.installer.doctor;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to a native messaging host the way a browser does: starts the process, writes frames to its stdin and reads
 * frames from its stdout. Its stderr is kept in a bounded buffer ({@link #stderrText()}).
 *
 * <p>Reads happen on one background thread, so {@link #receive(Duration)} can time out without losing the bytes of a
 * frame that arrives later: a timed-out read keeps going and the next {@code receive} picks up its frame.
 */
public final class HostClient implements AutoCloseable {
  /** How much of the host's stderr is kept (the last bytes win). */
  public static final int STDERR_LIMIT = 64 * 1024;

  /** How long {@link #stderrText()} waits for the rest of an ended process's stderr. */
  private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);

  private final Process process;
  private final OutputStream stdin;
  private final InputStream stdout;
  private final BoundedBuffer stderr = new BoundedBuffer(STDERR_LIMIT);
  private final ExecutorService reader;
  private final Thread stderrPump;
  private Future<JsonObject> pending;

  private HostClient(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stdout = process.getInputStream();
    this.reader = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "host-stdout"));
    this.stderrPump = daemon(this::pumpStderr, "host-stderr");
    this.stderrPump.start();
  }

  /**
   * Starts {@code command} with {@code extraEnv} added to this process's environment.
   *
   * @throws IOException when the program cannot be started (missing, not executable)
   */
  public static HostClient start(List<String> command, Map<String, String> extraEnv) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    builder.environment().putAll(extraEnv);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    return new HostClient(builder.start());
  }

  /** Writes one frame holding {@code message}. */
  public void send(JsonObject message) throws IOException {
    sendRaw(Frames.encode(message.toString()));
  }

  /** Writes {@code bytes} as they are: for tests that send broken frames. */
  public void sendRaw(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  /**
   * Reads exactly one whole frame.
   *
   * @throws TimeoutException when no whole frame arrived within {@code timeout}; a later call gets that frame
   * @throws EOFException when the host's stdout ended (before or inside a frame)
   * @throws MalformedFrameException when the frame is too large, not UTF-8, or not one JSON object
   */
  public synchronized JsonObject receive(Duration timeout)
      throws IOException, TimeoutException, InterruptedException {
    if (pending == null) {
      pending = reader.submit(this::readFrame);
    }
    try {
      JsonObject frame = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      pending = null;
      return frame;
    } catch (ExecutionException e) {
      pending = null;
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("unexpected failure reading a frame", cause);
    }
  }

  /** Closes the host's stdin, as a browser does when the port is disconnected. */
  public void closeInput() throws IOException {
    stdin.close();
  }

  /** The host process. */
  public Process process() {
    return process;
  }

  /**
   * What the host wrote to stderr so far (at most the last {@link #STDERR_LIMIT} bytes), decoded as UTF-8. Once the
   * process has ended this waits (briefly) for the pump to read the rest of the pipe: its last words are usually the
   * reason it ended.
   */
  public String stderrText() {
    if (!process.isAlive()) {
      awaitStderrDrained();
    }
    return stderr.text();
  }

  /** A child the host started may hold the pipe open after the host ended, so the wait is bounded. */
  private void awaitStderrDrained() {
    try {
      stderrPump.join(STDERR_DRAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Destroys the process (forcibly if it does not end within a second) and stops the reader threads. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The process may have gone already; destroying it below is what matters.
    }
    process.destroy();
    try {
      if (!process.waitFor(1, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    reader.shutdownNow();
  }

  private JsonObject readFrame() throws IOException {
    byte[] header = readFully(4, true);
    long length = Frames.decodeLength(header);
    if (length > Frames.MAX_FRAME_BYTES) {
      throw new MalformedFrameException("the host declared a frame of " + length + " bytes, over the limit of "
          + Frames.MAX_FRAME_BYTES);
    }
    byte[] payload = readFully((int) length, false);
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedFrameException("the host sent a frame that is not valid UTF-8", e);
    }
    JsonElement element;
    try {
      element = JsonParser.parseString(json);
    } catch (JsonParseException e) {
      throw new MalformedFrameException("the host sent a frame that is not valid JSON", e);
    }
    if (!element.isJsonObject()) {
      throw new MalformedFrameException("the host sent JSON that is not an object");
    }
    return element.getAsJsonObject();
  }

  private byte[] readFully(int length, boolean header) throws IOException {
    byte[] bytes = new byte[length];
    int read = 0;
    while (read < length) {
      int n = stdout.read(bytes, read, length - read);
      if (n < 0) {
        throw new EOFException(header && read == 0
            ? "the host closed its output"
            : "the host's output ended inside a frame (" + read + " of " + length + " bytes)");
      }
      read += n;
    }
    return bytes;
  }

  private void pumpStderr() {
    byte[] chunk = new byte[4096];
    try (InputStream in = process.getErrorStream()) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        stderr.append(chunk, n);
      }
    } catch (IOException ignored) {
      // The stream closes when the process ends; what was read so far stays in the buffer.
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /** The last {@code limit} bytes written to it. */
  private static final class BoundedBuffer {
    private final byte[] bytes;
    private int start;
    private int size;

    BoundedBuffer(int limit) {
      this.bytes = new byte[limit];
    }

    synchronized void append(byte[] chunk, int n) {
      for (int i = 0; i < n; i++) {
        int at = (start + size) % bytes.length;
        bytes[at] = chunk[i];
        if (size < bytes.length) {
          size++;
        } else {
          start = (start + 1) % bytes.length;
        }
      }
    }

    synchronized String text() {
      byte[] copy = new byte[size];
      for (int i = 0; i < size; i++) {
        copy[i] = bytes[(start + i) % bytes.length];
      }
      return new String(copy, StandardCharsets.UTF_8);
    }
  }
}
