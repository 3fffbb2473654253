"""Fuzz every endpoint that reads GET parameters; count answers >= 500.

The strategies (mixed scripts, digits of every Unicode category, empty, huge and
repeated values) are shared with the property tests (tests/web/test_fuzz.py);
this script runs them at full size in-process through Django's test client,
against the configured database and index (``make run`` builds them):

    .venv/bin/python -m bench.fuzz --requests 10000 --seconds 900

Needs the test requirements (hypothesis). Exit status 1 when any answer was >= 500.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

from hypothesis import strategies as st

PARAMS = ("q", "prefecture", "county", "topic", "year", "reporter", "paper", "from", "to", "sort", "page")

# Text that has broken query understanding before: CJK beside Latin letters (涟x), digits that
# str.isdigit() accepts but int() does not (², ①), place names, operators, control characters.
_DIGITS = st.characters(categories=["Nd", "Nl", "No"])
_PIECES = st.one_of(
    st.sampled_from(
        ["涟x", "长沙A", "娄底", "涟源市", "lianyuan", "政務服務", "黄精", "OR", "-", '"', "430000"]
        + ["标题:", "作者::", "地点：", "来源:", "title:", "2024", "2024-06", "2024-02-30", "-06-", "9999-99"]
    ),
    st.sampled_from(["²", "①", "٣", "Ⅻ", "〇", "¼", "𝟗", "\x00", "\u200b", "\ufeff", "%", "&", "<b>", "'"]),
    st.text(_DIGITS, max_size=8),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=6),
    st.text("abcxyzAZ0123456789 ", max_size=6),
)
VALUES = st.one_of(
    st.just(""),
    st.lists(_PIECES, max_size=5).map("".join),
    # Huge values: past the query limit, past the filter fields' limits.
    st.builds(lambda piece, n: piece * n, _PIECES.filter(bool), st.integers(200, 3000)),
)
# Each parameter absent, given once, or repeated; some unknown names too.
QUERY = st.dictionaries(
    st.one_of(st.sampled_from(PARAMS), st.text(max_size=5)),
    st.lists(VALUES, min_size=1, max_size=3),
    max_size=6,
)


def endpoints() -> list[str]:
    """Every URL that reads GET parameters: the search's three, the paginated browse pages and
    the search's feeds."""
    from django.urls import reverse

    from archive.models import County, Reporter, Topic

    urls = [reverse("search:search"), reverse("search:api"), reverse("search:export")]
    urls += [reverse("archive:reporters"), reverse("archive:source_pages")]
    for model, name, field in ((County, "archive:place", "code"), (Topic, "archive:topic", "slug")):
        value = model.objects.values_list(field, flat=True).first()
        if value:
            urls.append(reverse(name, args=[value]))
    reporter = Reporter.objects.values_list("pk", flat=True).first()
    if reporter:
        urls.append(reverse("archive:reporter", args=[reporter]))
    return urls + [reverse("search:feed"), reverse("search:feed_atom")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=1800, help="stop after this long")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import logging

    # Not-found pages are expected by the thousand; errors (>= 500) still log their traceback.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    from django.test import Client
    from hypothesis import HealthCheck, Phase, given, settings

    client = Client(raise_request_exception=False)
    urls = endpoints()
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    deadline = time.monotonic() + args.seconds

    @settings(
        max_examples=args.requests,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(url=st.sampled_from(urls), query=QUERY)
    def probe(url: str, query: dict[str, list[str]]) -> None:
        if time.monotonic() > deadline:
            return
        response = client.get(url, query)
        statuses[response.status_code] += 1
        if response.status_code >= 500 and len(failures) < 20:
            failures.append(f"{url} {query!r}"[:300])

    started = time.monotonic()
    client.get(urls[0])  # the first request loads the gazetteer and the searcher
    probe()
    elapsed = time.monotonic() - started
    total = sum(statuses.values())
    print(f"{total} requests in {elapsed:.0f} s over {len(urls)} endpoints: {dict(sorted(statuses.items()))}")
    for line in failures:
        print("  >= 500:", line)
    return 1 if any(code >= 500 for code in statuses) else 0


if __name__ == "__main__":
    sys.exit(main())
