"""Stance on real-looking news: the author's opinion versus what is reported."""

from __future__ import annotations

import re

import pytest

from blocs.context import RawDocument
from blocs.pipeline import analyze

from .conftest import ARTICLES


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def sahel(nlp):
    path = ARTICLES / "quotes_sahel_opinion.txt"
    return analyze(RawDocument(text=path.read_text(encoding="utf-8"), source=str(path), kind="txt"))


def holds(items, words):
    return any(words in x for x in items)


def test_items_are_exact_stretches_and_never_both(sahel):
    text = collapse(sahel.text)
    for item in sahel.opinion + sahel.reported:
        assert collapse(item) in text
    assert not set(sahel.opinion) & set(sahel.reported)


def test_loaded_words_make_opinion(sahel):
    assert holds(sahel.opinion, "It is a disgrace for the Security Council.")
    assert holds(sahel.opinion, "shameful betrayal of the civilians")


def test_forecasts_and_hedges_make_opinion(sahel):
    assert holds(sahel.opinion, "The outcome will be worse for everyone.")
    assert holds(sahel.opinion, "will probably be the hardest yet")


def test_attribution_and_dated_events_are_reported(sahel):
    assert holds(sahel.reported, "completed its withdrawal from Mali on 15 August 2022")
    assert holds(sahel.reported, "told state broadcaster ORTM on Tuesday")
    assert holds(sahel.reported, "diplomats said")


def test_the_authors_tail_after_an_attribution_is_its_own_opinion(sahel):
    tail = [x for x in sahel.opinion if "blatantly breaking the promise" in x]
    assert tail and not tail[0].startswith("according")
    head = [x for x in sahel.reported if "elections would be postponed" in x]
    assert head and "blatantly" not in head[0]


def test_plain_description_is_reported_and_titles_are_left_out(sahel):
    assert holds(sahel.reported, "Kidal is a desert town")  # a statement of fact in the author's voice
    assert not holds(sahel.opinion, "Kidal is a desert town")
    for items in (sahel.opinion, sahel.reported):
        assert not holds(items, "the Wagner gamble")


def test_quoted_judgement_is_the_speakers_not_the_authors(nlp):
    ana = analyze(
        RawDocument(
            text='"This shameful aggression will fail," the Iranian foreign minister said on Monday.\n',
            source="t.txt",
            kind="txt",
        )
    )
    assert not ana.opinion and ana.reported


def test_example_article_stance(example_score):
    """The example gold: every opinion and reported item found, and no conflict."""
    out = example_score
    assert out["stance"]["recall"] == 1.0 and out["stance"]["precision"] == 1.0, out["stance"]


OPINION_CASES = [
    "That is the real problem.",
    "Many doubt it.",
    "The junta's offensive was always more about the generals' pride than about security.",
    "Air strikes alone will not bring the militia to the table.",
    "Without pressure on the junta, no ceasefire will hold in Shan State.",
    "The foreign backers arming both camps share the blame for the famine.",
    "Every shipment of drones makes a settlement harder to reach.",
]


@pytest.mark.parametrize("sentence", OPINION_CASES)
def test_authors_verdicts_and_negated_predictions_are_opinion(nlp, sentence):
    text = "The army shelled the town of Lashio on Tuesday, residents said.\n\n" + sentence + "\n"
    ana = analyze(RawDocument(text=text, source="t.txt", kind="txt"))
    assert holds(ana.opinion, sentence.rstrip(".")), (ana.opinion, ana.reported)
    assert not holds(ana.reported, sentence.rstrip("."))


def test_wire_facts_stay_out_of_opinion(nlp):
    text = (
        "The Myanmar army shelled the town of Lashio on Tuesday, residents said.\n\n"
        "The junta launched a new offensive in Shan State in March.\n\n"
        "The minister will not attend the summit in Jakarta on Friday, his office said.\n\n"
        "Rebel delegates will not travel to the talks in Doha.\n"
    )
    ana = analyze(RawDocument(text=text, source="t.txt", kind="txt"))
    assert not ana.opinion, ana.opinion
    assert holds(ana.reported, "launched a new offensive")


def test_every_lexicon_entry_is_a_word():
    """YAML 1.1 reads a bare no, yes, on or off as a boolean: every entry must stay a string."""
    import yaml

    from blocs.extract.stance.lexicon import DATA

    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for key, value in data.items():
        lists = value.values() if isinstance(value, dict) else [value]
        for words in lists:
            assert all(isinstance(w, str) and w for w in words), (key, [w for w in words if not isinstance(w, str)])
