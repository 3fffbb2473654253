"""Bytes → text: detect the encoding of a page dump and reject files that are not text."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class PageDecodeError(ValueError):
    """A page file that cannot be read as text; ``str()`` is a Chinese reason for the user."""


@dataclass(frozen=True)
class DecodedPage:
    text: str  # newlines normalised to "\n", BOM removed
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16"
    newline: str = "\n"  # the newline convention found in the file ("\r\n", "\r" or "\n")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\n\r\t\f")
    bad += text.count("\ufffd")
    return bad / len(text)


def _han_share(text: str) -> float:
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return 0.0
    good = sum(
        1
        for c in letters
        if ("\u4e00" <= c <= "\u9fff") or c.isascii() or unicodedata.category(c).startswith("P")
    )
    return good / len(letters)


def decode_page(data: bytes, *, max_bytes: int | None = None) -> DecodedPage:
    """Decode a page dump: UTF-8 with or without BOM, UTF-16 with BOM, or GB18030.

    Raises :class:`PageDecodeError` for empty, binary, undecodable or oversized input.
    """
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if not data or not data.strip():
        raise PageDecodeError("空文件：文件没有任何文字内容")
    if limit and len(data) > limit:
        raise PageDecodeError(f"文件过大：{len(data)} 字节，超过上限 {limit} 字节")

    text: str | None = None
    encoding = ""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise PageDecodeError(
                f"无法识别的编码：文件以 UTF-8 标记开头，但第 {exc.start} 字节无法解码"
            ) from exc
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise PageDecodeError("无法识别的编码：UTF-16 内容无法解码") from exc
    else:
        if b"\x00" in data:
            raise PageDecodeError("二进制文件：包含空字节（NUL），不是文本版面")
        for candidate in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(candidate), candidate
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise PageDecodeError("无法识别的编码：既不是 UTF-8 也不是 GB18030")

    if "\x00" in text or _control_share(text) > 0.02:
        raise PageDecodeError("二进制文件：控制字符比例过高，不是文本版面")
    if encoding == "gb18030" and _han_share(text) < 0.8:
        raise PageDecodeError("无法识别的编码：按 GB18030 解码后多为乱码")
    if not text.strip():
        raise PageDecodeError("空文件：文件没有任何文字内容")

    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return DecodedPage(text=text, encoding=encoding, newline=newline)
