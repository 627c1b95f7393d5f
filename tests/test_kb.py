"""The world knowledge base: data integrity, look-ups by name and date, `blocs kb lookup`."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pycountry
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.kb.loader import DATA, SURFACE_KINDS, KBDataError, load, load_from

ARTICLES = Path(__file__).parent / "articles"
EXCLUSIVE_ROLES = {
    "president",
    "prime-minister",
    "foreign-minister",
    "chancellor",
    "king",
    "emir",
    "supreme-leader",
    "secretary-general",
}


@pytest.fixture(scope="module")
def kb():
    return load()


def keys(kb, name, when=None):
    return [r.key for r in kb.lookup(name, when)]


# -- data integrity ----------------------------------------------------------
def test_un_members_are_all_present_with_real_iso3(kb):
    members = [e for e in kb.entities.values() if e.status == "un-member"]
    assert len(members) == 193
    for e in members:
        assert pycountry.countries.get(alpha_3=e.country), e.key
        assert kb.state(e.country) is e
    observers = {e.country for e in kb.entities.values() if e.status == "observer"}
    assert observers == {"PSE", "VAT"}


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("Taiwan", "TWN"),
        ("Kosovo", "XKX"),
        ("Palestine", "PSE"),
        ("Western Sahara", "ESH"),
        ("Northern Cyprus", "XNC"),
        ("Somaliland", "XSL"),
        ("Abkhazia", "XAB"),
        ("South Ossetia", "XSO"),
        ("Transnistria", "XTR"),
        ("Hong Kong", "HKG"),
    ],
)
def test_disputed_states_and_territories_resolve(kb, name, iso3):
    assert kb.lookup(name)[0].country == iso3


def test_keys_are_unique_across_entities_and_people(kb):
    assert not set(kb.entities) & set(kb.people)


def test_duplicate_key_in_data_is_refused(tmp_path):
    row = "- {key: acme-front, name: Acme Front, type: armed_group}\n"
    (tmp_path / "a.yaml").write_text("# source: test\nentities:\n" + row, encoding="utf-8")
    (tmp_path / "b.yaml").write_text("# source: test\nentities:\n" + row, encoding="utf-8")
    with pytest.raises(KBDataError, match="acme-front"):
        load_from(tmp_path)


def test_every_patron_parent_and_term_holder_exists(kb):
    isos = {e.country for e in kb.entities.values() if e.type == "state"}
    for e in kb.entities.values():
        assert all(p in kb.entities for p in e.patrons), e.key
        assert e.parent is None or e.parent in kb.entities, e.key
        assert e.country is None or e.country in isos, e.key
    for p in kb.people.values():
        for t in p.terms:
            assert t.country in isos or t.country in kb.entities, (p.key, t)
            assert t.end is None or t.start <= t.end, (p.key, t)


def test_no_two_people_hold_one_exclusive_office_at_once(kb):
    holders: dict[tuple, list] = {}
    for p in kb.people.values():
        for t in p.terms:
            if t.role in EXCLUSIVE_ROLES:
                holders.setdefault((t.country, t.role), []).append((t, p.key))
    for office, spells in holders.items():
        spells.sort(key=lambda s: s[0].start)
        for (a, pa), (b, pb) in zip(spells, spells[1:]):
            assert pa == pb or (a.end is not None and a.end <= b.start), (office, pa, pb)


def test_every_data_file_says_where_its_facts_came_from():
    for path in DATA.glob("*.yaml"):
        head = path.read_text(encoding="utf-8").lstrip()[:400]
        assert head.startswith("#") and "# source:" in head, path.name


def test_enough_armed_groups_and_media(kb):
    types = [e.type for e in kb.entities.values()]
    assert types.count("armed_group") >= 80
    assert types.count("media") >= 50


def test_surface_forms_have_known_kinds(kb):
    kinds = {kind for _, _, kind in kb.surface_forms()}
    assert kinds <= set(SURFACE_KINDS)


# -- look-ups ---------------------------------------------------------------
@pytest.mark.parametrize(
    "name, key",
    [
        ("Yemenis", "yemen"),
        ("Ukrainian", "ukraine"),
        ("Burmese", "myanmar"),
        ("Emirati", "united-arab-emirates"),
        ("Ethiopians", "ethiopia"),
        ("Azeri", "azerbaijan"),
        ("Filipino", "philippines"),
    ],
)
def test_demonyms_resolve(kb, name, key):
    found = kb.lookup(name)
    assert found[0].key == key and found[0].kind == "demonym"


@pytest.mark.parametrize(
    "name, key",
    [
        ("Kyiv", "ukraine"),
        ("Naypyidaw", "myanmar"),
        ("Addis Ababa", "ethiopia"),
        ("Sanaa", "yemen"),
        ("Tehran", "iran"),
        ("Kinshasa", "democratic-republic-of-the-congo"),
    ],
)
def test_capitals_resolve_as_metonyms(kb, name, key):
    found = kb.lookup(name)
    assert found[0].key == key and found[0].kind == "capital"


@pytest.mark.parametrize(
    "name, key",
    [
        ("Burma", "myanmar"),
        ("Zaire", "democratic-republic-of-the-congo"),
        ("Swaziland", "eswatini"),
        ("Türkiye", "turkey"),
        ("Czechia", "czech-republic"),
        ("DRC", "democratic-republic-of-the-congo"),
        ("U.S.", "united-states"),
        ("UAE", "united-arab-emirates"),
        ("Ivory Coast", "ivory-coast"),
    ],
)
def test_short_and_historical_names(kb, name, key):
    assert keys(kb, name)[0] == key


def test_acronyms_respect_case(kb):
    assert keys(kb, "US") == ["united-states"]
    assert keys(kb, "us") == []
    assert kb.case_sensitive("UN") and kb.case_sensitive("Turkey") and kb.case_sensitive("Rice")
    assert not kb.case_sensitive("Yemenis")


def test_seats_resolve_to_their_state(kb):
    assert kb.lookup("the Elysee")[0].key == "france"
    assert kb.lookup("Downing Street")[0].key == "united-kingdom"
    assert kb.lookup("Zhongnanhai")[0].kind == "seat"


def test_president_of_usa_depends_on_date(kb):
    before = kb.leaders("USA", date(2015, 6, 1), "president")
    after = kb.leaders("USA", date(2021, 6, 1), "president")
    assert [p.key for p, _ in before] == ["barack-obama"]
    assert [p.key for p, _ in after] == ["joe-biden"]
    assert keys(kb, "the US president", date(2015, 6, 1))[0] == "barack-obama"


@pytest.mark.parametrize(
    "name, when, key",
    [
        ("Iran's foreign minister", date(2017, 3, 1), "mohammad-javad-zarif"),
        ("Iran's foreign minister", date(2022, 3, 1), "hossein-amir-abdollahian"),
        ("Russian president", date(2010, 1, 1), "dmitry-medvedev"),
        ("UN chief", date(2021, 6, 1), "antonio-guterres"),
        ("Hezbollah leader", date(2020, 1, 1), "hassan-nasrallah"),
        ("Israeli leader", date(2021, 6, 1), "benjamin-netanyahu"),
        ("Sudanese army chief", date(2023, 5, 1), "abdel-fattah-al-burhan"),
    ],
)
def test_role_phrases_resolve_to_office_holder_on_date(kb, name, when, key):
    assert keys(kb, name, when)[0] == key


def test_surname_resolves_with_leader_of(kb):
    best = kb.lookup("Erdogan", date(2019, 5, 1))[0]
    assert best.key == "recep-tayyip-erdogan" and "leader_of turkey" in best.why
    assert kb.leader_of("dmytro-kuleba", date(2022, 5, 1)) is None  # a minister leads nothing
    assert kb.leader_of("hassan-nasrallah", date(2019, 5, 1)) == "hezbollah"


def test_same_surname_is_split_by_date(kb):
    assert keys(kb, "Hariri", date(2003, 1, 1))[0] == "rafic-hariri"
    assert keys(kb, "Hariri", date(2018, 1, 1))[0] == "saad-hariri"
    # both out of office: the one nearer his time in office first
    assert keys(kb, "Kenyatta", date(2024, 6, 1))[0] == "uhuru-kenyatta"
    assert keys(kb, "Kenyatta", date(1990, 6, 1))[0] == "jomo-kenyatta"


@pytest.mark.parametrize(
    "name, when, iso3",
    [
        ("President Kerekou", date(1995, 6, 1), None),  # between his two terms: no office
        ("President Kerekou", date(1985, 6, 1), "BEN"),
        ("Mr Lubbers", date(1990, 3, 1), "NLD"),
        ("President Menem", date(1995, 6, 1), "ARG"),
        ("Ceausescu", date(1987, 1, 1), "ROU"),
        ("President Ozal", date(1991, 1, 1), "TUR"),
        ("Habre", date(1985, 1, 1), "TCD"),
        ("Prime Minister Hawke", date(1988, 1, 1), "AUS"),
        ("King Birendra", date(1990, 4, 1), "NPL"),
        ("Mahathir", date(1995, 1, 1), "MYS"),
        ("President Sanguinetti", date(1997, 1, 1), "URY"),
        ("Omar Bongo", date(2001, 1, 1), "GAB"),
    ],
)
def test_heads_of_1972_to_2010_lead_their_state_on_the_date(kb, name, when, iso3):
    best = kb.lookup(name, when)[0]
    assert best.kind == "person"
    state = kb.state(iso3).key if iso3 else None
    assert kb.leader_of(best.key, when) == state, (name, best)


def test_title_that_does_not_fit_lowers_the_score(kb):
    fit = kb.lookup("Foreign Minister Kuleba", date(2022, 5, 1))[0]
    misfit = kb.lookup("President Kuleba", date(2022, 5, 1))[0]
    assert fit.key == misfit.key == "dmytro-kuleba" and misfit.score < fit.score


def test_government_and_force_forms(kb):
    found = kb.lookup("Ethiopian army")[0]
    assert (found.key, found.type) == ("ethiopia", "government")
    assert kb.lookup("Ukrainian foreign ministry")[0].key == "ukraine"


def test_armed_groups_and_media_have_patrons_and_homes(kb):
    houthis = kb.lookup("Ansar Allah")[0]
    assert houthis.key == "houthis" and houthis.type == "armed_group"
    assert "iran" in kb.entities["houthis"].patrons
    assert kb.lookup("Daesh")[0].key == "islamic-state"
    tass = kb.lookup("TASS")[0]
    assert tass.type == "media" and tass.country == "RUS"


# -- articles about other conflicts: every state, leader and armed group resolves --
ARTICLE_NAMES = {
    "kb_sahel-juntas-2024-03-18.txt": {
        "Abdourahamane Tiani": "abdourahamane-tchiani",
        "Assimi Goita": "assimi-goita",
        "Ibrahim Traore": "ibrahim-traore",
        "Bola Tinubu": "bola-tinubu",
        "Wagner Group": "wagner-group",
        "Africa Corps": "africa-corps",
        "JNIM": "jnim",
        "Islamic State Sahel Province": "islamic-state-sahel",
        "ECOWAS": "ecowas",
        "MINUSMA": "minusma",
        "Niamey": "niger",
        "Algiers": "algeria",
        "Kremlin": "russia",
        "Malian": "mali",
        "Nigerian": "nigeria",
        "Burkina Faso": "burkina-faso",
        "Paris": "france",
    },
    "kb_myanmar-lashio-2024-08-05.txt": {
        "Myanmar National Democratic Alliance Army": "mndaa",
        "MNDAA": "mndaa",
        "Arakan Army": "arakan-army",
        "Ta'ang National Liberation Army": "tnla",
        "Kachin Independence Army": "kia",
        "People's Defence Force": "pdf-myanmar",
        "National Unity Government": "national-unity-government",
        "Min Aung Hlaing": "min-aung-hlaing",
        "Wang Yi": "wang-yi",
        "Srettha Thavisin": "srettha-thavisin",
        "Aung San Suu Kyi": "aung-san-suu-kyi",
        "Beijing": "china",
        "Bangkok": "thailand",
        "ASEAN": "asean",
        "UNHCR": "unhcr",
        "Reuters": "reuters",
        "Naypyitaw": "myanmar",
    },
}


@pytest.mark.parametrize("article", sorted(ARTICLE_NAMES))
def test_names_in_other_conflicts_resolve(kb, article):
    text = (ARTICLES / article).read_text(encoding="utf-8")
    when = date.fromisoformat(re.search(r"(\d{4}-\d{2}-\d{2})", article).group(1))
    for name, key in ARTICLE_NAMES[article].items():
        assert name in text, name
        found = kb.lookup(name, when)
        assert found and found[0].key == key, (name, [r.key for r in found])
        if found[0].type == "person":
            assert found[0].score >= 0.9, (name, found[0].why)  # in office, or named in full


# -- CLI ----------------------------------------------------------------------
def test_cli_lookup_explains(kb):
    result = CliRunner().invoke(app, ["kb", "lookup", "Zelensky", "--date", "2023-06-12"])
    assert result.exit_code == 0
    assert "volodymyr-zelensky" in result.output and "leader_of ukraine" in result.output


def test_cli_lookup_json(kb):
    result = CliRunner().invoke(app, ["kb", "lookup", "Addis Ababa", "--json"])
    data = json.loads(result.output)
    assert data["actors"][0]["key"] == "ethiopia" and data["actors"][0]["kind"] == "capital"
    city = data["places"][0]
    assert city["country"] == "ETH" and abs(city["lat"] - 9.0) < 0.3 and abs(city["lon"] - 38.75) < 0.3


def test_cli_lookup_shows_the_places_a_name_can_be(kb):
    out = CliRunner().invoke(app, ["kb", "lookup", "Georgia"]).output.splitlines()
    assert out[0].startswith("Georgia -> georgia (state, GEO)")
    assert any("place Georgia (country, GEO)" in line for line in out)
    assert any("place Georgia (region, USA)" in line for line in out)


def test_cli_unknown_name_and_bad_date_fail_in_one_line(kb):
    runner = CliRunner()
    unknown = runner.invoke(app, ["kb", "lookup", "Qwxzlandia"])
    bad_date = runner.invoke(app, ["kb", "lookup", "Zelensky", "--date", "2023-13-45"])
    for result in (unknown, bad_date):
        assert result.exit_code == 1
        assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_state_title_and_full_name_resolve_together(kb):
    found = kb.lookup("Israeli Prime Minister Benjamin Netanyahu", date(2023, 11, 1))
    assert found[0].key == "benjamin-netanyahu"
    assert keys(kb, "Iran's Foreign Minister Abbas Araghchi", date(2025, 1, 1))[0] == "abbas-araghchi"


def test_arabic_surname_resolves_without_article(kb):
    assert keys(kb, "al-Sudani", date(2023, 6, 1))[0] == "mohammed-shia-al-sudani"
    assert keys(kb, "Sudani", date(2023, 6, 1))[0] == "mohammed-shia-al-sudani"


@pytest.mark.parametrize(
    "row,problem",
    [
        ("- {name: Freedonia, type: country, country: FRD}", "type"),  # not a FORMAT.md type
        ("- {name: Freedonia, type: state, country: frd}", "country"),  # not an ISO3 code
        ("- {name: Freedonia, type: state, capitol: [Fredville]}", "capitol"),  # a misspelt field
        ("- {name: Freedonia, type: state, aliases: [1999]}", "aliases"),  # a number, not a name
    ],
)
def test_a_malformed_entity_row_is_refused_in_one_line(tmp_path, row, problem):
    from blocs.kb.schema import KBSchemaError

    (tmp_path / "states.yaml").write_text("# source: test\nentities:\n" + row + "\n", encoding="utf-8")
    with pytest.raises(KBSchemaError) as err:
        load_from(tmp_path)
    assert problem in str(err.value) and "states.yaml" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("terms", ["[[president, 2001-01-01]]", "[[president, FRD, soon, null]]"])
def test_a_malformed_term_is_refused(tmp_path, terms):
    from blocs.kb.schema import KBSchemaError

    (tmp_path / "leaders.yaml").write_text(
        f"people:\n- {{name: Rufus Firefly, country: USA, terms: {terms}}}\n", encoding="utf-8"
    )
    with pytest.raises(KBSchemaError):
        load_from(tmp_path)


def test_historical_states_resolve_by_demonym(kb):
    for name, key in [
        ("North Vietnamese", "north-vietnam"),
        ("South Yemeni", "south-yemen"),
        ("West German", "west-germany"),
        ("Rhodesian", "rhodesia"),
    ]:
        assert kb.lookup(name)[0].key == key, name


def test_a_capital_stands_for_the_state_of_its_time():
    from datetime import date

    from blocs.kb import loader

    kb = loader.load()
    assert kb.in_its_time("Moscow", "russia", date(1989, 2, 4)) == "soviet-union"
    assert kb.in_its_time("Moscow", "russia", date(2015, 2, 4)) == "russia"
    assert kb.in_its_time("Saigon", "south-vietnam", date(1972, 1, 1)) == "south-vietnam"
    assert kb.in_its_time("Saigon", "south-vietnam", date(2010, 1, 1)) is None  # Ho Chi Minh City, no capital


def test_common_press_spellings_of_demonyms(kb):
    forms = {(s, k) for s, k, kind in kb.surface_forms() if kind == "demonym"}
    for surface, key in [
        ("Ecuadorian", "ecuador"),
        ("Nepali", "nepal"),
        ("Kazakh", "kazakhstan"),
        ("Maldivian", "maldives"),
    ]:
        assert (surface, key) in forms
