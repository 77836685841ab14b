package dev.askpage.installer.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostManifestTest {
  private static final Path LAUNCHER = Path.of("/home/a b/.local/share/askpage/runtime/bin/askpage-host");

  @Test
  void chromiumManifestJson() {
    JsonObject json = JsonParser.parseString(HostManifest.forFamily(Family.CHROMIUM, LAUNCHER).toJson())
        .getAsJsonObject();
    assertEquals("dev.askpage.host", json.get("name").getAsString());
    assertEquals("stdio", json.get("type").getAsString());
    assertEquals(LAUNCHER.toString(), json.get("path").getAsString());
    assertEquals("chrome-extension://figobfochmfbacgiggdecdnedcidedin/",
        json.getAsJsonArray("allowed_origins").get(0).getAsString());
    assertTrue(!json.has("allowed_extensions"));
  }

  @Test
  void firefoxManifestJson() {
    JsonObject json = JsonParser.parseString(HostManifest.forFamily(Family.FIREFOX, LAUNCHER).toJson())
        .getAsJsonObject();
    assertEquals("askpage@askpage.dev", json.getAsJsonArray("allowed_extensions").get(0).getAsString());
    assertTrue(!json.has("allowed_origins"));
  }

  @Test
  void parsesWhatItWrites() throws Exception {
    HostManifest manifest = HostManifest.forFamily(Family.FIREFOX, LAUNCHER);
    assertEquals(manifest, HostManifest.parse(manifest.toJson(), Family.FIREFOX));
    assertEquals(List.of(), manifest.problems());
  }

  @Test
  void reportsWrongNameAndMissingOrigin() throws Exception {
    HostManifest manifest = HostManifest.parse("{\"name\":\"other\",\"path\":\"/x\",\"type\":\"stdio\","
        + "\"allowed_origins\":[\"chrome-extension://abc/\"]}", Family.CHROMIUM);
    assertEquals(2, manifest.problems().size(), manifest.problems().toString());
  }

  @Test
  void firefoxManifestReadAsChromiumLacksOrigins() {
    String json = HostManifest.forFamily(Family.FIREFOX, LAUNCHER).toJson();
    assertThrows(ManifestException.class, () -> HostManifest.parse(json, Family.CHROMIUM));
  }

  @Test
  void brokenJsonIsAManifestException() {
    assertThrows(ManifestException.class, () -> HostManifest.parse("{\"name\":", Family.CHROMIUM));
    assertThrows(ManifestException.class, () -> HostManifest.parse("[]", Family.CHROMIUM));
  }
}
