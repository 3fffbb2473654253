"""Lines → blocks: stray spaces, narrow wrapped columns (with and without blank lines), atomic headlines."""

from __future__ import annotations

import pytest

from archive.ingest.layout import build_blocks
from archive.ingest.text import despace


@pytest.mark.parametrize(
    ("printed", "clean"),
    [
        ("工 作 日 ，精 减 环 节 4 个", "工作日，精减环节4个"),
        ("增长 1 5 % ，达到 1 8 . 5 亿元", "增长15%，达到18.5亿元"),
        ("长 沙 自 贸 会 展 区", "长沙自贸会展区"),
        ("陆上52MW D175风电机组", "陆上52MW D175风电机组"),
        ("“ 作 为 直 播‘ 小 白 ’，我 们", "“作为直播‘小白’，我们"),
        ("Hello  world 你好", "Hello world你好"),
    ],
)
def test_despace_removes_typesetting_spaces_but_keeps_latin_words_apart(printed: str, clean: str) -> None:
    assert despace(printed) == clean


NARROW = """今年以来，浏阳市以创建国家

全域旅游示范区为抓手，整合大

围山、周洛、小河乡等景区资源，

推出 1 5 条精品旅游线路，全市接

待游客 1 2 6 0 万人次。

在大围山国家森林公园，新建成

的玻璃栈道和房车营地吸引了大批

自驾游客。
"""


def test_narrow_column_with_blank_lines_is_rejoined_into_paragraphs() -> None:
    blocks = build_blocks(NARROW)
    assert [b.text for b in blocks] == [
        "今年以来，浏阳市以创建国家全域旅游示范区为抓手，整合大围山、周洛、小河乡等景区资源，"
        "推出15条精品旅游线路，全市接待游客1260万人次。",
        "在大围山国家森林公园，新建成的玻璃栈道和房车营地吸引了大批自驾游客。",
    ]
    first = blocks[0]
    assert NARROW[first.start : first.end].startswith("今年以来") and NARROW[first.end - 1] == "。"


def test_wrapped_headline_lines_printed_together_stay_one_block_apart_from_the_body() -> None:
    text = NARROW.replace("在大围山", "湘 潭 高 新 区 开 设\n办事综窗、专窗\n\n在大围山")
    texts = [b.text for b in build_blocks(text)]
    assert "湘潭高新区开设办事综窗、专窗" in texts


def test_one_paragraph_per_line_pages_keep_their_paragraphs() -> None:
    text = (
        "近年来，湘潭市在秸秆综合利用上持续探索，从秸秆一烧了之，到点“秸”成金创造效益，"
        "通过饲料化、肥料化、基料化利用，提升了秸秆综合利用率。\n"
        "秸秆的绿色革命\n"
        "连日来，全国“十佳”农技推广标兵邓述东每日早出晚归，深入田间地头，指导农户利用冬闲田栽培食用菌。\n"
    )
    assert [b.text[:4] for b in build_blocks(text)] == ["近年来，", "秸秆的绿", "连日来，"]


def test_subtitle_and_markdown_lines_are_blocks_of_their_own() -> None:
    text = "# 政务服务便捷化 营商环境再优化\n## ——茶陵县深入推进政务服务改革工作掠影\n正文第一段。\n"
    blocks = build_blocks(text)
    assert [b.md_level for b in blocks] == [1, 2, 0]
    assert blocks[1].text.startswith("——")
