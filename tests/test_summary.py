"""The terminal summary (`blocs analyze --summary`, `make demo`): what a reader sees first."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from blocs.cli import app
from blocs.records import Actor, Analysis, Quote, Relation
from blocs.summary import summary

FIXTURE = Path(__file__).parent / "articles" / "report_fixture-karabakh.blocs.json"
runner = CliRunner()

# our own short story from another conflict, in the style of a wire report
STORY = """Ethiopia and Eritrea sign border pact as Tigray talks resume

ADDIS ABABA, March 3, 2025 - Ethiopia and Eritrea signed a border agreement in Asmara on Monday,
officials said, while Sudan accused Eritrea of arming militias along the frontier.
"This pact ends twenty years of mistrust," Ethiopian Prime Minister Abiy Ahmed said.
"""


def fixture() -> Analysis:
    return Analysis.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


def shown(analysis: Analysis, width: int = 110) -> str:
    console = Console(record=True, width=width, color_system=None)
    console.print(summary(analysis))
    return console.export_text()


def test_summary_shows_actors_ties_blocs_events_and_quotes():
    text = shown(fixture())
    for expected in (
        "Azerbaijan presses Karabakh offensive",
        "Actors (9)",
        "Azerbaijan",
        "Armenia",
        "Ties (6",
        "Turkey ally → Azerbaijan",
        "hostile",
        "Turkey has backed Azerbaijan with drones",  # one evidence line per tie
        "Blocs",
        "Armenia, Russia",
        "Azerbaijan, Turkey",
        "France: only hostile ties",  # an actor with ties in no bloc, and why
        "2020-10-11",
        "ASSAULT",
        "Ganja",  # events with dates and places
        "Quotes (2)",
        "Nikol Pashinyan",
        "We will defend every inch of our land",
    ):
        assert expected in text, expected


def test_one_line_per_pair_with_net_polarity():
    a = fixture()
    a.relations.append(
        Relation(
            source="azerbaijan",
            target="turkey",
            polarity="hostile",
            directed=False,
            confidence=0.2,
            evidence=["Turkey has backed Azerbaijan with drones"],
        )
    )
    text = shown(a)
    lines = [line for line in text.splitlines() if "Turkey" in line and "Azerbaijan" in line and "net" in line]
    assert len(lines) == 1 and "ally" in lines[0] and "+0.75" in lines[0]


def test_places_taken_for_actors_are_left_out_and_markup_is_shown_as_written():
    a = fixture()
    a.actors.append(Actor(key="shusha", name="Shusha", type="armed_group", mentions=9))
    a.quotes.append(Quote(speaker="armenia", text="[bold]not markup[/bold] and [red]", direct=True))
    text = shown(a)
    assert "Shusha " not in text.split("Main events")[0].split("Ties")[0]  # not among the actors
    assert "[bold]not markup[/bold] and [red]" in text


def test_cli_summary_goes_to_stderr_when_the_json_goes_to_stdout(tmp_path):
    story = tmp_path / "horn-pact-2025-03-03.txt"
    story.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(story), "--summary"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # stdout is the JSON and nothing else
    assert data["format"] == "blocs/1"
    assert "Actors (" in result.stderr and "Ethiopia" in result.stderr and "Ties" in result.stderr
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["analyze", str(story), "--summary", "-o", str(out)])
    assert result.exit_code == 0
    assert "Actors (" in result.stdout and json.loads(out.read_text())["format"] == "blocs/1"


def test_a_government_joins_its_state_bloc_and_the_summary_says_why():
    a = fixture()
    a.actors.append(Actor(key="armenia-government", name="Armenian government", type="government", country="ARM"))
    a.relations.append(
        Relation(source="iran", target="armenia-government", polarity="ally", directed=False, confidence=0.8)
    )
    text = shown(a)
    blocs = text.split("Blocs")[1].split("Main events")[0]
    assert "Armenian government" in blocs and "Iran" in blocs.split("not in a bloc")[0]
    assert "together with no tie stated: Armenian government and Armenia" in " ".join(blocs.split())
