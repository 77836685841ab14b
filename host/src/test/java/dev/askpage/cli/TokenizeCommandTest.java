package dev.askpage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.models.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TokenizeCommandTest {
  private static JsonObject tokenize(String text) {
    StringWriter out = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    int status = cli.execute("tokenize", "--vocab", SharedData.vocabulary().toString(), text);
    assertEquals(0, status);
    return JsonParser.parseString(out.toString()).getAsJsonObject();
  }

  @Test
  void emptyTextIsJustClsAndSep() {
    JsonObject o = tokenize("");
    assertEquals("[101,102]", o.get("ids").toString());
    assertEquals("[\"[CLS]\",\"[SEP]\"]", o.get("tokens").toString());
    assertEquals("[[0,0],[0,0]]", o.get("offsets").toString());
  }

  @Test
  void tokensNameTheIdsAndFinalSigmaIsKept() {
    assertEquals("[\"[CLS]\",\"ο\",\"##δ\",\"##ος\",\"[SEP]\"]", tokenize("ΟΔΟΣ").get("tokens").toString());
  }
}
