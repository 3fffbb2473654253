"""Parse what a reader types into the search box (pure Python, no Django, no I/O).

Syntax: words separated by spaces must all match; ``"quoted text"`` must occur
as written; ``-word`` (or ``NOT word``) excludes; ``OR`` (or ``|``) between two
words accepts either. A known field prefix restricts a word or phrase to one
field: ``标题:``/``title:`` (the headline), ``作者:``/``author:`` (the names
credited), ``地点:``/``place:`` (the article's county or prefecture),
``来源:``/``报纸:``/``paper:`` (the paper of its source page); a full-width
colon works too, and ``标题:"一件事 一次办"`` quotes a value. Everything else is
text: brackets, wildcards, unknown prefixes (``foo:``) and stray operators are
dropped with a note, never an error. Folding (full-width, traditional, case) is
:func:`search.text.folding.normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from search.text.folding import normalize, runs

MAX_QUERY_CHARS = 200
MAX_CLAUSES = 12
MAX_EXCLUDED = 8
MAX_PIECES_PER_TERM = 12

# A quoted value may follow a field prefix (标题:"一件事 一次办"); NFKC has made ： a colon.
_TOKEN = re.compile(r'(-?)(?:([^\s:"]{1,12}):)?"([^"]*)"?|(\S+)')
_FIELD_PREFIX = re.compile(r"^[a-z_]{2,20}:(?=\S)", re.IGNORECASE)
_KNOWN_PREFIX = re.compile(r"^([^\s:\"]{1,12}):(.*)\Z", re.DOTALL)

# Field prefixes a reader may type (Chinese as on the advanced form, English as in
# other newspaper databases), by the field they restrict to.
FIELD_PREFIXES: dict[str, str] = {
    "标题": "title",
    "题名": "title",
    "title": "title",
    "作者": "author",
    "记者": "author",
    "author": "author",
    "地点": "place",
    "地区": "place",
    "place": "place",
    "来源": "paper",
    "报纸": "paper",
    "paper": "paper",
    "source": "paper",
}
# How the canonical query writes each field (the advanced form's syntax).
FIELD_NAMES = {"title": "标题", "author": "作者", "place": "地点", "paper": "来源"}
_OR = {"OR", "|", "||"}
_AND = {"AND", "&&", "&", "+"}
_NOT = {"NOT", "!"}


@dataclass(frozen=True)
class Term:
    """One word or phrase as typed, and the folded text runs it searches for."""

    raw: str
    pieces: tuple[str, ...]
    phrase: bool = False
    field: str = ""  # "" (anywhere), or a value of FIELD_PREFIXES

    @property
    def text(self) -> str:
        return " ".join(self.pieces)

    @property
    def label(self) -> str:
        """As the understanding box lists it: the field prefix, then the words."""
        return f"{FIELD_NAMES[self.field]}:{self.raw}" if self.field else self.raw


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; a document must match at least one."""

    terms: tuple[Term, ...]


@dataclass
class ParsedQuery:
    original: str
    clauses: list[Clause] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause.terms]

    def canonical(self) -> str:
        """The query re-serialised in the syntax above (stable, shareable)."""
        parts = []
        for clause in self.clauses:
            parts.append(" OR ".join(_serialise(t) for t in clause.terms))
        parts.extend("-" + _serialise(t) for t in self.excluded)
        return " ".join(parts)


def _serialise(term: Term) -> str:
    value = f'"{term.raw}"' if term.phrase else term.raw
    return f"{FIELD_NAMES[term.field]}:{value}" if term.field else value


def field_of(prefix: str) -> str:
    """The field a typed prefix names (标题, TITLE, 來源 …), or ""."""
    prefix = unicodedata.normalize("NFKC", prefix).strip()
    return FIELD_PREFIXES.get(prefix.lower()) or FIELD_PREFIXES.get(normalize(prefix), "")


def _clean(text: str) -> str:
    """NFKC (full-width quotes and minus become ASCII) and control characters as spaces."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def _make_term(raw: str, phrase: bool, notes: list[str], field: str = "") -> Term | None:
    raw = raw.strip()
    if field and not raw:
        _note(notes, f"“{FIELD_NAMES[field]}:”后面没有检索词，已忽略")
        return None
    if not phrase:
        stripped = _FIELD_PREFIX.sub("", raw)
        if stripped != raw:
            _note(notes, "不支持字段语法（如 title:），已按普通词语检索")
            raw = stripped
    pieces = tuple(runs(normalize(raw)))
    if not pieces:
        if raw:
            _note(notes, "忽略了不含文字或数字的符号")
        return None
    if len(pieces) > MAX_PIECES_PER_TERM:
        pieces = pieces[:MAX_PIECES_PER_TERM]
        _note(notes, f"一个词语中的片段过多，只使用了前 {MAX_PIECES_PER_TERM} 个")
    display = raw if phrase else "".join(ch for ch in raw if ch not in "()[]{}*?^~\\<>")
    return Term(raw=display.strip() or " ".join(pieces), pieces=pieces, phrase=phrase, field=field)


def _split_field(bare: str) -> tuple[str, str]:
    """(field, value) for ``标题:词``; ("", bare) without a known prefix."""
    match = _KNOWN_PREFIX.match(bare)
    if match:
        field = field_of(match.group(1))
        if field:
            return field, match.group(2).lstrip(":")
    return "", bare


def _note(notes: list[str], message: str) -> None:
    if message not in notes:
        notes.append(message)


def parse_query(text: str | None) -> ParsedQuery:
    """Parse ``text``; never raises, whatever it contains."""
    original = text or ""
    parsed = ParsedQuery(original=original)
    notes = parsed.notes
    cleaned = _clean(original).strip()
    if len(cleaned) > MAX_QUERY_CHARS:
        cleaned = cleaned[:MAX_QUERY_CHARS]
        _note(notes, f"检索词过长，只使用了前 {MAX_QUERY_CHARS} 个字符")

    # Tokens: (kind, term) where kind is "term", "not", "or".
    tokens: list[tuple[str, Term | None]] = []
    negate_next = False
    for match in _TOKEN.finditer(cleaned):
        minus, prefix, quoted, bare = match.groups()
        if quoted is not None and prefix is not None and not field_of(prefix):
            # An unknown prefix before a quote: dropped like ``title:`` on a bare word when it
            # looks like one, otherwise it is text (政务:"服务" searches both).
            if _FIELD_PREFIX.match(prefix + ":x"):
                _note(notes, "不支持字段语法（如 title:），已按普通词语检索")
            else:
                term = _make_term(prefix, False, notes)
                if term is not None:
                    tokens.append(("not" if minus or negate_next else "term", term))
            prefix = None
        if quoted is not None:
            whole = match.group(0)
            if not whole.endswith('"') or whole.count('"') < 2:
                _note(notes, "引号未配对，已按到结尾的短语处理")
            term = _make_term(quoted, True, notes, field_of(prefix) if prefix else "")
            negate = bool(minus) or negate_next
            negate_next = False
            if term is not None:
                tokens.append(("not" if negate else "term", term))
            continue
        if bare in _OR:
            tokens.append(("or", None))
            continue
        if bare in _AND:
            continue
        if bare in _NOT:
            negate_next = True
            continue
        negate = negate_next
        negate_next = False
        while bare.startswith(("-", "+")):
            negate = negate or bare.startswith("-")
            bare = bare[1:]
        if not bare:
            _note(notes, "忽略了单独的运算符")
            continue
        field, bare = _split_field(bare)
        term = _make_term(bare, False, notes, field)
        if term is not None:
            tokens.append(("not" if negate else "term", term))
    if negate_next:
        _note(notes, "忽略了单独的运算符")

    clauses: list[list[Term]] = []
    pending_or = False
    for kind, term in tokens:
        if kind == "or":
            if clauses and not pending_or:
                pending_or = True
            else:
                _note(notes, "忽略了多余的 OR")
            continue
        if kind == "not":
            if len(parsed.excluded) < MAX_EXCLUDED:
                parsed.excluded.append(term)
            else:
                _note(notes, f"排除词过多，只使用了前 {MAX_EXCLUDED} 个")
            continue
        if pending_or:
            clauses[-1].append(term)
            pending_or = False
        else:
            clauses.append([term])
    if pending_or:
        _note(notes, "忽略了多余的 OR")
    if len(clauses) > MAX_CLAUSES:
        clauses = clauses[:MAX_CLAUSES]
        _note(notes, f"检索词过多，只使用了前 {MAX_CLAUSES} 个")
    parsed.clauses = [Clause(tuple(dict.fromkeys(c))) for c in clauses]
    if parsed.excluded and not parsed.clauses:
        _note(notes, "只有排除词，请再输入要查找的词语")
    return parsed
