package dev.askpage.installer.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) server on 127.0.0.1 serving byte arrays, with Range support, an optional cut mid-file, and the
 * ways a broken or hostile server lies: a false Content-Length, 416 to every resume, extra headers, redirects.
 */
final class FileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<String> ranges = new CopyOnWriteArrayList<>();
  /** How many of the next full (non-range) responses stop halfway and drop the connection. */
  final AtomicInteger cutsLeft = new AtomicInteger();
  /** How many of the next range requests are answered 416 (Range Not Satisfiable). */
  final AtomicInteger rangeRefusalsLeft = new AtomicInteger();
  /** A Content-Length to announce for a file instead of its real length; its real bytes follow, then the end. */
  final Map<String, Long> announcedLength = new ConcurrentHashMap<>();
  /** A file sent with no Content-Length (chunked), so only its end tells its length. */
  final Map<String, Boolean> chunked = new ConcurrentHashMap<>();
  /** Files whose Range requests are ignored: answered with the whole file, as a server without range support does. */
  final Map<String, Boolean> ignoresRanges = new ConcurrentHashMap<>();
  /** A status to answer for a file instead of it, with no body (e.g. 500). */
  final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  /** Headers sent with every response (e.g. X-Repo-Commit). */
  final Map<String, String> headers = new ConcurrentHashMap<>();
  /** Paths answered with a 302 to another path (or to a whole address), as the Hub sends a large file to its CDN. */
  final Map<String, String> redirects = new ConcurrentHashMap<>();
  /** When true, {@link #headers} go with the redirects only (the CDN's own responses do not name the commit). */
  volatile boolean headersOnRedirectsOnly;
  private final HttpServer server;

  FileServer() throws IOException {
    this(null);
  }

  /** With {@code tls}, an HTTPS server (see {@link LoopbackTls}); without, plain HTTP. */
  FileServer(SSLContext tls) throws IOException {
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String to = redirects.get(exchange.getRequestURI().getPath().substring(1));
    if (to != null) {
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Location", to.contains("://") ? to : "/" + to);
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
      return;
    }
    byte[] body = files.get(exchange.getRequestURI().getPath().substring(1));
    Integer status = statuses.get(exchange.getRequestURI().getPath().substring(1));
    if (body == null || status != null) {
      exchange.sendResponseHeaders(status != null ? status : 404, -1);
      exchange.close();
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "none" : range);
    if (ignoresRanges.containsKey(exchange.getRequestURI().getPath().substring(1))) {
      range = null;
    }
    if (!headersOnRedirectsOnly) {
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    }
    String name = exchange.getRequestURI().getPath().substring(1);
    if (range != null && rangeRefusalsLeft.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
      exchange.sendResponseHeaders(416, -1);
      exchange.close();
      return;
    }
    Long announced = announcedLength.get(name);
    if (range == null && (announced != null || chunked.containsKey(name))) {
      exchange.sendResponseHeaders(200, announced != null ? announced : 0);
      OutputStream out = exchange.getResponseBody();
      out.write(body);
      out.flush();
      if (announced != null && announced != body.length) {
        throw new IOException("announced " + announced + " bytes, sent " + body.length); // drops the connection
      }
      out.close();
      return;
    }
    int start = 0;
    if (range != null) {
      Matcher m = RANGE.matcher(range);
      if (m.matches()) {
        start = Integer.parseInt(m.group(1));
      }
      if (start >= body.length) { // nothing there to send: Range Not Satisfiable, as real servers answer (RFC 9110)
        exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Range",
          "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - start);
    } else {
      exchange.sendResponseHeaders(200, body.length);
    }
    OutputStream out = exchange.getResponseBody();
    if (range == null && cutsLeft.getAndDecrement() > 0) {
      out.write(body, 0, body.length / 2);
      out.flush();
      // An exception out of a handler makes HttpServer close the connection: the client sees the body end early.
      throw new IOException("cut mid-file on purpose");
    }
    out.write(body, start, body.length - start);
    out.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
