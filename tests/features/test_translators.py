"""The translators' loop, whole: export, a translator's edit, import, build; and never stale unnoticed."""

import shutil

import pytest

from briefkit.build.run import build
from briefkit.errors import ProblemsFound
from briefkit.translate.export import export_catalogue
from briefkit.translate.importer import import_catalogue
from tests.fixtures.second_campaign import make_second_campaign
from tests.helpers import docx_text, pdf_text, snapshot
from tests.translate.conftest import DEMAND, bilingual, translate  # noqa: F401 (the fixture)
from tests.translate.test_po import msgfmt_check

OPENING = "briefkit.yaml:letter.opening[0]"
NEW_OPENING = "Nous écrivons aux délégations au sujet du traité exemple et de ses garanties."


def test_new_words_from_the_translator_are_in_the_pdf_and_the_docx(bilingual):
    path = bilingual / export_catalogue(bilingual, "fr").path
    translate(path, {OPENING: NEW_OPENING})
    assert import_catalogue(bilingual, path).written == ["translations/fr.po"]
    result = build(bilingual, kinds=["letter"], audiences=["alpha"], jobs=1)
    assert not result.failures and not result.warnings, [w.format() for w in result.warnings]
    for text in (pdf_text(bilingual / "out" / "alpha" / "letter.pdf"),
                 docx_text(bilingual / "out" / "alpha" / "letter.docx")):
        assert NEW_OPENING in " ".join(text.split())


def test_a_stale_translation_is_said_in_the_document_and_refused_under_strict(bilingual):
    export_catalogue(bilingual, "fr")  # starts tracking French
    position = bilingual / "positions" / "01-safeguards.yaml"
    position.write_text(position.read_text(encoding="utf-8").replace(f"en: {DEMAND}", "en: Protect them."),
                        encoding="utf-8")
    before = snapshot(bilingual / "out")
    with pytest.raises(ProblemsFound) as raised:
        build(bilingual, kinds=["letter"], audiences=["alpha"], jobs=1, strict=True)
    assert "demand: the fr translation translates an earlier en text" in raised.value.problems[0].message
    assert snapshot(bilingual / "out") == before
    result = build(bilingual, kinds=["letter"], audiences=["alpha"], jobs=1)
    assert not result.failures and len(result.warnings) == 1
    for text in (pdf_text(bilingual / "out" / "alpha" / "letter.pdf"),
                 docx_text(bilingual / "out" / "alpha" / "letter.docx")):
        assert "traduisent une version antérieure du texte de la coalition" in " ".join(text.split())


def test_the_bundled_campaign_exports_and_reimports_to_the_same_bytes(bundled_copy, tmp_path):
    root = tmp_path / "bundled"
    shutil.copytree(bundled_copy, root, ignore=shutil.ignore_patterns("out"))
    data = {name: files for name, files in snapshot(root).items()}
    for lang in ("fr", "es", "ru", "ar", "zh"):
        for fmt in ("po", "xliff"):
            done = export_catalogue(root, lang, fmt)
            assert done.recorded == []  # the bundled campaign records what every translation was made from
            if fmt == "po":
                msgfmt_check(root / done.path)
            result = import_catalogue(root, root / done.path)
            assert (result.changed, result.confirmed, result.written) == (0, 0, [])
    after = snapshot(root)
    assert {name: value for name, value in after.items() if not name.startswith("out/")} == data


@pytest.mark.slow
def test_the_second_campaign_round_trips_in_french_arabic_and_chinese(tmp_path):
    root = make_second_campaign(tmp_path / "seabed")
    new = {"fr": ("nordmark", "Nous écrivons au nom des pêcheurs et des scientifiques du Méridien."),
           "ar": ("qamar", "نكتب إليكم باسم صيادي ميريديان وعلمائه."),
           "zh": ("lianhe", "我们代表子午线的渔民和科学家致函。")}
    for lang, (_, words) in new.items():
        path = root / export_catalogue(root, lang).path
        translate(path, {OPENING: words})
        assert import_catalogue(root, path).changed == 1
    audiences = [audience for audience, _ in new.values()]
    result = build(root, kinds=["letter"], audiences=audiences, jobs=2)
    assert not result.failures and not result.warnings, [w.format() for w in result.warnings]
    for lang, (audience, words) in new.items():
        squeeze = (lambda text: "".join(text.split())) if lang == "zh" else (lambda text: " ".join(text.split()))
        assert squeeze(words) in squeeze(docx_text(root / "out" / audience / "letter.docx"))
        if lang != "ar":  # Arabic comes out of a PDF in visual order: the DOCX proves the words
            assert squeeze(words) in squeeze(pdf_text(root / "out" / audience / "letter.pdf"))
