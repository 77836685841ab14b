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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file into a {@code .part} file with {@link HttpClient}, resuming with an HTTP {@code Range} request
 * after a cut connection (in the same run, and in a later run from the {@code .part} left on disk).
 */
public final class Downloader {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private final HttpClient client;
  private final int attempts;
  private final Duration readTimeout;

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

  /**
   * Downloads {@code url} to {@code part}, continuing from the bytes already in it; returns its final size.
   *
   * @throws OfflineException when the server cannot be reached at all
   * @throws ModelInstallException when the server refuses the file or the connection keeps failing
   */
  public long download(String url, Path part, String label, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long have = Files.exists(part) ? Files.size(part) : 0;
      try {
        return fetch(url, part, have, label, progress);
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

  private long fetch(String url, Path part, long have, String label, ProgressListener progress)
      throws IOException, ModelInstallException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    long[] expectedTotal = {-1};
    HttpResponse.BodyHandler<Long> handler = info -> {
      lastActivity.set(System.nanoTime());
      if (info.statusCode() == 206) {
        Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
        if (range.matches() && Long.parseLong(range.group(1)) == have) {
          expectedTotal[0] = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
          return new FileSubscriber(part, have, expectedTotal[0], label, progress, lastActivity);
        }
        // A range we did not ask for: start again from byte 0 on the next attempt.
        return HttpResponse.BodySubscribers.replacing(-2L);
      }
      if (info.statusCode() == 200) {
        expectedTotal[0] = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new FileSubscriber(part, 0, expectedTotal[0], label, progress, lastActivity);
      }
      return HttpResponse.BodySubscribers.replacing(-1L);
    };
    CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request.build(), handler);
    HttpResponse<Long> response;
    while (true) {
      try {
        response = future.get(250, TimeUnit.MILLISECONDS);
        break;
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
        if (cause instanceof IOException) {
          throw (IOException) cause;
        }
        throw new IOException("download of " + url + " failed: " + cause, cause);
      }
    }
    int status = response.statusCode();
    long done = response.body();
    if (status == 416 && have > 0) {
      return have; // the .part already holds the whole file
    }
    if (done == -2L) {
      Files.deleteIfExists(part);
      throw new IOException("server sent an unexpected range for " + url);
    }
    if (status != 200 && status != 206) {
      throw new ModelInstallException("the server answered " + status + " for " + url);
    }
    if (expectedTotal[0] >= 0 && done != expectedTotal[0]) {
      throw new IOException("connection ended after " + done + " of " + expectedTotal[0] + " bytes");
    }
    progress.finished(label, done);
    return done;
  }
}
