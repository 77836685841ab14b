package dev.askpage.protocol;

/** The protocol's numeric error codes; PROTOCOL.md's table is checked against this enum. Append only. */
public enum ErrorCode {
  FRAME_TOO_LARGE(1),
  INVALID_UTF8(2),
  INVALID_JSON(3),
  NOT_AN_OBJECT(4),
  UNKNOWN_TYPE(5),
  BAD_FIELD(6),
  EMPTY_QUESTION(7),
  TEXT_TOO_LARGE(8),
  CANCELLED(9),
  MODEL_FAILED(10),
  INTERNAL(11),
  BUSY(12),
  UNKNOWN_PAGE(13),
  PAGE_TOO_LARGE(14);

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The snake_case name used on the wire. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
