package dev.askpage.engine;

import dev.askpage.infer.QaModel;

/**
 * A model ready to answer.
 *
 * @param id the model's id (from model.json)
 * @param model the ONNX Runtime session
 * @param predictsNoAnswer whether the model was trained with "no answer" examples (SQuAD 2.0)
 */
public record LoadedModel(String id, QaModel model, boolean predictsNoAnswer) {}
