package dev.askpage.installer.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file into a {@code .part} file with {@link HttpClient}, resuming with an HTTP {@code Range} request
 * after a cut connection (in the same run, and in a later run from the {@code .part} left on disk).
 *
 * <p>All or nothing: a file counts as downloaded only when the bytes on disk are exactly the length the server
 * announced (Content-Length, or the total of Content-Range). A body sent without a length is asked for again from its
 * last byte, so that the range answer's total proves it whole; a server that answers that too without a length gives
 * no file. A {@code .part} is continued only from the source its bytes came from ({@link PartSource}: the same
 * address, and the same commit and ETag when the server named them); bytes of another address (a mirror) or of
 * unknown origin are deleted and the download starts over. A resume asks from the {@code .part}'s last byte, not
 * past it: the answer then always carries a byte and the total, so a {@code .part} that is already whole (a run that
 * failed after it, say on the next file) is found whole without downloading it again. A {@code 416} to a resume means
 * the {@code .part} is not a prefix of what the server has now: it is deleted and the download starts over (never
 * taken as complete). A length
 * over the caller's cap is refused before a byte is written, and a body that runs past it is cut off and deleted.
 *
 * <p>Redirects are followed here, not by the client: the Hub names the commit it serves ({@value #REPO_COMMIT_HEADER})
 * on its own response, which for a large file is a redirect to a CDN whose response does not name it, and a resume
 * is only safe when the commit of the bytes on disk is known.
 */
public final class Downloader {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  /** The Hugging Face Hub names the repository commit a file was served from in this response header. */
  public static final String REPO_COMMIT_HEADER = "X-Repo-Commit";
  private static final int MAX_REDIRECTS = 5;
  private final HttpClient client;
  private final int attempts;
  private final Duration readTimeout;

  /**
   * What a finished download got.
   *
   * @param bytes the file's length, equal to the length the server announced
   * @param repoCommit the {@value #REPO_COMMIT_HEADER} of the last response, or null when the server sent none
   */
  public record Fetched(long bytes, String repoCommit) {}

  /** Why a response's body is not written to the file, decided from its headers alone. */
  private enum Refusal {
    /** A status other than 200, 206 and 416: the server's answer is the error. */
    STATUS(null),
    /** A 206 for another range than asked, or with no total to check the result against. */
    WRONG_RANGE("sent a range we did not ask for"),
    /** 416: the {@code .part} is not a prefix of what the server now has (or is all of it: we cannot tell). */
    RANGE_REFUSED("refused to resume (416)"),
    /** A 206 from another commit than the bytes on disk: the file would be half one revision, half another. */
    OTHER_COMMIT("now serves another commit"),
    /** A 206 with another ETag than the bytes on disk: another version of the file under the same address. */
    OTHER_ETAG("now serves another version of the file (another ETag)"),
    /** An announced length over the caller's cap. */
    TOO_LARGE(null);

    /** What the server did, for a refusal after which only a fresh download proves the file whole; else null. */
    final String startOver;

    Refusal(String startOver) {
      this.startOver = startOver;
    }
  }

  /**
   * A downloader making up to {@code attempts} requests per file, each failing after {@code readTimeout} idle.
   *
   * @param client a client that does not follow redirects (this class follows them, reading each hop's headers)
   */
  public Downloader(HttpClient client, int attempts, Duration readTimeout) {
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("the client must leave redirects to the downloader");
    }
    this.client = client;
    this.attempts = attempts;
    this.readTimeout = readTimeout;
  }

  /** A downloader with a normal client: 20 s connect timeout, 5 attempts (redirects followed by this class). */
  public static Downloader standard() {
    return new Downloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(20)).build(), 5, Duration.ofMinutes(2));
  }

  /** {@link #download(String, Path, String, long, ProgressListener)} with no size cap; returns the file's size. */
  public long download(String url, Path part, String label, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    return download(url, part, label, Long.MAX_VALUE, progress).bytes();
  }

  /**
   * Downloads {@code url} to {@code part}, continuing from the bytes already in it.
   *
   * @param maxBytes the most the file can be: a larger announced length is refused before anything is written
   * @throws OfflineException when the server cannot be reached at all
   * @throws ModelInstallException when the server refuses the file, announces more than {@code maxBytes}, or the
   *     connection keeps failing (the {@code .part} then holds only bytes that may be resumed)
   */
  public Fetched download(String url, Path part, String label, long maxBytes, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long have = Files.exists(part) ? Files.size(part) : 0;
      if (have > maxBytes) {
        Files.delete(part); // a leftover longer than the file can be is not a prefix of it
        have = 0;
      }
      if (have > 0 && !PartSource.read(sourceFile(part)).map(source -> source.url().equals(url)).orElse(false)) {
        // Bytes of another address (a mirror given with --url-base that names no commit) or of unknown origin: the
        // servers could hold different files, and their bytes spliced together would be neither.
        Files.delete(part);
        have = 0;
      }
      try {
        return fetch(url, part, have, label, maxBytes, progress);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        if (attempt == 1 && have == 0) {
          throw new OfflineException(url, e);
        }
        last = e;
      } catch (IOException e) {
        last = e; // cut connection: the bytes received so far are in the .part file; resume from there
      }
      Thread.sleep(Math.min(200L * attempt, 2000L));
    }
    throw new ModelInstallException("downloading " + url + " failed " + attempts + " times; run the install again "
        + "to resume (" + last.getMessage() + ")", last);
  }

  /** One download attempt: the request, then each redirect it gets, up to the response that has the file. */
  private Fetched fetch(String url, Path part, long have, String label, long maxBytes, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    URI target = URI.create(url);
    String hubCommit = null; // the commit a redirect on the way named
    for (int redirects = 0; ; redirects++) {
      Hop hop = fetchOnce(target, hubCommit, url, part, have, label, maxBytes, progress);
      if (hop.fetched() != null) {
        return hop.fetched();
      }
      if (redirects == MAX_REDIRECTS) {
        throw new ModelInstallException(url + " redirected more than " + MAX_REDIRECTS + " times");
      }
      URI next;
      try {
        next = target.resolve(hop.location());
      } catch (IllegalArgumentException e) {
        throw new ModelInstallException(url + " redirected to something that is not an address: " + hop.location());
      }
      if ("https".equals(target.getScheme()) && !"https".equals(next.getScheme())) {
        throw new ModelInstallException(url + " redirected from https to " + next.getScheme() + "; not followed");
      }
      target = next;
      hubCommit = hop.commit() != null ? hop.commit() : hubCommit;
    }
  }

  /** The file (when this response had it), or where a redirect sends the request and the commit it named. */
  private record Hop(Fetched fetched, String location, String commit) {}

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private Hop fetchOnce(URI target, String hubCommit, String url, Path part, long have, String label, long maxBytes,
      ProgressListener progress) throws IOException, ModelInstallException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(readTimeout).GET();
    // From the last byte on disk, not after it: asked for what lies past its end, a server answers a whole .part with
    // 416, which does not tell it from one that is not a prefix (and is started over).
    long from = have > 0 ? have - 1 : 0;
    if (have > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    long[] expectedTotal = {-1};
    Refusal[] refusal = {null}; // set by the handler when the headers decided not to write the body
    IOException[] noteFailure = {null};
    Path sourceFile = sourceFile(part);
    PartSource noted = have > 0 ? PartSource.read(sourceFile).orElse(null) : null;
    String[] location = {null}; // set by the handler for a redirect
    HttpResponse.BodyHandler<Long> handler = info -> {
      lastActivity.set(System.nanoTime());
      if (isRedirect(info.statusCode()) && info.headers().firstValue("Location").isPresent()) {
        location[0] = info.headers().firstValue("Location").get();
        return HttpResponse.BodySubscribers.replacing(-1L);
      }
      String commit = commitOf(info.headers(), hubCommit);
      String etag = info.headers().firstValue("ETag").orElse(null);
      refusal[0] = decide(info, from, maxBytes, noted, commit, etag, expectedTotal);
      if (refusal[0] == null) {
        try {
          new PartSource(url, commit, etag).write(sourceFile);
        } catch (IOException e) {
          noteFailure[0] = e;
        }
      }
      if (refusal[0] != null || noteFailure[0] != null) {
        return HttpResponse.BodySubscribers.replacing(-1L);
      }
      long limit = expectedTotal[0] >= 0 ? expectedTotal[0] : maxBytes;
      return new FileSubscriber(part, info.statusCode() == 206 ? from : 0, expectedTotal[0], limit, label, progress,
          lastActivity);
    };
    HttpResponse<Long> response;
    try {
      response = await(client.sendAsync(request.build(), handler), url, part, maxBytes, lastActivity);
    } catch (IOException e) {
      // HttpClient reads a refused body too: when the headers already decided, a body that broke off changes nothing.
      if (refusal[0] == null || refusal[0] == Refusal.STATUS) {
        throw e;
      }
      response = null;
    }
    if (location[0] != null) {
      return new Hop(null, location[0], commitOf(response.headers(), null));
    }
    if (noteFailure[0] != null) {
      throw new IOException("cannot write " + sourceFile + " (" + noteFailure[0].getMessage() + ")", noteFailure[0]);
    }
    if (refusal[0] != null && refusal[0].startOver != null) {
      Files.deleteIfExists(part);
      Files.deleteIfExists(sourceFile);
      throw new IOException("the server " + refusal[0].startOver + " for " + url + "; starting over");
    }
    if (refusal[0] == Refusal.TOO_LARGE) {
      Files.deleteIfExists(part);
      throw new ModelInstallException(url + " announced " + expectedTotal[0] + " bytes, more than the " + maxBytes
          + " bytes " + label + " can be; nothing was kept (is the address right?)");
    }
    if (refusal[0] == Refusal.STATUS) {
      throw new ModelInstallException("the server answered " + response.statusCode() + " for " + url);
    }
    long done = response.body();
    if (expectedTotal[0] >= 0 && done != expectedTotal[0]) {
      throw new IOException("connection ended after " + done + " of " + expectedTotal[0] + " bytes");
    }
    if (expectedTotal[0] < 0) {
      if (have > 0) {
        // Asked from the last byte to learn the length, and sent the whole body again without one.
        Files.deleteIfExists(part);
        Files.deleteIfExists(sourceFile);
        throw new ModelInstallException(url + " comes without its length (no Content-Length, and no range answer "
            + "that gives the total), so a whole file cannot be told from a cut one; nothing was kept. Use a server "
            + "or mirror that sends Content-Length");
      }
      throw new IOException(url + " came without its length after " + done + " bytes; asking again from its last "
          + "byte, whose answer gives the total");
    }
    progress.finished(label, done);
    return new Hop(new Fetched(done, commitOf(response.headers(), hubCommit)), null, null);
  }

  /** The commit a response names, or else the one a redirect before it named (null when none did). */
  private static String commitOf(HttpHeaders headers, String hubCommit) {
    return headers.firstValue(REPO_COMMIT_HEADER).orElse(hubCommit);
  }

  /**
   * Where the source of the bytes in {@code part} is noted ({@link PartSource}), so that a later resume is refused
   * when it would ask another address, or the server has moved to another commit or version meanwhile (the file would
   * be half one, half another).
   */
  public static Path sourceFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".source");
  }

  /**
   * What to do with a response, from its headers alone: null to write its body to the file (with the announced total
   * in {@code expectedTotal}), or why not.
   */
  private static Refusal decide(HttpResponse.ResponseInfo info, long from, long maxBytes, PartSource noted,
      String commit, String etag, long[] expectedTotal) {
    switch (info.statusCode()) {
      case 206 -> {
        Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != from || range.group(3).equals("*")) {
          return Refusal.WRONG_RANGE;
        }
        expectedTotal[0] = Long.parseLong(range.group(3));
        if (expectedTotal[0] > maxBytes) {
          return Refusal.TOO_LARGE;
        }
        // A commit or ETag that appeared or went away since the bytes on disk came counts as another one.
        if (noted == null || !Objects.equals(commit, noted.commit())) {
          return Refusal.OTHER_COMMIT;
        }
        return Objects.equals(etag, noted.etag()) ? null : Refusal.OTHER_ETAG;
      }
      case 200 -> {
        expectedTotal[0] = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return expectedTotal[0] > maxBytes ? Refusal.TOO_LARGE : null;
      }
      case 416 -> {
        return Refusal.RANGE_REFUSED;
      }
      default -> {
        return Refusal.STATUS;
      }
    }
  }

  /** Waits for the response, giving up after {@code readTimeout} without data; unwraps the body's failure. */
  private HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> future, String url, Path part, long maxBytes,
      AtomicLong lastActivity) throws IOException, ModelInstallException, InterruptedException {
    while (true) {
      try {
        return future.get(250, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() - lastActivity.get() > readTimeout.toNanos()) {
          future.cancel(true);
          throw new IOException("no data from " + url + " for " + readTimeout.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof FileSubscriber.OverLimitException over) {
          Files.deleteIfExists(part);
          if (over.limit() >= maxBytes) {
            throw new ModelInstallException(url + " sent more than the " + maxBytes + " bytes it can be; nothing was "
                + "kept (is the address right?)");
          }
          throw over; // more than its own Content-Length: a broken response, try again from the start
        }
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException("download of " + url + " failed: " + cause, cause);
      }
    }
  }
}
