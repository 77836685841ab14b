package dev.askpage.extension;

import org.junit.jupiter.api.Test;

/** The extension's build, lint and node unit tests (no browser). */
class NpmUnitTest {
  @Test
  void unitTestsPass() throws Exception {
    Npm.run("run", "test:unit");
  }

  @Test
  void buildAndLintPass() throws Exception {
    Npm.run("run", "lint");
  }
}
