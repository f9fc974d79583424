"""SVG charts without Django: accessible markup, honest axes, real distances between years."""

import re
import xml.etree.ElementTree as ET

from parvis.observatory.lib.charts import (
    Bar,
    Point,
    Series,
    bar_chart,
    line_chart,
    nice_ticks,
    starts_at_zero,
)

NS = "{http://www.w3.org/2000/svg}"


def test_ticks_are_round_numbers_covering_the_range():
    assert nice_ticks(0, 92_989, 4) == [0, 25_000, 50_000, 75_000, 100_000]
    assert nice_ticks(-3, 7, 5) == [-4, -2, 0, 2, 4, 6, 8]
    assert nice_ticks(5, 5) == [5, 6, 7, 8, 9, 10]


def test_a_bar_chart_is_a_named_image_with_a_bar_per_value_from_zero():
    bars = [Bar("Créteil", 92_989, "92 989 habitants", True), Bar("Ahun", 1_433, "1 433 habitants")]
    svg = bar_chart(bars, title="Population 2021", description="Une barre par commune.", svg_id="b")
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "b-t b-d"
    assert root.find(f"{NS}title").text == "Population 2021"
    rects = root.findall(f".//{NS}rect")
    assert len(rects) == 2
    assert {r.get("x") for r in rects} == {"190.0"}  # both bars start at the zero line
    widths = [float(r.get("width")) for r in rects]
    assert abs(widths[0] / widths[1] - 92_989 / 1_433) < 0.5  # lengths proportional to the values
    assert rects[0].get("fill") != rects[1].get("fill")  # the chosen commune stands out…
    assert 'font-weight="bold"' in svg  # …and not by colour only


def test_a_bar_without_value_keeps_its_row_and_says_so():
    svg = bar_chart([Bar("A", 3, "3"), Bar("B", None, "pas de donnée")], title="t", description="d")
    assert svg.count("<rect") == 1 and "pas de donnée" in svg


def test_negative_values_draw_to_the_left_of_zero():
    svg = bar_chart([Bar("A", -2, "−2"), Bar("B", 4, "4")], title="t", description="d")
    rects = ET.fromstring(svg).findall(f".//{NS}rect")  # noqa: S314 (our own output)
    assert float(rects[0].get("x")) < float(rects[1].get("x"))


def test_names_and_values_are_escaped():
    svg = bar_chart([Bar("<script>", 1, "1 & 2")], title='a "b"', description="<d>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "1 &amp; 2" in svg
    ET.fromstring(svg)  # noqa: S314 (our own output, well-formed)


def test_years_are_placed_at_their_real_distance():
    series = [
        Series(
            "Créteil",
            [Point(2015, 90_739, "90 739"), Point(2017, 91_000, "91 000"), Point(2021, 92_989, "92 989")],
        )
    ]
    svg = line_chart(series, title="t", description="d", svg_id="e")
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)[:3]]
    assert abs((xs[1] - xs[0]) * 2 - (xs[2] - xs[1])) < 1  # 2 years, then 4 years: twice the gap


def test_each_series_has_its_own_marker_and_dash_and_a_legend_inside_the_image():
    series = [
        Series("Créteil", [Point(2015, 1, "1"), Point(2021, 2, "2")]),
        Series("Val-de-Marne", [Point(2015, 2, "2"), Point(2021, 3, "3")]),
    ]
    svg = line_chart(series, title="t", description="d")
    assert "<circle" in svg and "<rect" in svg  # circle markers, then squares
    assert 'stroke-dasharray="8 4"' in svg
    assert ">Créteil</text>" in svg and ">Val-de-Marne</text>" in svg


def test_the_vertical_axis_includes_zero_unless_the_values_are_far_from_it():
    assert starts_at_zero([3, 9]) and starts_at_zero([-1, 4]) and starts_at_zero([-9, -3])
    assert not starts_at_zero([90_739, 92_989])
    far = line_chart(
        [Series("x", [Point(2015, 90_739, "a"), Point(2021, 92_989, "b")])], title="t", description="d"
    )
    near = line_chart([Series("x", [Point(2015, 3, "a"), Point(2021, 9, "b")])], title="t", description="d")
    assert ">0</text>" in near and ">0</text>" not in far


def test_no_values_no_chart():
    assert line_chart([Series("x", [Point(2015, None, "")])], title="t", description="d") == ""
