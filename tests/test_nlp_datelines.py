"""The pipeline's own sentence rules (blocs.nlp.paragraph_breaks): a wire dateline stands apart
from the report it opens, so the parser never takes the dateline's place for the subject."""

from __future__ import annotations


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def test_a_dateline_with_a_hyphenated_country_is_its_own_sentence(nlp):
    text = "SARAJEVO, Bosnia-Herzegovina, Aug. 30 - NATO warplanes pounded Serb artillery positions today."
    sents = _sentences(nlp, text)
    assert sents[0] == "SARAJEVO, Bosnia-Herzegovina, Aug. 30 -"
    assert sents[1].startswith("NATO warplanes pounded")


def test_an_agency_dateline_is_its_own_sentence(nlp):
    sents = _sentences(nlp, "Rebels advance\n\nBEIRUT (Reuters) - Syrian rebels seized a town near Hama on Monday.")
    assert "BEIRUT (Reuters) -" in sents
    assert any(s.startswith("Syrian rebels seized") for s in sents)


def test_no_dateline_no_split(nlp):
    text = "The talks - which began in May - ended on Friday without a deal."
    assert len(_sentences(nlp, text)) == 1
    text = "UN envoys met in Geneva - and agreed on nothing, diplomats said."
    assert len(_sentences(nlp, text)) == 1


def test_one_dateline_test_for_every_stage(nlp):
    """syntax.dateline: a paragraph's first words before an agency bracket, a dash or a colon, or
    before a comma when they are in capitals; the same words inside a sentence are no dateline."""
    from blocs.syntax import dateline

    doc = nlp("Talks stall\n\nKHARTOUM (AP) - Sudan's army shelled Omdurman.\n\nJuba, the capital, was calm.")
    starts = {t.text: t.i for t in doc}
    assert dateline(doc, starts["KHARTOUM"], starts["KHARTOUM"] + 1)
    assert not dateline(doc, starts["Juba"], starts["Juba"] + 1)  # a comma after a name in lower case
    assert not dateline(doc, starts["Omdurman"], starts["Omdurman"] + 1)  # not at a paragraph's start
    doc = nlp("NAIROBI, March 3 - Kenya closed its border.")
    assert dateline(doc, 0, 1)


def test_no_sentence_ends_after_a_paragraphs_first_word(nlp):
    """After a heading or a dateline the parser cut "Gunmen | dressed in ... stormed" (nlp._no_lone_first_word)."""
    for text in (
        "Resort attack\n\nGunmen dressed in police uniforms raided a hotel near Sousse on Friday.",
        "SOUSSE, June 26 (Reuters) -\n\nGunmen dressed in police uniforms raided a hotel near the town on Friday.",
    ):
        sents = _sentences(nlp, text)
        assert any(s.startswith("Gunmen dressed in police uniforms raided") for s in sents), sents
    assert _sentences(nlp, "Analysis\n\nYes. The talks ended.")[1:] == ["Yes.", "The talks ended."]
