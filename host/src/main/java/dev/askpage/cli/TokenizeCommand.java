package dev.askpage.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.askpage.models.ModelDirectory;
import dev.askpage.models.SharedData;
import dev.askpage.tokenizer.Encoding;
import dev.askpage.tokenizer.Vocabulary;
import dev.askpage.tokenizer.WordPieceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code askpage tokenize}: the ids and UTF-16 offsets the model sees for a text. */
@Command(
    name = "tokenize",
    mixinStandardHelpOptions = true,
    description = {
      "Print {\"ids\":[...],\"tokens\":[...],\"offsets\":[[s,e],...]} for TEXT with [CLS] and [SEP] (offsets [0,0] "
          + "for those); offsets are UTF-16 units of TEXT. An empty TEXT gives just [CLS] [SEP].",
      "The vocabulary is --vocab, else the model's vocab.txt, else ../shared/data/bert-base-uncased-vocab.txt."
    })
final class TokenizeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--vocab", paramLabel = "FILE", description = "WordPiece vocabulary, one token per line.")
  Path vocab;

  @Option(names = "--model", paramLabel = "DIR", description = "Use this model directory's vocab.txt.")
  Path model;

  @Parameters(paramLabel = "TEXT", description = "The text to tokenise.")
  String text;

  @Override
  public Integer call() throws IOException {
    Vocabulary vocabulary = Vocabulary.load(vocabularyFile());
    Encoding e = new WordPieceTokenizer(vocabulary).encode(text);
    JsonArray ids = new JsonArray();
    JsonArray tokens = new JsonArray();
    JsonArray offsets = new JsonArray();
    ids.add(vocabulary.clsId());
    tokens.add(vocabulary.token(vocabulary.clsId()));
    offsets.add(pair(0, 0));
    for (int i = 0; i < e.size(); i++) {
      ids.add(e.id(i));
      tokens.add(vocabulary.token(e.id(i)));
      offsets.add(pair(e.start(i), e.end(i)));
    }
    ids.add(vocabulary.sepId());
    tokens.add(vocabulary.token(vocabulary.sepId()));
    offsets.add(pair(0, 0));
    JsonObject o = new JsonObject();
    o.add("ids", ids);
    o.add("tokens", tokens);
    o.add("offsets", offsets);
    spec.commandLine().getOut().println(o);
    return 0;
  }

  private Path vocabularyFile() {
    if (vocab != null) {
      return vocab;
    }
    Optional<Path> dir = ModelLocator.locate(model);
    if (dir.isPresent() && Files.isRegularFile(dir.get().resolve(ModelDirectory.VOCAB_FILE))) {
      return dir.get().resolve(ModelDirectory.VOCAB_FILE);
    }
    return SharedData.vocabulary();
  }

  private static JsonArray pair(int start, int end) {
    JsonArray a = new JsonArray();
    a.add(start);
    a.add(end);
    return a;
  }
}
