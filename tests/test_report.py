"""`blocs report`: the HTML report is self-contained, escapes article text, links every item to
its evidence, and renders its network, map and timeline in headless Chromium without a console
error (Chromium is driven over the DevTools protocol on a pipe: no Python package needed)."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import BlocsError
from blocs.records import Analysis
from blocs.report import assets as assets_mod
from blocs.report import inputs, render, tidy
from blocs.report import view as view_mod

ARTICLES = Path(__file__).parent / "articles"
ARTIFACTS = Path(__file__).parent / "artifacts"
FIXTURE = ARTICLES / "report_fixture-karabakh.blocs.json"
SCRIPT_ARTICLE = ARTICLES / "report_yemen-script-2024-01-12.txt"
OTHER_ARTICLE = ARTICLES / "report_sudan-el-fasher-2024-06-14.txt"
INJECTED = "<script>alert(1)</script>"

runner = CliRunner()


# ---- helpers ----------------------------------------------------------------------------------


class PageParser(HTMLParser):
    """Ids, internal links and <script> elements of a page, as the browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.scripts, self.text = set(), [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "script":
            self.scripts.append(attrs)
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def fixture_analysis() -> Analysis:
    return Analysis.model_validate_json(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def fixture_html() -> str:
    return render.render([fixture_analysis()])


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Path:
    """Two articles of our own through the whole pipeline (one carries a <script> tag), as JSON Lines."""
    from blocs import ingest, pipeline

    out = tmp_path_factory.mktemp("analysed") / "two.jsonl"
    lines = []
    for path in (SCRIPT_ARTICLE, OTHER_ARTICLE):
        raw = next(iter(ingest.read(path)))
        lines.append(json.dumps(pipeline.analyze(raw).model_dump(mode="json"), ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# ---- the view model and the HTML, without a browser ------------------------------------------


def test_fixture_is_a_valid_analysis_whose_evidence_is_in_its_text():
    a = fixture_analysis()
    text = re.sub(r"\s+", " ", a.text)
    spans = (
        [e for r in a.relations for e in r.evidence] + [e.evidence for e in a.events] + [g.evidence for g in a.goals]
    )
    assert spans and all(re.sub(r"\s+", " ", s) in text for s in spans)


def test_every_item_links_to_an_evidence_sentence_that_exists(fixture_html):
    page = parse(fixture_html)
    view = view_mod.build([fixture_analysis()])
    items = list(view.relations.values()) + view.events + view.quotes + view.goals
    assert len(items) == 6 + 8 + 2 + 1
    for item in items:
        assert item["evidence"], item["id"]
        assert item["id"] in page.ids
        assert all(ev in page.ids for ev in item["evidence"])
    # every internal link lands somewhere, and evidence links back to the items citing it
    assert page.links and not [link for link in page.links if link not in page.ids]
    cited = {anchor for entry in view.evidence.values() for anchor, _ in entry["cites"]}
    assert cited == {item["id"] for item in items}


def test_same_sentence_is_one_evidence_entry_cited_by_each_item():
    view = view_mod.build([fixture_analysis()])
    sentence = "France demanded that Turkey stop its interference"
    entries = [e for e in view.evidence.values() if e["text"].startswith(sentence)]
    assert len(entries) == 1
    assert len(entries[0]["cites"]) == 3  # the France-Turkey tie, the REQUEST and the THREATEN


def test_article_text_is_escaped_everywhere(fixture_html):
    assert INJECTED not in fixture_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fixture_html
    page = parse(fixture_html)
    # the only <script> elements are the report's own: data, world outline, libraries, page script
    assets = assets_mod.load()
    expected = 1 + (1 if assets.world else 0) + len(assets.scripts) + 1
    assert len(page.scripts) == expected
    assert INJECTED in "".join(page.text)  # shown to the reader, as text


def test_json_in_script_cannot_close_the_element():
    data = {"text": "</script><!-- & <b>", "name": "\u2028Zoë"}
    encoded = assets_mod.json_for_script(data)
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and encoded.isascii()
    assert json.loads(encoded) == data
    assert "<\\/script" in assets_mod.script_safe("var s = '</script>';")


def test_event_classes_cover_every_plover_type():
    from blocs.records import PLOVER_TYPES

    assert {view_mod.event_class(t)["key"] for t in PLOVER_TYPES} <= {
        "verbal-cooperation",
        "material-cooperation",
        "verbal-conflict",
        "material-conflict",
    }
    assert view_mod.event_class("ASSAULT")["key"] == "material-conflict"
    assert view_mod.event_class("AID")["key"] == "material-cooperation"


def test_layout_puts_allies_closer_than_foes():
    view = view_mod.build([fixture_analysis()])
    pos = view.positions

    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    assert dist("turkey", "azerbaijan") < dist("azerbaijan", "armenia")
    assert dist("russia", "armenia") < dist("russia", "azerbaijan")
    assert view_mod.build([fixture_analysis()]).positions == pos  # seeded: same input, same picture


def test_several_analyses_merge_actors_and_find_blocs_together():
    a = fixture_analysis()
    b = a.model_copy(deep=True)
    b.document.id, b.document.title, b.document.published = "second", "A second report", "2020-11-09"
    view = view_mod.build([a, b])
    assert len(view.docs) == 2
    assert view.actors["armenia"]["mentions"] == 2 * 6
    tie = next(r for r in view.relations.values() if {r["source"], r["target"]} == {"turkey", "azerbaijan"})
    assert tie["count"] == 2 and tie["docs"] == [0, 1]
    assert len(tie["evidence"]) == 2  # the same sentence in two articles: two pieces of evidence
    members = {m for bloc in view.blocs for m in bloc["members"]}
    assert {"turkey", "azerbaijan", "armenia"} <= members
    bloc_of = {m: bloc["id"] for bloc in view.blocs for m in bloc["members"]}
    assert bloc_of["turkey"] == bloc_of["azerbaijan"] != bloc_of["armenia"]


def test_max_actors_keeps_the_most_tied():
    view = view_mod.build([fixture_analysis()], max_actors=3)
    assert len(view.network_keys) == 3 and "armenia" in view.network_keys
    assert view.network_dropped == 3


# ---- inputs and the command line ---------------------------------------------------------------


def test_cli_writes_report_from_json_and_jsonl(tmp_path):
    jsonl = tmp_path / "two.jsonl"
    other = fixture_analysis().model_copy(deep=True)
    other.document.title = "Second article"
    jsonl.write_text(FIXTURE.read_text().replace("\n", " ") + "\n" + other.model_dump_json() + "\n")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "2 articles" in html and "Second article" in html


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "is empty"),
        ('{"format": "blocs/1"', "line 1: not a valid JSON"),
        (
            '{"format": "blocs/1", "document": {"id": "x"}, "text": "t"}\n{"format": "blocs/1",',
            "line 2: not a valid JSON",
        ),
        ('{"format": "other/2", "text": "x"}', "not a blocs/1 document"),
        ('{"format": "blocs/1", "document": {"id": "x"}, "text": "t", "relations": [{"source": "a"}]}', "relations.0"),
    ],
)
def test_cli_bad_input_is_one_line(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = runner.invoke(app, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_needs_exactly_one_source(tmp_path):
    for args in ([], [str(FIXTURE), "--db", str(tmp_path / "c.duckdb")]):
        result = runner.invoke(app, ["report", *args, "-o", str(tmp_path / "r.html")])
        assert result.exit_code == 2 and "one of the two" in result.output
    result = runner.invoke(app, ["report", str(tmp_path / "nope.json"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / "no" / "dir" / "r.html")])
    assert result.exit_code == 2 and "cannot write" in result.output


def test_missing_npm_packages_still_give_a_report(tmp_path, monkeypatch):
    monkeypatch.setenv(assets_mod.ENV_VAR, str(tmp_path / "no_node_modules"))
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0
    assert "warning" in result.output and "make install" in result.output
    html = out.read_text(encoding="utf-8")
    assert 'id="missing-libraries"' in html and "cytoscape" in html
    assert "cytoscape.min" not in html and 'id="world-data"' not in html
    assert 'id="timeline"' in html and 'id="ev-1"' in html


def test_report_from_corpus_database(tmp_path):
    from blocs.store import ingest, schema

    db = tmp_path / "c.duckdb"
    first = fixture_analysis()
    second = first.model_copy(deep=True)
    second.document.id, second.document.title, second.document.published = "later", "A later story", "2020-12-01"
    con = schema.connect(db)
    try:
        ingest.write_batch(con, [("h1", first), ("h2", second)])
    finally:
        con.close()
    got = inputs.read_db(db)
    assert [a.document.id for a in got] == [first.document.id, "later"]
    assert inputs.read_db(db, since="2020-11-15")[0].document.id == "later"
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "2 articles" in html and "A later story" in html and INJECTED not in html
    result = runner.invoke(app, ["report", "--db", str(db), "--since", "2031-01-01", "-o", str(out)])
    assert result.exit_code == 2 and "is empty" in result.output
    result = runner.invoke(app, ["report", "--db", str(db), "--since", "last week", "-o", str(out)])
    assert result.exit_code == 2 and "cannot read date" in result.output


def test_a_file_that_is_not_a_corpus_is_refused(tmp_path):
    not_db = tmp_path / "x.duckdb"
    not_db.write_text("hello")
    with pytest.raises(BlocsError):
        inputs.read_db(not_db)


# ---- in headless Chromium ------------------------------------------------------------------------

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
]


def chromium_binary():
    for name in (os.environ.get("BLOCS_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """Headless Chromium over the DevTools protocol on fds 3/4 (--remote-debugging-pipe)."""

    def __init__(self, binary: str):
        self.profile = tempfile.mkdtemp(prefix="blocs-chromium-")
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (cmd_r, res_w)]

        def child_fds():
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=child_fds,
        )
        for fd in (cmd_r, res_w, *high):
            os.close(fd)
        self.out, self.inp = cmd_w, res_r
        self.buf, self.next_id, self.events, self.session = b"", 0, [], None

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.inp], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.inp, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, timeout: float = 30, browser: bool = False) -> dict:
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session and not browser:
            msg["sessionId"] = self.session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev["method"] == method:
                    return ev
            self.events.append(self._message(deadline))

    def open(self, path: Path, width: int = 1400, height: int = 1000) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, browser=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for("Page.loadEventFired")

    def eval(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, failed loads, and any dialog (alert)."""
        out = []
        for ev in self.events:
            method, p = ev["method"], ev.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p["exceptionDetails"])[:400])
            elif method == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert", "warning"):
                out.append(
                    f"console.{p['type']}: " + " ".join(str(a.get("value", a.get("description"))) for a in p["args"])
                )
            elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                out.append("log: " + p["entry"]["text"])
            elif method == "Page.javascriptDialogOpening":
                out.append("dialog: " + p.get("message", ""))
        return out

    def drag(self, x0: float, x1: float, y: float, steps: int = 8) -> None:
        """A real mouse drag (press, moves, release) at page coordinates."""
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x0, "y": y})
        self.send(
            "Input.dispatchMouseEvent",
            {"type": "mousePressed", "x": x0, "y": y, "button": "left", "buttons": 1, "clickCount": 1},
        )
        for i in range(1, steps + 1):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": "mouseMoved", "x": x0 + (x1 - x0) * i / steps, "y": y, "button": "left", "buttons": 1},
            )
        self.send(
            "Input.dispatchMouseEvent",
            {"type": "mouseReleased", "x": x1, "y": y, "button": "left", "buttons": 0, "clickCount": 1},
        )

    def screenshot(self, path: Path, width: int = 1400) -> None:
        for _ in range(3):  # sections laid out only when on screen settle their height as the viewport grows
            height = min(int(self.eval("Math.ceil(document.body.getBoundingClientRect().height)")), 12000)
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
        data = self.send("Page.captureScreenshot", {"format": "png"}, timeout=60)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self.out, self.inp):
            os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)


REQUIRE_BROWSER = ("CI", "BLOCS_REQUIRE_BROWSER")  # set to 1: a missing browser fails, never skips


def browser_required() -> bool:
    return any(os.environ.get(var, "").strip().lower() in ("1", "true", "yes") for var in REQUIRE_BROWSER)


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where the browser test must run."""
    if browser_required():
        pytest.fail(f"{reason}, and CI=1 or BLOCS_REQUIRE_BROWSER=1 says the browser test must run")
    pytest.skip(reason)


@pytest.fixture
def browser():
    binary = chromium_binary()
    if binary is None:
        skip_or_fail("Chromium is not installed (Debian: apt-get install chromium)")
    b = Browser(binary)
    yield b
    b.close()


def need_npm_packages() -> None:
    if assets_mod.load().missing:
        skip_or_fail("npm packages not installed (run `make install`)")


def status(b: Browser) -> dict:
    """How each part of the page went (the page's own record; timings left out)."""
    got = b.eval("Object.assign({}, document.getElementById('report-status').dataset)")
    return {k: v for k, v in got.items() if not k.endswith("Ms")}


def test_report_renders_in_chromium(browser, tmp_path, fixture_html):
    need_npm_packages()
    page = tmp_path / "report.html"
    page.write_text(fixture_html, encoding="utf-8")
    browser.open(page)
    assert status(browser) == {"network": "ok", "map": "ok", "timeline": "ok", "windows": "none", "done": "yes"}
    counts = browser.eval("""({
        nodes: blocsNetwork.nodes().length, edges: blocsNetwork.edges().length,
        canvas: document.querySelectorAll('#network canvas').length,
        countries: document.querySelectorAll('#map path.country').length,
        drawn: [...document.querySelectorAll('#map path.country')].filter(p => p.getAttribute('d')).length,
        mentioned: document.querySelectorAll('#map path.country.mentioned').length,
        places: document.querySelectorAll('#map circle.place').length,
        timeline: document.querySelectorAll('#timeline .tl-event').length,
        width: document.getElementById('network').getBoundingClientRect().width})""")
    a = fixture_analysis()
    assert counts["nodes"] == 6 and counts["edges"] == len(a.relations) and counts["canvas"] >= 1
    assert counts["countries"] > 150 and counts["drawn"] > 20
    assert counts["mentioned"] == 6  # Azerbaijan, Armenia, Turkey, Russia, Iran, France
    assert counts["places"] == len(a.places)
    assert counts["timeline"] == sum(1 for e in a.events if e.date)
    assert counts["width"] > 600
    assert browser.problems() == []
    browser.screenshot(ARTIFACTS / "report_fixture.png")


def test_clicks_show_the_evidence(browser, tmp_path, fixture_html):
    need_npm_packages()
    page = tmp_path / "report.html"
    page.write_text(fixture_html, encoding="utf-8")
    browser.open(page)
    view = view_mod.build([fixture_analysis()])
    tie = next(r for r in view.relations.values() if r["source"] == "turkey")
    sentence = view.evidence[next(k for k, e in view.evidence.items() if e["id"] == tie["evidence"][0])]["text"]
    panel = "document.getElementById('detail-body').textContent"
    browser.eval(f"blocsNetwork.getElementById('{tie['id']}').emit('tap'); true")
    assert sentence in browser.eval(panel)
    browser.eval("blocsNetwork.getElementById('script-group').emit('tap'); true")
    assert INJECTED in browser.eval("document.querySelector('#detail-body h3').textContent")
    assert browser.eval("document.querySelectorAll('#detail-body script').length") == 0
    event = next(e for e in view.events if e["type"] == "ASSAULT" and e["place"] == "Ganja")
    browser.eval(
        f"document.querySelector('[data-event=\"{event['id']}\"]').dispatchEvent(new MouseEvent('click', {{bubbles: true}})); true"
    )
    assert "shelled the Azerbaijani city of Ganja" in browser.eval(panel)
    fitted = browser.eval("document.querySelector('#map path.country.mentioned').getAttribute('d')")
    browser.eval("document.getElementById('map-world').click(); true")
    assert browser.eval("document.querySelector('#map path.country.mentioned').getAttribute('d')") != fitted
    browser.eval("document.querySelector('[data-place]').dispatchEvent(new MouseEvent('click', {bubbles: true})); true")
    assert browser.eval("document.querySelector('#detail-body h3').textContent")
    # a table row's evidence link jumps to the sentence in the evidence list
    browser.eval(f"document.querySelector('#{event['id']} a.ev-link').click(); true")
    assert browser.eval("location.hash") == f"#{event['evidence'][0]}"
    assert browser.eval("document.querySelector(':target').id") == event["evidence"][0]
    assert browser.problems() == []


def test_pipeline_output_with_injected_script_renders_safely(browser, tmp_path, analysed):
    out = tmp_path / "analysed.html"
    result = runner.invoke(app, ["report", str(analysed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert INJECTED not in html
    browser.open(out)
    st = status(browser)
    assert st["done"] == "yes" and "error" not in st.values()
    assert st["timeline"] in ("ok", "empty") and st["map"] in ("ok", "empty", "missing-library")
    shown = browser.eval("document.querySelectorAll('#actors tbody tr').length")
    analyses = inputs.read_files([analysed])
    places = set().union(*(tidy.place_actor_keys(a) for a in analyses))
    actors = {a.key for a in analyses for a in a.actors} - places
    assert shown == len(actors)
    shown_keys = browser.eval("[...document.querySelectorAll('#actors [data-actor]')].map(r => r.dataset.actor)")
    assert not places & set(shown_keys)  # a town taken for an actor is on the map, not in the actors table
    assert browser.problems() == []  # no alert dialog, no console error
    browser.screenshot(ARTIFACTS / "report_analysed.png")


def test_without_npm_packages_the_page_still_shows_timeline_and_evidence(browser, tmp_path):
    page = tmp_path / "bare.html"
    page.write_text(
        render.render([fixture_analysis()], assets=assets_mod.Assets(missing=["cytoscape"])), encoding="utf-8"
    )
    browser.open(page)
    assert status(browser) == {
        "network": "missing-library",
        "map": "missing-library",
        "timeline": "ok",
        "windows": "none",
        "done": "yes",
    }
    assert browser.eval("document.querySelectorAll('#timeline .tl-event').length") == 5
    assert "not drawn" in browser.eval("document.getElementById('network').textContent")
    assert browser.problems() == []


def test_a_crowded_timeline_counts_events_in_bars(browser, tmp_path):
    a = fixture_analysis()
    template = next(e for e in a.events if e.type == "ASSAULT")
    a.events = [template.model_copy(update={"date": f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}"}) for i in range(450)]
    page = tmp_path / "crowded.html"
    page.write_text(render.render([a]), encoding="utf-8")
    browser.open(page)
    assert status(browser)["timeline"] == "ok"
    bars = browser.eval("[...document.querySelectorAll('#timeline .tl-bin')].map(b => +b.getAttribute('height'))")
    assert 12 <= len(bars) <= 120 and max(bars) > min(bars)
    browser.eval(
        "document.querySelector('#timeline .tl-bin').dispatchEvent(new MouseEvent('click', {bubbles: true})); true"
    )
    panel = browser.eval("document.getElementById('detail-body').textContent")
    assert "material conflict event(s)" in panel
    assert panel.count(template.evidence) == 1  # the same sentence is shown once
    assert browser.problems() == []


# ---- what a reader sees: one tie per pair, places, blocs, CSP, windows (no browser) ---------------


def _with(analysis: Analysis, **lists) -> Analysis:
    """A copy of the fixture with records added to its lists (actors, relations, events...)."""
    copy = analysis.model_copy(deep=True)
    for name, items in lists.items():
        getattr(copy, name).extend(items)
    return copy


def test_one_row_per_pair_with_its_net_polarity_and_all_evidence():
    from blocs.records import Relation

    a = fixture_analysis()
    sentence = "France demanded that Turkey stop its interference"
    extra = Relation(
        source="france", target="turkey", polarity="ally", directed=False, confidence=0.3, evidence=[sentence]
    )
    a = _with(a, relations=[extra])
    view = view_mod.build([a])
    ties = [r for r in view.relations.values() if {r["source"], r["target"]} == {"france", "turkey"}]
    assert len(ties) == 1
    tie = ties[0]
    assert tie["polarity"] == "hostile" and tie["net"] == pytest.approx(0.3 - 0.7)
    assert tie["ally"] == pytest.approx(0.3) and tie["hostile"] == pytest.approx(0.7)
    assert not tie["directed"]  # the two wordings disagree on direction
    html = render.render([a])
    assert html.count(f'id="{tie["id"]}"') == 1


def test_every_actor_with_ties_is_in_a_bloc_or_told_why():
    view = view_mod.build([fixture_analysis()])
    in_bloc = {m for b in view.blocs for m in b["members"]}
    tied = {k for r in view.relations.values() for k in (r["source"], r["target"])}
    told = {u["key"] for u in view.unaligned}
    assert tied <= in_bloc | told and not in_bloc & told
    france = next(u for u in view.unaligned if u["key"] == "france")  # only a hostile tie, to Turkey
    assert "only hostile ties" in france["reason"] and "Turkey" in france["reason"]
    assert france["reason"] in render.render([fixture_analysis()])


def test_ties_split_evenly_are_named_as_such():
    from blocs.records import Relation

    def rel(s, t, p, w):
        return Relation(source=s, target=t, polarity=p, directed=False, confidence=w, weight=w)

    # Chad is allied with Niger but as hostile to Benin, Niger's close ally: joining costs what it gains
    relations = [
        rel("niger", "benin", "ally", 1.0),
        rel("chad", "niger", "ally", 0.6),
        rel("chad", "benin", "hostile", 0.6),
    ]
    pairs = tidy.pairs(relations)
    blocs = [b for b in tidy.blocs_of(["chad", "niger", "benin"], pairs.values()) if len(b.members) > 1]
    assert [sorted(b.members) for b in blocs] == [["benin", "niger"]]
    bloc_of = {m: b.id for b in blocs for m in b.members}
    reason = tidy.why_alone("chad", list(pairs.values()), bloc_of, str.title)
    assert "split evenly" in reason and "Niger" in reason and "Benin" in reason


def test_a_place_taken_for_an_actor_is_left_out_but_a_state_stays():
    from blocs.records import Actor, Event, Relation

    a = _with(
        fixture_analysis(),
        actors=[Actor(key="ganja", name="Ganja", type="armed_group", mentions=3)],
        relations=[
            Relation(
                source="ganja",
                target="armenia",
                polarity="hostile",
                directed=True,
                confidence=0.6,
                evidence=["Armenian forces shelled the Azerbaijani city of Ganja"],
            )
        ],
        events=[
            Event(
                type="ASSAULT",
                source="armenia",
                target="ganja",
                date="2020-10-11",
                confidence=0.7,
                evidence="Armenian forces shelled the Azerbaijani city of Ganja",
            )
        ],
    )
    assert tidy.place_actor_keys(a) == {"ganja"}  # Armenia is a place of the article too, and a state
    view = view_mod.build([a])
    assert "ganja" not in view.actors and "armenia" in view.actors
    assert not any("ganja" in (r["source"], r["target"]) for r in view.relations.values())
    assert not any("ganja" in b["members"] for b in view.blocs)
    assert view.left_out == ["Ganja"]
    last = next(e for e in view.events if e["target"] is None and e["place"] == "Ganja" and e["type"] == "ASSAULT")
    assert last["source"] == "armenia"  # the town became where it happened
    html = render.render([a])
    assert 'id="left-out"' in html and 'data-actor="ganja"' not in html


def test_content_security_policy_names_every_inline_script_and_style_by_hash(fixture_html):
    import hashlib

    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', fixture_html).group(1)
    csp = csp.replace("&#39;", "'")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp

    def digest(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    runnable = re.findall(r"<script>(.*?)</script>", fixture_html, flags=re.S)
    styles = re.findall(r"<style[^>]*>(.*?)</style>", fixture_html, flags=re.S)
    assert runnable and len(styles) == 1
    script_src = csp.split("script-src ")[1].split(";")[0].split()
    assert sorted(script_src) == sorted(digest(body) for body in runnable)
    assert digest(styles[0]) in csp.split("style-src ")[1].split(";")[0]
    # nothing the policy would refuse: no style attributes, no inline event handlers
    assert not re.search(r"<[^>]+\sstyle=", fixture_html)
    assert not re.search(r"<[^>]+\son[a-z]+=", fixture_html)


def _two_months() -> list[Analysis]:
    """The fixture twice, a month apart; in the second, Russia turns on Armenia."""
    from blocs.records import Relation

    first = fixture_analysis()
    second = first.model_copy(deep=True)
    second.document.id, second.document.title, second.document.published = "later", "A month later", "2020-12-03"
    second.relations = [r for r in second.relations if {r.source, r.target} != {"russia", "armenia"}]
    second.relations.append(
        Relation(
            source="russia",
            target="armenia",
            polarity="hostile",
            directed=False,
            confidence=0.9,
            evidence=["Russia, which has a defence pact with Armenia, brokered a ceasefire"],
        )
    )
    return [first, second]


def test_blocs_per_window_follow_each_months_ties():
    view = view_mod.build(_two_months(), window="month")
    assert [w["label"] for w in view.windows] == ["2020-11", "2020-12"]
    first, second = view.windows

    def together(w):
        return any({"russia", "armenia"} <= set(b["members"]) for b in w["blocs"])

    assert together(first) and not together(second)
    tie = next(r["id"] for r in view.relations.values() if {r["source"], r["target"]} == {"russia", "armenia"})
    assert first["ties"][tie] == "ally" and second["ties"][tie] == "hostile"
    assert (first["start"], first["end"]) == ("2020-11-01", "2020-12-01")

    # a coalition keeps its colour from window to window
    def colour(w, key):
        return next(b["colour"] for b in w["blocs"] if key in b["members"])

    assert colour(first, "turkey") == colour(second, "turkey")
    assert view_mod.build(_two_months(), window="all").windows == []


def test_report_window_option_is_checked(tmp_path):
    result = runner.invoke(app, ["report", str(FIXTURE), "-o", str(tmp_path / "r.html"), "--window", "fortnight"])
    assert result.exit_code == 2 and "unknown time window" in result.output


# ---- what a reader sees, in Chromium: the timeline's reach, the brush, the window slider, labels ----


def _open(browser, tmp_path, analyses, name: str, **options) -> None:
    page = tmp_path / f"{name}.html"
    page.write_text(render.render(analyses, **options), encoding="utf-8")
    browser.open(page)


def _boxes(browser, selector: str) -> list[dict]:
    return browser.eval(f"""[...document.querySelectorAll({json.dumps(selector)})].map(n => {{
        const r = n.getBoundingClientRect(); return {{x0: r.left, x1: r.right, y0: r.top, y1: r.bottom,
        id: n.getAttribute('data-event') || n.id, cls: n.getAttribute('class')}}; }})""")


def test_timeline_zooms_to_the_events_and_draws_an_outlier_at_the_edge(browser, tmp_path):
    need_npm_packages()
    a = fixture_analysis()
    old = a.events[0].model_copy(update={"date": "2014-05-02", "evidence": a.events[0].evidence})
    a.events.append(old)
    _open(browser, tmp_path, [a], "outlier")
    assert status(browser)["timeline"] == "ok"
    assert browser.eval("document.getElementById('timeline').dataset.outliers") == "1"
    plot_l, plot_r, width = map(float, browser.eval("document.getElementById('timeline').dataset.plot").split())
    scale = browser.eval("document.querySelector('#timeline svg').getBoundingClientRect().width") / width
    svg_left = browser.eval("document.querySelector('#timeline svg').getBoundingClientRect().left")
    marks = _boxes(browser, "#timeline .tl-event")
    inside = [m for m in marks if "tl-outlier" not in m["cls"]]
    edge = [m for m in marks if "tl-outlier" in m["cls"]]
    assert len(edge) == 1 and len(inside) == sum(1 for e in a.events if e.date) - 1
    # the 2020 events spread over most of the axis; the 2014 one sits left of it, not stretching it
    lo, hi = min(m["x0"] for m in inside), max(m["x1"] for m in inside)
    assert (hi - lo) > 0.8 * (plot_r - plot_l) * scale
    assert edge[0]["x1"] <= svg_left + plot_l * scale + 1
    assert "2014-05-02" in browser.eval("document.getElementById('timeline-note').textContent")
    assert browser.problems() == []
    browser.screenshot(ARTIFACTS / "report_outlier.png")


def test_brushing_the_timeline_filters_network_map_and_tables(browser, tmp_path):
    need_npm_packages()
    a = fixture_analysis()
    _open(browser, tmp_path, [a], "brush")
    view = view_mod.build([a])
    # drag across 9-12 October (the Moscow ceasefire and the shelling of Ganja) in an empty lane
    browser.eval("document.getElementById('timeline').scrollIntoView({block: 'center', behavior: 'instant'}); true")
    marks = {m["id"]: m for m in _boxes(browser, "#timeline [data-event]")}
    by_date = {e["date"]: e["id"] for e in view.events if e["date"]}
    x0 = marks[by_date["2020-10-10"]]["x0"] - 6
    x1 = marks[by_date["2020-10-11"]]["x1"] + 6
    lane = browser.eval("""(() => { const t = [...document.querySelectorAll('#timeline .lane-label')]
        .find(n => n.textContent === 'Material cooperation').getBoundingClientRect(); return (t.top + t.bottom) / 2; })()""")
    browser.drag(x0, x1, lane)
    chosen = browser.eval("document.getElementById('report-status').dataset.window")
    start, end = chosen.split("/")
    assert start <= "2020-10-10" and "2020-10-11" <= end < "2020-10-29"

    def visible(sel):
        return browser.eval(
            f"[...document.querySelectorAll('{sel}')].filter(n => n.offsetParent !== null).map(n => n.id)"
        )

    in_window = {e["id"] for e in view.events if e["date"] and start <= e["date"] <= end}
    assert set(visible("#events tbody tr")) == in_window
    ties = {(r["source"], r["target"]): r["id"] for r in view.relations.values()}
    shown_ties = set(visible("#relations tbody tr"))
    armenia_azerbaijan = next(i for k, i in ties.items() if set(k) == {"armenia", "azerbaijan"})
    turkey_azerbaijan = next(i for k, i in ties.items() if set(k) == {"turkey", "azerbaijan"})
    assert armenia_azerbaijan in shown_ties and turkey_azerbaijan not in shown_ties
    faded = browser.eval("blocsNetwork.elements('.faded').map(e => e.id())")
    assert turkey_azerbaijan in faded and armenia_azerbaijan not in faded and "turkey" in faded
    assert "armenia" not in faded and "azerbaijan" not in faded
    faded_places = browser.eval(
        "[...document.querySelectorAll('#map circle.place.faded')].map(c => c.querySelector('title').textContent)"
    )
    assert any(t.startswith("Stepanakert") for t in faded_places) and not any(
        t.startswith("Ganja") for t in faded_places
    )
    assert "2 of 8 events" in browser.eval("document.getElementById('filter-status').textContent")
    browser.screenshot(ARTIFACTS / "report_brushed.png")
    browser.eval("document.getElementById('filter-clear').click(); true")
    assert browser.eval("document.getElementById('report-status').dataset.window") == ""
    assert len(visible("#events tbody tr")) == len(view.events)
    assert browser.eval("blocsNetwork.elements('.faded').length") == 0
    assert browser.problems() == []


def test_network_labels_keep_their_size_at_every_zoom(browser, tmp_path):
    need_npm_packages()
    _open(browser, tmp_path, [fixture_analysis()], "labels")
    sizes = []
    for zoom in (0.3, 1.0, 2.5):
        sizes.append(
            browser.eval(f"""new Promise(done => {{ blocsNetwork.zoom({zoom});
            requestAnimationFrame(() => requestAnimationFrame(() => {{
              const n = blocsNetwork.getElementById('armenia');
              done(parseFloat(n.style('font-size')) * blocsNetwork.zoom()); }})); }})""")
        )
    assert all(abs(s - 13) < 0.5 for s in sizes), sizes
    assert browser.problems() == []


def test_corpus_report_slider_shows_each_windows_blocs(browser, tmp_path):
    need_npm_packages()
    _open(browser, tmp_path, _two_months(), "windows", window="month")
    assert status(browser)["windows"] == "ok"
    assert browser.eval("document.getElementById('window-slider').max") == "2"
    legend = "document.getElementById('bloc-legend').textContent"
    slide = """(() => { const s = document.getElementById('window-slider'); s.value = '%d';
        s.dispatchEvent(new Event('input')); })()"""
    assert "Russia" not in browser.eval(legend)  # over both months Russia's tie to Armenia nets hostile
    browser.eval(slide % 1)
    assert browser.eval("document.getElementById('window-label').textContent").startswith("2020-11")
    assert "Russia" in browser.eval(legend)  # in November it stood with Armenia
    browser.eval(slide % 2)
    assert browser.eval("document.getElementById('window-label').textContent").startswith("2020-12")
    assert "Russia" not in browser.eval(legend)
    assert browser.eval("document.getElementById('report-status').dataset.blocWindow") == "2020-12"
    tie = next(
        r["id"]
        for r in view_mod.build(_two_months()).relations.values()
        if {r["source"], r["target"]} == {"russia", "armenia"}
    )
    cfg = assets_mod.config()
    assert browser.eval(f"blocsNetwork.getElementById('{tie}').data('colour')") == cfg["polarity_colours"]["hostile"]
    colour = "blocsNetwork.getElementById('%s').data('colour')"
    assert browser.eval(colour % "russia") == cfg["unaligned"]
    browser.screenshot(ARTIFACTS / "report_windows.png")
    browser.eval(slide % 1)
    assert browser.eval(colour % "russia") == browser.eval(colour % "armenia") != cfg["unaligned"]
    assert browser.eval(f"blocsNetwork.getElementById('{tie}').data('colour')") == cfg["polarity_colours"]["ally"]
    browser.eval(slide % 0)
    assert browser.eval("document.getElementById('report-status').dataset.blocWindow") == ""
    assert "Russia" not in browser.eval(legend)
    assert browser.problems() == []


def test_bundled_example_report_shows_network_map_and_a_timeline_across_the_width(browser, tmp_path):
    """The report `make demo` writes, from the bundled example through the whole pipeline."""
    from blocs import ingest, pipeline

    need_npm_packages()
    example = next((Path(__file__).parents[1] / "examples").glob("*.txt"))
    analysis = pipeline.analyze(next(iter(ingest.read(example))))
    _open(browser, tmp_path, [analysis], "example")
    assert status(browser) == {"network": "ok", "map": "ok", "timeline": "ok", "windows": "none", "done": "yes"}
    assert browser.eval("blocsNetwork.nodes().length") >= 4
    assert browser.eval("document.querySelectorAll('#map circle.place').length") >= 3
    plot_l, plot_r, width = map(float, browser.eval("document.getElementById('timeline').dataset.plot").split())
    scale = browser.eval("document.querySelector('#timeline svg').getBoundingClientRect().width") / width
    inside = [m for m in _boxes(browser, "#timeline .tl-event") if "tl-outlier" not in m["cls"]]
    assert inside and max(m["x1"] for m in inside) - min(m["x0"] for m in inside) > 0.6 * (plot_r - plot_l) * scale
    assert browser.problems() == []
    browser.screenshot(ARTIFACTS / "report_example.png")


def test_evidence_panel_follows_the_reader_down_the_page(browser, tmp_path):
    need_npm_packages()
    _open(browser, tmp_path, [fixture_analysis()], "floating")
    floating = "document.getElementById('detail').classList.contains('floating')"
    browser.eval("document.querySelector('[data-event]').dispatchEvent(new MouseEvent('click', {bubbles: true})); true")
    assert browser.eval(floating) is False  # beside the network: no need to float
    browser.eval("document.getElementById('actors').scrollIntoView({behavior: 'instant'}); true")
    browser.eval("document.querySelector('#events tbody tr td').click(); true")
    assert browser.eval(floating) is True
    assert browser.eval("document.getElementById('detail').getBoundingClientRect().bottom <= innerHeight")
    browser.eval("document.getElementById('detail-close').click(); true")
    assert browser.eval(floating) is False
    assert browser.problems() == []
