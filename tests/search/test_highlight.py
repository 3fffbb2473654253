"""Snippets and highlights on the stored text (pure Python, no database)."""

from __future__ import annotations

from search.engine.highlight import MATCHES_PER_TERM, SCAN_CHARS, find_matches, highlight, snippets


def test_traditional_and_full_width_text_is_marked_where_it_was_typed():
    assert (
        highlight("推進政務服務ＡＢＣ", ["政务服务", "abc"]) == "推進<mark>政務服務</mark><mark>ＡＢＣ</mark>"
    )


def test_snippets_prefer_windows_with_more_different_terms_and_keep_reading_order():
    text = "开头。" + "无关内容。" * 40 + "涟源市政务服务中心推进一件事一次办。" + "其他。" * 40 + "涟源市。"
    shown = snippets([text], ["涟源", "政务服务", "一件事"], limit=1)
    assert len(shown) == 1
    assert "<mark>政务服务</mark>" in shown[0] and "<mark>一件事</mark>" in shown[0]


def test_a_match_deep_in_a_one_line_article_of_700000_characters_is_shown():
    filler = "本报讯全市上下认真贯彻落实会议精神。"
    text = (filler * (600_000 // len(filler))) + "涟源市砂糖橘丰收" + filler * 5000
    assert len(text) > 650_000
    shown = snippets([text], ["砂糖橘"])
    assert len(shown) == 1
    assert "<mark>砂糖橘</mark>" in shown[0] and shown[0].startswith("…")


def test_matches_past_the_scanned_opening_are_bounded_per_term():
    text = "县" * (SCAN_CHARS * 3)
    matches = find_matches(text, ["县"])
    # Every match of the fully scanned opening, then at most MATCHES_PER_TERM more.
    assert len(matches) == SCAN_CHARS + MATCHES_PER_TERM
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    shown = snippets([text], ["县"])
    assert 1 <= len(shown) <= 3 and all("<mark>县</mark>" in s for s in shown)


def test_markup_in_the_text_is_escaped_around_marks():
    assert highlight("<b>涟源</b>", ["涟源"]) == "&lt;b&gt;<mark>涟源</mark>&lt;/b&gt;"
