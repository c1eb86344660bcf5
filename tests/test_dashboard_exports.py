"""Issue 10 in the dashboard: the Itinerary page's downloads offer a PNG and an embed snippet."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tourmap._chromium import CHROMIUM
from tourmap.views import embed_snippet

from .test_dashboard import goto, shown

TITLE = "US, Mexico play up increased security cooperation"


def _labels(at: AppTest, kind: str) -> list[str]:
    return [e.proto.label for e in at.get(kind)]


def test_the_embed_snippet_is_literal_code(app: AppTest) -> None:
    goto(app, "pages/itinerary.py")
    codes = [c.value for c in app.code]
    assert codes == [
        f'<iframe src="tour-map.html" width="100%" height="600" style="border:0" title="{TITLE}"></iframe>'
    ]
    assert app.code[0].language == "html"
    assert "Map (HTML)" in _labels(app, "download_button")


def test_the_embed_title_cannot_end_its_attribute() -> None:
    snippet = embed_snippet('Evil" onload="alert(1)"><script>x</script>\n\u0007 & more')
    assert snippet.endswith(
        'title="Evil&quot; onload=&quot;alert(1)&quot;&gt;'
        '&lt;script&gt;x&lt;/script&gt; &amp; more"></iframe>'
    )
    assert snippet.count('"') == 10  # the five attributes' quotes, none from the title
    assert len(embed_snippet("x" * 10_000)) < 400


def test_the_png_button_asks_for_chromium_when_there_is_none(
    app: AppTest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    goto(app, "pages/itinerary.py")
    assert "Map (PNG)" in [b.label for b in app.button]
    assert "Download the PNG (1200x800)" not in _labels(app, "download_button")
    monkeypatch.setenv("PATH", str(tmp_path))
    next(b for b in app.button if b.label == "Map (PNG)").click().run()
    assert not app.exception
    assert "No picture: no Chromium found on PATH for --png (apt-get install chromium)" in shown(app)
    assert "Download the PNG (1200x800)" not in _labels(app, "download_button")


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} missing")
def test_the_png_is_drawn_on_request_and_kept(app: AppTest) -> None:
    goto(app, "pages/itinerary.py")
    next(b for b in app.button if b.label == "Map (PNG)").click().run()
    assert not app.exception
    assert "Download the PNG (1200x800)" in _labels(app, "download_button")
    app.run()  # a rerun (another widget) keeps it, from the cache
    assert "Download the PNG (1200x800)" in _labels(app, "download_button")


def test_the_downloaded_map_tells_each_stop_with_its_article_paragraph(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's "Map (HTML)" is the file `tourmap build` writes: its story panel has each
    stop's paragraph of the article (the download had left the article out)."""
    from tourmap import webapp

    made: list[dict[str, bytes]] = []
    exports = webapp.exports

    def recorded(*args: str | None) -> dict[str, bytes]:
        made.append(exports(*args))
        return made[-1]

    monkeypatch.setattr(webapp, "exports", recorded)
    goto(app, "pages/itinerary.py")
    assert made, "the Itinerary page offers the downloads"
    for name in ("map.html", "map-offline.html"):
        assert b"Tillerson flew out Friday evening for Argentina" in made[-1][name], name
