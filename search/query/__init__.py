"""Query understanding, pure: what the reader typed, before any index is read.

The parser (``parser``: words, quoted phrases, exclusions, field prefixes), the
gazetteer of Hunan's divisions (``gazetteer``: place names, pinyin, look-alike
characters) and the topic and related-word lexicons (``lexicon``). No Whoosh,
no Django request; the lexicon alone reads its rows from the database.
"""
