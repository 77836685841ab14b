package dev.askpage.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md's error code table and {@link ErrorCode} say the same, in both directions. */
class ErrorCodesTest {
  private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*`([a-z0-9_]+)`\\s*\\|.*\\|\\s*$");

  /** PROTOCOL.md at the repository root, found from the working directory upwards (host module or root). */
  static Path protocolMd() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("PROTOCOL.md");
      if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("host"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no PROTOCOL.md above " + Path.of("").toAbsolutePath());
  }

  /** The table's rows, code to name, in order. */
  static Map<Integer, String> documented() throws IOException {
    String md = Files.readString(protocolMd());
    int begin = md.indexOf("<!-- error-codes:begin -->");
    int end = md.indexOf("<!-- error-codes:end -->");
    assertTrue(begin >= 0 && end > begin, "PROTOCOL.md has no error-codes:begin/end markers");
    Map<Integer, String> codes = new LinkedHashMap<>();
    for (String line : md.substring(begin, end).lines().toList()) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String previous = codes.put(Integer.parseInt(m.group(1)), m.group(2));
        assertEquals(null, previous, "code " + m.group(1) + " is in the table twice");
      } else if (line.startsWith("|") && !line.startsWith("| code") && !line.startsWith("| ---")) {
        throw new AssertionError("a table row that is not `| N | `name` | when |`: " + line);
      }
    }
    assertFalse(codes.isEmpty(), "the error code table is empty");
    return codes;
  }

  @Test
  void everyDocumentedCodeIsInTheEnum() throws IOException {
    for (Map.Entry<Integer, String> row : documented().entrySet()) {
      ErrorCode code = byCode(row.getKey());
      assertEquals(row.getValue(), code == null ? null : code.wireName(), "PROTOCOL.md code " + row.getKey());
    }
  }

  @Test
  void everyEnumCodeIsDocumented() throws IOException {
    Map<Integer, String> documented = documented();
    for (ErrorCode code : ErrorCode.values()) {
      assertEquals(code.wireName(), documented.get(code.code()), code + " in PROTOCOL.md");
    }
    assertEquals(documented.size(), ErrorCode.values().length);
  }

  @Test
  void codesAreDistinctAndInOrder() {
    ErrorCode[] values = ErrorCode.values();
    for (int i = 0; i < values.length; i++) {
      assertEquals(i + 1, values[i].code(), values[i] + ": codes are 1, 2, 3, ... in declaration order");
    }
  }

  private static ErrorCode byCode(int code) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.code() == code) {
        return c;
      }
    }
    return null;
  }
}
