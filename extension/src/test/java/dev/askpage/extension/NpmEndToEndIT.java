package dev.askpage.extension;

import org.junit.jupiter.api.Test;

/** The extension in real Chromium and Firefox ESR against the real host (needs host/target/askpage.jar). */
class NpmEndToEndIT {
  @Test
  void browsersPass() throws Exception {
    Npm.run("run", "test:e2e");
  }
}
