package dev.askpage.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.askpage.engine.AskOptions;
import dev.askpage.engine.CancelledException;
import dev.askpage.engine.Mode;
import dev.askpage.engine.PartialAnswers;
import dev.askpage.engine.QaEngine;
import dev.askpage.engine.Result;
import dev.askpage.engine.Timings;
import dev.askpage.infer.InferenceException;
import dev.askpage.protocol.ErrorCode;
import dev.askpage.protocol.Frame;
import dev.askpage.protocol.FrameReader;
import dev.askpage.protocol.FrameWriter;
import dev.askpage.protocol.Limits;
import dev.askpage.protocol.ProtocolException;
import dev.askpage.protocol.Replies;
import dev.askpage.protocol.Request;
import dev.askpage.protocol.RequestParser;
import dev.askpage.decode.DecodeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser connection: reads frames until the input ends, answers {@code hello}, {@code ping} and {@code cancel} at
 * once and hands each {@code ask} to a single worker. Every bad frame gets an error reply and the next one is read.
 * Logs carry ids, sizes and timings, never page text or questions.
 */
public final class HostSession {
  private static final Logger LOG = LoggerFactory.getLogger(HostSession.class);

  private final ModelService models;
  private final HostConfig config;
  private final String hostVersion;
  private final RequestParser parser;
  private final PreparedPages pages;
  private final Map<JsonElement, AskTask> running = new ConcurrentHashMap<>();
  private final Map<JsonElement, AskTask> byTab = new ConcurrentHashMap<>();
  /** Asks not yet finished; they share a bound on the page text and questions held with the prepares. */
  private final WaitingRequests asks;
  private final PrepareWorker preparer;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "askpage-worker");
    t.setDaemon(true);
    return t;
  });
  /** How long ending waits for a half-written frame to reach the browser. */
  public static final Duration FINISH_FRAME_TIMEOUT = Duration.ofSeconds(2);

  /** The notice of a lexical answer while the model loads (a model installed since the host started). */
  static final String LOADING_NOTICE = "The model is still loading, so these answers are the best-matching sentences; "
      + "ask again in a moment.";

  private static final String CANCELLED_MESSAGE = "cancelled by a newer question or a cancel request";

  private volatile FrameWriter writer;

  public HostSession(ModelService models, HostConfig config, String hostVersion) {
    this.models = models;
    this.config = config;
    this.hostVersion = hostVersion;
    this.parser = new RequestParser(config.limits());
    this.pages = new PreparedPages(new PageCache(config.cacheEntries(), pageBudget(config.cacheBytes())));
    this.asks = WaitingRequests.of(config.maxPendingAsks(), maxPendingChars(),
        "too many questions are waiting; try again");
    this.preparer = new PrepareWorker(models, pages, asks.sharingCharsWith(config.maxPendingAsks(),
        "too many pages are waiting to be prepared; try again"), this::sendQuietly);
  }

  /**
   * The page cache's byte bound: the configured one, but at most an eighth of the heap (128 MiB under the launcher's
   * 1 GiB), which must also hold the requests waiting in the queues, the frame being read and the pages being prepared
   * (a few times their final size while they are built), with room for the collector.
   */
  static long pageBudget(long configured) {
    return Math.min(configured, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * Page text (with questions and urls) the waiting asks and prepares may hold together: four of the largest pages
   * (20 M UTF-16 code units by default, at most 40 MiB); a request past it gets busy.
   */
  private long maxPendingChars() {
    return 4L * Math.max(config.limits().maxTextChars(), Limits.defaults().maxTextChars());
  }

  /**
   * Serves until the input ends; returns the exit status (0). When it returns no frame is half written and none will
   * be started, so the caller may end the process at once.
   */
  public int run(InputStream in, OutputStream out) {
    FrameReader reader = new FrameReader(in, config.limits().maxFrameBytes());
    writer = new FrameWriter(out, config.limits().maxReplyBytes());
    try {
      while (true) {
        Frame frame = reader.next();
        if (frame instanceof Frame.End end) {
          LOG.info(end.cutOff() ? "input ended inside a frame; exiting" : "input closed; exiting");
          return 0;
        }
        if (frame instanceof Frame.TooLarge large) {
          LOG.warn("skipped a frame of {} bytes", large.declaredBytes());
          send(JsonNull.INSTANCE, Replies.error(JsonNull.INSTANCE, ErrorCode.FRAME_TOO_LARGE, "the frame declares "
              + large.declaredBytes() + " bytes; the limit is " + config.limits().maxFrameBytes()));
          continue;
        }
        if (frame instanceof Frame.NoMemory dropped) {
          LOG.error("no heap for a frame of {} bytes; it was skipped", dropped.declaredBytes());
          send(JsonNull.INSTANCE, Replies.error(JsonNull.INSTANCE, ErrorCode.INTERNAL, "the host had no memory for "
              + "a frame of " + dropped.declaredBytes() + " bytes; it was skipped"));
          continue;
        }
        handle(((Frame.Payload) frame).bytes());
      }
    } catch (IOException e) {
      LOG.info("the browser's pipe closed ({}); exiting", e.getMessage());
      return 0;
    } finally {
      running.values().forEach(AskTask::stop); // not cancel(): it would wait for a write nobody may read
      worker.shutdownNow();
      preparer.shutdownNow();
      finishOutput();
    }
  }

  /**
   * Lets a frame being written finish (at most {@link #FINISH_FRAME_TIMEOUT}) and writes no more: call before ending
   * the process (SIGTERM), so that stdout never ends inside a frame.
   */
  public void finishOutput() {
    FrameWriter w = writer;
    if (w == null) {
      return;
    }
    try {
      if (!w.seal(FINISH_FRAME_TIMEOUT)) {
        LOG.warn("a reply was still being written after {} ms (nobody reads it); ending anyway",
            FINISH_FRAME_TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Parses and answers or queues one frame; whatever is thrown, the frame gets exactly one reply. */
  private void handle(byte[] payload) throws IOException {
    JsonElement id = JsonNull.INSTANCE;
    try {
      JsonObject object = parser.object(payload);
      id = RequestParser.idOf(object);
      Request request = parser.request(object);
      if (request instanceof Request.Hello) {
        send(request.id(), Replies.result(request.id(), "hello", helloResult()));
      } else if (request instanceof Request.Ping) {
        send(request.id(), Replies.result(request.id(), "pong", new JsonObject()));
      } else if (request instanceof Request.Cancel cancel) {
        cancel(cancel);
      } else if (request instanceof Request.Prepare prepare) {
        preparer.submit(prepare);
      } else {
        submit((Request.Ask) request);
      }
    } catch (ProtocolException e) {
      LOG.info("request refused: {} ({} bytes)", e.code().wireName(), payload.length);
      send(id, Replies.error(id, e.code(), e.getMessage()));
    } catch (RuntimeException | Error e) {
      // A bug, or no heap, while reading this frame: say so, and read the next one (if the JVM can).
      LOG.error("frame of {} bytes: internal error {}", payload.length, e.getClass().getName(), e);
      send(id, Replies.error(id, ErrorCode.INTERNAL, "internal error in the host: " + e.getClass().getSimpleName()));
    }
  }

  private JsonObject helloResult() {
    ModelState state = models.state();
    JsonObject model = new JsonObject();
    model.addProperty("state", state.state());
    if (state.modelId() != null) {
      model.addProperty("id", state.modelId());
    }
    if (state.message() != null) {
      model.addProperty("message", state.message());
    }
    if (state.precision() != null) {
      model.addProperty("precision", state.precision());
    }
    Limits l = config.limits();
    JsonObject limits = new JsonObject();
    limits.addProperty("maxFrameBytes", l.maxFrameBytes());
    limits.addProperty("maxReplyBytes", l.maxReplyBytes());
    limits.addProperty("maxTextChars", l.maxTextChars());
    limits.addProperty("maxQuestionTokens", models.settings().maxQuestionTokens());
    limits.addProperty("defaultTop", DecodeOptions.DEFAULT_TOP);
    limits.addProperty("maxTop", Limits.MAX_TOP);
    limits.addProperty("defaultMaxWindows", models.settings().defaultWindows());
    limits.addProperty("maxMaxWindows", Limits.MAX_WINDOWS);
    limits.addProperty("maxPreparedPages", config.cacheEntries());
    limits.addProperty("maxPreparedBytes", pageBudget(config.cacheBytes()));
    JsonObject result = new JsonObject();
    result.addProperty("host", "askpage");
    result.addProperty("hostVersion", hostVersion);
    result.addProperty("protocol", Limits.PROTOCOL_VERSION);
    result.add("capabilities", Replies.strings("ask", "cancel", "ping", "tab", "prepare", "partial"));
    result.add("model", model);
    result.add("limits", limits);
    return result;
  }

  private void cancel(Request.Cancel cancel) throws IOException {
    AskTask task = running.get(cancel.target());
    boolean cancelled = task != null && task.cancel();
    JsonObject result = new JsonObject();
    result.addProperty("cancelled", cancelled);
    send(cancel.id(), Replies.result(cancel.id(), "cancel", result));
  }

  private void submit(Request.Ask ask) throws IOException, ProtocolException {
    models.stopWarmUp();
    asks.admit(ask.heldChars());
    AskTask task = new AskTask(ask, System.currentTimeMillis());
    ask.tab().ifPresent(tab -> {
      AskTask previous = byTab.put(tab, task);
      if (previous != null) {
        previous.cancel();
      }
    });
    AskTask sameId = running.put(ask.id(), task);
    if (sameId != null) {
      sameId.cancel();
    }
    LOG.info("ask {}: page {}, question {} chars", ask.id(),
        ask.text().map(t -> t.length() + " chars").orElse("by id"), ask.question().length());
    worker.execute(() -> runAsk(task));
  }

  private void runAsk(AskTask task) {
    Request.Ask ask = task.request;
    try {
      if (task.isCancelled()) {
        throw new CancelledException();
      }
      QaEngine engine = models.engineForQuestion();
      long t0 = System.nanoTime();
      PreparedPages.Lookup lookup = pageOf(ask, engine);
      boolean hit = lookup.cacheHit();
      AskOptions options = new AskOptions(ask.top().orElse(DecodeOptions.DEFAULT_TOP),
          ask.maxWindows().orElse(engine.settings().defaultWindows()),
          ask.floor().orElse(engine.settings().defaultFloor()));
      Optional<PartialAnswers> partial = ask.partial()
          ? Optional.of(first -> task.unlessCancelled(() -> sendQuietly(ask.id(), Replies.result(ask.id(), "partial",
              answers(first, task, (System.nanoTime() - t0) / 1e6, lookup.pageId())))))
          : Optional.empty();
      Result result = engine.ask(lookup.page(), ask.question(), options, hit, task::isCancelled, partial);
      double totalMs = (System.nanoTime() - t0) / 1e6;
      String reply = Replies.result(ask.id(), "answers", answers(result, task, totalMs, lookup.pageId()));
      Timings t = result.timings();
      LOG.info("ask {}: {} answers, {} windows, {} ms (cache {})", ask.id(), result.answers().size(), t.windows(),
          Math.round(totalMs), hit ? "hit" : "miss");
      // Last: nothing after it can throw and send a second reply.
      if (!task.answerUnlessCancelled(() -> sendQuietly(ask.id(), reply))) {
        throw new CancelledException();
      }
    } catch (ProtocolException e) {
      LOG.info("ask {} refused: {}", ask.id(), e.code().wireName());
      fail(task, Replies.error(ask.id(), e.code(), e.getMessage()));
    } catch (CancelledException e) {
      LOG.info("ask {} cancelled", ask.id());
      fail(task, cancelledReply(ask.id()));
    } catch (PageTooLargeException e) {
      LOG.info("ask {}: page refused: {}", ask.id(), e.getMessage());
      fail(task, Replies.error(ask.id(), ErrorCode.PAGE_TOO_LARGE, e.getMessage()));
    } catch (InferenceException e) {
      // Our message (sizes, positions, logit values: no page text) and ONNX Runtime's, when it is the cause.
      LOG.warn("ask {}: the model failed: {}{}", ask.id(), e.getMessage(),
          e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")");
      fail(task, Replies.error(ask.id(), ErrorCode.MODEL_FAILED,
          "the model failed on this page; see the host log"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(task, Replies.error(ask.id(), ErrorCode.CANCELLED, "the host is ending"));
    } catch (RuntimeException | Error e) {
      // Error too (OutOfMemoryError above all): the ask still gets its one reply, and the worker serves the next.
      LOG.error("ask {}: internal error {}", ask.id(), e.getClass().getName(), e);
      fail(task, Replies.error(ask.id(), ErrorCode.INTERNAL, "internal error in the host: "
          + e.getClass().getSimpleName()));
    } finally {
      asks.release(ask.heldChars());
      running.remove(ask.id(), task);
      ask.tab().ifPresent(tab -> byTab.remove(tab, task));
    }
  }

  /**
   * Writes an ask's error reply, as its one reply. A cancelled ask replies {@code cancelled} whatever stopped it (a
   * page refused while it waited for a prepare or for room): the cancel's own reply promised that.
   */
  private void fail(AskTask task, String json) {
    task.fail(json, cancelledReply(task.id()), reply -> sendQuietly(task.id(), reply));
  }

  private static String cancelledReply(JsonElement id) {
    return Replies.error(id, ErrorCode.CANCELLED, CANCELLED_MESSAGE);
  }

  /** The page an ask reads: by its id ({@code unknown_page} when the cache no longer has it) or by its text. */
  private PreparedPages.Lookup pageOf(Request.Ask ask, QaEngine engine)
      throws InterruptedException, ProtocolException, PageTooLargeException {
    if (ask.pageId().isPresent()) {
      return pages.forId(ask.pageId().get(), engine).orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_PAGE,
          "this host does not hold that page (evicted, prepared by an earlier host, or before it loaded its model); "
          + "send the text again"));
    }
    return pages.forText(ask.text().orElseThrow(), engine);
  }

  private JsonObject answers(Result result, AskTask task, double totalMs, String pageId) {
    JsonObject out = AnswersJson.of(result, config.limits().maxAnswerChars(), totalMs);
    out.addProperty("pageId", pageId);
    task.request.sentAt().ifPresent(sent -> transferMillis(task.receivedAtMillis, sent).ifPresent(ms ->
        out.getAsJsonObject("timings").addProperty("transferMs", ms)));
    if (result.mode() == Mode.LEXICAL) {
      out.addProperty("notice", lexicalNotice(models.state()));
    }
    return out;
  }

  /** Why an answer is lexical: the model's own message (broken, missing), or that it is still loading. */
  static String lexicalNotice(ModelState state) {
    if (state.message() != null) {
      return state.message();
    }
    return state.state().equals("loading") ? LOADING_NOTICE : ModelService.INSTALL_HINT;
  }

  /**
   * How long the frame took from the sender's clock to ours, when {@code sentAt} is a plausible time: a clock from
   * another era (say -1e308) gives no {@code transferMs} rather than an absurd one; a sender a little ahead gives 0.
   */
  static java.util.OptionalLong transferMillis(long receivedAtMillis, double sentAt) {
    double ms = receivedAtMillis - sentAt;
    if (!(ms >= -MAX_CLOCK_SKEW_MS && ms <= MAX_TRANSFER_MS)) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(Math.max(0, Math.round(ms)));
  }

  /** A sender's clock this far ahead of ours still counts (0 ms); further, {@code sentAt} is ignored. */
  static final long MAX_CLOCK_SKEW_MS = 60_000;
  /** The longest transfer reported; an older {@code sentAt} is ignored. */
  static final long MAX_TRANSFER_MS = 3_600_000;

  /** Writes a reply; one that is over the size limit is replaced by an {@code internal} error for the same id. */
  private void send(JsonElement id, String json) throws IOException {
    try {
      writer.write(json);
    } catch (FrameWriter.ReplyTooLargeException e) {
      LOG.error("a reply was over the size limit and was replaced by an error");
      writer.writeUnchecked(Replies.error(id, ErrorCode.INTERNAL, "reply too large"));
    }
  }

  private void sendQuietly(JsonElement id, String json) {
    try {
      send(id, json);
    } catch (IOException e) {
      LOG.info("cannot reply; the browser's pipe is closed");
    }
  }
}
