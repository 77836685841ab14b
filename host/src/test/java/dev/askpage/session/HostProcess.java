package dev.askpage.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.Gson;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The built host as the browser runs it: a separate {@code java -jar target/askpage.jar host ...} process. Every byte of
 * its stdout is kept raw, so a test can check that stdout held whole, valid frames and nothing else; frames are decoded
 * strictly (UTF-8 without replacement, strict JSON, one object).
 */
final class HostProcess implements AutoCloseable {
  private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

  private final Process process;
  private final OutputStream stdin;
  private final Object lock = new Object();
  private byte[] stdout = new byte[64 * 1024];
  private int stdoutSize;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stdoutPump;
  private final Thread stderrPump;
  private boolean stdoutEnded;
  private int cursor;

  private HostProcess(Process process, boolean readStdout) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stdoutPump = new Thread(this::pumpStdout, "host-stdout");
    this.stdoutPump.setDaemon(true);
    this.stderrPump = new Thread(this::pumpStderr, "host-stderr");
    stderrPump.setDaemon(true);
    stderrPump.start();
    if (readStdout) {
      stdoutPump.start();
    }
  }

  /** The jar built by {@code package}; failsafe runs in the host module's directory. */
  static Path jar() {
    Path jar = Path.of("target", "askpage.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + ": run mvn package (or verify) first");
    }
    return jar;
  }

  /** {@code java -jar askpage.jar host <hostArgs>}, logging at info on stderr. */
  static List<String> command(List<String> hostArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
    command.add("-jar");
    command.add(jar().toString());
    command.add("host");
    command.addAll(hostArgs);
    return command;
  }

  static HostProcess start(String... hostArgs) throws IOException {
    return start(command(List.of(hostArgs)), true);
  }

  /** Starts {@code command}; with {@code readStdout} false nothing reads stdout until {@link #startReading()}. */
  static HostProcess start(List<String> command, boolean readStdout) throws IOException {
    return start(command, java.util.Map.of(), readStdout);
  }

  /** Starts {@code command} with {@code environment} added (what a launcher script exports). */
  static HostProcess start(List<String> command, java.util.Map<String, String> environment, boolean readStdout)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    return new HostProcess(builder.start(), readStdout);
  }

  Process process() {
    return process;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Sends SIGTERM, as a browser does. Unlike {@code Process.destroy()} (also SIGTERM on Linux), this leaves the pipes
   * open, so the test can still read what the host writes while it ends.
   */
  void sigterm() {
    process.toHandle().destroy();
  }

  void startReading() {
    stdoutPump.start();
  }

  void send(JsonObject message) throws IOException {
    sendRaw(frame(Requests.json(message).getBytes(StandardCharsets.UTF_8)));
  }

  void sendRaw(byte[] bytes) throws IOException {
    stdin.write(bytes);
    stdin.flush();
  }

  void closeInput() throws IOException {
    stdin.close();
  }

  /** A frame around {@code payload}: its length in native byte order, then the bytes. */
  static byte[] frame(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).order(ByteOrder.nativeOrder()).putInt(payload.length)
        .put(payload).array();
  }

  /** A frame header declaring {@code length} bytes (unsigned). */
  static byte[] header(long length) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt((int) length).array();
  }

  /**
   * The next frame on stdout.
   *
   * @throws TimeoutException when no whole frame came in time
   * @throws AssertionError when stdout ended, or holds bytes that are not a valid frame
   */
  JsonObject receive(Duration timeout) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        byte[] bytes = stdout;
        int available = stdoutSize - cursor;
        if (available >= 4) {
          long length = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, cursor, 4).order(ByteOrder.nativeOrder())
              .getInt());
          if (length >= 1_000_000) {
            throw new AssertionError("the host declared a reply of " + length + " bytes, over the 1 MB limit");
          }
          if (available >= 4 + length) {
            byte[] payload = java.util.Arrays.copyOfRange(bytes, cursor + 4, cursor + 4 + (int) length);
            cursor += 4 + (int) length;
            return decode(payload);
          }
        }
        if (stdoutEnded) {
          throw new AssertionError(available == 0 ? "the host closed its stdout"
              : "the host's stdout ended inside a frame (" + available + " bytes left)\n" + stderr());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("no frame within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }

  /** Receives frames until one has this id; frames with other ids are appended to {@code others}. */
  JsonObject receiveFor(JsonElement id, Duration timeout, List<JsonObject> others)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject frame = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (id.equals(frame.get("id"))) {
        return frame;
      }
      others.add(frame);
    }
  }

  /** Waits for the process to end; its exit status. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the host did not exit within " + timeout + "\n" + stderr());
    }
    return process.exitValue();
  }

  /**
   * After the process ended: every byte it wrote to stdout, checked to be whole valid frames and nothing else.
   *
   * @return all frames, including those already received
   */
  List<JsonObject> allFramesAfterExit() throws InterruptedException {
    stdoutPump.join(10_000);
    byte[] bytes;
    synchronized (lock) {
      if (!stdoutEnded) {
        throw new AssertionError("stdout is still open");
      }
      bytes = java.util.Arrays.copyOf(stdout, stdoutSize);
    }
    return parseAll(bytes);
  }

  /** Splits {@code bytes} into frames; fails unless they are whole valid frames and nothing else. */
  static List<JsonObject> parseAll(byte[] bytes) {
    List<JsonObject> frames = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      if (bytes.length - at < 4) {
        throw new AssertionError("stdout ends with " + (bytes.length - at) + " bytes of a cut-off header");
      }
      long length = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.nativeOrder()).getInt());
      if (bytes.length - at - 4 < length) {
        throw new AssertionError("stdout ends inside a frame: " + length + " bytes declared, "
            + (bytes.length - at - 4) + " written (frame " + (frames.size() + 1) + ")");
      }
      frames.add(decode(java.util.Arrays.copyOfRange(bytes, at + 4, at + 4 + (int) length)));
      at += 4 + (int) length;
    }
    return frames;
  }

  /** Strict decoding of one payload. */
  static JsonObject decode(byte[] payload) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("a frame from the host is not valid UTF-8", e);
    }
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement value = JSON.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new AssertionError("a frame from the host has more than one JSON value: " + text);
      }
      if (!value.isJsonObject()) {
        throw new AssertionError("a frame from the host is not a JSON object: " + text);
      }
      return value.getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("a frame from the host is not strict JSON: " + text, e);
    }
  }

  /** The host's stderr so far; once the host has ended, all of it (the pump is given 2 s to read the pipe out). */
  String stderr() {
    if (!process.isAlive()) {
      try {
        stderrPump.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return stderrSoFar();
  }

  /** True once stderr holds {@code text}: a line logged before a reply can reach the pump after the reply. */
  boolean stderrShows(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!stderrSoFar().contains(text)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private String stderrSoFar() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Destroys the process if still running (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() throws InterruptedException {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private void pumpStdout() {
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = process.getInputStream()) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        synchronized (lock) {
          if (stdoutSize + n > stdout.length) {
            stdout = java.util.Arrays.copyOf(stdout, Math.max(stdout.length * 2, stdoutSize + n));
          }
          System.arraycopy(chunk, 0, stdout, stdoutSize, n);
          stdoutSize += n;
          lock.notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the stream ends with the process
    } finally {
      synchronized (lock) {
        stdoutEnded = true;
        lock.notifyAll();
      }
    }
  }

  private void pumpStderr() {
    byte[] chunk = new byte[8192];
    try (InputStream in = process.getErrorStream()) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        synchronized (stderr) {
          if (stderr.size() < 4 * 1024 * 1024) {
            stderr.write(chunk, 0, n);
          }
        }
      }
    } catch (IOException ignored) {
      // the stream ends with the process
    }
  }
}
