"""The articles of a results page: highlighted, with their topics and credits, with why each
matched where the snippet does not show it, and with their other printings (另见于).

Plain functions over a page of hits; :mod:`search.services` runs the search around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from archive.models import Article, Byline, County, fixed_url, numbered_urls
from archive.services.duplicates import Printing, other_printings
from search.engine import compiler
from search.engine import executor as engine
from search.engine.highlight import highlight, snippets
from search.text.folding import normalize

ALSO_IN_SHOWN = 3  # other printings named under a result; the article page lists them all


@dataclass
class ResultItem:
    """One result as the page lists it. Besides the article, what the page shows of
    it is taken out here, once: template lookups through related managers cost
    more than the rest of a result's rendering."""

    article: Article
    score: float
    title_html: SafeString
    snippets: list[SafeString]
    url: str = ""
    date_label: str = ""  # 2024年3月5日
    topics: list[TopicLink] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    # Why the article matched where its text does not show it: 地点匹配：东安县 …
    matched_by: list[str] = field(default_factory=list)
    # The report's other printings (另见于), and how many of them this page folded into this result.
    also_in: list[Printing] = field(default_factory=list)  # the first ALSO_IN_SHOWN
    also_in_total: int = 0
    folded: int = 0

    @property
    def place(self) -> County | None:
        return self.article.place

    @property
    def prefecture(self) -> County | None:
        return self.article.prefecture


@dataclass(frozen=True)
class TopicLink:
    slug: str
    name: str
    url: str


@dataclass(frozen=True)
class Credit:
    reporter_id: int
    name: str
    role: str


def highlight_terms(notes: list[compiler.TermNote]) -> list[str]:
    terms: list[str] = []
    for note in notes:
        terms.extend(note.normalized.split())
        for word in note.words:
            terms.append(word.word)
            for place in word.places:
                terms.extend(normalize(n) for n in place.names if len(n) >= 2)
    return list(dict.fromkeys(t for t in terms if t))


def _article_units(article: Article) -> list[str]:
    units = [article.subtitle] if article.subtitle else []
    units.extend(article.paragraphs)
    units.extend(article.captions or [])
    return units


def _topic_links(article_ids: list[int]) -> dict[int, list[TopicLink]]:
    rows = (
        Article.topics.through.objects.filter(article_id__in=article_ids)
        .order_by("topic__order", "topic__name")
        .values_list("article_id", "topic__slug", "topic__name")
    )
    links: dict[int, list[TopicLink]] = {}
    for article_id, slug, name in rows:
        links.setdefault(article_id, []).append(TopicLink(slug, name, fixed_url("archive:topic", slug)))
    return links


def _credits(article_ids: list[int]) -> dict[int, list[Credit]]:
    rows = (
        Byline.objects.filter(article_id__in=article_ids)
        .order_by("order", "pk")
        .values_list("article_id", "reporter_id", "reporter__name", "role")
    )
    credits: dict[int, list[Credit]] = {}
    for article_id, reporter_id, name, role in rows:
        credits.setdefault(article_id, []).append(Credit(reporter_id, name, role))
    return credits


def _place_names(article: Article) -> list[tuple[str, list[str]]]:
    """(display name, every folded name) of the article's place and of its prefecture."""
    out = []
    place = article.place
    while place is not None:
        names = [place.name, place.short_name, *(place.aliases or [])]
        out.append((place.name, [normalize(n) for n in names if n]))
        place = place.parent
    return out


def match_reasons(
    article: Article,
    notes: list[compiler.TermNote],
    topics: list[TopicLink],
    credits: list[Credit],
    paper: str = "",
) -> list[str]:
    """How each query term matched an article whose printed text does not contain it
    (a related word, the place, a reporter, a topic tag).

    The index also holds the article's place names, reporters and topic tags, so a
    hit can come from there; a reader who sees no highlighted word deserves the reason.
    """
    raw = "\n".join(
        p
        for p in (article.title, article.kicker, article.subtitle, article.body, *(article.captions or []))
        if p
    )
    if all(piece in raw for note in notes if note.field != "paper" for piece in note.normalized.split()):
        # Every word is printed as typed (the usual case): only a paper match can need saying.
        notes = [note for note in notes if note.field == "paper"]
        printed = ""
    else:
        printed = normalize(raw)
    places = _place_names(article)
    reasons: list[str] = []
    for note in notes:
        if note.field == "paper":
            if paper and all(piece in normalize(paper) for piece in note.normalized.split()):
                reasons.append(f"来源匹配：{paper}")
            continue
        missing = [piece for piece in note.normalized.split() if piece not in printed]
        if not missing:
            continue
        found = []
        for piece in missing:
            noted_places = {p.name for w in note.words for p in w.places}
            found += [
                f"地点匹配：{name}"
                for name, names in places
                if name in noted_places or any(piece in n for n in names)
            ]
            found += [f"作者匹配：{c.name}" for c in credits if piece in normalize(c.name)]
            found += [
                f"署名匹配：{line}"
                for line in article.credit_lines.splitlines()
                if piece in normalize(line) and not any(piece in normalize(c.name) for c in credits)
            ]
        found += [f"相关词匹配：{word}" for word in note.related if word in printed]
        tagged = {t.slug for t in topics}
        found += [f"主题匹配：{t.name}" for t in note.topics if t.slug in tagged]
        reasons.extend(found)
    return list(dict.fromkeys(reasons))


def load_items(
    hits: list[engine.RawHit], terms: list[str], notes: list[compiler.TermNote] | None = None
) -> list[ResultItem]:
    """The page's articles, highlighted, in hit order, with :func:`match_reasons` from ``notes``.

    Three queries: the articles with their places, then topics and credits as
    plain rows (a page of results would otherwise build ~150 model instances).
    """
    ids = [h.article_id for h in hits]
    articles = Article.objects.with_listing_fields().in_bulk(ids)
    topics = _topic_links(ids)
    credits = _credits(ids)
    papers: dict[int, str] = {}
    if any(note.field == "paper" for note in notes or []):
        # The listing leaves the source page out (its raw text is a whole page): its paper alone.
        papers = dict(Article.objects.filter(pk__in=ids).values_list("pk", "source_page__paper"))
    # One query, none when no article has other printings.
    printings = other_printings(articles.values(), limit=ALSO_IN_SHOWN)
    article_url = numbered_urls("archive:article")
    shown_groups: dict[int, ResultItem] = {}
    items = []
    for hit in hits:
        article = articles.get(hit.article_id)
        if article is None:  # deleted since it was indexed; the queue removes it shortly
            continue
        first = shown_groups.get(article.story_group_id) if printings.get(article.pk) else None
        if first is not None:  # another printing of a report already listed: shown under it
            first.folded += 1
            continue
        title = article.title or article.display_title or str(article)
        date = article.pub_date
        item_topics = topics.get(article.pk, [])
        item_credits = credits.get(article.pk, [])
        items.append(
            ResultItem(
                article=article,
                score=hit.score,
                title_html=highlight(title, terms),
                snippets=snippets(_article_units(article), terms),
                url=article_url(article.pk),
                date_label=f"{date.year}年{date.month}月{date.day}日" if date else "",
                topics=item_topics,
                credits=item_credits,
                matched_by=match_reasons(
                    article, notes or [], item_topics, item_credits, papers.get(article.pk, "")
                ),
                also_in=printings[article.pk].shown if article.pk in printings else [],
                also_in_total=printings[article.pk].total if article.pk in printings else 0,
            )
        )
        if items[-1].also_in:
            shown_groups[article.story_group_id] = items[-1]
    return items
