"""The data migration loads Hunan's divisions and the nine topics."""

import pytest

from archive.models import County, Topic

pytestmark = pytest.mark.django_db


def test_fourteen_prefectures_and_122_county_level_divisions():
    assert County.objects.filter(level=County.Level.PREFECTURE).count() == 14
    assert County.objects.filter(level=County.Level.COUNTY).count() == 122
    assert County.objects.count() == 136


def test_division_types_and_parents():
    counts = {kind: County.objects.filter(kind=kind).count() for kind in County.Kind.values}
    assert counts[County.Kind.PREFECTURE_CITY] == 13
    assert counts[County.Kind.AUTONOMOUS_PREFECTURE] == 1
    assert sum(counts[k] for k in ("市辖区", "县级市", "县", "自治县")) == 122
    assert not County.objects.filter(level=County.Level.COUNTY, parent__isnull=True).exists()
    assert not County.objects.filter(level=County.Level.COUNTY).exclude(parent__level="prefecture").exists()
    lianyuan = County.objects.get(name="涟源市")
    assert lianyuan.kind == County.Kind.COUNTY_CITY
    assert lianyuan.parent.name == "娄底市"
    assert lianyuan.prefecture == lianyuan.parent
    assert "涟源" in lianyuan.aliases
    xiangxi = County.objects.get(kind=County.Kind.AUTONOMOUS_PREFECTURE)
    assert xiangxi.name == "湘西土家族苗族自治州"
    assert xiangxi.children.count() == 8


def test_nine_topics_with_keywords():
    names = list(Topic.objects.values_list("name", flat=True))
    assert names == [
        "政务服务",
        "营商环境",
        "乡村振兴",
        "产业经济",
        "民生保障",
        "党建廉政",
        "社会治理",
        "生态环保",
        "文教卫体",
    ]
    for topic in Topic.objects.all():
        assert topic.slug and topic.description
        weights = topic.keyword_weights()
        assert weights and all(w > 0 for w in weights.values())
    assert Topic.objects.get(name="政务服务").keyword_weights()["一件事一次办"] == 4
