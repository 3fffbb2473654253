"""The query syntax, parsed without Django: words, phrases, exclusion, OR, and odd input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from search.query.parser import MAX_CLAUSES, MAX_QUERY_CHARS, parse_query


def texts(parsed):
    return [[t.text for t in clause.terms] for clause in parsed.clauses]


def test_words_separated_by_spaces_are_all_required():
    parsed = parse_query("涟源  乡村振兴")
    assert texts(parsed) == [["涟源"], ["乡村振兴"]]
    assert not parsed.excluded


def test_quoted_phrase_keeps_its_text_and_is_marked_as_phrase():
    parsed = parse_query('"一件事 一次办" 湘潭')
    first = parsed.clauses[0].terms[0]
    assert first.phrase
    assert first.pieces == ("一件事一次办",)  # the space between CJK characters is folded away
    assert texts(parsed)[1] == ["湘潭"]


def test_exclusion_with_minus_and_not():
    parsed = parse_query("黄精 -新化 NOT 涟源")
    assert texts(parsed) == [["黄精"]]
    assert [t.text for t in parsed.excluded] == ["新化", "涟源"]


def test_or_joins_neighbours_into_one_clause():
    parsed = parse_query("政务服务 涟源 OR 新化 | 湘潭")
    assert texts(parsed) == [["政务服务"], ["涟源", "新化", "湘潭"]]


def test_traditional_and_full_width_forms_are_folded():
    parsed = parse_query("政務服務 ＡＢＣ１２３")
    assert texts(parsed) == [["政务服务"], ["abc123"]]
    # The raw text is kept so the page can show the conversion.
    assert parsed.clauses[0].terms[0].raw == "政務服務"


def test_full_width_quotes_and_minus_work_like_ascii():
    parsed = parse_query("＂乡村振兴＂ －永州")
    assert parsed.clauses[0].terms[0].phrase
    assert [t.text for t in parsed.excluded] == ["永州"]


def test_one_character_query():
    assert texts(parse_query("县")) == [["县"]]


def test_stray_operators_and_unbalanced_syntax_are_dropped_with_a_note():
    parsed = parse_query('OR -  乡村 (振兴 OR "')
    assert texts(parsed) == [["乡村"], ["振兴"]]
    assert parsed.notes  # the reader is told what was ignored


def test_an_unclosed_quote_runs_to_the_end():
    parsed = parse_query('湘潭 "秸秆 综合利用')
    assert texts(parsed) == [["湘潭"], ["秸秆综合利用"]]
    assert parsed.clauses[1].terms[0].phrase


def test_unknown_field_prefix_is_searched_as_plain_words():
    parsed = parse_query("body:乡村振兴")
    assert texts(parsed) == [["乡村振兴"]]
    assert parsed.terms[0].field == ""
    assert any("字段" in note for note in parsed.notes)


def test_unknown_prefix_before_a_quote():
    assert texts(parse_query('body:"乡村振兴"')) == [["乡村振兴"]]
    assert texts(parse_query('政务:"服务"')) == [["政务"], ["服务"]]
    assert [t.label for t in parse_query('黄精 -作者:张三 -"新化"').excluded] == ["作者:张三", "新化"]


def fields(parsed):
    return [[(t.field, t.text) for t in clause.terms] for clause in parsed.clauses]


def test_every_field_prefix_restricts_its_word():
    for typed, field in [
        ("标题:乡村振兴", "title"),
        ("title:乡村振兴", "title"),
        ("TITLE:乡村振兴", "title"),
        ("作者:乡村振兴", "author"),
        ("author:乡村振兴", "author"),
        ("地点:乡村振兴", "place"),
        ("place:乡村振兴", "place"),
        ("来源:乡村振兴", "paper"),
        ("报纸:乡村振兴", "paper"),
        ("paper:乡村振兴", "paper"),
        ("標題:乡村振兴", "title"),  # traditional prefix folded like the words
    ]:
        assert fields(parse_query(typed)) == [[(field, "乡村振兴")]], typed


def test_full_width_colon_and_quoted_values():
    parsed = parse_query('标题："一件事 一次办" 湘潭')
    assert fields(parsed) == [[("title", "一件事一次办")], [("", "湘潭")]]
    assert parsed.terms[0].phrase
    assert parsed.canonical() == '标题:"一件事 一次办" 湘潭'


def test_fields_combine_with_or_and_exclusion():
    parsed = parse_query("地点:新晃 OR 来源:湖南日报 黄精 -作者:张三 NOT 标题:通知")
    assert fields(parsed) == [[("place", "新晃"), ("paper", "湖南日报")], [("", "黄精")]]
    assert [(t.field, t.text) for t in parsed.excluded] == [("author", "张三"), ("title", "通知")]
    assert parsed.canonical() == "地点:新晃 OR 来源:湖南日报 黄精 -作者:张三 -标题:通知"


def test_a_field_without_a_value_is_dropped_with_a_note():
    for typed in ("标题:", "作者::", "地点：", '来源:""', "标题:((("):
        parsed = parse_query(typed)
        assert parsed.is_empty, typed
        assert parsed.notes, typed


def test_odd_field_values_never_raise():
    assert fields(parse_query("地点:不存在的地方")) == [[("place", "不存在的地方")]]
    long = parse_query("标题:" + "政" * 5000)
    assert long.terms[0].field == "title"
    assert len(long.terms[0].text) <= MAX_QUERY_CHARS
    # A control character separates like a space.
    assert fields(parse_query("标题:政\x00务")) == [[("title", "政")], [("", "务")]]
    assert parse_query("标题:((((").is_empty
    assert parse_query("\x00作者:\x00").is_empty


def test_wildcards_and_brackets_are_not_operators():
    parsed = parse_query("乡村* (振兴) 政?务")
    assert texts(parsed) == [["乡村"], ["振兴"], ["政 务"]]


def test_punctuation_only_gives_an_empty_query():
    parsed = parse_query("，。！？ 😀 ***")
    assert parsed.is_empty


def test_long_input_is_truncated_with_a_note():
    parsed = parse_query("县" * 10_000)
    assert len(parsed.clauses[0].terms[0].text) == MAX_QUERY_CHARS
    assert any("过长" in note for note in parsed.notes)


def test_many_words_are_capped():
    parsed = parse_query(" ".join(f"词{i}" for i in range(50)))
    assert len(parsed.clauses) == MAX_CLAUSES


def test_only_exclusions_is_empty_with_a_note():
    parsed = parse_query("-永州")
    assert parsed.is_empty
    assert parsed.notes


def test_canonical_form_round_trips():
    parsed = parse_query('涟源 OR 新化 "一件事一次办" -永州')
    again = parse_query(parsed.canonical())
    assert texts(again) == texts(parsed)
    assert [t.text for t in again.excluded] == [t.text for t in parsed.excluded]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_input_parses_without_error_and_within_limits(text):
    parsed = parse_query(text)
    assert len(parsed.clauses) <= MAX_CLAUSES
    for term in parsed.terms + parsed.excluded:
        assert term.pieces and all(piece for piece in term.pieces)
        assert all(ch.isalnum() for piece in term.pieces for ch in piece)
    assert isinstance(parsed.canonical(), str)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["OR", "-", '"', "(", ")", "NOT", "AND", "县", "政务", "title:", "标题：", "作者:", "*", "|"]
        ),
        max_size=20,
    )
)
def test_operator_soup_never_yields_dangling_clauses(tokens):
    parsed = parse_query(" ".join(tokens))
    for clause in parsed.clauses:
        assert clause.terms
