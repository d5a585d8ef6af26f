"""briefkit's own labels in the six UN languages, dates and plurals by locale, and the catalogues."""

import datetime as dt
import gettext

import pytest
from babel.messages.pofile import read_po

from briefkit.campaign.loader import load_campaign
from briefkit.checks.evidence import verify
from briefkit.render import i18n
from briefkit.render.compose import Composer, localized_date
from tests.conftest import REPO

CATALOGUES = sorted(i18n.LOCALE_DIR.glob("*/LC_MESSAGES/briefkit.po"))


def test_there_is_a_catalogue_for_each_un_language():
    assert sorted(p.parent.parent.name for p in CATALOGUES) == list(i18n.LANGUAGES)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_each_compiled_catalogue_holds_every_translation_of_its_po_file(po):
    """The .mo files ship with the package; `make catalogues` compiles them from the .po files.

    What matters is what a reader of the .mo gets: every message of the .po with the same
    translation, none fuzzy, none missing, nothing extra. The bytes of the .mo (its header names
    the Babel release that wrote it) are not compared.
    """
    lang = po.parent.parent.name
    with po.open("rb") as f:
        catalogue = read_po(f, locale=lang)
    with po.with_suffix(".mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog
    expected = {}
    for message in catalogue:
        if not message.id:
            continue
        assert not message.fuzzy, f"{po}: {message.id!r} is marked fuzzy: review it, then run `make catalogues`"
        if isinstance(message.id, tuple):  # a plural form left empty reads as the English one
            for index, string in enumerate(message.string):
                expected[(message.id[0], index)] = string or message.id[min(index, 1)]
        elif message.string:
            expected[message.id] = message.string
    shipped = {key: value for key, value in compiled.items() if key != ""}
    assert shipped == expected, f"{po.with_suffix('.mo')} is out of date with its .po file: run `make catalogues`"


def test_every_label_the_templates_use_is_translated_in_every_catalogue():
    from babel.messages.extract import extract_from_dir

    method_map = [("briefkit/assets/templates/**.j2", "jinja2"), ("briefkit/**.py", "python")]
    options = {"briefkit/assets/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    used = {message[2] for message in extract_from_dir(
        str(REPO), method_map, options_map=options, keywords={"_": None, "N_": None, "ngettext": (1, 2)})}
    assert len(used) > 60
    for po in CATALOGUES:
        lang = po.parent.parent.name
        with po.open("rb") as f:
            catalogue = read_po(f, locale=lang)
        for msgid in used:
            message = catalogue.get(msgid if isinstance(msgid, str) else msgid[0])
            assert message is not None, f"{lang}: {msgid!r} is not in the catalogue: run `make catalogues`"
            if lang != "en":
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                assert all(strings), f"{lang}: {msgid!r} is not translated"


@pytest.mark.parametrize("locale, expected", [
    ("en_GB", "29 July 2024"), ("fr_FR", "29 juillet 2024"), ("es_ES", "29 de julio de 2024"),
    ("ru_RU", "29 июля 2024\u202fг."), ("ar", "29 يوليو 2024"), ("ar_EG", "29 يوليو 2024"),
    ("zh_Hans_CN", "2024年7月29日"), ("en_US", "July 29, 2024")])
def test_dates_follow_the_audiences_locale(locale, expected):
    assert localized_date(dt.date(2024, 7, 29), "long", locale) == expected


@pytest.mark.parametrize("lang, counts", [
    ("ru", {1: "Подписала 1 организация", 3: "Подписали 3 организации", 5: "Подписали 5 организаций",
            11: "Подписали 11 организаций", 21: "Подписала 21 организация", 22: "Подписали 22 организации"}),
    ("ar", {0: "لم توقّع على الرسالة أي منظمة", 1: "وقّعت على الرسالة منظمة واحدة", 2: "وقّعت على الرسالة منظمتان",
            3: "وقّعت على الرسالة 3 منظمات", 11: "وقّعت على الرسالة 11 منظمة", 100: "وقّعت على الرسالة 100 منظمة"}),
    ("fr", {1: "Signée par 1 organisation", 11: "Signée par 11 organisations"}),
    ("es", {1: "Firmada por 1 organización", 11: "Firmada por 11 organizaciones"}),
    ("zh", {1: "共有1个组织签署", 11: "共有11个组织签署"}),
    ("en", {1: "Signed by 1 organisation", 11: "Signed by 11 organisations"})])
def test_plurals_follow_each_languages_rules(lang, counts):
    ngettext = i18n.translations(lang).ngettext
    for count, expected in counts.items():
        assert ngettext("Signed by %(number)s organisation", "Signed by %(number)s organisations",
                        count) % {"number": count} == expected


def test_composed_documents_carry_the_labels_dates_and_direction_of_their_language(campaign):
    settings = "settings:\n  fallback_language: en\ntimeline:"
    (campaign / "briefkit.yaml").write_text((campaign / "briefkit.yaml").read_text().replace("timeline:", settings))
    composer_for = {}
    expected = {
        "fr": ("Éléments de langage", "23 novembre 2026", "Signée par 2 organisations", "ltr"),
        "es": ("Argumentos clave", "23 de noviembre de 2026", "Firmada por 2 organizaciones", "ltr"),
        "ru": ("Тезисы для беседы", "23 ноября 2026\u202fг.", "Подписали 2 организации", "ltr"),
        "ar": ("نقاط للنقاش", "23 نوفمبر 2026", "وقّعت على الرسالة منظمتان", "rtl"),
        "zh": ("谈话要点", "2026年11月23日", "共有2个组织签署", "ltr"),
    }
    beta = campaign / "audiences" / "beta.yaml"
    original = beta.read_text()
    for lang, (talking_points, date, signed, direction) in expected.items():
        beta.write_text(original.replace("paper: Letter", f"paper: Letter\nlanguage: {lang}"))
        composer_for[lang] = composer = Composer(verify(load_campaign(campaign)))
        briefing = composer.compose("briefing", "beta").html
        letter = composer.compose("letter", "beta").html
        assert talking_points in briefing and date in letter and signed in letter, lang
        assert f'<html lang="{lang}" dir="{direction}">' in letter


def test_language_tags_and_directions():
    assert i18n.direction("ar") == "rtl" and i18n.direction("fa") == "rtl" and i18n.direction("zh") == "ltr"
    assert i18n.language_tag("ar", "ar_EG") == "ar-EG" and i18n.language_tag("ar") == "ar-SA"
    assert i18n.language_tag("zh", "zh_Hans_CN") == "zh-CN" and i18n.language_tag("en", "fr_FR") == "en-GB"
    assert i18n.language_name("en", "ar") == "الإنجليزية" and i18n.language_name("en", "fr") == "anglais"
