"""The trained topic model: what it adds over keywords, the evidence it keeps, and its reproducibility."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from archive.ingest.topic_data import TOPIC_NAMES, read_training_data
from archive.ingest.topic_model import MODEL_JSON, TopicModel, decide, load_model
from archive.ingest.topics import assign_topics, default_rules, keyword_assign, score_topics

REPO = Path(__file__).resolve().parents[2]

# Written for this test: a village report that never prints 乡村振兴 nor any keyword of its row in
# archive/data/topics.json (the first assertion checks that), the way real reports talk about it.
ORCHARD_TITLE = "黄桃挂满枝 山村笑开颜"
ORCHARD_BODY = (
    "盛夏时节，走进桃源县大坪村，漫山遍野的黄桃挂满枝头，前来采摘的游客络绎不绝。"
    "几年前，这里还是远近闻名的贫困村，青壮年大多外出务工。"
    "村党支部牵头成立黄桃专业协会，统一品种、统一技术、统一包装，"
    "把分散的果园连成片，还请来县里的技术员上门指导修枝、套袋。"
    "如今全村黄桃面积达到3000亩，亩产超过2000公斤，"
    "线上线下同步销售，产品卖到了长沙、广州等地，户均年收入多了1.5万元。"
    "“家门口就能挣钱，谁还愿意往外跑？”果园里，刚从广东回来的李大哥一边装箱一边说。"
)


def _names(topics) -> list[str]:
    return [t.name for t in topics]


def test_the_committed_model_covers_the_nine_topics_and_loads_without_scikit_learn() -> None:
    model = load_model()
    assert model is not None
    assert model.topics == TOPIC_NAMES
    assert model.coef.shape == (len(model.vocab), len(TOPIC_NAMES))
    # run time needs numpy only: assigning topics in a fresh interpreter imports no scikit-learn
    code = (
        "import sys; from archive.ingest.topics import assign_topics; "
        f"assert assign_topics({ORCHARD_TITLE!r}, {ORCHARD_BODY!r}); "
        "assert not any(m.split('.')[0] in ('sklearn', 'scipy') for m in sys.modules), 'sklearn loaded'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_a_village_report_without_the_words_gets_the_topic_it_is_about() -> None:
    # The premise: no keyword of 乡村振兴 or 产业经济 is printed, and the one keyword that is
    # (村党支部) points at 党建廉政, which is all keywords alone give it.
    keyword_topics = {t.name for t in score_topics(ORCHARD_TITLE, ORCHARD_BODY)}
    assert keyword_topics == {"党建廉政"}
    assert _names(keyword_assign(ORCHARD_TITLE, ORCHARD_BODY)) == ["党建廉政"]
    # The model reads what the report is about: a village's fruit growing and its income. (Round
    # four's model gave 乡村振兴 and 产业经济; trained on four more real sets it gives 产业经济 first
    # and 乡村振兴 under the second topic's bar.)
    topics = _names(assign_topics(ORCHARD_TITLE, ORCHARD_BODY))
    assert topics and topics[0] in ("乡村振兴", "产业经济")
    assert "党建廉政" not in topics


def test_every_chosen_topic_shows_its_evidence_keywords_first() -> None:
    body = (
        "县纪委监委开展廉洁文化进村活动，推动清廉村居建设，党员干部签订廉政承诺书。"
        "同时，村里发展村集体经济，带动农户增收，乡村振兴步伐加快。"
    )
    topics = assign_topics("绘就乡村振兴清廉底色", body)
    assert {"党建廉政", "乡村振兴"} <= set(_names(topics))
    by_name = {t.name: t for t in topics}
    # the keywords that matched come first, as they did before the model
    matched = {t.name: t.keywords for t in score_topics("绘就乡村振兴清廉底色", body)}
    for name in ("党建廉政", "乡村振兴"):
        shown = by_name[name].keywords
        assert shown[: len(matched[name][:3])] == matched[name][:3]
    # a topic chosen with no keyword at all still shows the words of the text that earned it
    orchard = assign_topics(ORCHARD_TITLE, ORCHARD_BODY)[0]
    assert orchard.name not in {t.name for t in score_topics(ORCHARD_TITLE, ORCHARD_BODY)}
    assert orchard.keywords
    assert all(w in ORCHARD_TITLE + ORCHARD_BODY for w in orchard.keywords)


def test_editors_keywords_still_move_the_outcome() -> None:
    title, body = "萤火虫夏令营开营", "暑假里，孩子们在湿地公园夜观萤火虫，听讲解员讲萤火虫的故事。"
    rules = {name: dict(kw) for name, kw in default_rules().items()}
    base = {t.name: t.score for t in assign_topics(title, body, rules)}
    for topic in ("生态环保", "文教卫体"):
        edited = {name: dict(kw) for name, kw in rules.items()}
        edited[topic]["萤火虫"] = 5.0
        topics = assign_topics(title, body, edited)
        assert topics[0].name == topic, (topic, _names(topics))
        assert "萤火虫" in topics[0].keywords
        assert topics[0].score > base.get(topic, 0.0)


def test_at_most_two_topics_best_first_and_none_for_an_empty_text() -> None:
    for article in read_training_data([])[:40]:
        topics = assign_topics(article.head, article.body)
        assert 1 <= len(topics) <= 2
        assert [t.score for t in topics] == sorted((t.score for t in topics), reverse=True)
    assert assign_topics("", "") == []
    assert decide([0.9, 0.6, 0.55], 0.1, 0.5, 2) == [0, 1]
    assert decide([0.02, 0.01], 0.1, 0.5, 2) == []


def test_the_reader_finds_every_annotated_article_with_its_set() -> None:
    articles = read_training_data([])
    sets = {a.set_name for a in articles}
    assert {"seeds", "g", "h", "k", "m", "p", "w"} <= sets
    seeds = [a for a in articles if a.set_name == "seeds"]
    gold = json.loads((REPO / "tests" / "ingest" / "gold_seeds.json").read_text(encoding="utf-8"))
    assert len(seeds) == sum(len(p["articles"]) for p in gold["pages"])
    for a in articles:
        assert a.topics and set(a.topics) <= set(TOPIC_NAMES)
        assert len(a.body) >= 20


def test_a_real_layout_set_folder_is_one_set_and_a_report_printed_inside_another_is_cut_out(
    tmp_path: Path,
) -> None:
    outer_a = "盛夏时节，大坪村的黄桃挂满枝头，游客纷纷前来采摘，"
    inner = "县医院专家来到乡镇卫生院坐诊，为群众免费体检，发放健康手册。"
    outer_b = "果园里一片繁忙景象，今年黄桃销路不愁。"
    page = f"县域新闻\n\n大坪村黄桃丰收\n\n{outer_a}\n\n{inner}\n\n{outer_b}\n"
    (tmp_path / "x01_page.txt").write_text(page, encoding="utf-8")

    def article(title: str, topic: str, start: str, end: str) -> dict:
        return {"title": title, "topics": [topic], "body_start": start[:20], "body_end": end[-20:]}

    gold = {
        "pages": [
            {
                "file": "x01_page.txt",
                "articles": [
                    article("大坪村黄桃丰收", "乡村振兴", outer_a, outer_b),
                    article("专家义诊进乡镇", "文教卫体", inner, inner),
                ],
            }
        ]
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    extra = [a for a in read_training_data([tmp_path]) if a.set_name == tmp_path.name]
    fold = functools.partial(unicodedata.normalize, "NFKC")  # anchors are compared NFKC-folded
    assert [(a.head, a.body, a.topics) for a in extra] == [
        ("大坪村黄桃丰收", fold(outer_a + outer_b), ("乡村振兴",)),
        ("专家义诊进乡镇", fold(inner), ("文教卫体",)),
    ]


def test_training_reproduces_the_committed_model() -> None:
    from archive.ingest.topic_training import train

    committed = json.loads(MODEL_JSON.read_text(encoding="utf-8"))
    articles = read_training_data()
    # annotated pages added or changed since the model was trained: run `manage.py train_topics`
    assert committed["sets"] == dict(Counter(a.set_name for a in articles)), "retrain the topic model"
    retrained, _ = train(articles, default_rules())
    assert retrained["vocab"] == committed["vocab"]
    assert retrained["second_threshold"] == committed["second_threshold"]
    assert np.allclose(retrained["coef"], committed["coef"], atol=2e-3)
    old, new = TopicModel.from_dict(committed), TopicModel.from_dict(retrained)
    for a in articles:
        args = (a.head, a.body, {t.name: t.score for t in score_topics(a.head, a.body)})
        assert old.probabilities(*args) == pytest.approx(new.probabilities(*args), abs=1e-3)
