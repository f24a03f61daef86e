"""Language-aware text processing: language and script, romanization, sentences, anchors."""

# Languages written in Han characters (Japanese with kana) and no spaces between words: their sentences end at 。,
# their numbers take 万 and 億, a word is no unit of their text. Cantonese and Wu are Chinese to every such rule: a
# page tagged yue (as NTREX-128 tags its Cantonese) was read as one sentence a paragraph and traced to nothing.
CHINESE = frozenset({"zh", "yue", "wuu"})
HAN_WRITTEN = CHINESE | {"ja"}
