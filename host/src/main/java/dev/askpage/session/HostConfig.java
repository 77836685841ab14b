package dev.askpage.session;

import dev.askpage.protocol.Limits;

/**
 * Settings of a host process.
 *
 * @param limits the protocol's size limits
 * @param cacheEntries pages kept in the page cache
 * @param cacheBytes approximate heap the page cache may hold
 * @param maxPendingAsks asks waiting for the worker before new ones get {@code busy}
 */
public record HostConfig(Limits limits, int cacheEntries, long cacheBytes, int maxPendingAsks) {
  public static HostConfig defaults() {
    return new HostConfig(Limits.defaults(), 16, 256L * 1024 * 1024, 16);
  }

  public HostConfig withLimits(Limits newLimits) {
    return new HostConfig(newLimits, cacheEntries, cacheBytes, maxPendingAsks);
  }
}
