package dev.askpage.models;

/** The sizes of synthetic MobileBERT the project writes: the real architecture, or a small one for fast tests. */
public enum SyntheticSize {
  /** The architecture of MobileBERT (24 layers, hidden 512, bottleneck 128): about 24.6 M parameters, about 98 MB. */
  FULL,
  /** The same graph with 2 layers, hidden 64, bottleneck 32, embedding 32: a few MB, for tests. */
  TINY
}
