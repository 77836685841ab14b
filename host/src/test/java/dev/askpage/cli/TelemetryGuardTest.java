package dev.askpage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelemetryGuardTest {
  @Test
  void theJvmPartIsWhatPrecedesMainsArgumentsEvenWhenTheOsDroppedEmptyOnes() {
    // /proc/<pid>/cmdline of `java -Xmx1g -jar askpage.jar tokenize --vocab v ""` has no trace of the "".
    List<String> process = List.of("-Xmx1g", "-jar", "askpage.jar", "tokenize", "--vocab", "v");
    assertEquals(Optional.of(List.of("-Xmx1g", "-jar", "askpage.jar")),
        TelemetryGuard.jvmPart(process, new String[] {"tokenize", "--vocab", "v", ""}));
    assertEquals(Optional.of(List.of("-jar", "a.jar")),
        TelemetryGuard.jvmPart(List.of("-jar", "a.jar", "ask", "x"), new String[] {"ask", "", "x", ""}));
  }

  @Test
  void argumentsThatDoNotLineUpGiveNothing() {
    assertEquals(Optional.empty(), TelemetryGuard.jvmPart(List.of("-jar", "a.jar", "ask"), new String[] {"tokenize"}));
    assertEquals(Optional.empty(), TelemetryGuard.jvmPart(List.of("a"), new String[] {"a", "b"}));
  }
}
