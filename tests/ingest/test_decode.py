"""Bytes → text: encodings, newlines, and the files that must be refused with a clear reason."""

from __future__ import annotations

import pytest

from archive.ingest import PageDecodeError, decode_page

SAMPLE = "株洲日报·掌上株洲讯\n醴陵市第一中学30多名学子走进该市政协机关。\n"


def test_plain_utf8() -> None:
    page = decode_page(SAMPLE.encode("utf-8"))
    assert page.text == SAMPLE
    assert page.encoding == "utf-8"


def test_utf8_with_bom_and_crlf_becomes_clean_text() -> None:
    page = decode_page(b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert page.text == SAMPLE
    assert page.encoding == "utf-8-sig"
    assert page.newline == "\r\n"


def test_old_mac_line_ends_are_normalised() -> None:
    assert decode_page(SAMPLE.replace("\n", "\r").encode("utf-8")).text == SAMPLE


def test_gb18030_is_recognised() -> None:
    text = "會同縣打造杂交水稻制种基地，农户户均增收1.5万元。\n"
    page = decode_page(text.encode("gb18030"))
    assert page.text == text
    assert page.encoding == "gb18030"


def test_utf16_with_bom() -> None:
    page = decode_page(SAMPLE.encode("utf-16"))
    assert page.text == SAMPLE
    assert page.encoding == "utf-16"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "空文件"),
        (b"  \n\r\n\t ", "空文件"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制文件"),
        (bytes(range(1, 32)) * 20, "二进制文件"),
        (b"\xff\xfe\xfd\xfc" * 10 + b"\x81", "无法识别的编码"),
    ],
)
def test_unreadable_files_are_refused_with_a_chinese_reason(data: bytes, reason: str) -> None:
    with pytest.raises(PageDecodeError) as err:
        decode_page(data)
    assert reason in str(err.value)


def test_too_large_file_is_refused() -> None:
    with pytest.raises(PageDecodeError, match="文件过大"):
        decode_page(SAMPLE.encode("utf-8") * 100, max_bytes=1000)
    assert decode_page(SAMPLE.encode("utf-8"), max_bytes=1000).text == SAMPLE
