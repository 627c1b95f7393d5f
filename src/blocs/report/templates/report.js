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

  // colours go through CSSOM (node.style), never a style attribute: the page's
  // Content-Security-Policy allows no inline style attributes
  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "dot") node.style.setProperty("--dot", attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
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
    var li = make("li", {"class": "ev", "data-ev": id});
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
    floatDetail();
  }

  // the evidence panel sits beside the network; when the reader is further down the page
  // it floats at the bottom right instead, until closed or scrolled back to
  var aside = document.getElementById("detail");
  var home = document.getElementById("detail-home");

  function homeVisible() {
    var r = home.getBoundingClientRect();
    return r.bottom > 80 && r.top < window.innerHeight - 80;
  }

  function floatDetail() {
    aside.classList.toggle("floating", !homeVisible());
  }

  document.getElementById("detail-close").addEventListener("click", function () {
    aside.classList.remove("floating");
  });
  window.addEventListener("scroll", function () {
    if (aside.classList.contains("floating") && homeVisible()) aside.classList.remove("floating");
  }, {passive: true});

  function tieLine(rel, fromKey) {
    var other = rel.source === fromKey ? rel.target : rel.source;
    var p = make("p", {"class": "tie"});
    p.appendChild(make("span", {"class": "badge " + rel.polarity}, rel.polarity));
    p.appendChild(document.createTextNode(" " + actorName(other)));
    return p;
  }

  function showRelation(rel) {
    var arrow = rel.directed ? " → " : " – ";
    var list = evidenceList(rel.evidence);
    list.querySelectorAll("li.ev").forEach(function (li) {
      var pol = rel.evidence_polarity[li.getAttribute("data-ev")];
      if (pol) li.classList.add("pol-" + pol);
    });
    show(actorName(rel.source) + arrow + actorName(rel.target), [
      ["Tie", rel.polarity + (rel.directed ? ", directed" : ", mutual")],
      ["Net", (rel.net > 0 ? "+" : "") + rel.net.toFixed(2) + " (ally " + rel.ally.toFixed(2) + ", hostile " + rel.hostile.toFixed(2) + ")"],
      ["Confidence", rel.confidence.toFixed(2)],
      ["Articles", String(rel.docs.length)]
    ], [{heading: "Evidence (green: ally wording, red: hostile)", node: list}]);
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
      ["Bloc", bloc ? bloc.names.join(", ") : a.alone ? "none: " + a.alone : "none"]
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
      li.appendChild(make("span", {"class": "type", dot: classColour(e["class"])}, e.type));
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
    if (row && (!row.closest("#detail") || row.closest(".glance"))) showItem(row.getAttribute("data-item"));
  });

  /* ---- the network ---------------------------------------------------------------------- */

  function missing(box, what) {
    box.replaceChildren(make("p", {"class": "missing"}, what));
  }

  var LABEL_PX = 13;  // network labels keep this size on screen at every zoom

  var LABEL_SPOTS = ["", "lab-top", "lab-right", "lab-left"];  // below the disc, else above, right, left
  var MUST_LABEL = 6;  // the most mentioned actors are always labelled

  // labels in screen pixels whatever the zoom; a label that would cover another label or
  // another actor's disc moves above, right or left of its own, or is hidden until the
  // reader zooms in or points at it (the most mentioned actors are labelled first)
  function fitLabels(cy) {
    var z = cy.zoom(), gap = 4 / z;
    cy.style()
      .selector("node").style({"font-size": LABEL_PX / z, "text-max-width": 150 / z, "text-margin-y": gap,
        "text-margin-x": 0, "text-background-padding": 2 / z})
      .selector("node.lab-top").style({"text-valign": "top", "text-margin-y": -gap})
      .selector("node.lab-right").style({"text-valign": "center", "text-halign": "right", "text-margin-y": 0, "text-margin-x": gap})
      .selector("node.lab-left").style({"text-valign": "center", "text-halign": "left", "text-margin-y": 0, "text-margin-x": -gap})
      .update();
    var nodes = cy.nodes().sort(function (a, b) { return b.data("mentions") - a.data("mentions"); });
    var taken = nodes.map(function (n) {
      var p = n.renderedPosition(), half = n.renderedWidth() / 2;
      return {x0: p.x - half, x1: p.x + half, y0: p.y - half, y1: p.y + half, node: n.id()};
    });
    nodes.forEach(function (n, rank) {
      var p = n.renderedPosition(), half = n.renderedWidth() / 2;
      var text = n.data("label") || "", w = Math.min(150, text.length * LABEL_PX * 0.58) + 6;
      var h = (Math.ceil(text.length * LABEL_PX * 0.58 / 150) || 1) * (LABEL_PX + 4);
      var spots = [
        {x0: p.x - w / 2, x1: p.x + w / 2, y0: p.y + half + 2, y1: p.y + half + 4 + h},
        {x0: p.x - w / 2, x1: p.x + w / 2, y0: p.y - half - 4 - h, y1: p.y - half - 2},
        {x0: p.x + half + 3, x1: p.x + half + 3 + w, y0: p.y - h / 2, y1: p.y + h / 2},
        {x0: p.x - half - 3 - w, x1: p.x - half - 3, y0: p.y - h / 2, y1: p.y + h / 2}];
      var chosen = -1;
      for (var i = 0; i < spots.length && chosen < 0; i++) {
        var b = spots[i];
        var clash = taken.some(function (t) {
          return t.node !== n.id() && b.x0 < t.x1 && t.x0 < b.x1 && b.y0 < t.y1 && t.y0 < b.y1;
        });
        if (!clash) chosen = i;
      }
      if (chosen < 0 && rank < MUST_LABEL) chosen = 0;  // the main actors keep their label, drawn on top
      LABEL_SPOTS.forEach(function (cls) { if (cls) n.removeClass(cls); });
      if (chosen > 0) n.addClass(LABEL_SPOTS[chosen]);
      n.toggleClass("nolabel", chosen < 0 && !n.selected());
      if (chosen >= 0) taken.push(spots[chosen]);
    });
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
      return {data: {id: a.key, label: a.name, colour: a.colour, mentions: a.mentions || 0, z: Math.round(a.mentions || 0),
                     size: 26 + 30 * Math.sqrt((a.mentions || 1) / maxMentions)},
              position: {x: at[0], y: at[1]}};
    });
    var edges = data.relations.map(function (r) {
      return {data: {id: r.id, source: r.source, target: r.target, polarity: r.polarity,
                     colour: data.colours.polarity[r.polarity],
                     width: 2 + 3 * Math.min(1, r.weight || r.confidence),
                     line: r.polarity === "ally" ? "solid" : "dashed",
                     arrow: r.directed ? "triangle" : "none"}};
    });
    var cy = window.cytoscape({
      container: box,
      elements: nodes.concat(edges),
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "border-width": 1.5, "border-color": "#34405a", "border-opacity": 0.45, "label": "data(label)", "font-size": LABEL_PX,
          "z-index": "data(z)",
          "font-family": "system-ui, sans-serif", "color": "#1d2430", "text-valign": "bottom", "text-margin-y": 4,
          "text-wrap": "wrap", "text-max-width": 150, "text-background-color": "#ffffff",
          "text-background-opacity": 0.85, "text-background-padding": 2, "text-background-shape": "roundrectangle"}},
        {selector: "node.nolabel", style: {"label": ""}},
        {selector: "edge", style: {
          "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "data(arrow)", "arrow-scale": 1.1, "line-style": "data(line)",
          "line-dash-pattern": [7, 5], "curve-style": "bezier", "opacity": 0.85}},
        {selector: "edge[polarity = 'even']", style: {"line-dash-pattern": [2, 4]}},
        {selector: ".faded", style: {"opacity": 0.12}},
        {selector: "node.faded", style: {"label": ""}},
        {selector: "node:selected", style: {"border-color": "#1d2430", "border-width": 3, "border-opacity": 1}},
        {selector: "edge:selected", style: {"opacity": 1, "underlay-color": "#1d2430", "underlay-opacity": 0.15, "underlay-padding": 4}}
      ],
      layout: {name: "preset", fit: true, padding: 56}
    });
    cy.on("tap", "node", function (ev) { showActor(ev.target.id()); });
    cy.on("tap", "edge", function (ev) { showRelation(relations[ev.target.id()]); });
    cy.on("mouseover", "node", function (ev) { ev.target.removeClass("nolabel"); });
    var pending = null;
    cy.on("zoom pan resize", function () {
      if (pending) return;
      pending = window.requestAnimationFrame(function () { pending = null; fitLabels(cy); });
    });
    fitLabels(cy);
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
    var padX = Math.max(10, (x1 - x0) * 0.3), padY = Math.max(6, (y1 - y0) * 0.3);
    return {type: "MultiPoint", coordinates: [
      [Math.max(-180, x0 - padX), Math.max(-85, y0 - padY)], [Math.min(180, x1 + padX), Math.min(85, y1 + padY)]]};
  }

  var mapApi = {fade: function () {}, redraw: function () {}};

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
        fill: placeColour(p)});
      c.appendChild(makeSvg("title", {}, p.name + (p.events.length ? " · " + p.events.length + " event(s)" : "")));
      c.addEventListener("click", function () { showPlace(p); });
      var label = makeSvg("text", {"class": "label"}, p.name);
      gLabels.appendChild(label);
      return {node: c, label: label, place: p,
              r0: (p.kind === "country" ? 5 : 4) + 7 * Math.sqrt((p.mentions || 1) / maxMentions) + (p.events.length ? 2 : 0)};
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
        if (m.faded) { m.label.style.display = "none"; return; }
        var w = m.label.getComputedTextLength() + 4 * k, h = 15 * k;
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
        m.label.setAttribute("x", (spot.x0 + 2 * k).toFixed(1));
        m.label.setAttribute("y", (spot.y0 + 11.5 * k).toFixed(1));
      });
    }

    // the drawing is scaled to its box: marks and labels are sized in screen pixels times k
    var k = 1;

    function draw() {
      k = W / Math.max(200, box.clientWidth || W);
      gLabels.setAttribute("font-size", (12.5 * k).toFixed(2));
      sphere.setAttribute("d", path({type: "Sphere"}));
      graticule.setAttribute("d", path(d3.geoGraticule10()));
      countryPaths.forEach(function (c) { c.node.setAttribute("d", path(c.feature) || ""); });
      borderPath.setAttribute("d", path(borders) || "");
      marks.forEach(function (m) {
        var xy = projection([m.place.lon, m.place.lat]);
        m.x = xy[0];
        m.y = xy[1];
        m.r = m.r0 * k;
        m.node.setAttribute("cx", m.x.toFixed(1));
        m.node.setAttribute("cy", m.y.toFixed(1));
        m.node.setAttribute("r", m.r.toFixed(2));
        m.node.setAttribute("stroke-width", (1.5 * k).toFixed(2));
      });
      placeLabels();
    }

    // the time filter fades places with nothing in the chosen stretch of time
    mapApi.fade = function (keep) {
      marks.forEach(function (m) {
        m.faded = keep ? !keep(m.place) : false;
        m.node.classList.toggle("faded", m.faded);
      });
      placeLabels();
    };
    mapApi.redraw = draw;

    // fit the places that matter: where the events happened when two or more places have
    // events, else the cities (a country's or a region's centre says little), else all
    var focus = data.places.filter(function (p) { return p.events.length; });
    if (focus.length < 2) focus = data.places.filter(function (p) { return p.kind === "city" || p.events.length; });
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
      li.appendChild(make("span", {"class": "type", dot: classColour(e["class"])}, e.type));
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
      if (d.edge) return;  // drawn at the edge on their own
      var key = d.lane + ":" + Math.max(0, Math.min(BINS - 1, Math.floor((d.span.start - t0) / step)));
      (bins[key] = bins[key] || []).push(d.event);
      most = Math.max(most, bins[key].length);
    });
    Object.keys(bins).forEach(function (key) {
      var parts = key.split(":"), lane = laneY[parts[0]], b = +parts[1], list = bins[key];
      var h = Math.max(3, (lane.h - 10) * list.length / most);
      var x0 = x(t0 + b * step), x1 = x(t0 + (b + 1) * step);
      var bar = makeSvg("rect", {"class": "tl-event tl-bin", x: x0, y: lane.y + lane.h - 4 - h,
        width: Math.max(1.5, x1 - x0 - 1), height: h, fill: classColour(list[0]["class"]),
        "data-start": t0 + b * step, "data-end": t0 + (b + 1) * step});
      bar.appendChild(makeSvg("title", {}, list.length + " event(s) from " + dayLabel(t0 + b * step, true)));
      bar.addEventListener("click", function () { showBin(list); });
      svg.appendChild(bar);
    });
  }

  /* ---- the time filter: one stretch of time for the network, the map and the tables ---- */

  var filter = {t0: null, t1: null};

  function overlaps(times, t0, t1) {
    return (times || []).some(function (d) {
      var p = period(d);
      return p && p.start < t1 && p.end > t0;
    });
  }

  function inFilter(times) {
    return filter.t0 === null || overlaps(times, filter.t0, filter.t1);
  }

  function isoDay(t) {
    return new Date(t).toISOString().slice(0, 10);
  }

  // rows carry their dates (data-times) and actors (data-ends); a row with no date is hidden
  // while a stretch of time is chosen, since it cannot be placed in it
  function filterRows(on) {
    var involved = {}, shown = {}, total = {};
    document.querySelectorAll("[data-times]").forEach(function (row) {
      var times = row.getAttribute("data-times").split(" ").filter(Boolean);
      var ok = !on || inFilter(times);
      row.classList.toggle("filtered-out", !ok);
      var kind = row.closest("section").id;
      total[kind] = (total[kind] || 0) + 1;
      if (ok) shown[kind] = (shown[kind] || 0) + 1;
      if (ok && on) (row.getAttribute("data-ends") || "").split(" ").forEach(function (k) { if (k) involved[k] = true; });
    });
    document.querySelectorAll("#actors [data-actor]").forEach(function (row) {
      row.classList.toggle("filtered-out", on && !involved[row.getAttribute("data-actor")]);
    });
    return {involved: involved, shown: shown, total: total};
  }

  function applyFilter(t0, t1) {
    var on = t0 !== null && t1 !== null && t1 > t0;
    filter.t0 = on ? t0 : null;
    filter.t1 = on ? t1 : null;
    var rows = filterRows(on);
    if (window.blocsNetwork) {
      var cy = window.blocsNetwork;
      cy.batch(function () {
        cy.edges().forEach(function (e) { e.toggleClass("faded", on && !inFilter(relations[e.id()].times)); });
        cy.nodes().forEach(function (n) { n.toggleClass("faded", on && !rows.involved[n.id()]); });
      });
    }
    mapApi.fade(on ? function (p) { return inFilter(p.times); } : null);
    document.querySelectorAll("#timeline [data-event]").forEach(function (m) {
      m.classList.toggle("out", on && !inFilter(events[m.getAttribute("data-event")].times));
    });
    document.querySelectorAll("#timeline .tl-bin").forEach(function (b) {
      b.classList.toggle("out", on && !(+b.getAttribute("data-start") < filter.t1 && +b.getAttribute("data-end") > filter.t0));
    });
    if (timelineApi.select) timelineApi.select();
    var status = document.getElementById("filter-status");
    var clear = document.getElementById("filter-clear");
    clear.hidden = !on;
    statusEl.setAttribute("data-window", on ? isoDay(filter.t0) + "/" + isoDay(filter.t1 - 1) : "");
    if (!on) {
      status.textContent = "Drag across the timeline to pick a stretch of time.";
      return;
    }
    var n = function (kind) { return (rows.shown[kind] || 0) + " of " + (rows.total[kind] || 0); };
    status.textContent = dayLabel(filter.t0, true) + " – " + dayLabel(filter.t1 - 1, true) + ": " +
      n("events") + " events, " + n("relations") + " ties, " + n("quotes") + " quotes and goals shown";
  }

  document.getElementById("filter-clear").addEventListener("click", function () {
    applyFilter(null, null);
    if (windowApi.reset) windowApi.reset();
  });
  window.blocsFilter = {
    set: function (from, to) { applyFilter(period(from).start, period(to).end); },
    clear: function () { applyFilter(null, null); }
  };

  /* ---- the timeline --------------------------------------------------------------------- */

  // the axis covers where the events are: the shortest stretch holding 60% of them, widened
  // by twice its length (at least a month) on each side; events further out are drawn at
  // the edge with a marker instead of stretching the axis
  function domain(dated) {
    var mids = dated.map(function (d) { return (d.span.start + d.span.end) / 2; }).sort(function (a, b) { return a - b; });
    var n = mids.length, m = Math.max(1, Math.ceil(0.6 * n)), core = [mids[0], mids[n - 1]];
    for (var i = 0; n >= 3 && i + m - 1 < n; i++) {
      if (mids[i + m - 1] - mids[i] < core[1] - core[0]) core = [mids[i], mids[i + m - 1]];
    }
    var reach = Math.max(2 * (core[1] - core[0]), 30 * DAY);
    var inside = dated.filter(function (d) {
      return d.span.end > core[0] - reach && d.span.start < core[1] + reach;
    });
    var t0 = Math.min.apply(null, inside.map(function (d) { return d.span.start; }));
    var t1 = Math.max.apply(null, inside.map(function (d) { return d.span.end; }));
    if (t1 - t0 < 10 * DAY) { var mid = (t0 + t1) / 2; t0 = mid - 5 * DAY; t1 = mid + 5 * DAY; }
    var pad = (t1 - t0) * 0.03;
    return {t0: t0 - pad, t1: t1 + pad};
  }

  function edgeNote(list, side) {
    if (!list.length) return "";
    var dates = list.map(function (d) { return d.event.date; }).sort();
    var range = dates[0] === dates[dates.length - 1] ? dates[0] : dates[0] + " to " + dates[dates.length - 1];
    return list.length + " " + (side === "before" ? "earlier" : "later") + " event(s) (" + range + ") are drawn at the " +
      (side === "before" ? "left" : "right") + " edge, not to scale. ";
  }

  var timelineApi = {};

  function drawTimeline() {
    var box = document.getElementById("timeline");
    var note = document.getElementById("timeline-note");
    box.replaceChildren();
    var dated = data.events.map(function (e) { return {event: e, span: period(e.date)}; })
      .filter(function (x) { return x.span; });
    var undated = data.events.length - dated.length;
    if (!dated.length) {
      note.textContent = "";
      box.appendChild(make("p", {"class": "muted empty-note"},
        data.events.length ? "No event has a date." : "No events were found."));
      return "empty";
    }
    var dom = domain(dated), t0 = dom.t0, t1 = dom.t1;
    dated.forEach(function (d) { d.edge = d.span.end <= t0 ? "before" : d.span.start >= t1 ? "after" : null; });
    var early = dated.filter(function (d) { return d.edge === "before"; });
    var late = dated.filter(function (d) { return d.edge === "after"; });
    note.textContent = edgeNote(early, "before") + edgeNote(late, "after") +
      (undated ? undated + " undated event(s) are listed in the events table only." : "");

    var lanes = data.classes.slice();
    if (dated.some(function (d) { return !data.colours.classes[d.event["class"]]; })) lanes.push({key: "other", label: "Other"});
    // many events: bars counting events per stretch of time; few: one mark each,
    // labelled when fewer still, marks (and labels) that would overlap stacked in rows
    var binned = dated.length > DOT_LIMIT;
    var labelled = dated.length <= 40;
    dated.forEach(function (d) {
      var text = (d.event.source_name || "?") + (d.event.target_name ? " → " + d.event.target_name : "");
      if (d.edge) text = d.event.date + " · " + text;
      d.label = labelled ? (text.length > 34 ? text.slice(0, 33) + "…" : text) : "";
    });
    var W = Math.max(600, Math.round(box.clientWidth || 1000));
    var longest = Math.max.apply(null, dated.map(function (d) { return d.edge === "before" ? 0 : d.label.length; }));
    var left = 170, right = 24 + (labelled ? Math.min(220, longest * 6.6) : 0), top = 8, laneGap = 4;
    var plotL = left + (early.length ? 22 : 0), plotR = W - right - (late.length ? 22 : 0);
    var x = function (t) { return plotL + (t - t0) / (t1 - t0) * (plotR - plotL); };
    var markX = function (d) {
      return d.edge === "before" ? left + 9 : d.edge === "after" ? W - right - 9 : x(d.span.start);
    };
    var rowsByLane = {};
    dated.sort(function (a, b) { return a.span.start - b.span.start; }).forEach(function (d) {
      var key = data.colours.classes[d.event["class"]] ? d.event["class"] : "other";
      var rows = rowsByLane[key] = rowsByLane[key] || [];
      var x0 = markX(d) - 8, end = d.edge ? markX(d) + 8 : Math.max(x(d.span.end), x(d.span.start) + 7);
      var x1 = end + d.label.length * 6.6 + (d.label ? 6 : 0);
      var r = 0;
      while (!binned && r < rows.length && rows[r] > x0) r++;
      if (r >= MAX_ROWS) r = MAX_ROWS - 1;  // a crowded day overlaps in the last row rather than grow without end
      rows[r] = Math.max(rows[r] || 0, x1 + 2);
      d.lane = key; d.row = r;
    });
    var rowH = binned ? 40 : 22, laneY = {}, y = top;
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
      svg.appendChild(makeSvg("circle", {cx: 16, cy: ly.y + ly.h / 2, r: 5, fill: classColour(l.key)}));
      svg.appendChild(makeSvg("text", {"class": "lane-label", x: 28, y: ly.y + ly.h / 2 + 4}, l.label));
    });
    var axis = makeSvg("g", {"class": "axis"});
    ticks(t0, t1, Math.max(4, Math.floor((plotR - plotL) / 95))).forEach(function (tick) {
      var tx = x(tick.t);
      if ((early.length && tx < plotL + 44) || (late.length && tx > plotR - 44)) return;  // room for the edge labels
      svg.appendChild(makeSvg("line", {"class": "grid", x1: tx, x2: tx, y1: top, y2: H - 28}));
      axis.appendChild(makeSvg("line", {x1: tx, x2: tx, y1: H - 28, y2: H - 22}));
      axis.appendChild(makeSvg("text", {x: tx, y: H - 9, "text-anchor": "middle"}, tick.label));
    });
    axis.appendChild(makeSvg("line", {x1: plotL, x2: plotR, y1: H - 28, y2: H - 28}));
    [[early, left + 9, "earlier"], [late, W - right - 9, "later"]].forEach(function (edge) {
      if (!edge[0].length) return;
      svg.appendChild(makeSvg("line", {"class": "tl-break", x1: edge[1], x2: edge[1], y1: top, y2: H - 28}));
      axis.appendChild(makeSvg("text", {"class": "tl-break-label", x: edge[1], y: H - 9, "text-anchor": "middle"}, edge[2]));
    });
    svg.appendChild(axis);

    // the brush: drag across the plot to choose a stretch of time
    var area = makeSvg("rect", {"class": "tl-brush-area", x: plotL, y: top, width: plotR - plotL, height: H - 28 - top});
    var selection = makeSvg("rect", {"class": "tl-selection", y: top, height: H - 28 - top, width: 0, x: plotL});
    svg.appendChild(area);
    svg.appendChild(selection);
    var toTime = function (px) { return t0 + (Math.min(plotR, Math.max(plotL, px)) - plotL) / (plotR - plotL) * (t1 - t0); };
    var svgX = function (ev) { var r = svg.getBoundingClientRect(); return (ev.clientX - r.left) * W / r.width; };
    var drag = null;
    timelineApi.select = function () {
      var on = filter.t0 !== null;
      selection.style.display = on ? "" : "none";
      if (!on) return;
      var a = Math.max(plotL, x(filter.t0)), b = Math.min(plotR, x(filter.t1));
      selection.setAttribute("x", a.toFixed(1));
      selection.setAttribute("width", Math.max(2, b - a).toFixed(1));
    };
    area.addEventListener("pointerdown", function (ev) {
      drag = {from: svgX(ev)};
      area.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    });
    area.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var a = Math.max(plotL, Math.min(drag.from, svgX(ev))), b = Math.min(plotR, Math.max(drag.from, svgX(ev)));
      selection.style.display = "";
      selection.setAttribute("x", a.toFixed(1));
      selection.setAttribute("width", (b - a).toFixed(1));
    });
    area.addEventListener("pointerup", function (ev) {
      if (!drag) return;
      var a = Math.min(drag.from, svgX(ev)), b = Math.max(drag.from, svgX(ev));
      drag = null;
      if (windowApi.reset && document.getElementById("window-slider").value !== "0") windowApi.reset();
      if (b - a < 4) return applyFilter(null, null);  // a click clears the choice
      applyFilter(Math.floor(toTime(a) / DAY) * DAY, Math.ceil(toTime(b) / DAY) * DAY);
    });

    if (binned) {
      drawBins(svg, dated, laneY, x, t0, t1);
    }
    dated.forEach(function (d) {
      if (binned && !d.edge) return;
      var e = d.event, ly = laneY[d.lane], cy = ly.y + 6 + d.row * rowH + rowH / 2;
      var colour = classColour(e["class"]);
      var mark, end;
      if (d.edge) {
        var mx = markX(d), dir = d.edge === "before" ? -1 : 1;
        mark = makeSvg("path", {d: "M" + (mx + 7 * dir) + " " + cy + " L" + (mx - 5 * dir) + " " + (cy - 7) +
          " L" + (mx - 5 * dir) + " " + (cy + 7) + " Z", fill: colour});
        mark.setAttribute("class", "tl-event tl-outlier");
        end = mx + 10;
      } else if (d.span.exact) {
        mark = makeSvg("circle", {cx: x(d.span.start + DAY / 2), cy: cy, r: 7, fill: colour});
        mark.setAttribute("class", "tl-event");
        end = x(d.span.start + DAY / 2) + 10;
      } else {
        var x0 = x(Math.max(t0, d.span.start)), width = Math.max(12, x(Math.min(t1, d.span.end)) - x0);
        mark = makeSvg("rect", {x: x0, y: cy - 6, width: width, height: 12, rx: 6, fill: colour, "fill-opacity": 0.55});
        mark.setAttribute("class", "tl-event");
        end = x0 + width + 4;
      }
      mark.setAttribute("data-event", e.id);
      mark.appendChild(makeSvg("title", {}, (e.date || "") + " · " + eventTitle(e) + (e.place ? " · " + e.place : "")));
      mark.addEventListener("click", function () { showEvent(e); });
      svg.appendChild(mark);
      if (d.label && !binned) {
        svg.appendChild(makeSvg("text", {"class": "tl-label", x: end, y: cy + 4}, d.label));
      }
    });
    box.appendChild(svg);
    box.setAttribute("data-events", String(dated.length));
    box.setAttribute("data-outliers", String(early.length + late.length));
    box.setAttribute("data-plot", plotL.toFixed(1) + " " + plotR.toFixed(1) + " " + W);
    timelineApi.select();
    return "ok";
  }

  /* ---- blocs per time window (several articles): a slider over --window ---------------- */

  var windowApi = {};

  function windowBlocs() {
    var slider = document.getElementById("window-slider");
    if (!slider || !data.windows.length) return "none";
    var label = document.getElementById("window-label");
    var legend = document.getElementById("bloc-legend");
    var overall = legend.cloneNode(true);
    function chips(blocs) {
      legend.replaceChildren();
      blocs.forEach(function (b) {
        var chip = make("span", {"class": "chip"}, "Bloc " + b.id + ": " + b.names.join(", "));
        chip.style.setProperty("--chip", b.colour);
        legend.appendChild(chip);
      });
      if (!blocs.length) legend.appendChild(make("span", {"class": "key muted"}, "No blocs of two or more actors in this window."));
    }
    // a window's blocs colour the actors; its ties take that window's sign, the others fade
    function colourBy(win) {
      var cy = window.blocsNetwork;
      statusEl.setAttribute("data-bloc-window", win ? win.label : "");
      if (!cy) return;
      var colour = {}, active = {};
      if (win) win.blocs.forEach(function (b) { b.members.forEach(function (m) { colour[m] = b.colour; }); });
      cy.batch(function () {
        cy.edges().forEach(function (e) {
          var pol = win ? win.ties[e.id()] : relations[e.id()].polarity;
          if (pol) e.data("colour", data.colours.polarity[pol]);
          e.toggleClass("faded", !!win && !pol);
          if (pol) { active[e.data("source")] = true; active[e.data("target")] = true; }
        });
        cy.nodes().forEach(function (n) {
          n.data("colour", win ? colour[n.id()] || data.colours.unaligned : actors[n.id()].colour);
          n.toggleClass("faded", !!win && !active[n.id()]);
        });
      });
    }
    windowApi.reset = function () {
      slider.value = "0";
      label.textContent = "all " + data.docs.length + " articles";
      legend.replaceWith(overall);
      legend = overall;
      overall = legend.cloneNode(true);
      colourBy(null);
    };
    slider.addEventListener("input", function () {
      var i = +slider.value;
      if (!i) { windowApi.reset(); return; }
      var win = data.windows[i - 1];
      if (filter.t0 !== null) applyFilter(null, null);  // the slider shows blocs by publication date, not a brushed stretch
      label.textContent = win.label + ": " + win.docs + " article(s) published, " + win.blocs.length + " bloc(s)";
      chips(win.blocs);
      colourBy(win);
    });
    return "ok";
  }

  window.addEventListener("resize", function () {
    if (timelineApi.pending) return;
    timelineApi.pending = window.setTimeout(function () {
      timelineApi.pending = null;
      drawTimeline();
      applyFilter(filter.t0, filter.t1);
      mapApi.redraw();
    }, 150);
  });

  /* ---- run each part on its own, so one failing does not take the others down --------- */

  [["timeline", drawTimeline], ["network", drawNetwork], ["map", drawMap], ["windows", windowBlocs]].forEach(function (part) {
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
