package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a lexical answer says about the model: its own message, that it is loading, or how to install it. */
class LexicalNoticeTest {
  @Test
  void aLoadingModelIsNotCalledMissing() {
    assertEquals(HostSession.LOADING_NOTICE, HostSession.lexicalNotice(new ModelState("loading", "mobilebert", null,
        null)));
  }

  @Test
  void aMissingModelGetsTheInstallHint() {
    assertEquals(ModelService.INSTALL_HINT, HostSession.lexicalNotice(new ModelState("missing", null,
        ModelService.INSTALL_HINT, null)));
    assertEquals(ModelService.INSTALL_HINT, HostSession.lexicalNotice(new ModelState("missing", null, null, null)));
  }

  @Test
  void aBrokenModelSaysWhatIsWrong() {
    assertEquals("model.onnx is not an ONNX model", HostSession.lexicalNotice(new ModelState("broken", "mobilebert",
        "model.onnx is not an ONNX model", null)));
  }
}
