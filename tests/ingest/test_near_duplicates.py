"""Near-duplicate detection on constructed printings: every light edit groups, no different story does."""

from __future__ import annotations

import opencc
import pytest

from archive.ingest.near_duplicates import candidate_pairs, group_bodies, same_story, shingles

# Original reports written for this test (none is copied from a paper).
ORIGINALS = {
    "canteen": (
        "本报讯（记者 刘清 通讯员 邓一帆）6月20日中午，"
        "东安县芦洪市镇幸福食堂里饭菜飘香，二十多位老人围坐一桌吃午饭。"
        "今年以来，该县整合村级活动场所和闲置校舍，建成老年助餐点46个，为80岁以上老人提供每餐3元的午餐。\n\n"
        "助餐点由村集体运营，县财政按就餐人次给予补贴，爱心企业捐赠米油蔬菜。"
        "为解决行动不便老人吃饭难题，志愿者每天把饭菜送到家中，累计送餐1.2万份。\n\n"
        "县民政局负责人介绍，下一步将把助餐服务与健康监测结合起来，"
        "在助餐点配备血压计和急救箱，让老人吃得放心、住得安心。"
    ),
    "river": (
        "记者 王芳 报道 入夏以来，祁东县全面推行河长巡河“日记制”，"
        "县乡村三级河长1200余人每周至少巡河一次，发现问题当场拍照上传。"
        "截至目前，共清理河道垃圾3400余吨，拆除违规网箱86处，整改排污口23个。\n\n"
        "该县还在湘江祁东段设立民间河长，邀请退休教师、返乡青年参与监督，"
        "群众通过微信小程序即可反映问题，相关部门24小时内响应。\n\n"
        "“过去河边到处是垃圾，现在水清了，鱼也多了。”归阳镇村民李大爷说。"
    ),
    "permit": (
        "长沙讯 浏阳市政务服务中心推出“开办企业一件事”套餐服务，申请人只需填写一张表格、提交一套材料，"
        "营业执照、公章刻制、税务登记和社保登记即可一次办结，办理时间由原来的5个工作日压缩到半天。\n\n"
        "今年1至5月，该中心已为3200余家新开办企业提供套餐服务，群众满意率达99.6%。"
        "为方便偏远乡镇群众，浏阳还在32个乡镇便民服务中心开设帮办代办窗口，实现企业开办就近可办。"
    ),
    "tea": (
        "（通讯员 陈晓 摄影报道）5月中旬，古丈县默戎镇万亩茶园迎来夏茶采摘高峰，"
        "茶农们穿梭在茶垄间，一派繁忙景象。"
        "近年来，古丈县坚持把茶产业作为乡村振兴的主导产业，推广有机种植和标准化加工，"
        "全县茶园面积达到20万亩，带动2.3万户茶农人均增收4000余元。\n\n"
        "今年，该县新建茶叶加工厂5座，引进自动化生产线12条，"
        "并与电商平台合作开设古丈毛尖旗舰店，线上销售额同比增长40%。"
    ),
    "brief_flood": (
        "本报讯 6月21日，新化县召开防汛工作调度会，"
        "部署近期强降雨防范工作。会议要求，各乡镇要严格落实24小时值班制度，"
        "对山洪地质灾害隐患点逐一排查，提前转移危险区域群众，确保人民群众生命财产安全。"
        "会后，县防汛抗旱指挥部派出6个督查组分赴各乡镇检查值班值守和物资储备情况。"
    ),
}

# Same county, subject and boilerplate, another story: none may group with the originals or each other.
DIFFERENT = {
    "canteen_other": (
        "本报讯（记者 刘清）6月25日，东安县井头圩镇老年食堂正式开餐，附近三个村的老人步行十分钟即可吃上热饭。"
        "食堂由镇卫生院旧址改建，配有适老化桌椅和无障碍通道，每天供应午餐和晚餐两顿，"
        "70岁以上老人每餐5元，特困老人免费就餐。\n\n"
        "镇党委书记表示，将在年底前实现老年食堂村村全覆盖，并探索邻里互助、时间银行等志愿服务方式。"
    ),
    "river_other": (
        "记者 王芳 报道 6月以来，祁东县组织开展河道“清四乱”专项行动，重点整治乱占、乱采、乱堆、乱建问题。"
        "县河长办联合水利、生态环境、自然资源等部门成立4个督查组，对全县38条主要河流开展拉网式排查，"
        "已关停非法采砂场7处，恢复河道岸线2.6公里。\n\n"
        "县河长办负责人表示，将建立问题清单和整改台账，实行销号管理，整改不到位的严肃追责。"
    ),
    "brief_flood_other": (
        "本报讯 6月22日，新化县召开安全生产工作调度会，"
        "部署汛期安全生产工作。会议要求，各乡镇要严格落实24小时值班制度，"
        "对矿山、建筑工地、危化品企业逐一排查，及时消除隐患，确保人民群众生命财产安全。"
    ),
    "brief_flood_third": (
        "本报讯 6月23日，新化县召开森林防火工作会，"
        "安排夏季森林防火工作。会议要求，各乡镇要严格落实24小时值班制度，"
        "加强野外用火管理和巡山护林，发现火情及时报告，确保人民群众生命财产安全。"
    ),
}

_T2TW = opencc.OpenCC("s2t")


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _rewrap(text: str, width: int = 17) -> str:
    flat = text.replace("\n\n", "")
    return "\n".join(flat[i : i + width] for i in range(0, len(flat), width))


def _cut_last_sentence(text: str) -> str:
    sentences = text.rstrip("。").split("。")
    return "。".join(sentences[:-1]) + "。"


def _add_sentence(text: str) -> str:
    return text + "\n\n活动现场，工作人员还向群众发放了宣传资料，解答群众关心的热点问题。"


def _swap_credits(text: str) -> str:
    credits = ("本报讯（记者 刘清 通讯员 邓一帆）", "记者 王芳 报道 ", "长沙讯 ")
    credits += ("（通讯员 陈晓 摄影报道）", "本报讯 ")
    for old in credits:
        if text.startswith(old):
            return "新华社长沙6月22日电（湖南日报全媒体记者 周敏）" + text[len(old) :]
    return text


def _condensed(text: str) -> str:
    # A paper's shorter printing: the first two paragraphs only (or the whole, for a brief).
    paragraphs = text.split("\n\n")
    return "\n\n".join(paragraphs[:2]) if len(paragraphs) > 2 else text


EDITS = {
    "headline_only": lambda t: t,  # the body is printed unchanged under another headline
    "cut_sentence": _cut_last_sentence,
    "add_sentence": _add_sentence,
    "credits": _swap_credits,
    "traditional": _T2TW.convert,
    "fullwidth": _fullwidth,
    "rewrap": _rewrap,
    "credits_and_traditional": lambda t: _T2TW.convert(_swap_credits(t)),
    "cut_and_rewrap": lambda t: _rewrap(_cut_last_sentence(t)),
    "condensed": _condensed,
}


def _corpus() -> tuple[dict[int, str], set[frozenset[int]], set[frozenset[int]]]:
    """All texts by id, the pairs that must group, the pairs that must not."""
    bodies: dict[int, str] = {}
    owner: dict[int, str] = {}
    for name, text in ORIGINALS.items():
        bodies[len(bodies)] = text
        owner[len(bodies) - 1] = name
        for edit in EDITS.values():
            bodies[len(bodies)] = edit(text)
            owner[len(bodies) - 1] = name
    for name, text in DIFFERENT.items():
        bodies[len(bodies)] = text
        owner[len(bodies) - 1] = name
    ids = sorted(bodies)
    same = {frozenset((a, b)) for a in ids for b in ids if a < b and owner[a] == owner[b]}
    different = {frozenset((a, b)) for a in ids for b in ids if a < b and owner[a] != owner[b]}
    return bodies, same, different


def test_every_light_edit_groups_and_no_other_story_does() -> None:
    bodies, same, different = _corpus()
    groups = group_bodies(bodies)
    grouped = {frozenset((a, b)) for g in groups for a in g for b in g if a < b}
    true_positive = len(grouped & same)
    precision = true_positive / len(grouped) if grouped else 0.0
    recall = true_positive / len(same)
    print(f"constructed pairs: {len(same)} duplicate, {len(different)} not")
    print(f"precision {precision:.3f}, recall {recall:.3f}")
    assert grouped & different == set()
    assert same <= grouped


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_each_edit_is_confirmed_directly(edit: str) -> None:
    # Not only through a chain of other printings: each edit against its original.
    for text in ORIGINALS.values():
        assert same_story(shingles(text), shingles(EDITS[edit](text))), edit


def test_same_topic_and_boilerplate_is_not_the_same_story() -> None:
    pairs = [("canteen", "canteen_other"), ("river", "river_other"), ("brief_flood", "brief_flood_other")]
    for original, other in pairs:
        assert not same_story(shingles(ORIGINALS[original]), shingles(DIFFERENT[other]))
    assert not same_story(shingles(DIFFERENT["brief_flood_other"]), shingles(DIFFERENT["brief_flood_third"]))


def test_a_short_caption_never_groups() -> None:
    caption = "图为东安县芦洪市镇幸福食堂。"
    assert shingles(caption) == frozenset()
    assert group_bodies({1: caption, 2: caption}) == []


def test_candidates_come_from_shared_bands_not_all_pairs() -> None:
    assert candidate_pairs({1: [10, 11], 2: [11, 12], 3: [13]}) == {(1, 2)}


def test_groups_are_stars_not_chains() -> None:
    from archive.ingest.near_duplicates import components

    # 1~2~3~4: 2 is the centre; 4 matched only 3, never the centre, so it is not a printing of 2's text.
    assert components([1, 2, 3, 4, 5], [(1, 2), (2, 3), (3, 4)]) == [[1, 2, 3]]
    # A long chain of stock-paragraph pieces does not become one group.
    chain = [(i, i + 1) for i in range(1, 30)]
    assert max(len(g) for g in components(range(1, 31), chain)) == 3
    assert components([1, 2, 3], [(1, 2), (1, 3), (2, 3)]) == [[1, 2, 3]]
