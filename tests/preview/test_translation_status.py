"""The preview shows, for each document in another language, how much of its text is translated."""

import lxml.html

from briefkit.preview import start
from tests.preview.test_server import get
from tests.translate.conftest import bilingual  # noqa: F401 (the fixture)


def test_the_index_and_each_document_say_how_much_is_translated(bilingual):
    running = start(bilingual, 0)
    try:
        status, _, body = get(running, "/")
        assert status == 200
        page = lxml.html.fromstring(body)
        cells = [" ".join(td.text_content().split()) for td in page.iter("td")]
        assert any(cell.startswith("letter") and "translated, 4 untracked" in cell for cell in cells), cells
        assert "beta" in body and sum("translated" in cell for cell in cells) == 3  # alpha's three, not beta's
        status, _, body = get(running, "/doc/alpha/letter")
        bar = lxml.html.fromstring(body).find(".//nav[@id='bk-bar']")
        summary = bar.find(".//span[@class='bk-translation']").text
        assert summary.startswith("fr: ") and "translated" in summary and "missing" in summary
        status, _, body = get(running, "/doc/beta/letter")
        assert "bk-translation" not in body  # English: the campaign's own language
    finally:
        running.close()
