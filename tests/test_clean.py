"""Cleaning: layout repair, OCR correction without harm, metadata from the head."""

from __future__ import annotations

import re

import pytest

from blocs.clean import clean, layout, metadata, names, ocr
from blocs.context import RawDocument
from tests.conftest import ARTICLES

NAME_ARTICLES = sorted(ARTICLES.glob("clean_names-*.txt"))


def raw(text: str, **meta) -> RawDocument:
    return RawDocument(text=text, source="test", kind="txt", meta=meta, meta_sources={k: "input" for k in meta})


def words(text: str) -> list[str]:
    return text.split()


def fixes(cleaned) -> dict[tuple[str, str], int]:
    return {(c.original, c.corrected): c.count for c in cleaned.corrections}


# --- clean articles must come out word for word -------------------------------------------


@pytest.mark.parametrize("path", NAME_ARTICLES, ids=lambda p: p.stem)
def test_clean_articles_full_of_rare_names_are_left_alone(path):
    text = path.read_text(encoding="utf-8")
    cleaned = clean(raw(text))
    assert cleaned.corrections == []
    assert words(cleaned.text) == words(text)


def test_there_are_name_articles_to_check():
    assert len(NAME_ARTICLES) >= 3


def test_capitalised_words_unknown_to_wordfreq_are_never_changed():
    text = (
        "Colonel-General Oleksandr Syrskyi said Zaluzhnyi's staff had pulled back from Avdiivka "
        "and Vuhledar, while Prigozhin's men held Soledar and Klishchiivka near Bakhmut.\n"
    )
    cleaned = clean(raw(text))
    assert cleaned.corrections == []
    assert cleaned.text == text


# --- OCR correction ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def yemen():
    return clean(raw((ARTICLES / "clean_ocr-yemen.txt").read_text(encoding="utf-8")))


def test_ocr_errors_corrected_and_counted(yemen):
    got = fixes(yemen)
    assert got[("lsrael", "Israel")] == 1
    assert got[("lsraeli", "Israeli")] == 1
    assert got[("Yernen", "Yemen")] == 1
    assert got[("rnilitary", "military")] == 1
    assert got[("govemment", "government")] == 1
    assert got[("ofthe", "of the")] == 1
    assert got[("attackson", "attacks on")] == 1
    assert "lsrael" not in yemen.text and "Yernen" not in yemen.text


def test_ocr_leaves_names_and_compounds(yemen):
    for name in (
        "Hodeidah",
        "Abdulsalam",
        "al-Sakkaf",
        "Hapag-Lloyd",
        "Maersk",
        "Saudi-led",
        "second-largest",
        "Bab al-Mandab",
        "Ansar Allah",
        "Muscat",
    ):
        assert name in yemen.text, name
    corrected = {o for o, _ in fixes(yemen)}
    assert not corrected & {"Hodeidah", "Abdulsalam", "Sakkaf", "Maersk"}


def test_page_furniture_dropped_and_page_split_sentence_joined(yemen):
    assert "Red Sea Weekly" not in yemen.text
    assert "called on the Houthis to stop the attacks, while" in yemen.text
    assert not re.search(r"Weekly|\s1[23]\s*$", yemen.text, re.M)


def test_no_correct_keeps_ocr_text_but_repairs_layout():
    text = (ARTICLES / "clean_ocr-yemen.txt").read_text(encoding="utf-8")
    cleaned = clean(raw(text), correct=False)
    assert cleaned.corrections == []
    assert "lsrael" in cleaned.text and "Yernen" in cleaned.text
    assert "stop the attacks" in cleaned.text


def test_hyphenated_compound_corrected_part_by_part():
    cleaned = clean(raw("Analysts expect a pro-lsraeli and anti-lranian line from the new cabinet.\n"))
    assert "pro-Israeli and anti-Iranian" in cleaned.text
    assert fixes(cleaned) == {("lsraeli", "Israeli"): 1, ("lranian", "Iranian"): 1}


def test_capitalised_word_becomes_a_known_name_only():
    cleaned = clean(raw("Troops from Syrla and lraq crossed the border. Syrla denied it.\n"))
    got = fixes(cleaned)
    assert got.get(("Syrla", "Syria")) == 2
    assert got.get(("lraq", "Iraq")) == 1


def test_split_and_merged_words():
    text = (
        "The court heard that the dis- orderly crowd gathered livingin tents outside the "
        "con- sequence of the ruling, while pro- and anti-government groups marched.\n"
    )
    cleaned = clean(raw(text))
    got = fixes(cleaned)
    assert got[("dis- orderly", "disorderly")] == 1
    assert got[("con- sequence", "consequence")] == 1
    assert got[("livingin", "living in")] == 1
    assert "pro- and anti-government" in cleaned.text


def test_common_words_and_real_compounds_are_not_split():
    text = (
        "The envoy said thereby the talks, wherein both sides met, would go on; "
        "nevertheless the ceasefire was fragile.\n"
    )
    cleaned = clean(raw(text))
    assert cleaned.corrections == []
    assert cleaned.text == text


def test_scanner_debris_dropped_words_kept():
    text = "- , - L - .11 _' , _ ; The delegation from Juba arrived in Addis Ababa on Monday.\n"
    cleaned = clean(raw(text))
    assert cleaned.text.startswith("The delegation from Juba")


def test_known_names_come_from_kb_and_gazetteer():
    known = names.protected()
    assert {"Iraq", "Kyiv", "Iranian"} <= known
    assert "tire" not in known and "the" not in known


def test_kb_names_are_read_from_every_yaml(tmp_path):
    (tmp_path / "a.yaml").write_text("entities:\n- {name: Wagner Group, aliases: [Wagner, PMC Wagner]}\n")
    (tmp_path / "b.yaml").write_text("countries:\n  XYZ: {names: [Ruritania], demonyms: [Ruritanian]}\n")
    (tmp_path / "broken.yaml").write_text("entities: [unclosed\n")
    got = names.kb_names(tmp_path)
    assert {"Wagner Group", "Wagner", "PMC Wagner", "Ruritania", "Ruritanian"} <= set(got)


# --- layout ----------------------------------------------------------------------------


def test_wrapped_lines_joined_headings_kept_apart():
    text = (
        "Sudan talks stall in Jeddah\n\n"
        "The army and the Rapid Support Forces failed to agree on a truce on Sunday, mediators\n"
        "said, as fighting spread to Omdurman and the outskirts of Wad Madani. The army\n"
        "accused the RSF of looting.\n\n"
        "A humanitarian crisis\n\n"
        "Aid agencies said the crossing at Adre was closed.\n"
    )
    paras = layout.repair(text).strip().split("\n\n")
    assert paras[0] == "Sudan talks stall in Jeddah"
    assert paras[1].startswith("The army and the Rapid Support Forces") and paras[1].endswith("looting.")
    assert "mediators said" in paras[1]
    assert paras[2] == "A humanitarian crisis"
    assert len(paras) == 4


def test_paragraph_split_mid_sentence_is_joined():
    text = (
        "Ukraine said its forces were\n\nable to push back from Robotyne, while Russia said the\n"
        "attack failed.\n\nNew paragraph starts Here.\n"
    )
    paras = layout.repair(text).strip().split("\n\n")
    assert paras[0].startswith("Ukraine said its forces were able to push back")
    assert paras[1] == "New paragraph starts Here."


def test_line_end_hyphens():
    text = (
        "The Ethiopian govern-\nment said the Eritrean-\nbacked militias and the cease-\n"
        "fire monitors had left the second-\nlargest town, Shire, on Monday.\n"
    )
    out = layout.repair(text)
    assert "government" in out
    assert "Eritrean-backed" in out
    assert "cease-fire" in out
    assert "second-largest" in out


def test_soft_hyphens_and_mojibake_fixed_curly_quotes_kept():
    text = (
        "The minister\u00e2\u20ac\u2122s spokes\u00adman said the gov\u00ad\nernment would "
        "\u201cnever accept\u201d the Mâ€™Bera camp closure.\n"
    )
    out = layout.repair(text)
    assert "minister\u2019s spokesman" in out
    assert "government" in out
    assert "\u201cnever accept\u201d" in out
    assert "\u00ad" not in out and "â€" not in out


def test_unwrapped_text_keeps_one_paragraph_per_line():
    long1 = "The army said it had retaken the town of Kidal after a week of fighting with rebels. " * 3
    long2 = "The rebels said they had withdrawn to spare civilians and would fight on in the desert. " * 3
    out = layout.repair(long1.strip() + "\n" + long2.strip() + "\n")
    assert out.count("\n\n") == 1


def test_dateline_is_its_own_paragraph():
    out = layout.repair("KYIV, Feb 24 (Reuters) - Russian forces attacked Ukraine on Thursday.\n")
    assert out.split("\n\n")[0] == "KYIV, Feb 24 (Reuters) -"


def test_page_numbers_and_running_footer_dropped():
    page = "Gaza aid convoy reaches Rafah after weeks of delay, officials said on Monday.\n"
    text = (
        f"Gaza aid talks\n{page}Page 1 of 2\nwww.example-news.com/world 10/11/2023\f"
        f"More trucks crossed at Kerem Shalom on Tuesday, Egyptian officials said.\n2\n"
        f"www.example-news.com/world 10/11/2023\n"
    )
    out = layout.repair(text)
    assert "Page 1" not in out and "example-news" not in out
    assert "Kerem Shalom" in out and "Rafah" in out


# --- metadata --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line,iso",
    [
        ("December 5, 2016", "2016-12-05"),
        ("5 Dec 2016", "2016-12-05"),
        ("2016-12-05", "2016-12-05"),
        ("Published: Monday, Sept. 4th, 2023 10:31 GMT", "2023-09-04"),
        ("14 March, 2022", "2022-03-14"),
    ],
)
def test_head_dates(line, iso):
    body = "Shelling hit Kharkiv overnight, officials said. " * 6
    text = f"Heavy shelling reported near Kharkiv\n\n{line}\n\n{body}"
    cleaned = clean(raw(text))
    assert cleaned.meta["published"] == iso
    assert cleaned.meta_sources["published"] == "head"
    assert cleaned.meta["title"] == "Heavy shelling reported near Kharkiv"


def test_dateline_gives_site_and_date_with_the_year_of_the_head():
    text = (
        "Israel and Hamas agree truce extension 2023\n\n"
        "DOHA, Nov 27 (Reuters) - Israel and Hamas agreed to extend their truce by two days, Qatar said, "
        "as more hostages and prisoners were freed on Monday in Gaza and the occupied West Bank.\n"
    )
    meta = metadata.extract(layout.repair(text), {}, {})
    assert meta[0]["site"] == "Reuters" and meta[1]["site"] == "dateline"
    assert meta[0]["published"] == "2023-11-27" and meta[1]["published"] == "dateline"


def test_dateline_without_any_year_gives_no_date():
    text = "KHARTOUM, June 3 (Reuters) - Sudan's army said it had retaken a base near Omdurman on Monday.\n"
    meta, _ = metadata.extract(layout.repair(text), {}, {})
    assert "published" not in meta


def test_container_metadata_wins_by_trust_order():
    text = "Truce talks in Doha\n\nBy Lina Haddad\n\nMarch 2, 2024\n\n" + "Talks went on in Doha. " * 12
    cleaned = clean(
        RawDocument(
            text=text,
            source="x.pdf",
            kind="pdf",
            meta={"title": "Microsoft Word - draft3.docx", "author": "admin", "published": "2024-03-09"},
            meta_sources={"title": "pdf-meta", "author": "pdf-meta", "published": "pdf-meta"},
        )
    )
    assert cleaned.meta["title"] == "Truce talks in Doha" and cleaned.meta_sources["title"] == "head"
    assert cleaned.meta["author"] == "Lina Haddad" and cleaned.meta_sources["author"] == "head"
    assert cleaned.meta["published"] == "2024-03-02" and cleaned.meta_sources["published"] == "head"
    story = clean(raw(text, published="2024-03-05", id="s1"))
    assert story.meta["published"] == "2024-03-05" and story.meta_sources["published"] == "input"
    assert story.meta["id"] == "s1"


def test_ocr_corrects_the_title_too():
    cleaned = clean(raw("Kyiv rejects lranian drone claims\n\nMay 2, 2023\n\n" + "Kyiv said so on Tuesday. " * 9))
    assert cleaned.meta["title"] == "Kyiv rejects Iranian drone claims"


def test_ocr_module_alone_on_a_sentence():
    text, corr = ocr.correct("The rnilitary said it would hold the line.")
    assert text == "The military said it would hold the line."
    assert [(c.original, c.corrected, c.count) for c in corr] == [("rnilitary", "military", 1)]


def test_one_paragraph_a_line_is_not_mistaken_for_wrapped_text():
    lines = [
        "Houthi forces fired two missiles at a tanker in the Red Sea on Tuesday, the US military said.",
        "The ship was not damaged and continued to Djibouti.",
        "Ansar Allah said the strike was a response to US and British raids on Hodeidah and Sanaa earlier this month.",
        "Oman, which mediates between the parties, called for calm.",
    ]
    paras = layout.repair("\n".join(lines) + "\n").strip().split("\n\n")
    assert paras == lines


def test_quote_spaces_and_leading_debris_and_split_letter():
    cleaned = clean(raw('\'t, ABOUT noon the envoy said " We will stay " and the C ommander agreed.\n'))
    assert cleaned.text == 'ABOUT noon the envoy said "We will stay" and the Commander agreed.\n'
    assert fixes(cleaned) == {("C ommander", "Commander"): 1}


def test_initials_figures_and_dates_opening_a_paragraph_stay():
    for text in (
        "J. R. Haddad, the envoy, flew to Aden on Monday.\n",
        "5 Dec 2016 was the day the siege ended, officials in Mosul said.\n",
        "A. Mahdi, a spokesman, denied it.\n",
    ):
        assert clean(raw(text)).text == text


def test_capital_i_read_for_l_inside_a_sentence():
    cleaned = clean(raw("The army said Iast week that talks with Ioan Popescu in Iasi would go on.\n"))
    assert "said last week" in cleaned.text
    assert fixes(cleaned) == {("Iast", "last"): 1}


def test_words_inside_a_multiword_name_are_left_alone():
    text = "Dutch Foreign Minister Hans van den Broek met Karel Broek and Omar al-Irag on the Turkish-Syrla border.\n"
    cleaned = clean(raw(text))
    assert fixes(cleaned) == {("Syrla", "Syria"): 1}
    assert "van den Broek met Karel Broek and Omar al-Irag" in cleaned.text


def test_short_line_before_a_capitalised_name_is_not_a_paragraph_end():
    text = (
        "The envoy flew from Doha to Cairo on Sunday and met with President\n"
        "Abdel Fattah al-Sisi, who urged both sides to accept the truce plan\n"
        "and said Egypt would keep the Rafah crossing open for aid.\n"
    )
    assert layout.repair(text).count("\n\n") == 0


def test_long_title_then_byline_and_date_stay_apart():
    text = (
        "Sudan's army and the Rapid Support Forces trade blame for the collapse of\n"
        "the Jeddah ceasefire talks\n"
        "By Hiba Abdelrahman\n"
        "May 3, 2024\n"
        "The army said on Friday it had withdrawn from the talks in Jeddah after the RSF\n"
        "attacked positions in Omdurman, a charge the paramilitary group denied.\n"
    )
    paras = layout.repair(text).strip().split("\n\n")
    assert paras[:3] == [
        "Sudan's army and the Rapid Support Forces trade blame for the collapse of the Jeddah ceasefire talks",
        "By Hiba Abdelrahman",
        "May 3, 2024",
    ]
    assert len(paras) == 4


def test_capitalised_word_and_dash_is_not_a_dateline():
    text = "NATO - the alliance said on Monday - would send more troops to Lithuania.\n"
    assert layout.repair(text) == text


def test_wrapped_line_opening_with_a_dateline_goes_on():
    text = (
        "LONDON - The United States and Britain struck 36 Houthi targets across Yemen on\n"
        "Saturday, the third round of joint strikes since January, the Pentagon said in a\n"
        "statement.\n"
    )
    assert layout.repair(text).split("\n\n") == [
        "LONDON -",
        "The United States and Britain struck 36 Houthi targets across Yemen on Saturday, "
        "the third round of joint strikes since January, the Pentagon said in a statement.\n",
    ]


def test_title_case_headline_is_not_taken_for_a_byline():
    text = "Russia Warns Ukraine Over Black Sea Drones\n\nJuly 20, 2023\n\n" + "Moscow said so on Thursday. " * 9
    cleaned = clean(raw(text))
    assert cleaned.meta["title"] == "Russia Warns Ukraine Over Black Sea Drones"
    assert "author" not in cleaned.meta


def test_line_end_hyphen_before_figures_and_names():
    out = layout.repair("Russia sent Su-\n30 jets and Il-\n76 planes to the pro-\nRussian separatists.\n")
    assert out == "Russia sent Su-30 jets and Il-76 planes to the pro-Russian separatists.\n"


def test_known_name_corrected_after_a_capitalised_common_word():
    cleaned = clean(raw("In Irag, the militias answer to Tehran. President Erdogan visited Syrla.\n"))
    assert fixes(cleaned) == {("Irag", "Iraq"): 1, ("Syrla", "Syria"): 1}


def test_names_the_document_repeats_are_kept_in_any_case():
    text = (
        "Aid trucks crossed at Adre on Monday. The Adre crossing had been shut, and the road "
        "from adre to Geneina was mined.\n"
    )
    cleaned = clean(raw(text))
    assert cleaned.corrections == [] and cleaned.text == text
    assert ocr.correct("The road from adre to Geneina was mined.")[1] != []  # alone, it would change


# --- OCR repairs that need context, case or layout clues ----------------------------------


def test_lone_letters_dropped_but_lists_and_names_kept():
    assert (
        ocr.correct("Shelling e resumed in the morning, officials said.")[0]
        == "Shelling resumed in the morning, officials said."
    )
    assert ocr.correct("Aid reached Goma t, Bukavu and Uvira.")[0] == "Aid reached Goma, Bukavu and Uvira."
    kept = (
        "The court cited Smith v Jones and the essayist Ortega y Gasset; options a, b and c "
        "were tabled, and annexes e and f were missing."
    )
    assert ocr.correct(kept) == (kept, [])


def test_doubled_comma_struck_once():
    assert ocr.correct("Rebels seized the town,, officials said.")[0] == "Rebels seized the town, officials said."


def test_capitalised_non_word_becomes_a_common_word():
    text, corrections = ocr.correct("Vorces loyal to the junta advanced. Miuister Lavrov spoke.")
    assert text == "Forces loyal to the junta advanced. Minister Lavrov spoke."
    assert {(c.original, c.corrected) for c in corrections} == {("Vorces", "Forces"), ("Miuister", "Minister")}


def test_close_candidates_decided_by_the_neighbours():
    assert ocr.correct("The talks ehad been postponed until March.")[0] == "The talks had been postponed until March."


def test_real_word_misread_only_in_text_with_ocr_damage():
    noisy = "Troops entered tire city at dawn, and apparentiy the garrison was livingin tents."
    assert ocr.correct(noisy)[0] == "Troops entered the city at dawn, and apparently the garrison was living in tents."
    clean_text = "Investors put money in tire factories and tile makers across the region."
    assert ocr.correct(clean_text) == (clean_text, [])


def test_words_split_by_a_space_or_a_stranded_letter_joined():
    assert (
        ocr.correct("Exports showed a slight I m- provement in May.")[0]
        == "Exports showed a slight improvement in May."
    )
    text, corrections = ocr.correct("Critics of the move uent left iuthe night.")
    assert text == "Critics of the movement left in the night."
    assert {(c.original, c.corrected) for c in corrections} == {("move uent", "movement"), ("iuthe", "in the")}


def test_capitals_lose_lower_case_misreads_only_towards_a_name():
    assert ocr.correct("A BEIRUl court ruled on Monday.")[0] == "A BEIRUT court ruled on Monday."
    kept = "MPs and NGOs criticised the iOS update, the CEOs of USAid partners said."
    assert ocr.correct(kept) == (kept, [])


def test_mixed_case_residue_of_a_debris_run_dropped():
    assert ocr.correct("_ , ; - . : iK 'A MADRID court jailed two men.\n")[0] == "A MADRID court jailed two men.\n"
    assert ocr.correct("iOS Developers met in Madrid.")[0] == "iOS Developers met in Madrid."


# --- per-document decision: only text that shows OCR damage is corrected ----------------------


def test_clean_digital_text_is_not_damaged_and_keeps_rare_names():
    from blocs.clean import fragments

    text = (
        '"It\'s late," Emina Kovacevic said in Tuzla, where aid convoys arrived on Monday after '
        "weeks of shelling; it's the third convoy this month, officials said.\n"
    )
    assert not fragments.damaged(text, ocr._confusable)
    assert ocr.correct(text) == (text, [])


def test_scanned_text_with_split_words_and_figures_is_damaged():
    from blocs.clean import fragments

    text = "The com m and said 1o,ooo troops held the line north of the river.\n"
    assert fragments.damaged(text, ocr._confusable)
    fixed, corrections = ocr.correct(text)
    assert fixed == "The command said 10,000 troops held the line north of the river.\n"
    assert {(c.original, c.corrected) for c in corrections} == {("com m and", "command"), ("1o,ooo", "10,000")}


def test_narrow_column_lines_that_leave_a_clause_open_are_joined():
    text = (
        "Ceasefire collapses in the north\n\n"
        "During the night, the army said,\n"
        "Government forces have retaken\n"
        "ten villages near the river and\n"
        "Kurdish\n"
        "units withdrew to the hills after Feb.\n"
        "3.\n\n"
        "Aid\n\n"
        "Relief convoys were turned back at the checkpoint on Monday morning.\n"
    )
    paras = layout.repair(text).strip().split("\n\n")
    assert paras[1] == (
        "During the night, the army said, Government forces have retaken ten villages near the river "
        "and Kurdish units withdrew to the hills after Feb. 3."
    )
    assert paras[2] == "Aid"


def test_correction_keeps_the_soft_hyphen_the_scan_wrote():
    """Layout drops soft hyphens before the OCR pass; the correction still names the words as written."""
    text = "Front report\n\nThe garri\u00adson asked for rein\u00ad forcements as the Com m un\u00ad ist units closed in.\n"
    doc = clean(RawDocument(text=text, source="t.txt", kind="text"))
    found = {(c.original, c.corrected) for c in doc.corrections}
    assert ("rein\u00ad forcements", "reinforcements") in found
    assert ("Com m un\u00ad ist", "Communist") in found
    assert "reinforcements" in doc.text and "\u00ad" not in doc.text


def test_short_line_ending_on_the_first_word_of_a_name_goes_on():
    """A narrow column wraps "South" / "Korean marines ..." : no heading, the name is whole again."""
    text = (
        "SEOUL\n\nSouth\nKorean marines returned fire after shells landed\non the island of Yeonpyeong "
        "on Tuesday, killing\ntwo soldiers and wounding at least fifteen\ncivilians, the military said. "
        "Officials in\nthe capital said the shelling was the heaviest\nsince the armistice was signed.\n"
        "N orth\nKorean artillery units were placed on alert\nalong the coast, according to officials.\n"
        "Talks\nwere postponed by both sides, diplomats in\nthe region said, and no new date was set.\n"
    )
    cleaned = layout.repair(text)
    assert "South Korean marines returned fire" in cleaned
    assert "N orth Korean artillery" in cleaned
    assert "\n\nSouth\n" not in cleaned
