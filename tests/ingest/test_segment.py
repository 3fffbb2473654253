"""Segmentation mechanisms on small constructed pages (each one phenomenon)."""

from __future__ import annotations

import pytest

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


def test_dateline_byline_on_its_own_line_under_the_headline() -> None:
    text = (
        "双峰县农机合作社忙秋收\n\n"
        "本报讯(记者 曾 敏 通讯员 贺 伟)\n"
        "10月8日,双峰县青树坪镇的稻田里,收割机来回穿梭,合作社社员正抢抓晴好天气收割晚稻。\n\n"
        "今年,双峰县农机合作社为周边农户提供代耕代收服务3万余亩。\n"
    )
    page = segment_page(text)
    assert titles(page) == ["双峰县农机合作社忙秋收"]
    article = page.articles[0]
    assert [(r.name, r.role) for r in article.reporters] == [("曾敏", "记者"), ("贺伟", "通讯员")]
    assert nospace(article.body).startswith("10月8日")


def test_headline_between_unrelated_reports_is_not_taken_for_a_subhead() -> None:
    text = (
        "醴陵市陶瓷产业园新签约项目6个\n\n"
        "近日,醴陵市陶瓷产业园集中签约6个项目,总投资28亿元,涵盖日用瓷、电瓷和新材料等领域。"
        "“园区将为项目落地提供全程帮代办服务。”醴陵市商务局负责人表示。\n\n"
        "茶陵县红色研学线路受青睐\n\n"
        "金秋时节,茶陵县工农兵政府旧址纪念馆迎来一批又一批研学团队,学生们在讲解员带领下重温革命历史。\n\n"
        "茶陵县还推出“红色+生态”研学线路4条,今年以来接待研学学生5万余人次。\n"
    )
    page = segment_page(text)
    assert titles(page) == ["醴陵市陶瓷产业园新签约项目6个", "茶陵县红色研学线路受青睐"]
    assert [a.place.county for a in page.articles] == ["醴陵市", "茶陵县"]


def test_numbered_subheads_stay_inside_the_body() -> None:
    text = (
        "湘潭县民生实事交出亮眼答卷\n\n"
        "过去一年,湘潭县聚焦群众急难愁盼,扎实办好一批民生实事。\n\n"
        "一、就业创业有保障\n\n"
        "全县城镇新增就业8600人,发放创业担保贷款1.2亿元。\n\n"
        "二、看病就医更方便\n\n"
        "全县14个乡镇卫生院全部建成基层医疗服务中心。\n"
    )
    page = segment_page(text)
    assert titles(page) == ["湘潭县民生实事交出亮眼答卷"]
    assert "二、看病就医更方便" in page.articles[0].body


def test_photo_news_closed_by_its_credit_is_its_own_item() -> None:
    text = (
        "临武县开展消防安全检查\n\n"
        "10月9日,临武县消防救援大队对城区商场、宾馆开展消防安全检查,督促整改隐患36处。\n\n"
        "10月10日,汝城县热水镇的温泉小镇游人如织,游客在露天温泉池中休闲泡汤,享受秋日时光。国庆假期以来,小镇已接待游客3万余人次。\n\n"
        "记者 何 丽 摄\n\n"
        "(汝城县文旅广电局供稿)\n"
    )
    page = segment_page(text)
    assert titles(page) == ["临武县开展消防安全检查", None]
    photo = page.articles[1]
    assert photo.place.county == "汝城县"
    assert [(r.name, r.role) for r in photo.reporters] == [("何丽", "摄影")]
    assert "汝城县文旅广电局供稿" in page.furniture
    assert not page.articles[0].reporters


def test_text_continued_from_another_page_starts_a_new_article() -> None:
    text = (
        "邵东市小五金产业集群加速升级\n\n"
        "近日,邵东市五金产业园内,智能生产线满负荷运转,园区今年新增规模以上企业12家。\n\n"
        "上接第1版\n\n"
        "目前,该县已建成乡村振兴示范片6个,带动群众增收1.6亿元。(记者 易 鹏)\n"
    )
    page = segment_page(text)
    assert len(page.articles) == 2
    assert [r.name for r in page.articles[1].reporters] == ["易鹏"]
    assert "上接第1版" in page.furniture


def test_caption_credited_in_parentheses_between_paragraphs() -> None:
    text = (
        "新宁县崀山景区推出夜游项目\n\n"
        "国庆假期,新宁县崀山景区推出夜游项目,游客可乘竹筏夜游扶夷江,欣赏灯光秀。\n\n"
        "游客乘竹筏夜游扶夷江。（图/文 唐 涛）\n\n"
        "景区负责人介绍,夜游项目开通以来,已接待游客2万余人次,带动周边民宿入住率提升三成。\n"
    )
    article = segment_page(text).articles[0]
    assert article.captions == ["游客乘竹筏夜游扶夷江。"]
    assert "带动周边民宿" in article.body
    assert [(r.name, r.role) for r in article.reporters] == [("唐涛", "图文")]


def test_spaced_digits_in_a_narrow_column_are_rewrapped() -> None:
    lines = [
        "10月上旬，走进汉寿县政务",
        "服务中心，宽敞明亮的大厅",
        "里，群众办事有条不紊。该",
        "县将分散在 2 6 个部门的 1",
        " 0 8 0 项政务服务",
        "事项集中到综合窗口受理，",
        "实行“前台综合受理、后台",
        "分类审批、统一窗口出件”。",
    ]
    text = "汉寿县推行“一窗通办”\n\n" + "\n\n".join(lines) + "\n"
    page = segment_page(text)
    assert titles(page) == ["汉寿县推行“一窗通办”"]
    assert "26个部门的1080项政务服务事项" in nospace(page.articles[0].body)


def test_headline_naming_no_place_after_a_report_that_signed_off() -> None:
    text = (
        "浏阳市烟花产业稳中有进\n\n"
        "近日，浏阳市烟花爆竹产业链项目集中开工，总投资达30亿元。今年以来，浏阳烟花出口额同比增长18%。\n\n"
        "“我们将持续推动产业转型升级。”浏阳市工信局负责人表示。\n\n"
        "让老人吃上热乎饭\n\n"
        "“饭菜可口，价格实惠，我们天天来。”在宁乡市玉潭街道的长者食堂，82岁的刘大爷笑着说。"
        "今年以来，宁乡市新建长者食堂46家。\n\n"
        "宁乡市还为高龄、失能老人提供送餐上门服务，每月服务8000余人次。（宁乡市融媒体中心 李 明 王 芳）\n"
    )
    page = segment_page(text)
    assert titles(page) == ["浏阳市烟花产业稳中有进", "让老人吃上热乎饭"]
    meals = page.articles[1]
    assert meals.place.county == "宁乡市"
    assert [(r.name, r.role) for r in meals.reporters] == [("李明", None), ("王芳", None)]
    assert "宁乡市融媒体中心" in page.furniture


def _column(text: str, width: int, blank: bool) -> str:
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    return ("\n\n" if blank else "\n").join(lines)


@pytest.mark.parametrize("blank", [True, False], ids=["blank-lines", "touching-lines"])
def test_spaced_out_headlines_over_narrow_columns(blank: bool) -> None:
    rice = (
        "9月12日，汉寿县西湖管理区的稻田里，收割机来回穿梭，一派丰收景象。今年，该区水稻种植面积达5万亩。",
        "“今年雨水足，稻子长得好。”种粮大户李建国说。汉寿县还为种粮大户提供农机补贴和技术指导。",
    )
    study = (
        "9月10日，澧县城头山遗址公园迎来研学高峰，来自长沙、常德等地的中小学生走进遗址，感受稻作文明。",
        "澧县依托城头山遗址打造研学基地，今年以来已接待研学学生8万余人次。",
    )
    text = "\n\n".join(
        ["汉 寿 稻 谷 喜 获 丰 收", *(_column(p, 12, blank) for p in rice)]
        + ["城 头 山 研 学 游 升 温", *(_column(p, 12, blank) for p in study)]
    )
    page = segment_page(text + "\n")
    assert [nospace(t) for t in titles(page)] == ["汉寿稻谷喜获丰收", "城头山研学游升温"]
    assert [a.place.county for a in page.articles] == ["汉寿县", "澧县"]
    assert "种粮大户提供农机补贴" in nospace(page.articles[0].body)
