/* blocs report: draws the network (cytoscape), the map (d3-geo + topojson-client) and the
 * timeline (plain SVG) from the JSON in #blocs-data, and fills the evidence panel on click.
 * Article text only ever enters the page through textContent, never as HTML.
 * Each part records how it went in #report-status (ok, empty, missing-library, error). */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAY = 86400000;
  var MAX_ROWS = 6;      // rows of stacked marks in a timeline lane
  var DOT_LIMIT = 400;   // above this many dated events the timeline counts them in bars
  var BINS = 120;
  var PANEL_EVIDENCE = 40;
  var data = JSON.parse(document.getElementById("blocs-data").textContent);
  var statusEl = document.getElementById("report-status");

  function setStatus(part, value) {
    statusEl.setAttribute("data-" + part, value);
  }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function makeSvg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function index(list, key) {
    var out = {};
    list.forEach(function (item) { out[item[key]] = item; });
    return out;
  }

  var actors = index(data.actors, "key");
  var relations = index(data.relations, "id");
  var events = index(data.events, "id");
  var places = index(data.places, "id");
  var docs = index(data.docs, "n");

  function actorName(key) {
    if (!key) return "?";
    return actors[key] ? actors[key].name : key;
  }

  function classColour(cls) {
    return data.colours.classes[cls] || "#888888";
  }

  /* ---- the evidence panel ------------------------------------------------------------- */

  var detail = document.getElementById("detail-body");
  var selected = [];

  function select(nodes) {
    selected.forEach(function (n) { n.classList.remove("selected"); });
    selected = nodes.filter(Boolean);
    selected.forEach(function (n) { n.classList.add("selected"); });
  }

  function evidenceEntry(id) {
    var source = document.getElementById(id);
    if (!source) return null;
    var li = make("li", {"class": "ev"});
    li.appendChild(make("span", {}, source.querySelector(".sentence").textContent));
    var from = make("span", {"class": "from"});
    var doc = docs[source.getAttribute("data-doc")];
    if (doc && data.docs.length > 1) from.appendChild(document.createTextNode((doc.published || "") + " " + doc.title + " · "));
    var link = make("a", {href: "#" + id}, "show in the evidence list");
    from.appendChild(link);
    li.appendChild(from);
    return li;
  }

  // at most PANEL_EVIDENCE sentences, each once (a corpus repeats the same wire copy)
  function evidenceList(ids) {
    var ol = make("ol"), seen = {}, kept = [];
    ids.forEach(function (id) {
      var source = document.getElementById(id);
      var text = source ? source.querySelector(".sentence").textContent : id;
      if (!seen[text] && kept.length < PANEL_EVIDENCE) kept.push(id);
      seen[text] = true;
    });
    if (kept.length < ids.length) {
      ol.appendChild(make("li", {"class": "hint"}, kept.length + " of " + ids.length + " evidence sentences, each shown once:"));
    }
    kept.forEach(function (id) {
      var li = evidenceEntry(id);
      if (li) ol.appendChild(li);
    });
    return ol;
  }

  function show(title, facts, sections) {
    detail.replaceChildren(make("h3", {}, title));
    var dl = make("dl");
    facts.forEach(function (f) {
      if (f[1] === null || f[1] === undefined || f[1] === "") return;
      dl.appendChild(make("dt", {}, f[0]));
      dl.appendChild(make("dd", {}, f[1]));
    });
    if (dl.childNodes.length) detail.appendChild(dl);
    sections.forEach(function (s) {
      if (s.heading) detail.appendChild(make("h4", {}, s.heading));
      detail.appendChild(s.node);
    });
    var aside = document.getElementById("detail");
    if (aside.getBoundingClientRect().top < 0 || window.innerWidth <= 1100) aside.scrollIntoView({block: "start"});
  }

  function tieLine(rel, fromKey) {
    var other = rel.source === fromKey ? rel.target : rel.source;
    var p = make("p", {"class": "tie"});
    p.appendChild(make("span", {"class": "badge " + rel.polarity}, rel.polarity));
    p.appendChild(document.createTextNode(" " + actorName(other)));
    return p;
  }

  function showRelation(rel) {
    var arrow = rel.directed ? " → " : " – ";
    show(actorName(rel.source) + arrow + actorName(rel.target), [
      ["Tie", rel.polarity + (rel.directed ? ", directed" : ", mutual")],
      ["Confidence", rel.confidence.toFixed(2)],
      ["Articles", String(rel.docs.length)]
    ], [{heading: "Evidence", node: evidenceList(rel.evidence)}]);
    select([document.getElementById(rel.id)]);
  }

  function showActor(key) {
    var a = actors[key];
    var ties = data.relations.filter(function (r) { return r.source === key || r.target === key; });
    var tieBox = make("div");
    ties.forEach(function (r) { tieBox.appendChild(tieLine(r, key)); });
    var evIds = [];
    ties.forEach(function (r) { r.evidence.forEach(function (id) { if (evIds.indexOf(id) < 0) evIds.push(id); }); });
    var bloc = data.blocs.filter(function (b) { return b.id === a.bloc; })[0];
    show(a.name, [
      ["Type", a.type], ["Country", a.country], ["Mentions", String(a.mentions)],
      ["Bloc", bloc ? bloc.names.join(", ") : "none"]
    ], [{heading: "Ties", node: tieBox}, {heading: "Evidence", node: evidenceList(evIds)}]);
    select([]);
  }

  function eventTitle(e) {
    return e.type + ": " + (e.source_name || "?") + (e.target_name ? " → " + e.target_name : "");
  }

  function showEvent(e) {
    show(eventTitle(e), [
      ["Category", e.class_label], ["Date", e.date || "undated"], ["Place", e.place],
      ["Mode", e.mode], ["Trigger", e.trigger], ["Confidence", e.confidence.toFixed(2)]
    ], [{heading: "Evidence", node: evidenceList(e.evidence)}]);
    select([document.getElementById(e.id), document.querySelector('[data-event="' + e.id + '"]')]);
  }

  function showPlace(p) {
    var list = make("ol");
    var evIds = [];
    p.events.slice(0, 200).forEach(function (id) {
      var e = events[id];
      e.evidence.forEach(function (ev) { if (evIds.indexOf(ev) < 0) evIds.push(ev); });
      var li = make("li", {"class": "tie"});
      li.appendChild(make("span", {"class": "type", style: "--dot: " + classColour(e["class"])}, e.type));
      li.appendChild(document.createTextNode(" " + (e.date || "undated") + " · " + (e.source_name || "?") +
        (e.target_name ? " → " + e.target_name : "")));
      list.appendChild(li);
    });
    var sections = p.events.length ? [{heading: "Events here", node: list}, {heading: "Evidence", node: evidenceList(evIds)}]
      : [{heading: "", node: make("p", {"class": "hint"}, "No event is placed here; the articles mention it.")}];
    show(p.name, [
      ["Kind", p.kind], ["Country", p.country], ["Mentions", String(p.mentions)],
      ["Position", p.lat.toFixed(2) + ", " + p.lon.toFixed(2)]
    ], sections);
    select([document.querySelector('[data-place="' + p.id + '"]')]);
  }

  function showItem(id) {
    if (relations[id]) return showRelation(relations[id]);
    if (events[id]) return showEvent(events[id]);
    var row = document.getElementById(id);
    var evs = row ? Array.prototype.map.call(row.querySelectorAll('a[href^="#ev-"]'), function (a) {
      return a.getAttribute("href").slice(1);
    }) : [];
    var title = row ? row.querySelector("b") : null;
    show(title ? title.textContent : id, [], [{heading: "Evidence", node: evidenceList(evs)}]);
    select([row]);
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target;
    if (target.closest("a")) return;
    var actorRow = target.closest("[data-actor]");
    if (actorRow && actors[actorRow.getAttribute("data-actor")]) return showActor(actorRow.getAttribute("data-actor"));
    var row = target.closest("[data-item]");
    if (row && !row.closest("#detail")) showItem(row.getAttribute("data-item"));
  });

  /* ---- the network ---------------------------------------------------------------------- */

  function missing(box, what) {
    box.replaceChildren(make("p", {"class": "missing"}, what));
  }

  function drawNetwork() {
    var box = document.getElementById("network");
    if (typeof window.cytoscape !== "function") {
      missing(box, "The network is not drawn: the cytoscape library was not installed when this report was written.");
      return "missing-library";
    }
    if (!data.actors.length) {
      missing(box, "No ties between actors were found.");
      return "empty";
    }
    var maxMentions = Math.max.apply(null, data.actors.map(function (a) { return a.mentions || 1; }));
    var nodes = data.actors.map(function (a) {
      var at = a.position || [0, 0];
      return {data: {id: a.key, label: a.name, colour: a.colour,
                     size: 26 + 30 * Math.sqrt((a.mentions || 1) / maxMentions)},
              position: {x: at[0], y: at[1]}};
    });
    var edges = data.relations.map(function (r) {
      return {data: {id: r.id, source: r.source, target: r.target, polarity: r.polarity,
                     colour: data.colours.polarity[r.polarity],
                     width: 2 + 3 * Math.min(1, r.weight || r.confidence),
                     line: r.polarity === "hostile" ? "dashed" : "solid",
                     arrow: r.directed ? "triangle" : "none"}};
    });
    var cy = window.cytoscape({
      container: box,
      elements: nodes.concat(edges),
      minZoom: 0.25,
      maxZoom: 3,
      style: [
        {selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "border-width": 1.5, "border-color": "#34405a", "border-opacity": 0.45, "label": "data(label)", "font-size": 14,
          "font-family": "system-ui, sans-serif", "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 4,
          "text-wrap": "wrap", "text-max-width": 120, "text-background-color": "#ffffff",
          "text-background-opacity": 0.85, "text-background-padding": 2, "text-background-shape": "roundrectangle"}},
        {selector: "edge", style: {
          "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "data(arrow)", "arrow-scale": 1.1, "line-style": "data(line)",
          "line-dash-pattern": [7, 5], "curve-style": "bezier", "opacity": 0.85}},
        {selector: "node:selected", style: {"border-color": "#1d2430", "border-width": 3, "border-opacity": 1}},
        {selector: "edge:selected", style: {"opacity": 1, "underlay-color": "#1d2430", "underlay-opacity": 0.15, "underlay-padding": 4}}
      ],
      layout: {name: "preset", fit: true, padding: 48}
    });
    cy.on("tap", "node", function (ev) { showActor(ev.target.id()); });
    cy.on("tap", "edge", function (ev) { showRelation(relations[ev.target.id()]); });
    box.setAttribute("data-nodes", String(cy.nodes().length));
    box.setAttribute("data-edges", String(cy.edges().length));
    window.blocsNetwork = cy;
    return "ok";
  }

  /* ---- the map -------------------------------------------------------------------------- */

  var SEVERITY = ["material-conflict", "verbal-conflict", "material-cooperation", "verbal-cooperation"];

  function placeColour(p) {
    var classes = p.events.map(function (id) { return events[id]["class"]; });
    for (var i = 0; i < SEVERITY.length; i++) {
      if (classes.indexOf(SEVERITY[i]) >= 0) return classColour(SEVERITY[i]);
    }
    return "#5b6577";
  }

  function placeBox(list) {
    var lons = list.map(function (p) { return p.lon; }), lats = list.map(function (p) { return p.lat; });
    var x0 = Math.min.apply(null, lons), x1 = Math.max.apply(null, lons);
    var y0 = Math.min.apply(null, lats), y1 = Math.max.apply(null, lats);
    var padX = Math.max(6, (x1 - x0) * 0.25), padY = Math.max(4, (y1 - y0) * 0.25);
    return {type: "MultiPoint", coordinates: [
      [Math.max(-180, x0 - padX), Math.max(-85, y0 - padY)], [Math.min(180, x1 + padX), Math.min(85, y1 + padY)]]};
  }

  function drawMap() {
    var box = document.getElementById("map");
    var worldEl = document.getElementById("world-data");
    if (!window.d3 || typeof window.d3.geoPath !== "function" || !window.topojson || !worldEl) {
      missing(box, "The map is not drawn: the d3-geo, topojson-client or world-atlas package was not installed when this report was written.");
      return "missing-library";
    }
    var d3 = window.d3;
    var world = JSON.parse(worldEl.textContent);
    var land = window.topojson.feature(world, world.objects.countries).features;
    var borders = window.topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; });
    var W = 1000, H = 500;
    var projection = d3.geoEquirectangular();
    var path = d3.geoPath(projection);
    var svg = makeSvg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Map of places and events"});
    var sphere = makeSvg("path", {"class": "sphere"});
    var graticule = makeSvg("path", {"class": "graticule"});
    var gCountries = makeSvg("g");
    var mentioned = {};
    data.countries.forEach(function (c) { mentioned[c] = true; });
    var countryPaths = land.map(function (f) {
      var p = makeSvg("path", {"class": "country" + (mentioned[f.id] ? " mentioned" : ""), "data-country": f.id || ""});
      p.appendChild(makeSvg("title", {}, f.properties && f.properties.name));
      gCountries.appendChild(p);
      return {node: p, feature: f};
    });
    var borderPath = makeSvg("path", {"class": "borders"});
    var gPlaces = makeSvg("g");
    var gLabels = makeSvg("g");
    [sphere, graticule, gCountries, borderPath, gPlaces, gLabels].forEach(function (n) { svg.appendChild(n); });
    box.replaceChildren(svg);

    var shown = data.places.slice().sort(function (a, b) {
      return (b.events.length - a.events.length) || (b.mentions - a.mentions);
    });
    var maxMentions = Math.max.apply(null, shown.map(function (p) { return p.mentions || 1; }).concat([1]));
    var marks = shown.map(function (p) {
      var c = makeSvg("circle", {"class": "place" + (p.kind === "country" ? " country-kind" : ""), "data-place": p.id,
        r: (p.kind === "country" ? 5 : 4) + 7 * Math.sqrt((p.mentions || 1) / maxMentions) + (p.events.length ? 2 : 0),
        fill: placeColour(p)});
      c.appendChild(makeSvg("title", {}, p.name + (p.events.length ? " · " + p.events.length + " event(s)" : "")));
      c.addEventListener("click", function () { showPlace(p); });
      var label = makeSvg("text", {"class": "label"}, p.name);
      gLabels.appendChild(label);
      return {node: c, label: label, place: p, r: Number(c.getAttribute("r"))};
    });
    // the most important places are drawn last, on top
    marks.slice().reverse().forEach(function (m) { gPlaces.appendChild(m.node); });

    function overlaps(a, b) {
      return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    }

    // greedy labelling, most important place first: right, left, above, below, or no label
    function placeLabels() {
      var taken = marks.map(function (m) {
        return {x0: m.x - m.r, y0: m.y - m.r, x1: m.x + m.r, y1: m.y + m.r};
      });
      marks.forEach(function (m) {
        var w = m.label.getComputedTextLength() + 4, h = 14;
        var spots = [[m.x + m.r + 2, m.y - h / 2], [m.x - m.r - 2 - w, m.y - h / 2],
                     [m.x - w / 2, m.y - m.r - h - 1], [m.x - w / 2, m.y + m.r + 1]];
        var spot = null;
        for (var i = 0; i < spots.length && !spot; i++) {
          var b = {x0: spots[i][0], y0: spots[i][1], x1: spots[i][0] + w, y1: spots[i][1] + h};
          var inside = b.x0 >= 0 && b.y0 >= 0 && b.x1 <= W && b.y1 <= H;
          if (inside && !taken.some(function (t) { return overlaps(b, t); })) spot = b;
        }
        m.label.style.display = spot ? "" : "none";
        if (!spot) return;
        taken.push(spot);
        m.label.setAttribute("x", (spot.x0 + 2).toFixed(1));
        m.label.setAttribute("y", (spot.y0 + 11).toFixed(1));
      });
    }

    function draw() {
      sphere.setAttribute("d", path({type: "Sphere"}));
      graticule.setAttribute("d", path(d3.geoGraticule10()));
      countryPaths.forEach(function (c) { c.node.setAttribute("d", path(c.feature) || ""); });
      borderPath.setAttribute("d", path(borders) || "");
      marks.forEach(function (m) {
        var xy = projection([m.place.lon, m.place.lat]);
        m.x = xy[0];
        m.y = xy[1];
        m.node.setAttribute("cx", m.x.toFixed(1));
        m.node.setAttribute("cy", m.y.toFixed(1));
      });
      placeLabels();
    }

    // fit the places that matter: those with events, cities and regions (a country's centre says little)
    var focus = data.places.filter(function (p) { return p.kind !== "country" || p.events.length; });
    if (!focus.length) focus = data.places;

    function fit(whole) {
      var target = whole || !focus.length ? {type: "Sphere"} : placeBox(focus);
      var pad = whole ? 6 : 30;
      projection.fitExtent([[pad, pad], [W - pad, H - pad]], target);
      draw();
    }

    fit(false);
    document.getElementById("map-fit").addEventListener("click", function () { fit(false); });
    document.getElementById("map-world").addEventListener("click", function () { fit(true); });
    box.setAttribute("data-countries", String(countryPaths.length));
    box.setAttribute("data-places", String(marks.length));
    return "ok";
  }

  /* ---- the timeline --------------------------------------------------------------------- */

  function period(date) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    var start = Date.UTC(y, mo, d);
    var end = m[3] ? start + DAY : m[2] ? Date.UTC(y, mo + 1, 1) : Date.UTC(y + 1, 0, 1);
    return {start: start, end: end, exact: !!m[3]};
  }

  function dayLabel(t, withYear) {
    var d = new Date(t);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + (withYear ? " " + d.getUTCFullYear() : "");
  }

  function ticks(t0, t1, maxTicks) {
    var spanDays = (t1 - t0) / DAY;
    var steps = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"],
                 [6, "month"], [1, "year"], [2, "year"], [5, "year"], [10, "year"], [25, "year"], [50, "year"]];
    var approx = {day: 1, month: 30.44, year: 365.25};
    var step = steps.filter(function (s) { return spanDays / (s[0] * approx[s[1]]) <= maxTicks; })[0] || steps[steps.length - 1];
    var out = [], d = new Date(t0), t;
    if (step[1] === "day") {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      if (step[0] === 7 || step[0] === 14) t += ((8 - new Date(t).getUTCDay()) % 7) * DAY; // Mondays
      for (; t <= t1; t += step[0] * DAY) if (t >= t0) out.push(t);
    } else if (step[1] === "month") {
      var y = d.getUTCFullYear(), m = Math.ceil(d.getUTCMonth() / step[0]) * step[0];
      for (t = Date.UTC(y, m, 1); t <= t1; m += step[0], t = Date.UTC(y, m, 1)) if (t >= t0) out.push(t);
    } else {
      var year = Math.ceil(d.getUTCFullYear() / step[0]) * step[0];
      for (t = Date.UTC(year, 0, 1); t <= t1; year += step[0], t = Date.UTC(year, 0, 1)) if (t >= t0) out.push(t);
    }
    var fmt = step[1] === "year" ? function (x) { return String(new Date(x).getUTCFullYear()); }
      : step[1] === "month" ? function (x) { var q = new Date(x); return MONTHS[q.getUTCMonth()] + " " + q.getUTCFullYear(); }
      : function (x, i) { return dayLabel(x, i === 0 || new Date(x).getUTCMonth() === 0 && new Date(x).getUTCDate() <= step[0]); };
    return out.map(function (x, i) { return {t: x, label: fmt(x, i)}; });
  }

  function showBin(list) {
    var ul = make("ol");
    var evIds = [];
    list.slice(0, 200).forEach(function (e) {
      var li = make("li", {"class": "tie"});
      li.appendChild(make("span", {"class": "type", style: "--dot: " + classColour(e["class"])}, e.type));
      li.appendChild(document.createTextNode(" " + (e.date || "") + " · " + (e.source_name || "?") +
        (e.target_name ? " → " + e.target_name : "")));
      ul.appendChild(li);
      e.evidence.forEach(function (ev) { if (evIds.indexOf(ev) < 0) evIds.push(ev); });
    });
    var dates = list.map(function (e) { return e.date; }).sort();
    show(list.length + " " + list[0].class_label.toLowerCase() + " event(s)",
      [["From", dates[0]], ["To", dates[dates.length - 1]]],
      [{heading: "Events", node: ul}, {heading: "Evidence", node: evidenceList(evIds)}]);
    select([]);
  }

  function drawBins(svg, dated, laneY, x, t0, t1) {
    var step = (t1 - t0) / BINS, bins = {}, most = 1;
    dated.forEach(function (d) {
      var key = d.lane + ":" + Math.min(BINS - 1, Math.floor((d.span.start - t0) / step));
      (bins[key] = bins[key] || []).push(d.event);
      most = Math.max(most, bins[key].length);
    });
    Object.keys(bins).forEach(function (key) {
      var parts = key.split(":"), lane = laneY[parts[0]], b = +parts[1], list = bins[key];
      var h = Math.max(3, (lane.h - 10) * list.length / most);
      var x0 = x(t0 + b * step), x1 = x(t0 + (b + 1) * step);
      var bar = makeSvg("rect", {"class": "tl-event tl-bin", x: x0, y: lane.y + lane.h - 4 - h,
        width: Math.max(1.5, x1 - x0 - 1), height: h, fill: classColour(list[0]["class"])});
      bar.appendChild(makeSvg("title", {}, list.length + " event(s) from " + dayLabel(t0 + b * step, true)));
      bar.addEventListener("click", function () { showBin(list); });
      svg.appendChild(bar);
    });
  }

  function drawTimeline() {
    var box = document.getElementById("timeline");
    var note = document.getElementById("timeline-note");
    var dated = data.events.map(function (e) { return {event: e, span: period(e.date)}; })
      .filter(function (x) { return x.span; });
    var undated = data.events.length - dated.length;
    if (undated) note.textContent = undated + " undated event(s) are listed in the events table only.";
    if (!dated.length) {
      box.appendChild(make("p", {"class": "muted", style: "margin: 12px 14px"},
        data.events.length ? "No event has a date." : "No events were found."));
      return "empty";
    }
    var t0 = Math.min.apply(null, dated.map(function (x) { return x.span.start; }));
    var t1 = Math.max.apply(null, dated.map(function (x) { return x.span.end; }));
    if (t1 - t0 < 10 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 5 * DAY; t1 = mid + 5 * DAY; }
    var pad = (t1 - t0) * 0.03;
    t0 -= pad; t1 += pad;

    var lanes = data.classes.slice();
    if (dated.some(function (d) { return !data.colours.classes[d.event["class"]]; })) lanes.push({key: "other", label: "Other"});
    // many events: bars counting events per stretch of time; few: one mark each,
    // labelled when fewer still, marks (and labels) that would overlap stacked in rows
    var binned = dated.length > DOT_LIMIT;
    var labelled = dated.length <= 40;
    dated.forEach(function (d) {
      var text = (d.event.source_name || "?") + (d.event.target_name ? " → " + d.event.target_name : "");
      d.label = labelled ? (text.length > 30 ? text.slice(0, 29) + "…" : text) : "";
    });
    var longest = Math.max.apply(null, dated.map(function (d) { return d.label.length; }));
    var W = 1000, left = 160, right = 20 + (labelled ? Math.min(200, longest * 6.4) : 0), top = 8, laneGap = 4;
    var x = function (t) { return left + (t - t0) / (t1 - t0) * (W - left - right); };
    var rowsByLane = {};
    dated.sort(function (a, b) { return a.span.start - b.span.start; }).forEach(function (d) {
      var key = data.colours.classes[d.event["class"]] ? d.event["class"] : "other";
      var rows = rowsByLane[key] = rowsByLane[key] || [];
      var x0 = x(d.span.start) - 7, x1 = Math.max(x(d.span.end), x(d.span.start) + 7) + d.label.length * 6.4 + (d.label ? 6 : 0);
      var r = 0;
      while (!binned && r < rows.length && rows[r] > x0) r++;
      if (r >= MAX_ROWS) r = MAX_ROWS - 1;  // a crowded day overlaps in the last row rather than grow without end
      rows[r] = Math.max(rows[r] || 0, x1 + 2);
      d.lane = key; d.row = r;
    });
    var rowH = binned ? 40 : 20, laneY = {}, y = top;
    lanes.forEach(function (l) {
      var rows = Math.max(1, (rowsByLane[l.key] || []).length);
      laneY[l.key] = {y: y, h: rows * rowH + 12};
      y += rows * rowH + 12 + laneGap;
    });
    var H = y + 28;
    var svg = makeSvg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Timeline of events"});
    lanes.forEach(function (l, i) {
      var ly = laneY[l.key];
      svg.appendChild(makeSvg("rect", {"class": "lane" + (i % 2 ? " odd" : ""), x: 0, y: ly.y, width: W, height: ly.h}));
      var label = makeSvg("text", {"class": "lane-label", x: 28, y: ly.y + ly.h / 2 + 4}, l.label);
      svg.appendChild(makeSvg("circle", {cx: 16, cy: ly.y + ly.h / 2, r: 5, fill: classColour(l.key)}));
      svg.appendChild(label);
    });
    var axis = makeSvg("g", {"class": "axis"});
    ticks(t0, t1, 9).forEach(function (tick) {
      var tx = x(tick.t);
      svg.appendChild(makeSvg("line", {"class": "grid", x1: tx, x2: tx, y1: top, y2: H - 28}));
      axis.appendChild(makeSvg("line", {x1: tx, x2: tx, y1: H - 28, y2: H - 22}));
      axis.appendChild(makeSvg("text", {x: tx, y: H - 9, "text-anchor": "middle"}, tick.label));
    });
    axis.appendChild(makeSvg("line", {x1: left, x2: W - 20, y1: H - 28, y2: H - 28}));
    svg.appendChild(axis);
    if (binned) {
      drawBins(svg, dated, laneY, x, t0, t1);
      box.appendChild(svg);
      box.setAttribute("data-events", String(dated.length));
      return "ok";
    }
    dated.forEach(function (d) {
      var e = d.event, ly = laneY[d.lane], cy = ly.y + 6 + d.row * rowH + rowH / 2;
      var colour = classColour(e["class"]);
      var mark;
      if (d.span.exact) {
        mark = makeSvg("circle", {cx: x(d.span.start + DAY / 2), cy: cy, r: 7, fill: colour});
      } else {
        var x0 = x(d.span.start), width = Math.max(12, x(d.span.end) - x0);
        mark = makeSvg("rect", {x: x0, y: cy - 6, width: width, height: 12, rx: 6, fill: colour, "fill-opacity": 0.55});
      }
      mark.setAttribute("class", "tl-event");
      mark.setAttribute("data-event", e.id);
      mark.appendChild(makeSvg("title", {}, (e.date || "") + " · " + eventTitle(e) + (e.place ? " · " + e.place : "")));
      mark.addEventListener("click", function () { showEvent(e); });
      svg.appendChild(mark);
      if (d.label) {
        var end = d.span.exact ? x(d.span.start + DAY / 2) + 10 : Math.max(x(d.span.end), x(d.span.start) + 12) + 4;
        svg.appendChild(makeSvg("text", {"class": "tl-label", x: end, y: cy + 4}, d.label));
      }
    });
    box.appendChild(svg);
    box.setAttribute("data-events", String(dated.length));
    return "ok";
  }

  /* ---- run each part on its own, so one failing does not take the others down --------- */

  [["timeline", drawTimeline], ["network", drawNetwork], ["map", drawMap]].forEach(function (part) {
    var started = performance.now();
    try {
      setStatus(part[0], part[1]());
      statusEl.setAttribute("data-" + part[0] + "-ms", String(Math.round(performance.now() - started)));
    } catch (err) {
      setStatus(part[0], "error");
      console.error("blocs report: the " + part[0] + " failed: " + (err && err.message));
    }
  });
  statusEl.setAttribute("data-done", "yes");
})();
