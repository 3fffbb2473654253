"""Names lines, credits and datelines → reporter credits with roles.

Roles come only from explicit labels (记者/、通讯员/、文/、图/文、… 摄, an official's title
before a signed commentary); a label covers every following name up to the next label.
Unlabelled names get role ``None``.  Organisations that supply photos are not reporters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import is_division_name, leads_with_division
from .types import ReporterCredit

# The most common Chinese surnames (single and compound): a bare names line must start
# every name with one of these, so that "用心 用情 用力" is not read as three people.
_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单"
    "季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
    "池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠"
    "练揭刀钭禹湛奉扶隆卿蹇阙戈亢"
)
_SURNAMES_2 = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
}

_LABELS = [
    ("本报记者", "记者"),
    ("全媒体记者", "记者"),
    ("融媒记者", "记者"),
    ("首席记者", "记者"),
    ("驻站记者", "记者"),
    ("分站记者", "记者"),
    ("特约记者", "记者"),
    ("见习记者", "记者"),
    ("实习记者", "记者"),
    ("融媒体记者", "记者"),
    ("记者", "记者"),
    ("特约通讯员", "通讯员"),
    ("通讯员", "通讯员"),
    ("实习生", "通讯员"),
    ("图/文", "图文"),
    ("文/图", "图文"),
    ("图文", "图文"),
    ("文图", "图文"),
    ("摄影", "摄影"),
    ("作者", "作者"),
    ("撰文", "文"),
    ("文字", "文"),
    ("图片", "摄影"),
    ("摄像", None),  # a video's camera: no role the archive names
    ("文", "文"),
    ("图", "图"),
]
_LABEL_RE = re.compile(
    r"(本报记者|特约记者|见习记者|实习记者|全媒体记者|融媒体记者|融媒记者|首席记者|驻站记者|分站记者|记者"
    r"|特约通讯员|通讯员|实习生|摄影|作者|撰文)\s*[/／:：|｜︱丨]?\s*"
    # 文字：吴 涛  图片：粟 丽 - a WeChat push signs its words and its pictures (the colon required)
    r"|(文字|图片|摄像)\s*[:：|｜︱丨]\s*"
    r"|(图\s*[/／|｜]\s*文|文\s*[/／|｜]\s*图|图文|文图)\s*[/／:：|｜︱丨]?\s*"
    r"|(?<![\u4e00-\u9fff])(文|图)\s*[/／:：|｜︱丨]\s*"
)
_TITLE_WORDS = re.compile(
    r"(书记|副书记|市长|县长|区长|州长|局长|主任|主席|部长|院长|校长|董事长|总经理|厅长|处长|镇长|乡长|委员|党委书记|负责人)$"
)
_ORG_HINT = re.compile(
    r"(局|中心|公司|办|委|部|院|站|所|队|会|处|厅|馆|集团|政府|医院|学校|大学|协会|中学|小学|银行"
    r"|县|市|区|镇|乡|村|街道|社区|单位|报|台|网|供电|宣传)"
)
# The paper or media centre printed in front of a label: 衡阳日报全媒体记者, 湖南日报通讯员.
_PUBLISHER = (
    r"[\u4e00-\u9fff·]{1,16}?"
    r"(日报社?|晚报|报社?|融媒体中心|融媒(?=记者|通讯员)|新闻中心|新闻网|时刻新闻|广播电视台|电视台|客户端|网|视频)"
    r"|新华社|中新社|中国新闻社"
)
_PAPER_BEFORE_LABEL = re.compile(
    rf"^({_PUBLISHER})(本报|特约|见习|实习|全媒体|融媒体|融媒|首席|驻站)?(记者|通讯员)"
)
# An organisation named in front of the people in a closing parenthesis: （衡东县融媒体中心 彭思远）.
_ORG_BEFORE_NAMES = re.compile(
    r"^(?P<org>([\u4e00-\u9fff·]{2,20}(融媒体中心|新闻中心|日报社?|报社|电视台|广播电视台|宣传部"
    r"|委员会|[局委办院所站队部])|[\u4e00-\u9fff]{1,6}(镇|乡|街道|社区))(?:[\u4e00-\u9fff]{0,6}(中心|科|股|室))?)"
    r"\s+(?P<rest>\S.*)$"
)
# A closing parenthesis naming only an organisation: the source of the item.
_SOURCE_ORG = re.compile(
    r"[\u4e00-\u9fff·]{2,16}(融媒体中心|新闻中心|日报社?|报社|电视台|广播电视台|宣传部|委员会|纪委监委|[局委办院])"
)
_PAPER = re.compile(r"^[\u4e00-\u9fff·]{2,16}(日报|晚报|报|新闻|融媒|网)[\u4e00-\u9fff·]*(讯)?$")


@dataclass
class Credits:
    credits: list[ReporterCredit] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)  # photo suppliers that are not people
    publisher: str | None = None  # a paper named before the people ("株洲日报·掌上株洲")
    printed_prefix: str | None = None  # the paper as printed with its label ("怀化日报记者")
    supplied: str = "供图"  # how the page says an organisation supplied the item (供图, 供稿)
    printed_supply: str | None = None  # the supply note as printed when it is not "<org>供图" (图片由…提供)


def _is_place(token: str) -> bool:
    return leads_with_division(token, variants=True)


def looks_like_name(token: str, *, strict: bool = True) -> bool:
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", token) or token in _NOT_PEOPLE:
        return False
    if token[-1] in "县市区" and is_division_name(token):
        return False  # 岳阳县 printed alone above a headline names the place, not a reporter
    if len(token) >= 3 and re.search(r"(镇|乡|街道|社区|局|委)$", token):
        return False  # （柏坊镇 李菁）: the town or office that filed the item, not a person
    if token[:2] in _SURNAMES_2:
        # 欧阳晓东; a two-character 欧阳 is surname 欧 with given name 阳.
        return len(token) in (3, 4) or (len(token) == 2 and (token[0] in _SURNAMES_1 or not strict))
    if len(token) == 4:
        return False
    return token[0] in _SURNAMES_1 if strict else True


def _tokens(text: str) -> list[str]:
    """Split a run of names; single characters printed with a space inside a name are re-joined.

    ``李 刚 何 晓 丽`` is read as 李刚 + 何晓丽: the split where every name starts with a known
    surname wins, two-character names preferred (the most common length).
    """
    raw = [t for t in re.split(r"[\s、，,;；·]+", text.strip()) if t]
    best = _segment_names(raw)
    if best is not None:
        return best
    out: list[str] = []
    i = 0
    while i < len(raw):
        t = raw[i]
        if len(t) == 1 and i + 1 < len(raw) and len(raw[i + 1]) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]", t):
            out.append(t + raw[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _segment_names(raw: list[str]) -> list[str] | None:
    """Best split of printed pieces into surname-led names (None when there is none)."""
    if not raw or len(raw) > 16 or all(len(t) > 1 for t in raw):
        return None
    n = len(raw)
    # best[i] = (score, names) for raw[:i]
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score, names = best[i]  # type: ignore[misc]
        for k in (1, 2, 3):
            if i + k > n:
                break
            parts = raw[i : i + k]
            if k > 1 and any(len(p) > 2 for p in parts):
                break
            name = "".join(parts)
            if not looks_like_name(name, strict=True):
                continue
            gain = 1.0 if len(name) == 2 else 0.8
            cand = (score + gain, [*names, name])
            if best[i + k] is None or cand[0] > best[i + k][0]:  # type: ignore[index]
                best[i + k] = cand
    return best[n][1] if best[n] is not None else None


_SPACED_LABEL = re.compile(
    "|".join(
        r"\s*".join(word)
        for word in ("全媒体记者", "融媒体记者", "本报记者", "特约记者", "见习记者", "实习记者", "首席记者")
        + ("特约通讯员", "通讯员", "实习生", "记者", "摄影")
    )
)


def _compact_labels(text: str) -> str:
    """A label wrapped across a column's lines (通 / 讯员 → 通 讯员) is one word again."""
    return _SPACED_LABEL.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)


# Verbs printed after the names say what the people did: they are labels, never names.
_TRAILING_VERB = re.compile(r"(?<=[\u4e00-\u9fff])\s*(报道|整理|采写|撰文|撰稿|编写)$")
# Where the reporters filed from, printed before 报道 (曾少雄 邓佳 炎陵报道): a place, not a person.
_FILED_FROM = re.compile(r"\s+([\u4e00-\u9fff]{2,4})(?=\s*报道$)")
# Agencies, the paper itself and page chrome printed where names stand: never a person.
_NOT_PEOPLE = frozenset(
    {"新华社", "中新社", "人民网", "新华网", "本报", "本台", "本刊", "关闭", "打印", "分享"}
)
_TRAILING_LABEL = re.compile(r"\s+(文\s*[/／|｜]\s*图|图\s*[/／|｜]\s*文)$")
_DOUBLE_SPACE = re.compile(r"\S(\s{2,}|\u3000)\S")


def parse_names(
    text: str, *, strict: bool = True, default_role: str | None = None, spaced_ok: bool = False
) -> list[ReporterCredit] | None:
    """Parse a names line such as ``王美慧 李晓璐 邹莹`` or ``记者/刘毅 通讯员/林德建 韩崇洁``.

    Returns None when the text is not made only of names (and labels).  ``spaced_ok`` is for
    places where only names can stand (after a media centre's name): there 李 明 王 芳 is
    two people, not a spaced-out headline.
    """
    text = _compact_labels(text.strip())
    if re.search(r"\s(摄影?|供图|供稿)$", text):
        return None  # a photo credit (王 强 摄): parse_credit reads it with its role
    filed = _FILED_FROM.search(text)
    if filed and _is_place(filed.group(1)):
        text = text[: filed.start()] + " 报道"
    verb = _TRAILING_VERB.search(text)
    if verb:
        text = text[: verb.start()].strip()  # 记者 吴 平 通讯员 梁 晨 报道; 王强 李娟 整理
    trailing = _TRAILING_LABEL.search(text)
    if trailing and trailing.start() > 0:
        # 李 想 文/图: a label printed after the names covers them all.
        names = parse_names(text[: trailing.start()], strict=strict, spaced_ok=spaced_ok)
        role_after = dict(_LABELS).get(re.sub(r"[\s／|｜]", "", trailing.group(1)).replace("文图", "文/图"))
        if names and role_after:
            return [ReporterCredit(n.name, role_after) for n in names]
    if not text:
        return None
    credits: list[ReporterCredit] = []
    pos = 0
    role = default_role
    labelled = False
    for m in _LABEL_RE.finditer(text):
        segment = text[pos : m.start()]
        if segment.strip():
            names = _names_in(segment, strict=strict and not labelled, spaced_ok=spaced_ok)
            if names is None:
                return None
            credits += [ReporterCredit(n, role) for n in names]
        label = re.sub(r"\s+", "", m.group(0)).rstrip("/／:：|｜")
        role = dict(_LABELS).get(re.sub(r"[／|｜]", "/", label), role)
        labelled = True
        pos = m.end()
    tail = text[pos:]
    if tail.strip():
        names = _names_in(tail, strict=strict and not labelled, spaced_ok=spaced_ok)
        if names is None:
            return None
        credits += [ReporterCredit(n, role) for n in names]
    return credits or None


def _names_in(segment: str, *, strict: bool, spaced_ok: bool = False) -> list[str] | None:
    if _DOUBLE_SPACE.search(segment.strip()):
        # Wide gaps between names, single spaces inside them: 张 璇  罗 冰  胡 杨.
        chunks = [re.sub(r"\s+", "", c) for c in re.split(r"\s{2,}|\u3000", segment.strip()) if c.strip()]
        if 2 <= len(chunks) <= 8 and all(looks_like_name(c, strict=strict) for c in chunks):
            return chunks
    singles = [t for t in segment.split() if len(t) == 1]
    if strict and not spaced_ok and len(singles) >= 4 and all(len(t) == 1 for t in segment.split()):
        return None  # spaced-out text (古 楼 兰 家), not names; after a label it is 李 娟 唐 超
    toks = _tokens(segment)
    if not toks or len(toks) > 8:
        return None
    if not all(looks_like_name(t, strict=strict) for t in toks):
        return None
    return toks


_LABEL_COLON = re.compile(r"(记者|通讯员|实习生|摄影|摄像|作者|撰文|文字|图片|文|图)\s*[：:]")


def spaced_names(text: str) -> list[ReporterCredit] | None:
    """``周 磊 向 华``: single characters that pair up into surname-led two-character names.

    Only for places where a names line is expected (right under a headline): elsewhere the
    same shape is a spaced-out headline.
    """
    parts = text.split()
    if len(parts) not in (4, 6, 8) or not all(re.fullmatch(r"[\u4e00-\u9fff]", p) for p in parts):
        return None
    names = ["".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]
    if not all(looks_like_name(n, strict=True) for n in names):
        return None
    return [ReporterCredit(n, None) for n in names]


_CREW = re.compile(
    r"\s+(剪辑|后期|制作|配音|包装|校对)\s*[:：|｜]\s*[\u4e00-\u9fff]{2,4}(\s+[\u4e00-\u9fff]{2,4})*$"
)


_SIGN_MARK = re.compile(r"^[□■]\s*(?!(文|图|视频)\s*[/／])(?=\S)")


def parse_names_line(text: str) -> Credits | None:
    """A byline printed on a line of its own, possibly behind the paper's name.

    ``衡阳日报全媒体记者 欧阳晓东 通讯员 贺 琳`` → 欧阳晓东 (记者), 贺琳 (通讯员), with the
    paper and its label kept as ``printed_prefix`` (it is page furniture, not a person).
    A line ending in sentence punctuation (``记者看到，``) is text, not a byline.
    """
    t = text.strip().strip("*").strip()  # **记者 王 强**: markdown bold is not part of the names
    mark = _SIGN_MARK.match(t)
    if mark:
        # □ 谭 明, □全媒体记者 肖 岚: a printed page marks its bylines (and a column's signature)
        # with a box; the names behind it are the byline, unlabelled ones the column's author.
        rest = t[mark.end() :]
        found = parse_names_line(rest)
        if found is not None and any(c.role for c in found.credits):
            return found
        names = found.credits if found is not None else parse_names(rest, strict=True, spaced_ok=True)
        if not names or len(names) > 3:
            return None
        return Credits(credits=[ReporterCredit(c.name, "作者") for c in names])
    t = _compact_labels(t)  # 记 者：曾子墨, spaced to line up with 通讯员：
    # 记者：郑晓彤  剪辑：邓可 - a video's crew is credited beside its reporter, and is no reporter.
    t = _CREW.sub("", t).strip()
    # 记者：王强 通讯员：李刚 - a colon right after a label is part of the label, not a sentence.
    if not t or re.search(r"[，。！？；,;!?]", t) or re.search(r"[：:]", _LABEL_COLON.sub("", t)):
        return None
    # 文/图 湘潭日报全媒体记者 苏明, 作者：人民日报记者 申林海: the paper's label behind the
    # credit's kind or an online item's 作者 label.
    kind = re.match(
        r"^[■□◆●]?\s*((文\s*[/／]\s*(图|视频)|图\s*[/／]\s*文|视频\s*[/／]\s*文)\s+|作者\s*[:：]\s*)(?=\S)", t
    )
    glued = _PAPER_BEFORE_LABEL.match(t[kind.end() :] if kind else t)
    if glued and kind:
        t = t[kind.end() :]
    if glued:
        names = parse_names(t[glued.end(1) :], strict=False)
        if names:
            return Credits(credits=names, publisher=glued.group(1), printed_prefix=glued.group(0))
        return None
    names = parse_names(t, strict=True)
    if names:
        return Credits(credits=names)
    org = _ORG_BEFORE_NAMES.match(t)  # 永顺县融媒体中心 彭 艳 向 鑫
    if org:
        names = parse_names(org.group("rest"), strict=True, spaced_ok=True)
        if names:
            return Credits(credits=names, printed_prefix=org.group("org"))
    return None


def parse_author_line(text: str) -> list[ReporterCredit] | None:
    """``涟源市委书记 刘杰``, ``桑植县委书记 王 建国`` → the name (作者): an official signing a commentary.

    The official's title is one printed word ending in a post (书记, 县长, 局长…); the name after
    it may be printed with a space inside (王 建国).
    """
    parts = text.split()
    # Printed without a space (县委书记谈发展) the same words are a headline: only a spaced line counts.
    if len(parts) < 2 or len(parts) > 4:
        return None
    for k in range(1, len(parts)):
        title, name = "".join(parts[:k]), "".join(parts[k:])
        if 3 <= len(title) <= 20 and _TITLE_WORDS.search(title) and looks_like_name(name):
            return [ReporterCredit(name, "作者")]
    return None


@lru_cache(maxsize=4096)
def is_byline(text: str) -> bool:
    """A line that names an article's writers and is never part of a headline or a paragraph.

    A names line (``记者 张 凯 报道``, ``作者：记者 李 娜``, ``新湖南客户端记者 周 晓``) or an
    official's author line (``桑植县委书记 王 建国``).  Layout never joins such a line to a
    neighbour, and the short lines right above it are a headline block, so a headline printed
    on top of its byline never swallows the names.
    """
    t = text.strip()
    if not t or len(t) > 60:
        return False
    names = parse_names_line(t)
    if names is not None:
        # One bare two-character word (成链, 向阳) is as likely a wrapped piece of text as a name.
        return len(names.credits) > 1 or any(c.role for c in names.credits) or bool(names.printed_prefix)
    return parse_author_line(t) is not None


# 图片由衡东县委宣传部提供, 本版图片除署名外均由县融媒体中心提供
_SUPPLIED_BY = re.compile(r"^((本版|本组|本期)?(图片|照片))?(除署名外)?[均皆]?由(?P<who>[^，。,]{2,30})提供$")
# 本版图片均由 周 亮 摄: the photographer of a page's (or a spread's) pictures.
_TAKEN_BY = re.compile(r"^(本版|本组|本期|以上)?(图片|照片)(除署名外)?[均皆]?由\s*(?=\S.{0,30}摄影?$)")
_CREDIT_TAIL = re.compile(r"^(?P<who>.{0,40}?)\s*(?P<kind>摄影?|供图|供稿)\s*$")


def parse_credit(text: str) -> Credits | None:
    """A photo credit: ``肖柳梅 摄``, ``记者/邹怡敏 通讯员/肖霜 供图``, ``市政务服务中心供图``."""
    t = text.strip().strip("（）()").strip()
    supplied_by = _SUPPLIED_BY.match(t)
    if supplied_by:  # 图片由衡东县委宣传部提供
        credit = parse_credit(supplied_by.group("who") + "供图")
        if credit is not None and credit.organisations:
            credit.printed_supply = re.sub(r"\s+", "", t)
        return credit
    taken_by = _TAKEN_BY.match(t)
    if taken_by:
        t = t[taken_by.end() :]
    m = _CREDIT_TAIL.match(t)
    if not m:
        return None
    # □粟文华/摄: a column's mark before the name and a slash before 摄 belong to neither.
    who = m.group("who").strip().lstrip("□■◆●").rstrip("/／").strip()
    if re.search(r"[。！？，,；;：:]", who):
        return None
    kind = "摄影" if m.group("kind").startswith("摄") else "供图"
    supplied = m.group("kind") if kind == "供图" else "供图"
    if not who:
        return None
    # A leading paper name ("株洲日报·掌上株洲", "怀化日报记者/…") is the publisher, not a person.
    parts = who.split()
    publisher = prefix = None
    if len(parts) > 1 and _PAPER.match(parts[0]):
        publisher, who = parts[0], " ".join(parts[1:])
    elif (
        len(parts) > 1
        and len(parts[0]) >= 4
        and _ORG_HINT.search(parts[0][-2:])
        and parse_names(" ".join(parts[1:]), strict=False, default_role=kind)
    ):
        # 江永县交通运输局 田建军 摄: the photographer's office is printed in front of the name.
        prefix, who = parts[0], " ".join(parts[1:])
    else:
        glued = _PAPER_BEFORE_LABEL.match(who)
        if glued:
            publisher, who = glued.group(1), who[glued.end(1) :]
            prefix = glued.group(0)
    # 毛俊镇供图: a town (or an office) that supplies a picture is no person, however short its name.
    place = kind == "供图" and re.fullmatch(
        r"[\u4e00-\u9fff]{2,8}(镇|乡|街道|社区|局|办|委|中心)", who.replace(" ", "")
    )
    names = None if place else parse_names(who, strict=False, default_role=kind)
    if names:
        if kind == "摄影":
            # "记者/罗曼 摄": the trailing 摄 says what this credit is for.
            names = [ReporterCredit(n.name, "摄影") for n in names]
        # For 供图 the printed 记者/通讯员 labels stay (an organisation supplies, a person is labelled).
        if taken_by:
            prefix = re.sub(r"\s+", "", taken_by.group(0))  # 本版图片均由: page furniture
        return Credits(credits=names, publisher=publisher, printed_prefix=prefix)
    if _ORG_HINT.search(who) or len(re.sub(r"\s", "", who)) > 4:
        return Credits(organisations=[re.sub(r"\s+", "", who)], supplied=supplied)
    return None


_CLOSING = re.compile(r"[（(]\s*(?P<inner>[^（）()]{1,40}?)\s*[)）]\s*$")


def split_closing_byline(text: str) -> tuple[str, Credits] | None:
    """``…规范履职。(鲁选择)`` → (body, credits); ``(文/白天天)``, ``(图/文 王莉萍)`` as well."""
    m = _CLOSING.search(text)
    if not m:
        return None
    before = text[: m.start()].rstrip()
    inner = m.group("inner")
    publisher = prefix = None
    source = re.match(r"^\s*(来源|稿源)\s*[:：]\s*(?P<org>\S{2,20})\s+(?=\S)", inner)
    if source:  # （来源：韶山市融媒体中心  记者 彭书言 通讯员 毛宇航）: the source, then the people
        publisher, prefix, inner = source.group("org"), source.group(0).strip(), inner[source.end() :]
    glued = _PAPER_BEFORE_LABEL.match(inner)
    if glued:  # （常德日报记者/龚 正）
        publisher, prefix, inner = glued.group(1), glued.group(0), inner[glued.end(1) :]
    credit = parse_credit(inner)
    if credit is None:
        # Closing a paragraph, a parenthesis holds people: 黄 山 肖 琴 is two names (each with a surname).
        names = parse_names(inner, strict=True, spaced_ok=True)
        if names is None:
            names = parse_names(inner, strict=False) if re.search(r"[/／]", inner) else None
        if names is None and prefix is None:
            org = _ORG_BEFORE_NAMES.match(inner.strip())
            if org:  # （衡东县融媒体中心 彭思远）: the media centre is not a reporter
                names = parse_names(org.group("rest"), strict=True, spaced_ok=True)
                prefix = org.group("org")
        if names is None and prefix is None and _SOURCE_ORG.fullmatch(inner.strip()):
            # （洪江区融媒体中心）, （州纪委监委）: the item's source is an organisation, not a reporter.
            return before, Credits(printed_supply=inner.strip())
        if names is None:
            return None
        credit = Credits(credits=names)
    credit.publisher = credit.publisher or publisher
    credit.printed_prefix = credit.printed_prefix or prefix
    return before, credit


# 株洲日报·掌上株洲讯(…), 湖南日报7月2日讯（全媒体记者 …）, 本报讯（…）, 新华社长沙7月2日电（…）
# The day may be printed with its 月 missing (本报519日讯 for 5月19日讯).
_DAY = r"(\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*|\s*\d{3,4}\s*日\s*)"
_DATELINE = re.compile(
    rf"^(?P<paper>[\u4e00-\u9fff·]{{2,20}}?({_DAY}?讯"
    rf"|{_DAY}电))\s*"
    r"[（(](?P<inner>[^（）()]{2,60})[)）]\s*"
)
# Without credits: 本报讯, 本报通道讯 (the paper's own report from a county), 隆回县融媒体中心讯,
# 湖南日报·新湖南客户端6月5日讯; a bare place (临武讯) is checked against the divisions.
_DATELINE_BARE = re.compile(
    rf"^(?P<paper>(本报[\u4e00-\u9fff]{{0,6}}?|本刊|[\u4e00-\u9fff·]{{2,14}}(报|网|台|中心|客户端)){_DAY}?讯)\s*"
)
_PLACE_DATELINE = re.compile(rf"^(?P<paper>(?P<place>[\u4e00-\u9fff]{{2,7}}?){_DAY}?讯)\s+")


def split_dateline(text: str) -> tuple[str, str, list[ReporterCredit]] | None:
    """``株洲日报·掌上株洲讯(记者/刘毅 通讯员/林德建) 11月30日,…`` → (dateline, body, credits)."""
    m = _DATELINE.match(text)
    if m:
        names = parse_names(m.group("inner"), strict=False)
        if names is None:
            return None
        return re.sub(r"\s+", "", m.group("paper")), text[m.end() :].lstrip(), names
    m = _DATELINE_BARE.match(text)
    if not (m and len(text) > m.end()):
        m = _PLACE_DATELINE.match(text)
        if not (m and is_division_name(m.group("place"))):
            return None
    names, rest = _unbracketed_credits(text[m.end() :].lstrip())
    return m.group("paper"), rest, names


_UNBRACKETED_ROLE = re.compile(r"(记者|特约通讯员|通讯员|实习生)\s+")
_UNBRACKETED_NAME = re.compile(r"([\u4e00-\u9fff]{2,3})(?:\s+|$)")


def _unbracketed_credits(text: str) -> tuple[list[ReporterCredit], str]:
    """``记者 任婕 通讯员 彭志远 走进岳阳县…`` right after 本报讯: the credits printed without
    brackets, each name set off by spaces, then the text."""
    roles = dict(_LABELS)
    credits: list[ReporterCredit] = []
    pos = 0
    while m := _UNBRACKETED_ROLE.match(text, pos):
        names, end = [], m.end()
        while (t := _UNBRACKETED_NAME.match(text, end)) and looks_like_name(t.group(1)):
            names.append(t.group(1))
            end = t.end()
        if not names:
            break
        credits += [ReporterCredit(n, roles[m.group(1)]) for n in names]
        pos = end
    return credits, text[pos:]
