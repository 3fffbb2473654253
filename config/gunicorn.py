"""gunicorn settings that belong with the code (the Makefile's serve target passes ``-c`` this file).

The request line is allowed gunicorn's maximum, 8,190 bytes, so that any search URL the
app accepts reaches the app (which cuts a query past search.forms.MAX_QUERY_CHARS with a
Chinese note) instead of gunicorn's bare 414 page (the default 4,094 bytes held only
about 450 percent-encoded Chinese characters).
"""

limit_request_line = 8190
