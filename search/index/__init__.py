"""Index time: turning saved articles into Whoosh segments.

The queue of pending changes and its worker (``indexing``), the bulk segment
writer (``segments``) and its on-disk format (``codec``), and the check that the
index and the database agree (``consistency``). Only this layer writes the index.
"""
