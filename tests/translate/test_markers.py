"""What a translation must keep as it is: quotes quoted in the text, names, addresses, placeholders."""

from briefkit.translate.markers import Verbatim, lost_markers, markers

VERBATIM = Verbatim(quotes=("We will not accept a treaty without safeguards for journalists,",),
                    names=("Kaitlyn Rodriguez",))


def test_a_quote_quoted_in_the_text_a_name_and_an_address_are_kept():
    source = ("As Kaitlyn Rodriguez put it, “We will not accept a treaty without safeguards”; "
              "see https://example.org/report or write to press@example.org.")
    assert markers(source, VERBATIM) == ["Kaitlyn Rodriguez", "We will not accept a treaty without safeguards",
                                         "https://example.org/report", "press@example.org"]


def test_scare_quotes_are_translated():
    assert markers("What some call “cybercrime” is speech.", VERBATIM) == []


def test_a_lost_marker_and_an_invented_placeholder_are_named():
    assert lost_markers("We thank %(name)s.", "Merci.") == ["%(name)s"]
    assert lost_markers("We thank %(name)s.", "Merci à %(name)s et %(other)s.") == ["%(other)s"]
    assert lost_markers("Write to press@example.org.", "Écrivez à press@example.org.") == []
