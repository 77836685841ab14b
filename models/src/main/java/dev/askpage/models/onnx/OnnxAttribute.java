package dev.askpage.models.onnx;

/** A node attribute: an int, a float or a list of ints (the kinds the askpage graphs need). */
public final class OnnxAttribute {
  enum Kind {
    FLOAT(1),
    INT(2),
    INTS(7);

    final int code;

    Kind(int code) {
      this.code = code;
    }
  }

  private final String name;
  private final Kind kind;
  private final long[] ints;
  private final float f;

  private OnnxAttribute(String name, Kind kind, long[] ints, float f) {
    this.name = name;
    this.kind = kind;
    this.ints = ints;
    this.f = f;
  }

  public static OnnxAttribute of(String name, long value) {
    return new OnnxAttribute(name, Kind.INT, new long[] {value}, 0f);
  }

  public static OnnxAttribute of(String name, float value) {
    return new OnnxAttribute(name, Kind.FLOAT, new long[0], value);
  }

  public static OnnxAttribute ofInts(String name, long... values) {
    return new OnnxAttribute(name, Kind.INTS, values.clone(), 0f);
  }

  public String name() {
    return name;
  }

  Kind kind() {
    return kind;
  }

  long[] ints() {
    return ints;
  }

  float floatValue() {
    return f;
  }
}
