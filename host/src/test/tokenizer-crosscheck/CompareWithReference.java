import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.askpage.tokenizer.Encoding;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares WordPieceTokenizer with hf_reference.py's output in the working folder. Run from that folder:
 * {@code java -cp host/target/classes:<gson jar> CompareWithReference.java <vocab.txt>}.
 */
public class CompareWithReference {
  private static final String[] CATEGORY = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "", "Co",
    "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf"
  };

  public static void main(String[] args) throws Exception {
    WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.load(Path.of(args[0])));
    List<String> inputs = Files.readAllLines(Path.of("inputs.jsonl"));
    List<String> expected = Files.readAllLines(Path.of("expected.jsonl"));
    JsonObject categories = JsonParser.parseString(Files.readString(Path.of("categories.json")))
        .getAsJsonObject().getAsJsonObject("categories");
    Gson gson = new Gson();
    int same = 0;
    int unicodeVersion = 0;
    int real = 0;
    for (int i = 0; i < inputs.size(); i++) {
      String text = gson.fromJson(inputs.get(i), String.class);
      Encoding e = tokenizer.encode(text);
      List<String> got = new ArrayList<>();
      for (int k = 0; k < e.size(); k++) {
        got.add(tokenizer.vocabulary().token(e.id(k)));
      }
      List<String> want = new ArrayList<>();
      for (JsonElement token : JsonParser.parseString(expected.get(i)).getAsJsonArray()) {
        want.add(token.getAsString());
      }
      if (got.equals(want)) {
        same++;
      } else if (text.codePoints().anyMatch(cp ->
          !CATEGORY[Character.getType(cp)].equals(categories.get(Integer.toString(cp)).getAsString()))) {
        unicodeVersion++;
      } else {
        real++;
        if (real <= 20) {
          System.out.println(gson.toJson(text) + "\n  java " + got + "\n  ref  " + want);
        }
      }
    }
    System.out.printf("%d texts: %d same, %d differ only where the JDK's Unicode categories differ, %d differ%n",
        inputs.size(), same, unicodeVersion, real);
  }
}
