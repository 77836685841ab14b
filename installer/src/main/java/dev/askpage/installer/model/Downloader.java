package dev.askpage.installer.model;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * announced (Content-Length, or the total of Content-Range). A {@code 416} to a resume means the {@code .part} is not
 * a prefix of what the server has now: it is deleted and the download starts over (never taken as complete). A length
 * over the caller's cap is refused before a byte is written, and a body that runs past it is cut off and deleted.
 */
public final class Downloader {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  /** The Hugging Face Hub names the repository commit a file was served from in this response header. */
  public static final String REPO_COMMIT_HEADER = "X-Repo-Commit";
  /** Sentinel bodies: the response was not written to the file. */
  private static final long NOT_WRITTEN = -1L;
  private static final long WRONG_RANGE = -2L;
  private static final long START_OVER = -3L;
  private static final long TOO_LARGE = -4L;
  private static final long OTHER_COMMIT = -5L;
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

  /** A downloader making up to {@code attempts} requests per file, each failing after {@code readTimeout} idle. */
  public Downloader(HttpClient client, int attempts, Duration readTimeout) {
    this.client = client;
    this.attempts = attempts;
    this.readTimeout = readTimeout;
  }

  /** A downloader with a normal client: redirects followed, 20 s connect timeout, 5 attempts. */
  public static Downloader standard() {
    return new Downloader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
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

  private Fetched fetch(String url, Path part, long have, String label, long maxBytes, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    long[] expectedTotal = {-1};
    long[] verdict = {0}; // the sentinel the headers decided on, or 0 when the body goes to the file
    Path commitFile = commitFile(part);
    String partCommit = have > 0 && Files.isRegularFile(commitFile) ? Files.readString(commitFile).strip() : null;
    HttpResponse.BodyHandler<Long> handler = info -> {
      lastActivity.set(System.nanoTime());
      verdict[0] = decide(info, have, maxBytes, expectedTotal);
      String commit = info.headers().firstValue(REPO_COMMIT_HEADER).orElse(null);
      if (verdict[0] == 0 && info.statusCode() == 206 && commit != null && !commit.equals(partCommit)) {
        verdict[0] = OTHER_COMMIT; // the bytes on disk may be of another revision of the file
      }
      if (verdict[0] != 0) {
        return HttpResponse.BodySubscribers.replacing(verdict[0]);
      }
      try {
        rememberCommit(commitFile, commit);
      } catch (IOException e) {
        return HttpResponse.BodySubscribers.replacing(NOT_WRITTEN);
      }
      long limit = expectedTotal[0] >= 0 ? expectedTotal[0] : maxBytes;
      return new FileSubscriber(part, info.statusCode() == 206 ? have : 0, expectedTotal[0], limit, label, progress,
          lastActivity);
    };
    HttpResponse<Long> response = null;
    long done;
    try {
      response = await(client.sendAsync(request.build(), handler), url, part, maxBytes, lastActivity);
      done = response.body();
    } catch (IOException e) {
      // HttpClient reads a refused body too: when the headers already decided, a body that broke off changes nothing.
      done = verdict[0];
      if (done == 0 || done == NOT_WRITTEN) {
        throw e;
      }
    }
    if (done == START_OVER || done == WRONG_RANGE || done == OTHER_COMMIT) {
      // 416: the .part is not a prefix of what the server now has (or is all of it: we cannot tell). Either way only
      // a fresh download proves the file whole.
      Files.deleteIfExists(part);
      Files.deleteIfExists(commitFile);
      throw new IOException("the server " + (done == START_OVER ? "refused to resume (416)"
          : done == WRONG_RANGE ? "sent a range we did not ask for" : "now serves another commit") + " for " + url
          + "; starting over");
    }
    if (done == TOO_LARGE) {
      Files.deleteIfExists(part);
      throw new ModelInstallException(url + " announced " + expectedTotal[0] + " bytes, more than the " + maxBytes
          + " bytes " + label + " can be; nothing was kept (is the address right?)");
    }
    int status = response.statusCode();
    if (status != 200 && status != 206) {
      throw new ModelInstallException("the server answered " + status + " for " + url);
    }
    if (expectedTotal[0] >= 0 && done != expectedTotal[0]) {
      throw new IOException("connection ended after " + done + " of " + expectedTotal[0] + " bytes");
    }
    progress.finished(label, done);
    return new Fetched(done, response.headers().firstValue(REPO_COMMIT_HEADER).orElse(null));
  }

  /**
   * Where the {@value #REPO_COMMIT_HEADER} of the bytes in {@code part} is kept, so that a later resume is refused
   * when the server has moved to another commit meanwhile (the file would be half one revision, half another).
   */
  public static Path commitFile(Path part) {
    return part.resolveSibling(part.getFileName() + ".commit");
  }

  private static void rememberCommit(Path commitFile, String commit) throws IOException {
    if (commit == null) {
      Files.deleteIfExists(commitFile);
    } else {
      Files.writeString(commitFile, commit + "\n");
    }
  }

  /**
   * What to do with a response, from its headers alone: 0 to write its body to the file (with the announced total in
   * {@code expectedTotal}), or the sentinel saying why not.
   */
  private static long decide(HttpResponse.ResponseInfo info, long have, long maxBytes, long[] expectedTotal) {
    switch (info.statusCode()) {
      case 206 -> {
        Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != have || range.group(3).equals("*")) {
          return WRONG_RANGE; // a range we did not ask for, or no total to check the result against
        }
        expectedTotal[0] = Long.parseLong(range.group(3));
        return expectedTotal[0] > maxBytes ? TOO_LARGE : 0;
      }
      case 200 -> {
        expectedTotal[0] = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return expectedTotal[0] > maxBytes ? TOO_LARGE : 0;
      }
      case 416 -> {
        return START_OVER;
      }
      default -> {
        return NOT_WRITTEN;
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
