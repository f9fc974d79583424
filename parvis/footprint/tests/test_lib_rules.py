"""Pure-Python rules: URL safety, page discovery, good practices, accessibility, ranking."""

from parvis.footprint.lib import accessibility, discover, practices, recommend, stats


def test_sitemap_pages_and_index_are_read():
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://a.fr/x </loc></url></urlset>'
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.fr/s1.xml</loc></sitemap></sitemapindex>'
    assert discover.parse_sitemap(urlset) == (["https://a.fr/x"], [])
    assert discover.parse_sitemap(index) == ([], ["https://a.fr/s1.xml"])
    assert discover.parse_sitemap(b"<html>not xml") == ([], [])


def test_pages_chosen_are_same_site_html_pages_allowed_by_robots():
    rules = discover.robots("User-agent: *\nDisallow: /prive/\n")
    candidates = ["/a", "/a#top", "https://autre.fr/b", "/doc.pdf", "/prive/x", "/b", "/c", "/d"]
    chosen = discover.choose_pages(
        "https://mairie.fr/", candidates, limit=3, allowed=lambda u: rules.can_fetch("ParvisBot", u)
    )
    assert chosen == [
        "https://mairie.fr/",
        "https://mairie.fr/a",
        "https://mairie.fr/b",
        "https://mairie.fr/c",
    ]


def test_crawl_delay_from_robots_is_respected_when_longer():
    rules = discover.robots("User-agent: *\nCrawl-delay: 5\n")
    assert discover.crawl_delay(rules, "ParvisBot", 1.0) == 5.0
    assert discover.crawl_delay(discover.robots(None), "ParvisBot", 1.0) == 1.0


def resource(url, mime, transfer, body=None, **headers):
    return {
        "url": url,
        "host": url.split("/")[2].split(":")[0],
        "status": 200,
        "mime": mime,
        "transfer": transfer,
        "body": body or transfer,
        "headers": headers,
    }


def test_good_practices_flag_compression_formats_cache_trackers_and_fonts():
    resources = [
        resource("https://mairie.fr/", "text/html", 5_000, 5_000, **{"content-encoding": "br"}),
        resource("https://mairie.fr/app.js", "application/javascript", 80_000),
        resource("https://mairie.fr/photo.jpg", "image/jpeg", 400_000, **{"cache-control": "max-age=3600"}),
        resource(
            "https://www.googletagmanager.com/gtag/js",
            "application/javascript",
            90_000,
            **{"content-encoding": "gzip", "cache-control": "max-age=900"},
        ),
        resource("https://fonts.example.net/f.woff2", "font/woff2", 30_000, **{"cache-control": "max-age=9"}),
    ]
    images = [
        {
            "src": "https://mairie.fr/photo.jpg",
            "natural_width": 2000,
            "natural_height": 1000,
            "width": 200,
            "height": 100,
        }
    ]
    findings = {f["code"]: f for f in practices.analyse(resources, images, "https://mairie.fr/")}
    assert set(findings) == {
        "compression",
        "image_format",
        "image_oversize",
        "cache",
        "trackers",
        "third_party",
        "web_fonts",
    }
    assert findings["compression"]["items"] == ["https://mairie.fr/app.js"]
    assert findings["trackers"]["items"] == ["www.googletagmanager.com"]
    assert findings["cache"]["items"] == ["https://mairie.fr/app.js"]
    assert findings["image_oversize"]["gain_bytes"] == 396_000


def test_weight_by_type_sums_bytes_per_kind_heaviest_first():
    resources = [
        resource("https://a.fr/", "text/html", 10),
        resource("https://a.fr/i.png", "image/png", 50),
        resource("https://a.fr/j.png", "image/png", 5),
    ]
    assert practices.weight_by_type(resources) == {
        "image": {"count": 2, "bytes": 55},
        "html": {"count": 1, "bytes": 10},
    }


def test_violations_carry_their_rgaa_criteria_most_severe_first():
    violations = [
        {"id": "region", "impact": "moderate", "tags": ["RGAAv4", "RGAA-9.2.1"], "nodes": [], "count": 1},
        {"id": "image-alt", "impact": "critical", "tags": ["RGAAv4", "RGAA-1.1.1"], "nodes": [], "count": 2},
    ]
    rows = accessibility.by_criterion(violations)
    assert [(r["rule"], r["criteria"]) for r in rows] == [("image-alt", ["1.1.1"]), ("region", ["9.2.1"])]


def test_declarative_checks_find_statement_level_and_plan():
    page = {
        "links": [{"href": "https://a.fr/acc", "text": "Accessibilité : non conforme"}],
        "text": "Notre schéma pluriannuel 2025-2027",
    }
    assert accessibility.declarative(page) == {
        "statement_url": "https://a.fr/acc",
        "conformity": "non",
        "multi_year_plan": True,
    }
    assert accessibility.declarative({"links": [], "text": ""}) == {
        "statement_url": "",
        "conformity": "",
        "multi_year_plan": False,
    }


def test_recommendations_are_ordered_by_expected_points():
    findings = [
        {"code": "cache", "gain_bytes": 0, "gain_requests": 0, "items": ["x"], "count": 1},
        {"code": "image_format", "gain_bytes": 1_200_000, "gain_requests": 0, "items": ["y"], "count": 1},
    ]
    items = recommend.recommendations(
        nodes=300,
        requests=30,
        size_kb=2500,
        findings=findings,
        violations=[],
        declarative={"statement_url": "u", "conformity": "non", "multi_year_plan": True},
    )
    assert [i["code"] for i in items] == ["weight", "image_format", "cache"]
    assert items[1]["points"] == recommend.gain_points(300, 30, 2500, less_kb=1200) > 0
    assert items[1]["references"] == ["RGESN 5.1"]


def test_site_summary_is_the_median_of_pages_with_the_worst_listed():
    pages = [
        {"url": f"/{s}", "score": s, "size_kb": s * 10.0, "requests": s, "nodes": s} for s in (90, 40, 70, 60)
    ]
    summary = stats.site_summary(pages + [{"url": "/err", "score": None}], worst=2)
    assert summary["score"] == 65 and summary["pages"] == 4 and summary["worst"] == ["/40", "/60"]


def test_rank_gives_position_in_class():
    assert stats.rank({"a": 50, "b": 80, "c": 65}, "c") == (2, 3)
