"""Mechanisms added after the ninth blind set: a byline run into the first sentence (记者 X 报道 …,
某某日报全媒体记者 X 记者从…获悉) credits the article; a signed commentary ends where a headline with
its own byline or a news report begins; a two-line headline block that ends over a full-width
paragraph is not a piece of the narrow column above it.

Each test builds its own small page with counties, names and wording not used elsewhere.
"""

from __future__ import annotations

from archive.ingest import segment_page


def _credits(article) -> list[tuple[str, str | None]]:
    return [(c.name, c.role) for c in article.reporters]


def test_a_reported_byline_run_into_the_first_sentence_is_the_byline() -> None:
    text = (
        "江永县香柚产业园扩容\n\n"
        "记者 钟 岚 报道 9月12日，江永县香柚产业园二期项目竣工投产，新增分拣线4条，"
        "年加工香柚能力提高到8万吨。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 1
    a = page.articles[0]
    assert a.title == "江永县香柚产业园扩容"
    assert _credits(a) == [("钟岚", "记者")]
    assert a.body.startswith("9月12日，江永县")
    assert "报道" not in a.body


def test_a_paper_byline_run_into_the_first_sentence_is_the_byline() -> None:
    text = (
        "冷水滩物流园新开冷链专线\n\n"
        "永州日报全媒体记者 邓 琪 记者从永州冷水滩物流园获悉，园区本月开通至广州的冷链专线，"
        "每周发车6班。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 1
    a = page.articles[0]
    assert _credits(a) == [("邓琪", "记者")]
    assert a.body.startswith("记者从永州冷水滩物流园获悉")


def test_words_after_a_label_that_are_a_sentence_are_not_a_byline() -> None:
    text = "通道县开展侗锦技艺培训\n\n记者 看到，通道县侗锦培训班上，学员们正跟着老师学习织锦技艺。\n"
    page = segment_page(text)
    assert len(page.articles) == 1
    assert page.articles[0].reporters == []


_COMMENTARY = (
    "【一线感言】\n\n"
    "把群众的事当成自己的事\n\n"
    "中共城步苗族自治县委书记 蓝振华\n\n"
    "为民服务没有休止符。我们要把群众的急难愁盼当作工作的第一信号，在一件件实事中赢得群众信任。\n\n"
    "城步地处湘桂边界，山高路远。我们坚持干部下沉一线，推动问题在基层解决、服务在基层落实。\n\n"
)


def test_a_signed_commentary_ends_where_a_headline_with_its_own_byline_begins() -> None:
    text = _COMMENTARY + (
        "邵阳高铁站客流创新高\n\n"
        "邵阳日报全媒体记者 李 菁 记者从邵阳站获悉，国庆假期该站累计发送旅客15.6万人次，同比增长18%。\n\n"
        "据介绍，车站增开临时售票窗口，设置爱心服务台，方便旅客出行。\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    comment, report = page.articles
    assert comment.title == "把群众的事当成自己的事"
    assert _credits(comment) == [("蓝振华", "作者")]
    assert comment.body.endswith("服务在基层落实。")
    assert report.title == "邵阳高铁站客流创新高"
    assert _credits(report) == [("李菁", "记者")]
    assert report.place.county is None and report.place.prefecture == "邵阳市"


def test_a_signed_commentary_ends_where_a_news_report_begins() -> None:
    text = _COMMENTARY + (
        "苗乡举办农民丰收节\n\n9月23日，城步苗族自治县农民丰收节在儒林镇举行，全县展出特色农产品300余种。\n"
    )
    page = segment_page(text)
    # The report is about the same county and its headline names no place: only the change from a
    # signed commentary to a dated report tells where one ends and the other begins.
    assert [a.title for a in page.articles] == ["把群众的事当成自己的事", "苗乡举办农民丰收节"]
    assert page.articles[1].reporters == []
    assert "丰收节" not in page.articles[0].body


def test_a_two_line_headline_over_a_full_width_paragraph_after_a_column_starts_an_article() -> None:
    column = (
        "今年以来，嘉禾县铸造产业园新引进企业9家，园区规上工业产值同比增长16%。"
        "产业园还建成共享检测中心，企业送检时间缩短一半。"
    )
    wrapped = "\n".join(column[i : i + 13] for i in range(0, len(column), 13))
    text = (
        "嘉禾铸造产业集群提质\n\n"
        "本报讯（记者 雷 鸣）" + wrapped + "\n\n"
        "让“小菜园”变成“大产业”\n\n"
        "汝城县蔬菜基地带动千户增收\n\n"
        "走进汝城县延寿瑶族乡，连片的高山蔬菜基地里一派忙碌景象。"
        "今年，全乡种植高山辣椒、萝卜等蔬菜1.2万亩，产品直供粤港澳大湾区。（记者 朱 航）\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    first, second = page.articles
    assert _credits(first) == [("雷鸣", "记者")]
    assert second.title == "让“小菜园”变成“大产业”"
    assert second.subtitle == "汝城县蔬菜基地带动千户增收"
    assert _credits(second) == [("朱航", "记者")]
    assert second.place.county == "汝城县"
