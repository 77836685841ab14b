package dev.askpage.session;

import dev.askpage.protocol.ErrorCode;
import dev.askpage.protocol.ProtocolException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests one worker (the ask worker or the prepare thread) holds, waiting or running: at most a number of them,
 * and page text and questions within a bound of UTF-16 code units shared with the other worker, so that waiting
 * requests cannot fill the heap; past either, {@code busy}. Admitted on the thread that reads frames, in their order.
 */
final class WaitingRequests {
  private final AtomicInteger count = new AtomicInteger();
  private final int maxCount;
  private final AtomicLong sharedChars;
  private final long maxSharedChars;
  private final String busyMessage;

  private WaitingRequests(int maxCount, AtomicLong sharedChars, long maxSharedChars, String busyMessage) {
    this.maxCount = maxCount;
    this.sharedChars = sharedChars;
    this.maxSharedChars = maxSharedChars;
    this.busyMessage = busyMessage;
  }

  /** Another worker's queue with its own count bound and the same bound on characters held by both. */
  WaitingRequests sharingCharsWith(int otherMaxCount, String otherBusyMessage) {
    return new WaitingRequests(otherMaxCount, sharedChars, maxSharedChars, otherBusyMessage);
  }

  static WaitingRequests of(int maxCount, long maxSharedChars, String busyMessage) {
    return new WaitingRequests(maxCount, new AtomicLong(), maxSharedChars, busyMessage);
  }

  /** Takes a place for a request holding {@code chars}; {@code busy} when there is none. */
  void admit(long chars) throws ProtocolException {
    if (count.get() >= maxCount || sharedChars.get() + chars > maxSharedChars) {
      throw new ProtocolException(ErrorCode.BUSY, busyMessage);
    }
    count.incrementAndGet();
    sharedChars.addAndGet(chars);
  }

  /** Gives back the place of a finished request that was admitted with {@code chars}. */
  void release(long chars) {
    count.decrementAndGet();
    sharedChars.addAndGet(-chars);
  }
}
