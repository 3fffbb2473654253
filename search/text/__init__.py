"""Text analysis shared by index time and query time.

Folding and character n-grams (``folding``: width, variants, traditional →
simplified), jieba word segmentation (``wordseg``), and the Whoosh field types
and tokenizers built on them (``analysis``). Nothing here knows Django or an
index: an article and a query go through the same functions, so what is typed
matches what was stored.
"""
