"""Actor coreference (blocs.coref): pronouns, quoted 'we', description nouns, by salience and agreement."""

from __future__ import annotations

from datetime import date

from blocs.coref import Coref

from .test_events_regression import _context


def _resolve(nlp, text: str, word: str, nth: int = 0):
    ctx = _context(nlp, text, date(2024, 3, 14))
    toks = [t for t in ctx.doc if t.text == word]
    return Coref(ctx).actor_for(toks[nth])


def test_it_points_to_the_last_subject_state_or_group(nlp):
    assert _resolve(nlp, "The TPLF seized Mekelle in June. It later detained soldiers.", "It") == "tplf"
    assert _resolve(nlp, "Rwanda backs the M23, diplomats say. It denies the charge.", "It") == "rwanda"


def test_he_needs_a_person(nlp):
    text = "Nigeria hosted talks. Bola Tinubu met the envoys, and he praised Niger."
    assert _resolve(nlp, text, "he") == "bola-tinubu"
    assert _resolve(nlp, "Nigeria hosted talks and he praised Niger.", "he") is None


def test_they_does_not_stand_for_a_singular_state(nlp):
    assert _resolve(nlp, "Serbia said they had attacked Kosovo.", "they") is None
    assert _resolve(nlp, "The Houthis said they had fired at ships.", "they") == "houthis"


def test_we_inside_a_quotation_is_the_speaker(nlp):
    text = '"We will not accept the occupation," Azerbaijan told Armenia on Monday.'
    assert _resolve(nlp, text, "We") == "azerbaijan"


def test_we_outside_quotes_is_unresolved(nlp):
    assert _resolve(nlp, "Azerbaijan met Armenia. We know little more.", "We") is None


def test_description_nouns_point_back_by_type(nlp):
    text = "The M23 captured Goma on Monday, Congo said. The group then shelled the airport."
    assert _resolve(nlp, text, "group") == "m23"
    text = "Pakistan criticised India on Monday. The country also recalled its envoy."
    assert _resolve(nlp, text, "country") == "pakistan"


def test_nothing_within_reach_gives_none(nlp):
    assert _resolve(nlp, "It rained in the capital on Monday.", "It") is None


def test_a_dummy_it_has_no_antecedent(nlp):
    assert _resolve(nlp, "Russia met Iran. It is too early to lift the sanctions.", "It") is None
    assert _resolve(nlp, "Russia met Iran. It is reported that talks failed.", "It") is None


def test_an_object_pronoun_is_not_its_clause_subject(nlp):
    text = "Israel strives to isolate Iran and to force it to yield on enrichment."
    assert _resolve(nlp, text, "it") == "iran"


def test_an_owned_institution_acts_for_its_owner(nlp):
    text = "Ethiopia is in turmoil. On Tuesday the country's military detained the TPLF leaders."
    assert _resolve(nlp, text, "military") == "ethiopia"


def test_a_description_of_the_dominant_armed_group_reaches_past_the_window(nlp):
    text = (
        "The M23 took Goma. The M23 then held talks. Rwanda denies backing the M23. "
        "Congo wants sanctions. Niger sent envoys. France called for calm. Qatar hosted talks. "
        "The group said it would stay."
    )
    assert _resolve(nlp, text, "group") == "m23"


def test_a_subject_pronoun_in_a_subordinate_clause_looks_in_its_own_sentence_first(nlp):
    text = "China urged restraint. Sanctions could weaken the TPLF's hold on Mekelle, which it seized in June."
    assert _resolve(nlp, text, "it") == "tplf"
    text = "Egypt hosted the talks. Ethiopia said it would keep filling the dam."
    assert _resolve(nlp, text, "it") == "ethiopia"


def test_a_possessive_under_object_control_is_the_controlled_object(nlp):
    text = "Washington urged Russia to lift its blockade of the Black Sea ports."
    assert _resolve(nlp, text, "its") == "russia"
    text = "India pressed the Houthis to free their captives before the talks."
    assert _resolve(nlp, text, "their") == "houthis"
