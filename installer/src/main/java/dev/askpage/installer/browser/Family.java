package dev.askpage.installer.browser;

/** Which native messaging rules a browser follows: Chromium's ({@code allowed_origins}) or Firefox's. */
public enum Family {
  CHROMIUM,
  FIREFOX
}
