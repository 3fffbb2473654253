"""Segmentation mechanisms on small constructed pages (each one phenomenon)."""

from __future__ import annotations

from archive.ingest import segment_page
from archive.ingest.text import nospace

LONG_A = (
    "近年来，耒阳市把油茶产业作为乡村振兴的主导产业来抓，全市油茶种植面积达到68万亩，"
    "建成油茶加工企业5家，带动农户增收。"
)
LONG_B = "耒阳市还开发茶油、茶皂素等系列产品，油茶产业综合产值达到35亿元，成为带动农民增收的绿色银行。"


def titles(page):
    return [a.title for a in page.articles]


def test_headline_block_printed_after_its_body() -> None:
    text = (
        f"{LONG_A}\n\n{LONG_B}\n\n"
        "耒阳油茶产业鼓起群众钱袋子\n\n——耒阳市油茶产业发展纪实\n\n曾凡宇 谭晓梅\n\n"
        "常宁市举办春季招聘会\n\n3月10日，常宁市春季招聘会在市人力资源市场举行，86家企业提供就业岗位3200余个。\n"
    )
    page = segment_page(text)
    assert titles(page) == ["耒阳油茶产业鼓起群众钱袋子", "常宁市举办春季招聘会"]
    first = page.articles[0]
    assert first.title_after_body and "title_after_body" in first.review_reasons
    assert first.subtitle == "耒阳市油茶产业发展纪实"
    assert [r.name for r in first.reporters] == ["曾凡宇", "谭晓梅"]
    assert first.place.county == "耒阳市"


def test_article_interrupted_mid_sentence_is_resumed() -> None:
    text = (
        "汝城县沙洲村打造红色研学基地\n\n"
        "近年来，汝城县依托沙洲村红色资源，建成研学教室、实践基地等设施，开发出12门研学课程，"
        "去年接待研学学生8.6万人次。村里的民宿、土特产店生意红火，\n\n"
        "宜章县开通莽山旅游专线\n\n"
        "宜章县日前开通莽山号旅游专线公交，从县城客运站直达莽山国家森林公园，每天往返8个班次。\n\n"
        "不少村民当上了研学导师和讲解员，红色资源成了沙洲村村民的致富资源。\n"
    )
    page = segment_page(text)
    rucheng = page.articles[0]
    assert rucheng.title == "汝城县沙洲村打造红色研学基地"
    assert "生意红火，不少村民当上了研学导师" in nospace(rucheng.body)
    assert "resumed" in rucheng.review_reasons
    assert "研学" not in page.articles[1].body
    # the source-page view highlights both pieces
    assert len(rucheng.spans) == 2


def test_paragraph_broken_across_a_column_is_rejoined() -> None:
    text = (
        "国网常德供电公司廉洁巡讲助力服务再提质\n\n"
        "活动中，巡讲团围绕公司新颁布十条禁令进行讲解。基层领导班子成员、部门主要负\n\n"
        "责人、班组长等共计130余人参加活动。(段园园)\n"
    )
    article = segment_page(text).articles[0]
    assert "部门主要负责人、班组长" in article.body
    assert article.paragraphs == [nospace(article.body)]


def test_paragraph_printed_twice_and_articles_printed_twice_are_kept_once() -> None:
    brief = "苏仙区望仙桥街道就业驿站开张以来，已为辖区居民推荐工作岗位460余个，帮助320人实现就业。"
    second = "桂阳县举办夏季招聘会\n\n6月1日，桂阳县夏季招聘会举行，62家企业提供岗位1800个。（邓安琪）\n\n"
    text = f"苏仙区：家门口的就业驿站\n\n{brief}\n\n{brief}\n\n驿站每周走访辖区企业。（肖 雨）\n\n"
    text += second + second
    page = segment_page(text)
    assert titles(page) == ["苏仙区：家门口的就业驿站", "桂阳县举办夏季招聘会"]
    assert page.articles[0].body.count("460余个") == 1
    assert all("duplicate_removed" in a.review_reasons for a in page.articles)
    assert not page.furniture


def test_brief_without_headline_is_flagged() -> None:
    text = (
        "桂东县开展防汛演练\n\n6月2日，桂东县开展防汛应急演练，200余人参加。（陈 晨）\n\n"
        "资兴市东江湖水质持续保持国家一类标准，今年以来，东江湖流域开展巡河1.2万人次，"
        "清理河道垃圾300余吨。（刘 湘）\n"
    )
    page = segment_page(text)
    assert titles(page) == ["桂东县开展防汛演练", None]
    brief = page.articles[1]
    assert "no_title" in brief.review_reasons
    assert brief.place.county == "资兴市"


def test_captions_between_paragraphs_stay_with_their_article() -> None:
    text = (
        "株洲市关爱留守儿童书画大赛举行\n\n"
        "11月28日，株洲市关爱留守儿童公益书画作品大赛开幕，1400余人参赛。\n\n"
        "▲开幕式现场。\n\n▲优秀儿童代表。\n\n"
        "开幕式后，孩子们参观了书画展。(图/文 王莉萍)\n"
    )
    article = segment_page(text).articles[0]
    assert article.captions == ["开幕式现场。", "优秀儿童代表。"]
    assert "开幕式现场" not in article.body
    assert [(r.name, r.role) for r in article.reporters] == [("王莉萍", "图文")]


def test_page_header_gives_the_date_and_is_furniture() -> None:
    text = (
        "株洲日报 2024年11月21日 星期四 A3 政务\n\n炎陵回收快递包装箱\n\n"
        "12月1日，炎陵县邮政开展活动。\n\n下转第4版\n"
    )
    page = segment_page(text)
    assert page.date.isoformat() == "2024-11-21"
    assert page.paper == "株洲日报" and page.page_label == "A3"
    assert page.articles[0].date == page.date and not page.articles[0].date_estimated
    assert "下转第4版" in page.furniture
    header_span = page.furniture_spans[0]
    assert text[header_span.start : header_span.end].startswith("株洲日报")


def test_traditional_headline_is_kept_as_printed_and_still_matched() -> None:
    text = "會同縣打造雜交水稻製種基地\n\n金秋时节，连山乡的制种田里一片金黄，农户喜获丰收。\n"
    article = segment_page(text).articles[0]
    assert article.title == "會同縣打造雜交水稻製種基地"
    assert article.place.county == "会同县"
    assert "乡村振兴" in [t.name for t in article.topics]
