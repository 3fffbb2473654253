"""Mechanisms added after the twelfth blind set, each on a small page of its own wording and places.

- the text under a 上接第X版 line at the top of a page is the rest of an article from another page:
  it is never taken for the series intro of the headline printed below it;
- a closing 文/图 credit under a report already signed under its headline signs an item of its own
  (photo news printed without a headline), not a second byline of the report.
"""

from __future__ import annotations

from archive.ingest import segment_page


def names(article) -> list[str]:
    return [c.name for c in article.reporters]


def test_text_under_a_jump_line_is_a_continuation_not_an_intro() -> None:
    page = (
        "岳阳日报 2025年3月12日 星期三 第3版 要闻\n\n"
        "上接第一版\n\n"
        "近年来，临湘市依托竹木资源优势，大力发展竹木加工产业，引进了一批上下游企业。"
        "今年前两个月，临湘市竹木产业实现产值21亿元，同比增长10.5%。\n\n"
        "临湘市还积极外出招商，先后赴广州、杭州等地开展产业链招商活动，签约项目11个。"
        "市商务局负责人表示，将继续围绕主导产业延链补链，推动县域经济高质量发展。\n\n"
        "# 平江文旅融合持续升温\n\n"
        "岳阳日报讯(记者/彭 亮 通讯员/方 芳)\n\n"
        "3月10日，在平江县起义旧址，游客络绎不绝。今年以来，平江县大力发展红色旅游，推动文旅融合发展，"
        "全县接待游客210万人次，实现旅游综合收入19亿元。\n\n"
        "平江县还建设研学基地，开发研学线路6条，带动周边群众开办民宿150余家。\n"
    )
    arts = segment_page(page).articles
    assert [a.title for a in arts] == [None, "平江文旅融合持续升温"]
    continued, report = arts
    assert continued.body.startswith("近年来，临湘市")
    assert names(continued) == []
    assert report.body.startswith("3月10日，在平江县")
    assert sorted(names(report)) == ["彭亮", "方芳"]
    assert continued.place is not None and continued.place.county == "临湘市"


def test_closing_photo_credit_under_a_signed_report_is_its_own_item() -> None:
    page = (
        "湖南日报 2025年4月8日 星期二 第6版 县域经济\n\n"
        "# 邵阳市推进农村公路建设\n\n"
        "湖南日报全媒体记者 袁 锋 报道\n\n"
        "日前，邵阳市召开全市农村公路建设推进会。会议要求，各县市区要加快推进农村公路提质改造，"
        "完善养护机制，让群众出行更加便捷。今年以来，邵阳市新改建农村公路860公里，"
        "完成危桥改造42座，新增通客车建制村36个。会议还通报了一季度工作考核情况，"
        "并对下一阶段重点任务进行了安排，要求各地压实责任、倒排工期，确保年底前全面完成目标任务。\n\n"
        "4月3日，娄底经开区一家电子厂的流水线上，女工们正在组装智能手表。今年一季度，"
        "娄底经开区电子信息产业产值同比增长8.6%，出口额达5.2亿美元，一批新品远销东南亚。\n\n"
        "文/图 邹 敏\n\n"
        "# 双峰县电子信息产业加速集聚\n\n"
        "湖南日报全媒体记者 郭 宁 报道\n\n"
        "今年一季度，双峰县电子信息产业产值同比增长12.3%，智能手表、智能终端等产品出口额达1.8亿美元。"
        "该县新引进电子厂9家，一批新品远销东南亚和中东地区，流水线上的女工们订单排到了年底。\n"
    )
    arts = segment_page(page).articles
    assert [a.title for a in arts] == ["邵阳市推进农村公路建设", None, "双峰县电子信息产业加速集聚"]
    report, photo, _ = arts
    assert names(report) == ["袁锋"]
    assert "娄底经开区" not in report.body
    assert photo.body.startswith("4月3日，娄底经开区")
    assert names(photo) == ["邹敏"]
