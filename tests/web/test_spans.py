"""Cutting a page's raw text at article spans and furniture (no database)."""

from archive.services.browse import split_by_spans

TEXT = "第A2版 要闻\n标题一\n正文一。\n上接A1版\n标题二\n正文二。尾巴"


def pieces_as_tuples(pieces):
    return [(p.text, p.owner, p.furniture, p.starts_span, p.first_of_owner) for p in pieces]


def test_every_character_is_kept_once_in_order():
    spans = [(8, 16, "a"), (22, 30, "b")]
    pieces = split_by_spans(TEXT, spans, [(0, 7), (17, 21)])
    assert "".join(p.text for p in pieces) == TEXT


def test_pieces_carry_owner_furniture_and_span_starts():
    a_start, a_end = TEXT.index("标题一"), TEXT.index("上接") - 1
    b_start, b_end = TEXT.index("标题二"), TEXT.index("尾巴")
    header_end = TEXT.index("\n")
    cont = (TEXT.index("上接"), TEXT.index("上接") + 5)
    pieces = split_by_spans(TEXT, [(a_start, a_end, "a"), (b_start, b_end, "b")], [(0, header_end), cont])
    assert pieces_as_tuples(pieces) == [
        ("第A2版 要闻", None, True, False, False),
        ("\n", None, False, False, False),
        ("标题一\n正文一。", "a", False, True, True),
        ("\n", None, False, False, False),
        ("上接A1版", None, True, False, False),
        ("\n", None, False, False, False),
        ("标题二\n正文二。", "b", False, True, True),
        ("尾巴", None, False, False, False),
    ]


def test_a_resumed_article_has_two_spans_but_one_first_piece():
    text = "甲文开头。乙文全文。甲文续完。"
    pieces = split_by_spans(text, [(0, 5, "甲"), (10, 15, "甲"), (5, 10, "乙")])
    starts = [(p.text, p.owner, p.first_of_owner) for p in pieces if p.starts_span]
    assert starts == [("甲文开头。", "甲", True), ("乙文全文。", "乙", True), ("甲文续完。", "甲", False)]
    assert pieces[0].colour == pieces[2].colour != pieces[1].colour


def test_stale_or_inverted_spans_are_clipped_or_ignored():
    pieces = split_by_spans("短文本", [(1, 999, "x"), (5, 2, "y"), (-3, 1, "z")])
    assert [(p.text, p.owner) for p in pieces] == [("短", "z"), ("文本", "x")]


def test_labels_open_each_run_of_an_article_not_each_span():
    text = "标题\n\n正文一\n\n乙文\n\n正文二"
    spans = [(0, 2, "甲"), (4, 7, "甲"), (9, 11, "乙"), (13, 16, "甲")]
    opened = [(p.text, p.owner) for p in split_by_spans(text, spans) if p.opens_run]
    assert opened == [("标题", "甲"), ("乙文", "乙"), ("正文二", "甲")]
