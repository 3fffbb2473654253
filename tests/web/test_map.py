"""The map of Hunan's counties on the places and prefecture pages."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count
from django.urls import reverse

from archive.models import County
from archive.services import maps

pytestmark = pytest.mark.django_db


def html_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def map_links(page: str) -> dict[str, str]:
    """{county url: shade class} for every county drawn on the page's map."""
    svg = re.search(r'<svg class="county-map__svg".*?</svg>', page, re.S)
    assert svg, "no map on the page"
    return dict(
        re.findall(r'<a href="([^"]+)" tabindex="-1"><path class="map-shade-(\d)(?: is-current)?"', svg[0])
    )


def test_every_division_in_the_county_table_has_a_shape():
    drawing = maps.shapes()
    counties = set(County.objects.filter(level=County.Level.COUNTY).values_list("code", flat=True))
    prefectures = set(County.objects.filter(level=County.Level.PREFECTURE).values_list("code", flat=True))
    assert len(counties) == 122 and len(prefectures) == 14
    assert counties <= set(drawing.counties)
    assert prefectures <= set(drawing.prefectures)
    # Shapes lie inside the drawing and are not degenerate.
    for code in counties:
        box = drawing.boxes[code]
        assert 0 <= box.left < box.right <= drawing.width and 0 <= box.top < box.bottom <= drawing.height


def test_former_names_in_the_source_resolve_to_todays_divisions():
    # The boundary package still calls 邵东市 邵东县 and 渌口区 株洲县.
    drawing = maps.shapes()
    for name in ("邵东市", "渌口区", "祁阳市", "宁乡市"):
        assert County.objects.get(name=name).code in drawing.counties


def test_places_page_maps_all_counties_shaded_by_article_count(client):
    page = html_text(client.get(reverse("archive:places")))
    links = map_links(page)
    counties = County.objects.filter(level=County.Level.COUNTY).annotate(n=Count("articles"))
    assert len(links) == counties.count() == 122
    for county in counties:
        shade = links[county.get_absolute_url()]
        assert (shade == "0") == (county.n == 0), county.name
    busiest = max(counties, key=lambda c: c.n)
    assert links[busiest.get_absolute_url()] == max(links.values())
    assert "图例" in page and "无文章" in page
    # The text list beside the map links every county too.
    for county in counties:
        assert page.count(f'href="{county.get_absolute_url()}"') >= 2


def test_prefecture_page_maps_only_its_counties(client):
    prefecture = County.objects.get(name="邵阳市")
    links = map_links(html_text(client.get(prefecture.get_absolute_url())))
    assert set(links) == {c.get_absolute_url() for c in prefecture.children.all()}


def test_shades_split_counties_into_classes_that_cover_every_count():
    counts = [0, 0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
    shades = maps.shades_for(counts)
    assert shades[0].label == "无文章"
    assert [s.level for s in shades] == list(range(len(shades))) and len(shades) <= maps.SHADES + 1
    for count in counts:
        shade = maps.shade_of(count, shades)
        assert (shade.level == 0) == (count == 0)
        assert count == 0 or shade.low <= count <= shade.high
    levels = [maps.shade_of(c, shades).level for c in sorted(counts)]
    assert levels == sorted(levels) and levels[-1] == len(shades) - 1


def test_path_box_follows_relative_steps():
    assert maps.path_box("M10 20l5 0 0-7-10 3zM40 40l1 1z") == maps.Box(5, 13, 41, 41)


def test_county_page_shows_itself_among_its_prefectures_counties(client):
    county = County.objects.get(name="邵东市")
    page = html_text(client.get(county.get_absolute_url()))
    links = map_links(page)
    assert set(links) == {c.get_absolute_url() for c in county.parent.children.all()}
    current = re.findall(r'<a href="([^"]+)" tabindex="-1"><path class="map-shade-\d is-current"', page)
    assert current == [county.get_absolute_url()]
