"""The benchmark's queries: every kind a reader types, some with filters.

Filters name places and topics the way a reader sees them; the runner turns
them into the codes and slugs the search page takes (``prefecture``/``county``:
division code, ``topic``: slug; ``year``, ``from``/``to`` and ``paper`` as typed).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    # prefecture/county: name, topic: name; year, from/to (2024, 2024-06, 2024-06-22), paper: as typed
    filters: dict[str, str] = field(default_factory=dict)


QUERIES: list[Query] = [
    # one character
    Query("县", "one character"),
    Query("办", "one character"),
    Query("湘", "one character"),
    Query("镇", "one character"),
    # common words
    Query("政务服务", "common word"),
    Query("乡村振兴", "common word"),
    Query("营商环境", "common word"),
    Query("群众", "common word"),
    Query("企业", "common word"),
    Query("改革", "common word"),
    # rare words
    Query("黄精", "rare word"),
    Query("砂糖橘", "rare word"),
    Query("一枝黄花", "rare word"),
    Query("金融超市", "rare word"),
    Query("模拟政协", "rare word"),
    Query("百姓解忧站", "rare word"),
    # places (full, short and former names)
    Query("涟源市", "place"),
    Query("望城", "place"),
    Query("湘西州", "place"),
    Query("株洲县", "place"),
    # two words
    Query("涟源 政务服务", "two words"),
    Query("养老 助餐", "two words"),
    Query("秸秆 综合利用", "two words"),
    Query("纪委监委 整治", "two words"),
    Query("交警 安全", "two words"),
    # phrases
    Query('"一件事一次办"', "phrase"),
    Query('"高效办成一件事"', "phrase"),
    Query('"放管服"改革', "phrase"),
    Query('"三湘怡养"', "phrase"),
    # with filters
    Query("政务服务", "filtered", {"prefecture": "娄底市"}),
    Query("乡村振兴", "filtered", {"topic": "乡村振兴", "year": "2020"}),
    Query("企业", "filtered", {"county": "茶陵县"}),
    Query("县", "filtered", {"prefecture": "永州市", "year": "2023"}),
    Query("群众", "filtered", {"topic": "民生保障"}),
    Query("改革 服务", "filtered", {"prefecture": "长沙市", "topic": "政务服务"}),
    # field prefixes, date ranges, the paper (issue 16 item 3)
    Query("标题:政务服务", "fields and dates"),
    Query("作者:王 乡村振兴", "fields and dates"),
    Query("地点:涟源 营商环境", "fields and dates"),
    Query("来源:湖南日报 改革", "fields and dates"),
    Query("群众", "fields and dates", {"from": "2023-03", "to": "2023-09"}),
    Query("", "fields and dates", {"from": "2024-06-01", "to": "2024-06-30"}),
    Query("企业", "fields and dates", {"paper": "湖南日报", "from": "2022"}),
]

# Traffic for the load phase: the same queries, plus a few plain page views a
# search session brings with it (the second results page, sort by date).
LOAD_EXTRA: list[dict[str, str]] = [
    {"q": "政务服务", "page": "2"},
    {"q": "乡村振兴", "sort": "newest"},
]
