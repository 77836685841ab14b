package dev.askpage.engine;

import dev.askpage.decode.DecodeOptions;
import dev.askpage.decode.Decoded;
import dev.askpage.decode.SpanDecoder;
import dev.askpage.decode.WindowLogits;
import dev.askpage.infer.BatchLogits;
import dev.askpage.infer.InferenceException;
import dev.askpage.passage.Passage;
import dev.askpage.passage.PassageSplitter;
import dev.askpage.retrieve.Bm25Index;
import dev.askpage.tokenizer.Encoding;
import dev.askpage.tokenizer.WordPieceTokenizer;
import dev.askpage.window.Window;
import dev.askpage.window.WindowPlan;
import dev.askpage.window.WindowBatches;
import dev.askpage.window.WindowPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers questions about a page: retrieve passages, read the best windows with the model, decode spans. Without a
 * model it answers with the best-matching sentences (lexical mode).
 */
public final class QaEngine implements AutoCloseable {
  private final WordPieceTokenizer tokenizer;
  private final Optional<LoadedModel> model;
  private final EngineSettings settings;
  private final WindowPlanner planner;

  private QaEngine(WordPieceTokenizer tokenizer, Optional<LoadedModel> model, EngineSettings settings) {
    this.tokenizer = tokenizer;
    this.model = model;
    this.settings = settings;
    this.planner = tokenizer == null ? null : new WindowPlanner(settings.maxSequence(), settings.stride(),
        tokenizer.vocabulary().clsId(), tokenizer.vocabulary().sepId());
  }

  /** An engine that reads windows with a model. */
  public static QaEngine withModel(WordPieceTokenizer tokenizer, LoadedModel model, EngineSettings settings) {
    return new QaEngine(tokenizer, Optional.of(model), settings);
  }

  /**
   * An engine that tokenises and plans windows like the model engine but answers lexically: retrieval studies, and the
   * host's pages prepared while the model's session is being created.
   */
  public static QaEngine tokenizedWithoutModel(WordPieceTokenizer tokenizer, EngineSettings settings) {
    return new QaEngine(tokenizer, Optional.empty(), settings);
  }

  /** An engine without a model: answers are the best-matching sentences; needs no vocabulary. */
  public static QaEngine lexical(EngineSettings settings) {
    return new QaEngine(null, Optional.empty(), settings);
  }

  /** The model's id, or empty in lexical mode. */
  public Optional<String> modelId() {
    return model.map(LoadedModel::id);
  }

  /** The precision the model runs now ({@code fp32}, {@code int8}), or empty in lexical mode. */
  public Optional<String> modelPrecision() {
    return model.map(m -> m.model().precision());
  }

  public Mode mode() {
    return model.isPresent() ? Mode.MODEL : Mode.LEXICAL;
  }

  /**
   * Whether its pages are tokenised with a vocabulary (a model's engine, and one preparing pages for it), rather than
   * split into words (the lexical engine): the two kinds of page are not interchangeable.
   */
  public boolean tokenises() {
    return tokenizer != null;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** Tokenises, splits and indexes a page (in lexical mode words stand in for tokens). */
  public PreparedPage prepare(String text) {
    long t0 = System.nanoTime();
    Encoding encoding = tokenizer == null ? null : tokenizer.encode(text);
    // The arrays are copied out of the encoding once here, not on every question.
    int[] tokenIds = encoding == null ? null : encoding.ids();
    int[] tokenStarts = encoding == null ? Words.starts(text) : encoding.starts();
    int[] tokenEnds = encoding == null ? null : encoding.ends();
    List<Passage> passages = new PassageSplitter(settings.passageTokens()).split(text, tokenStarts);
    List<int[]> ranges = new ArrayList<>(passages.size());
    for (Passage p : passages) {
      ranges.add(new int[] {p.charStart(), p.charEnd()});
    }
    Bm25Index index = Bm25Index.build(text, ranges);
    return new PreparedPage(text, new PreparedPage.Tokens(tokenIds, tokenStarts, tokenEnds), passages, index,
        millisSince(t0));
  }

  /** Answers one question on a prepared page. */
  public Result ask(PreparedPage page, String question, AskOptions options, boolean cacheHit, Cancellation cancel)
      throws InferenceException, CancelledException {
    return ask(page, question, options, cacheHit, cancel, Optional.empty());
  }

  /**
   * Answers one question. The plan's best window (the lead window, see {@link WindowPlanner}) is read alone first,
   * the others after it; with {@code partial}, the best window's answers are handed to {@code partial} before the
   * others are read. Both ways read the same windows in the same calls and decode them in the same order, so the
   * final answers are the same with and without {@code partial}.
   */
  public Result ask(PreparedPage page, String question, AskOptions options, boolean cacheHit, Cancellation cancel,
      Optional<PartialAnswers> partial) throws InferenceException, CancelledException {
    double tokenizeMs = cacheHit ? 0 : page.tokenizeMs();
    if (model.isEmpty()) {
      return lexical(page, question, options, tokenizeMs, cacheHit);
    }
    LoadedModel loaded = model.get();
    long t0 = System.nanoTime();
    QuestionCut read = questionRead(question);
    tokenizeMs += millisSince(t0);

    long t1 = System.nanoTime();
    WindowPlan plan = planWindows(page, read, options.maxWindows());
    double retrieveMs = millisSince(t1);

    long t2 = System.nanoTime();
    List<List<Window>> batches = WindowBatches.readingOrder(plan, settings.batchSize());
    List<WindowLogits> logits = new ArrayList<>(plan.windows().size());
    for (int b = 0; b < batches.size(); b++) {
      logits.addAll(runBatch(loaded, page, batches.get(b), cancel));
      if (b == 0 && batches.size() > 1 && partial.isPresent()) {
        double firstMs = millisSince(t2);
        long t3 = System.nanoTime();
        Ranked first = answers(loaded, page, logits, options);
        partial.get().accept(new Result(Mode.MODEL, first.answers(), new Timings(tokenizeMs, retrieveMs, firstMs,
            millisSince(t3), batches.get(0).size(), page.passages().size(), cacheHit), first.noAnswerProbability()));
      }
    }
    double inferenceMs = millisSince(t2);

    long t4 = System.nanoTime();
    Ranked ranked = answers(loaded, page, logits, options);
    double decodeMs = millisSince(t4);
    Timings timings = new Timings(tokenizeMs, retrieveMs, inferenceMs, decodeMs, plan.windows().size(),
        page.passages().size(), cacheHit);
    return new Result(Mode.MODEL, ranked.answers(), timings, ranked.noAnswerProbability());
  }

  /**
   * Answers a made-up question on a made-up page ({@link WarmUpPage}: nothing of the user's) with the default budget,
   * handing its partial and its final result to {@code replies}, so that ONNX Runtime's first runs (its memory, each
   * kernel's first call) and the first run of the Java code of a question (tokenizer, retrieval, decoder, the reply
   * written from the results) come before the user's first question, not in it. Stops at the next batch once
   * {@code stop} says so, or at once when {@code stop} also ends model calls and {@link #endWarmUpCall} is called.
   * Does nothing in lexical mode.
   */
  public void warmUp(Cancellation stop, Consumer<Result> replies) throws InferenceException {
    if (model.isEmpty() || stop.isCancelled()) {
      return;
    }
    WarmUpPage made = WarmUpPage.of(tokenizer.vocabulary());
    PreparedPage page = prepare(made.text());
    AskOptions options = new AskOptions(DecodeOptions.DEFAULT_TOP, settings.defaultWindows(), settings.defaultFloor());
    try {
      replies.accept(ask(page, made.question(), options, false, stop, Optional.of(replies::accept)));
    } catch (CancelledException e) {
      // A real question came: it goes first.
    }
  }

  /** Ends the warm-up's model call under way, if any (its {@code stop} must end model calls and say cancelled). */
  public void endWarmUpCall() {
    model.ifPresent(loaded -> loaded.model().endInterruptibleRun());
  }

  /** Answers best first, and the model's no-answer probability (NaN when it took no part). */
  private record Ranked(List<Answer> answers, double noAnswerProbability) {}

  /** Decodes the logits of some windows into answers, best first. */
  private Ranked answers(LoadedModel loaded, PreparedPage page, List<WindowLogits> logits,
      AskOptions options) {
    DecodeOptions decodeOptions = new DecodeOptions(DecodeOptions.DEFAULT_N_BEST, settings.maxAnswerTokens(),
        options.top(), loaded.predictsNoAnswer(), settings.nullThreshold(), options.floor());
    Decoded decoded = new SpanDecoder(decodeOptions).decode(logits);
    return new Ranked(Answer.of(decoded, page.text()), decoded.noAnswerProbability());
  }

  /** The windows the model would read for this question under this budget. */
  public WindowPlan planWindows(PreparedPage page, String question, int budget) {
    return planWindows(page, questionRead(question), budget);
  }

  /** Retrieval ranks the passages by the part of the question the model reads, no more. */
  private WindowPlan planWindows(PreparedPage page, QuestionCut question, int budget) {
    int[] ranking = page.passageIndex().rank(question.text());
    return planner.plan(question.ids(), page.tokens().ids(), page.passages(), ranking, budget);
  }

  /** The part of the question the model reads: its first tokens up to the question limit (never an error). */
  QuestionCut questionRead(String question) {
    return QuestionCut.ofTokens(tokenizer, question, settings.maxQuestionTokens());
  }

  /** Runs one batch of windows in one ONNX Runtime call, after checking for cancellation. */
  private List<WindowLogits> runBatch(LoadedModel loaded, PreparedPage page, List<Window> batch, Cancellation cancel)
      throws InferenceException, CancelledException {
    if (cancel.isCancelled()) {
      throw new CancelledException();
    }
    int[][] ids = new int[batch.size()][];
    int[] contextStarts = new int[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      ids[i] = batch.get(i).inputIds();
      contextStarts[i] = batch.get(i).contextStart();
    }
    BatchLogits logits;
    try {
      logits = cancel.endsModelCalls() ? loaded.model().runInterruptibly(ids, contextStarts)
          : loaded.model().run(ids, contextStarts);
    } catch (InferenceException e) {
      if (cancel.endsModelCalls() && cancel.isCancelled()) {
        throw new CancelledException(); // ended on purpose (QaModel.endInterruptibleRun), not a failure
      }
      throw e;
    }
    List<WindowLogits> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      WindowLogits window = batch.get(i).withLogits(logits.start()[i], logits.end()[i], page.tokens().starts(),
          page.tokens().ends());
      // A broken model's NaN or infinity would reach the reply as a score no JSON parser accepts: model_failed.
      int bad = window.firstNonFiniteRead(loaded.predictsNoAnswer());
      if (bad >= 0) {
        throw new InferenceException("the model gave a logit that is not a finite number (start "
            + window.startLogits()[bad] + ", end " + window.endLogits()[bad] + " at position " + bad + ")", null);
      }
      out.add(window);
    }
    return out;
  }

  private Result lexical(PreparedPage page, String question, AskOptions options, double tokenizeMs, boolean hit) {
    long t0 = System.nanoTime();
    // Words stand in for tokens: the same limit as the model's question cut.
    String read = QuestionCut.ofWords(question, settings.maxQuestionTokens()).text();
    Decoded decoded = LexicalAnswers.rank(page.sentences(), read, options.top(), options.floor());
    List<Answer> answers = Answer.of(decoded, page.text());
    Timings timings = new Timings(tokenizeMs, millisSince(t0), 0, 0, 0, page.passages().size(), hit);
    return new Result(Mode.LEXICAL, answers, timings);
  }

  /** Closes the model's session. */
  @Override
  public void close() throws InferenceException {
    if (model.isPresent()) {
      try {
        model.get().model().close();
      } catch (ai.onnxruntime.OrtException e) {
        throw new InferenceException("cannot close the ONNX Runtime session", e);
      }
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
