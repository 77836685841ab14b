package dev.askpage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class EngineFactoryTest {
  private static final EngineSettings HOST = new EngineSettings(384, 128, 64, 100, 6, 4, 30, 0.5, 0.3);

  @Test
  void aShortFixedModelGetsShorterWindowsAndKeepsTheHostsFloorAndOtherSettings() {
    EngineSettings fitted = EngineFactory.fitted(HOST, 128);
    assertEquals(new EngineSettings(128, 64, 32, 100, 6, 4, 30, 0.5, 0.3), fitted);
  }

  @Test
  void aModelOfAnyLengthOrOfTheFullLengthKeepsTheSettings() {
    assertSame(HOST, EngineFactory.fitted(HOST, 0));
    assertSame(HOST, EngineFactory.fitted(HOST, 384));
    assertSame(HOST, EngineFactory.fitted(HOST, 512));
  }

  @Test
  void aFixedLengthOfAQuarterAboveTheQuestionLimitKeepsTheQuestionLimit() {
    EngineSettings fitted = EngineFactory.fitted(HOST, 256);
    assertEquals(64, fitted.maxQuestionTokens());
    assertEquals(128, fitted.stride());
    assertEquals(0.3, fitted.defaultFloor());
  }
}
