"""Language-aware text processing: language and script, romanization, sentences, anchors."""
