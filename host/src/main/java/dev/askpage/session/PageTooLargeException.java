package dev.askpage.session;

/** A prepared page would not fit in the host's page memory budget ({@code page_too_large}). */
public final class PageTooLargeException extends Exception {
  public PageTooLargeException(long pageBytes, long budgetBytes) {
    super("the prepared page would hold about " + mib(pageBytes) + " MiB; the host's page budget is "
        + mib(budgetBytes) + " MiB");
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
