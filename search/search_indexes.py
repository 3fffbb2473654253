"""What the search index holds for each article.

Field *types* are haystack fields tagged with our own ``field_type``; the backend
(:mod:`search.engine.backend`) turns them into Whoosh fields with our analyzers.
"""

from __future__ import annotations

from haystack import indexes

from archive.models import Article


class WordsField(indexes.CharField):
    """Text segmented into jieba words (ranking, phrase matching by word)."""

    field_type = "cjk_words"


class GramsField(indexes.CharField):
    """Text indexed as overlapping character bigrams (exact-substring recall)."""

    field_type = "cjk_grams"


class CharsField(indexes.CharField):
    """Text indexed as the set of characters it contains (one-character queries)."""

    field_type = "cjk_chars"


class KeywordField(indexes.CharField):
    """An exact, unanalysed value used for filtering, facets and sorting."""

    field_type = "keyword"


class CodesField(indexes.MultiValueField):
    """Several exact values (topic slugs, reporter ids)."""

    field_type = "codes"


def article_headline(article: Article) -> str:
    """Kicker, title (or the derived display title) and subtitle, one per line."""
    title = article.title or article.display_title
    return "\n".join(part for part in (article.kicker, title, article.subtitle) if part)


def article_place_names(article: Article) -> list[str]:
    """Full name, short name and aliases of the article's place and its prefecture."""
    names: list[str] = []
    place = article.place
    while place is not None:
        names.append(place.name)
        if place.short_name:
            names.append(place.short_name)
        names.extend(place.aliases or [])
        place = place.parent
    return list(dict.fromkeys(names))


def article_authors(article: Article) -> str:
    """Every name credited on the article (reporters, correspondents, writers, photographers),
    one per line: what ``作者:`` searches."""
    return "\n".join(byline.reporter.name for byline in article.bylines.all())


def article_paper(article: Article) -> str:
    """The paper of the article's source page (湖南日报), or ""."""
    page = article.source_page
    return (page.paper or "").strip() if page else ""


def article_content(article: Article) -> str:
    """Everything a reader can search for in one article, one block per line."""
    parts = [article_headline(article), article.body]
    parts.extend(article.captions or [])
    parts.append(article.credit_lines)  # 本报讯（记者 …）, 祁东县委书记 贺建国: printed, so findable
    parts.extend(byline.reporter.name for byline in article.bylines.all())
    parts.extend(article_place_names(article))
    return "\n".join(part for part in parts if part)


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = WordsField(document=True)
    headline = WordsField()
    grams = GramsField()
    headline_grams = GramsField()
    headline_chars = CharsField()
    chars = CharsField()
    # Field search (作者:, 来源:): the names credited and the paper, as substrings.
    author_grams = GramsField()
    author_chars = CharsField()
    paper_grams = GramsField()
    paper_chars = CharsField()
    paper = KeywordField()
    place = KeywordField()
    county = KeywordField()
    prefecture = KeywordField()
    topics = CodesField()
    reporters = CodesField()
    year = KeywordField()
    day = KeywordField()
    pub_date = indexes.DateField(model_attr="pub_date", null=True)

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        # The source page only for its paper: its raw text is a whole printed page.
        return (
            Article.objects.select_related("place", "place__parent", "source_page")
            .defer("source_page__raw_text", "source_page__furniture", "source_page__metadata_sources")
            .prefetch_related("topics", "bylines__reporter")
        )

    def read_queryset(self, using=None):
        return self.index_queryset(using)

    def prepare(self, obj: Article) -> dict:
        # Computed once per article and shared by the word and n-gram fields.
        content = article_content(obj)
        headline = article_headline(obj)
        authors = article_authors(obj)
        paper = article_paper(obj)
        self.prepared_data = super().prepare(obj)
        place = obj.place
        prefecture = obj.prefecture
        self.prepared_data.update(
            {
                "text": content,
                "headline": headline,
                "grams": content,
                "headline_grams": headline,
                "headline_chars": headline,
                "chars": content,
                "author_grams": authors,
                "author_chars": authors,
                "paper_grams": paper,
                "paper_chars": paper,
                "paper": paper or None,
                "place": place.code if place else None,
                "county": place.code if place and not place.is_prefecture else None,
                "prefecture": prefecture.code if prefecture else None,
                "topics": [topic.slug for topic in obj.topics.all()],
                "reporters": sorted({str(b.reporter_id) for b in obj.bylines.all()}),
                "year": str(obj.pub_date.year) if obj.pub_date else None,
                "day": obj.pub_date.strftime("%Y%m%d") if obj.pub_date else None,
            }
        )
        return self.prepared_data
