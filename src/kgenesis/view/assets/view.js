/* kgenesis graph view. Data arrives as JSON; every string reaches the DOM through
   textContent or setAttribute, never innerHTML, so labels and quotes stay text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var UI = {
    ko: { search: "검색 (한국어 또는 English)", legend: "분류", reset: "보기 초기화",
          props: "속성", incoming: "이 항목을 가리키는 관계", evidence: "근거",
          nodes: "노드", edges: "관계", none: "결과 없음", fact: "사실" },
    en: { search: "Search (Korean or English)", legend: "Classes", reset: "Reset view",
          props: "Properties", incoming: "Referenced by", evidence: "Evidence",
          nodes: "nodes", edges: "links", none: "No matches", fact: "Fact" }
  };
  var lang = data.lang;
  var hiddenClasses = {};
  var current = null; // {kind: "node"|"edge", id}
  var nodes = new vis.DataSet(data.vis.nodes);
  var edgeFacts = {}; // vis edge id -> {p, from, ev}
  data.vis.edges.forEach(function (e, i) { edgeFacts[e.id] = data.edges[i]; });
  var edges = new vis.DataSet(data.vis.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.vis.options);

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function other(l) { return l === "ko" ? "en" : "ko"; }
  function nodeLabel(id) { return data.nodes[id][lang]; }
  function propLabel(p) { var x = data.props[p]; return x ? x[lang] : p; }

  // ---- details panel -------------------------------------------------------
  function evidenceBlock(ev) {
    var box = el("div", null, "evidence");
    if (ev.quote) box.appendChild(el("blockquote", "\u201c" + ev.quote + "\u201d"));
    (ev.sources || []).forEach(function (src) {
      var bits = [];
      if (src.title) bits.push(src.title);
      if (src.publisher) bits.push(src.publisher[lang]);
      if (src.date) bits.push(src.date);
      if (ev.locator) bits.push(ev.locator);
      if (bits.length) box.appendChild(el("p", bits.join(" \u00b7 "), "source"));
      if (src.url) {
        var p = el("p", null, "source");
        var a = el("a", src.url);
        a.setAttribute("href", src.url);
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        p.appendChild(a);
        box.appendChild(p);
      } else if (src.address) {
        box.appendChild(el("p", src.address, "source"));
      }
    });
    return box;
  }
  function valueNode(v) {
    if (v.t === "lit") {
      var span = el("span", v.text);
      if (v.lang || v.dt) span.appendChild(el("span", v.lang ? "@" + v.lang : v.dt, "tag"));
      return span;
    }
    if (v.t === "node") {
      var b = el("button", nodeLabel(v.id), "link");
      b.type = "button";
      b.addEventListener("click", function () { focusNode(v.id); });
      return b;
    }
    if (v.t === "iri") {
      var s = el("span", v[lang]);
      if (v[lang] !== v.curie) s.appendChild(el("span", v.curie, "tag"));
      return s;
    }
    return factList(v.facts, "nested");
  }
  function factList(facts, cls) {
    var dl = el("dl", null, cls);
    facts.forEach(function (f) {
      var dt = el("dt", propLabel(f.p));
      dt.appendChild(el("span", f.p, "tag"));
      dl.appendChild(dt);
      var dd = el("dd");
      dd.appendChild(valueNode(f.v));
      (f.ev || []).forEach(function (ev) { dd.appendChild(evidenceBlock(ev)); });
      dl.appendChild(dd);
    });
    return dl;
  }
  function showNode(id) {
    var n = data.nodes[id];
    if (!n) return;
    current = { kind: "node", id: id };
    var box = document.getElementById("kg-details");
    box.replaceChildren();
    box.appendChild(el("h2", n[lang]));
    box.appendChild(el("p", n[other(lang)], "sub"));
    var c = data.classes[n.cls];
    box.appendChild(el("p", c[lang] + " \u00b7 " + n.types.join(", "), "sub"));
    box.appendChild(el("p", n.curie, "sub"));
    box.appendChild(el("h3", UI[lang].props));
    box.appendChild(factList(n.facts));
    if (n["in"].length) {
      box.appendChild(el("h3", UI[lang].incoming));
      var dl = el("dl");
      n["in"].forEach(function (f) {
        var dt = el("dt");
        dt.appendChild(valueNode({ t: "node", id: f.from }));
        dt.appendChild(el("span", " \u2192 " + propLabel(f.p)));
        dl.appendChild(dt);
        var dd = el("dd");
        f.ev.forEach(function (ev) { dd.appendChild(evidenceBlock(ev)); });
        dl.appendChild(dd);
      });
      box.appendChild(dl);
    }
    setPanel(true);
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    current = { kind: "edge", id: id };
    var fact = edgeFacts[id];
    var box = document.getElementById("kg-details");
    box.replaceChildren();
    box.appendChild(el("h2", propLabel(fact.p)));
    box.appendChild(el("p", UI[lang].fact + " \u00b7 " + fact.p, "sub"));
    var p = el("p");
    p.appendChild(valueNode({ t: "node", id: e.from }));
    p.appendChild(el("span", " \u2192 " + propLabel(fact.p) + " \u2192 "));
    p.appendChild(valueNode({ t: "node", id: e.to }));
    box.appendChild(p);
    if (fact.ev.length) {
      box.appendChild(el("h3", UI[lang].evidence));
      fact.ev.forEach(function (ev) { box.appendChild(evidenceBlock(ev)); });
    }
    setPanel(true);
  }
  // The panel sits beside the canvas: opening or closing it resizes the canvas. vis-network
  // notices on its own only up to a second later (and shifts the drawing then), so the
  // canvas is fitted to its new size at once, keeping the same point at its centre.
  function setPanel(open) {
    var panel = document.getElementById("kg-panel");
    if (panel.hidden === !open) return;
    panel.hidden = !open;
    network.setSize("100%", "100%");
    network.redraw();
  }
  function closePanel() {
    current = null;
    setPanel(false);
  }

  // ---- focus, search, legend ------------------------------------------------
  function focusNode(id) {
    var n = data.nodes[id];
    if (!n) return;
    if (hiddenClasses[n.cls]) toggleClass(n.cls);
    showNode(id);  // first: opening the panel narrows the canvas
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
  }
  var nodeIds = Object.keys(data.nodes);
  function search(q) {
    var list = document.getElementById("kg-results");
    list.replaceChildren();
    q = (q || "").trim().toLowerCase();
    if (!q) return [];
    var found = nodeIds.filter(function (id) {
      var n = data.nodes[id];
      return [n.ko, n.en, n.curie].concat(n.alt).some(function (s) {
        return String(s).toLowerCase().indexOf(q) >= 0;
      });
    });
    found.slice(0, 50).forEach(function (id) {
      var n = data.nodes[id];
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-id", id);
      b.appendChild(el("span", n[lang]));
      b.appendChild(el("span", n[other(lang)] + " \u00b7 " + data.classes[n.cls][lang], "tag"));
      b.addEventListener("click", function () { focusNode(id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (!found.length) list.appendChild(el("li", UI[lang].none, "tag"));
    return found;
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function swatch(shape, color) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("viewBox", "0 0 14 14");
    var pts = {
      diamond: "7,1 13,7 7,13 1,7", triangle: "7,1 13,12 1,12", triangleDown: "1,2 13,2 7,13",
      star: "7,1 8.8,5.2 13,5.5 9.8,8.4 10.8,13 7,10.6 3.2,13 4.2,8.4 1,5.5 5.2,5.2",
      hexagon: "4,1.5 10,1.5 13,7 10,12.5 4,12.5 1,7"
    };
    var s;
    if (shape === "square") {
      s = document.createElementNS(SVGNS, "rect");
      s.setAttribute("x", "2"); s.setAttribute("y", "2");
      s.setAttribute("width", "10"); s.setAttribute("height", "10");
    } else if (pts[shape]) {
      s = document.createElementNS(SVGNS, "polygon");
      s.setAttribute("points", pts[shape]);
    } else {
      s = document.createElementNS(SVGNS, "circle");
      s.setAttribute("cx", "7"); s.setAttribute("cy", "7"); s.setAttribute("r", "6");
    }
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }
  function buildLegend() {
    var ul = document.getElementById("kg-legend");
    ul.replaceChildren();
    data.classes.forEach(function (c, i) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-class", String(i));
      b.setAttribute("aria-pressed", hiddenClasses[i] ? "false" : "true");
      b.title = c.curie;
      b.appendChild(swatch(c.shape, c.color));
      b.appendChild(el("span", c[lang]));
      b.appendChild(el("span", String(c.count), "count"));
      b.addEventListener("click", function () { toggleClass(i); });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }
  function toggleClass(i) {
    hiddenClasses[i] = !hiddenClasses[i];
    var updates = nodeIds.filter(function (id) { return data.nodes[id].cls === i; })
      .map(function (id) { return { id: id, hidden: !!hiddenClasses[i] }; });
    nodes.update(updates);
    buildLegend();
    updateCounts();
  }
  function updateCounts() {
    var shown = network.body.nodeIndices.length;
    document.getElementById("kg-counts").textContent =
      shown + " / " + nodeIds.length + " " + UI[lang].nodes + ", " + edges.length + " " + UI[lang].edges;
  }
  function reset() {
    hiddenClasses = {};
    nodes.update(nodeIds.map(function (id) { return { id: id, hidden: false }; }));
    network.unselectAll();
    closePanel();
    document.getElementById("kg-search").value = "";
    search("");
    buildLegend();
    network.fit({ animation: false });
    updateCounts();
  }

  // ---- language -------------------------------------------------------------
  function setLang(l) {
    if (!UI[l]) return;
    lang = l;
    document.documentElement.lang = l;
    nodes.update(nodeIds.map(function (id) { return { id: id, label: data.nodes[id][l] }; }));
    edges.update(data.vis.edges.map(function (e) {
      return { id: e.id, label: propLabel(edgeFacts[e.id].p) };
    }));
    document.querySelectorAll("#kg-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === l ? "true" : "false");
    });
    var input = document.getElementById("kg-search");
    input.placeholder = UI[l].search;
    input.setAttribute("aria-label", UI[l].search);
    document.getElementById("kg-reset").textContent = UI[l].reset;
    document.getElementById("kg-legend-title").textContent = UI[l].legend;
    buildLegend();
    search(input.value);
    updateCounts();
    if (current && current.kind === "node") showNode(current.id);
    if (current && current.kind === "edge") showEdge(current.id);
  }

  // ---- wiring -------------------------------------------------------------
  document.getElementById("kg-title").textContent = data.title;
  document.querySelectorAll("#kg-lang button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });
  document.getElementById("kg-reset").addEventListener("click", reset);
  document.getElementById("kg-close").addEventListener("click", closePanel);
  var input = document.getElementById("kg-search");
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = search(input.value);
      if (found.length) focusNode(found[0]);
    }
  });
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  window.kgView = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false,
    setLang: setLang, search: search, focusNode: focusNode, reset: reset,
    toggleClass: toggleClass, lang: function () { return lang; }
  };
  setLang(lang);
  network.once("afterDrawing", function () {
    window.kgView.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.redraw();
})();
