package dev.askpage.models;

/** The hyper-parameters of a MobileBERT graph (names follow Hugging Face's {@code MobileBertConfig}). */
record MobileBertShape(
    int layers,
    int hidden,
    int trueHidden,
    int heads,
    int intermediate,
    int embedding,
    int feedForwardNetworks,
    int maxPositions,
    int typeVocab) {

  MobileBertShape {
    if (trueHidden % heads != 0) {
      throw new IllegalArgumentException("bottleneck " + trueHidden + " is not a multiple of " + heads + " heads");
    }
  }

  static MobileBertShape of(SyntheticSize size) {
    switch (size) {
      case FULL:
        return new MobileBertShape(24, 512, 128, 4, 512, 128, 4, 512, 2);
      case TINY:
        return new MobileBertShape(2, 64, 32, 2, 128, 32, 4, 512, 2);
      default:
        throw new IllegalArgumentException("unknown size " + size);
    }
  }

  int headSize() {
    return trueHidden / heads;
  }

  /** The number of parameters of MobileBertForQuestionAnswering with this shape (no pooler). */
  long parameterCount(int vocab) {
    long embeddings = (long) vocab * embedding
        + linear(3 * embedding, hidden)
        + (long) maxPositions * hidden
        + (long) typeVocab * hidden
        + 2L * hidden;
    long bottleneckInput = linear(hidden, trueHidden) + 2L * trueHidden;
    long attention = 2 * linear(trueHidden, trueHidden) + linear(hidden, trueHidden)
        + linear(trueHidden, trueHidden) + 2L * trueHidden;
    long ffn = linear(trueHidden, intermediate) + linear(intermediate, trueHidden) + 2L * trueHidden;
    long output = linear(intermediate, trueHidden) + 2L * trueHidden + linear(trueHidden, hidden) + 2L * hidden;
    long layer = 2 * bottleneckInput + attention + (feedForwardNetworks - 1) * ffn
        + linear(trueHidden, intermediate) + output;
    return embeddings + layers * layer + linear(hidden, 2);
  }

  private static long linear(int in, int out) {
    return (long) in * out + out;
  }
}
