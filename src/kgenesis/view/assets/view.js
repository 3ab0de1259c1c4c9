/* kgenesis graph view. Data arrives as JSON; every string reaches the DOM through
   textContent or setAttribute, never innerHTML, so labels and quotes stay text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var UI = {
    ko: { search: "검색 (한국어 또는 English)", legend: "분류", reset: "보기 초기화",
          props: "이름과 분류", incoming: "이 항목을 가리키는 관계", evidence: "사실과 근거",
          noEvidence: "근거 없는 값", expand: "이웃 펼치기", expanded: "이웃이 모두 보입니다",
          translation: "kgenesis 번역 (출처의 말이 아님)", supports: "이 인용이 뒷받침하는 사실",
          showClasses: "세부 분류 보기", hideClasses: "세부 분류 닫기",
          nodes: "노드", edges: "관계", none: "결과 없음", fact: "사실",
          path: "연결 경로", steps: "단계", paths: "최단 경로", shown: "표시",
          noPath: "관계 {n}단계 안에 두 항목을 잇는 경로가 없습니다",
          hint: "Ctrl(⌘)+클릭으로 두 항목을 고르면 둘을 잇는 사실과 근거를 보여 줍니다" },
    en: { search: "Search (Korean or English)", legend: "Classes", reset: "Reset view",
          props: "Names and classes", incoming: "Referenced by", evidence: "Facts and evidence",
          noEvidence: "Values without evidence", expand: "Show neighbours",
          expanded: "All neighbours shown", translation: "kgenesis translation (not the source's words)",
          translationNote: "Under each Korean quote, in italics: the kgenesis translation (not the source's words).",
          supports: "Facts this quote supports",
          showClasses: "Show classes", hideClasses: "Hide classes",
          nodes: "nodes", edges: "links", none: "No matches", fact: "Fact",
          path: "How they connect", steps: "steps", paths: "shortest paths", shown: "shown",
          noPath: "No path of at most {n} facts links the two",
          hint: "Ctrl(⌘)+click two nodes to see the facts that link them, with evidence" }
  };
  var lang = data.lang;
  var hiddenClasses = {};   // class index -> true
  var hiddenFamilies = {};  // family index -> true
  var openFamilies = {};    // family index -> true: its classes listed in the legend
  var revealed = {};        // node id -> true: in the overview, expanded, searched or focused
  var current = null; // {kind: "node"|"edge"|"path", id}
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
    if (lang === "en" && ev.translation) {
      var tr = el("blockquote", "\u201c" + ev.translation + "\u201d", "translation");
      tr.setAttribute("lang", "en");
      tr.appendChild(el("span", " \u2014 kgenesis", "tag"));
      box.appendChild(tr);
    }
    (ev.sources || []).forEach(function (src) {
      // one line: publisher, date, place, then the title (cut short on screen, whole on hover)
      var bits = [];
      if (src.publisher) bits.push(src.publisher[lang]);
      if (src.date) bits.push(src.date);
      if (ev.locator) bits.push(ev.locator);
      if (src.title) bits.push(src.title);
      if (bits.length) {
        var line = el("p", bits.join(" \u00b7 "), "source cite");
        line.title = bits.join(" \u00b7 ");
        box.appendChild(line);
      }
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
  // A node's facts grouped by the quote that supports them: each quote once, with every
  // fact it supports (a fact with two quotes is listed under both); values without evidence
  // (names, classes) apart.
  function leaves(facts, prefix, out) {
    facts.forEach(function (f) {
      var path = prefix.concat([f.p]);
      if (f.v.t === "nested") {
        if (f.ev && f.ev.length) out.push({ path: path, v: null, ev: f.ev });
        leaves(f.v.facts, path, out);
      } else {
        out.push({ path: path, v: f.v, ev: f.ev || [] });
      }
    });
    return out;
  }
  function factLine(entry) {
    var li = el("li");
    if (entry.from) {  // a fact pointing here: its subject, then the property, backwards
      li.appendChild(valueNode({ t: "node", id: entry.from }));
      li.appendChild(el("span", " (" + propLabel(entry.p) + " \u2192)", "prop"));
      return li;
    }
    li.appendChild(el("span", entry.path.map(propLabel).join(" \u203a ") + (entry.v ? ": " : ""), "prop"));
    if (entry.v) li.appendChild(valueNode(entry.v));
    return li;
  }
  function groupedFacts(id) {
    var n = data.nodes[id];
    var entries = leaves(n.facts, [], []);
    n["in"].forEach(function (f) { entries.push({ from: f.from, to: id, p: f.p, ev: f.ev }); });
    var groups = [], byQuote = {}, bare = [];
    entries.forEach(function (entry) {
      if (!entry.ev.length) { bare.push(entry); return; }
      entry.ev.forEach(function (ev) {
        var key = ev.id || JSON.stringify(ev);
        if (!byQuote[key]) { byQuote[key] = { ev: ev, facts: [] }; groups.push(byQuote[key]); }
        byQuote[key].facts.push(entry);
      });
    });
    return { groups: groups, bare: bare };
  }
  function hiddenNeighbours(id) {
    return Object.keys(neighbours[id] || {}).filter(function (m) { return !revealed[m]; });
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
    var more = hiddenNeighbours(id);
    var expand = el("button", more.length ? UI[lang].expand + " (" + more.length + ")" : UI[lang].expanded, "expand");
    expand.type = "button";
    expand.id = "kg-expand";
    expand.disabled = !more.length;
    expand.addEventListener("click", function () { expandNode(id); });
    box.appendChild(expand);
    var grouped = groupedFacts(id);
    if (grouped.groups.length) {
      box.appendChild(el("h3", UI[lang].evidence));
      if (lang === "en" && grouped.groups.some(function (g) { return g.ev.translation; })) {
        box.appendChild(el("p", UI.en.translationNote, "sub translation-note"));
      }
      grouped.groups.forEach(function (g) {
        var card = el("div", null, "quote-group");
        card.appendChild(evidenceBlock(g.ev));
        var ul = el("ul", null, "supports");
        ul.setAttribute("aria-label", UI[lang].supports);
        g.facts.forEach(function (entry) { ul.appendChild(factLine(entry)); });
        card.appendChild(ul);
        box.appendChild(card);
      });
    }
    if (grouped.bare.length) {
      box.appendChild(el("h3", UI[lang].props));
      var ul = el("ul", null, "bare");
      grouped.bare.forEach(function (entry) { ul.appendChild(factLine(entry)); });
      box.appendChild(ul);
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
  // The panel lies over the canvas's right edge: opening or closing it moves no node, so a
  // double-click (whose first click opens the panel) still lands on its node.
  function setPanel(open) {
    var panel = document.getElementById("kg-panel");
    if (panel.hidden === !open) return;
    panel.hidden = !open;
  }
  function closePanel() {
    current = null;
    setPanel(false);
  }

  // ---- paths between two nodes ------------------------------------------------
  // The same rule as `kgenesis path` (kgenesis.analysis.paths): every shortest chain of
  // facts, either direction, at most data.pathMax long, sorted by the prefixed names along
  // it joined by NUL; the first data.pathShown are listed, each fact with its evidence.
  var neighbours = {};  // node id -> {other id: true}
  var between = {};     // "from\u0000to" -> [vis edge ids]
  data.vis.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || {})[e.to] = true;
    (neighbours[e.to] = neighbours[e.to] || {})[e.from] = true;
    var key = e.from + "\u0000" + e.to;
    (between[key] = between[key] || []).push(e.id);
  });
  function shortestPaths(a, b) {
    if (a === b || !data.nodes[a] || !data.nodes[b]) return null;
    var dist = {}, preds = {}, queue = [a], head = 0;
    dist[a] = 0;
    while (head < queue.length) {
      var u = queue[head++];
      if (dist[u] >= data.pathMax) continue;
      Object.keys(neighbours[u] || {}).forEach(function (v) {
        if (!(v in dist)) { dist[v] = dist[u] + 1; preds[v] = [u]; queue.push(v); }
        else if (dist[v] === dist[u] + 1) preds[v].push(u);
      });
    }
    if (!(b in dist)) return null;
    var found = [];
    (function walk(n, rest) {
      if (found.length >= 1000) return;
      if (n === a) { found.push([a].concat(rest)); return; }
      preds[n].forEach(function (p) { walk(p, [n].concat(rest)); });
    })(b, []);
    function key(path) { return path.map(function (id) { return data.nodes[id].curie; }).join("\u0000"); }
    found.sort(function (x, y) { var kx = key(x), ky = key(y); return kx < ky ? -1 : kx > ky ? 1 : 0; });
    return { length: dist[b], total: found.length, paths: found.slice(0, data.pathShown) };
  }
  function hopFacts(u, v) {
    function sorted(ids) {
      return (ids || []).slice().sort(function (x, y) {
        var px = edgeFacts[x].p, py = edgeFacts[y].p; return px < py ? -1 : px > py ? 1 : 0;
      });
    }
    return sorted(between[u + "\u0000" + v]).concat(sorted(between[v + "\u0000" + u]));
  }
  function showPath(a, b) {
    var result = shortestPaths(a, b);
    current = { kind: "path", id: a, to: b };
    var box = document.getElementById("kg-details");
    box.replaceChildren();
    box.appendChild(el("h2", UI[lang].path));
    var head = el("p", null, "sub");
    head.appendChild(valueNode({ t: "node", id: a }));
    head.appendChild(el("span", " \u2194 "));
    head.appendChild(valueNode({ t: "node", id: b }));
    box.appendChild(head);
    if (!result) {
      box.appendChild(el("p", UI[lang].noPath.replace("{n}", String(data.pathMax)), "no-path"));
      setPanel(true);
      return;
    }
    box.appendChild(el("p", result.length + " " + UI[lang].steps + " \u00b7 " + result.total + " " +
      UI[lang].paths + (result.total > result.paths.length ? " (" + result.paths.length + " " + UI[lang].shown + ")" : ""), "sub"));
    result.paths.forEach(function (path, i) {
      box.appendChild(el("h3", UI[lang].path + " " + (i + 1)));
      var ol = el("ol", null, "path");
      for (var j = 0; j + 1 < path.length; j++) {
        hopFacts(path[j], path[j + 1]).forEach(function (id) {
          var e = edges.get(id), fact = edgeFacts[id];
          var li = el("li", null, "step");
          li.setAttribute("data-edge", id);
          li.appendChild(valueNode({ t: "node", id: e.from }));
          li.appendChild(el("span", " \u2014 " + propLabel(fact.p) + " \u2192 "));
          li.appendChild(valueNode({ t: "node", id: e.to }));
          fact.ev.forEach(function (ev) { li.appendChild(evidenceBlock(ev)); });
          ol.appendChild(li);
        });
      }
      box.appendChild(ol);
    });
    if (result.paths.length) {
      var ids = [];
      result.paths[0].forEach(function (id, j, p) {
        if (j + 1 < p.length) ids = ids.concat(hopFacts(id, p[j + 1]));
      });
      network.setSelection({ nodes: result.paths[0], edges: ids },
        { unselectAll: true, highlightEdges: false });
    }
    setPanel(true);
  }

  // ---- focus, search, legend ------------------------------------------------
  function focusNode(id) {
    var n = data.nodes[id];
    if (!n) return;
    var fam = data.classes[n.cls].family;
    if (hiddenFamilies[fam]) hiddenFamilies[fam] = false;
    if (hiddenClasses[n.cls]) hiddenClasses[n.cls] = false;
    revealed[id] = true;
    applyVisibility(false);
    showNode(id);  // first: opening the panel narrows the canvas
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: false });
  }
  // Expanding a node reveals its neighbours, whatever their class (double-click or button).
  function expandNode(id) {
    var added = hiddenNeighbours(id);
    added.forEach(function (m) {
      revealed[m] = true;
      var c = data.nodes[m].cls;
      hiddenClasses[c] = false;
      hiddenFamilies[data.classes[c].family] = false;
    });
    applyVisibility(false);
    network.fit({ nodes: [id].concat(Object.keys(neighbours[id] || {})), animation: false });
    if (current && current.kind === "node") showNode(current.id);
    return added;
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
  function visibleNode(id) {
    var c = data.nodes[id].cls;
    return !!revealed[id] && !hiddenClasses[c] && !hiddenFamilies[data.classes[c].family];
  }
  function applyVisibility(refit) {
    nodes.update(nodeIds.map(function (id) { return { id: id, hidden: !visibleNode(id) }; }));
    buildLegend();
    updateCounts();
    if (refit) network.fit({ animation: false });
  }
  function classCount(i) {
    return nodeIds.filter(function (id) { return data.nodes[id].cls === i && visibleNode(id); }).length;
  }
  function buildLegend() {
    var ul = document.getElementById("kg-legend");
    ul.replaceChildren();
    data.families.forEach(function (f, fi) {
      var members = [];
      data.classes.forEach(function (c, ci) { if (c.family === fi) members.push(ci); });
      var shown = members.reduce(function (sum, ci) { return sum + classCount(ci); }, 0);
      var total = members.reduce(function (sum, ci) { return sum + data.classes[ci].count; }, 0);
      var li = el("li", null, "family");
      var row = el("div", null, "family-row");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-family", String(fi));
      b.setAttribute("aria-pressed", hiddenFamilies[fi] ? "false" : "true");
      b.appendChild(swatch("dot", f.color));
      b.appendChild(el("span", f[lang]));
      b.appendChild(el("span", shown + "/" + total, "count"));
      b.addEventListener("click", function () { toggleFamily(fi); });
      row.appendChild(b);
      var open = el("button", openFamilies[fi] ? "\u25be" : "\u25b8", "open");
      open.type = "button";
      open.setAttribute("data-open", String(fi));
      open.setAttribute("aria-expanded", openFamilies[fi] ? "true" : "false");
      open.setAttribute("aria-label", openFamilies[fi] ? UI[lang].hideClasses : UI[lang].showClasses);
      open.addEventListener("click", function () { openFamilies[fi] = !openFamilies[fi]; buildLegend(); });
      row.appendChild(open);
      li.appendChild(row);
      if (openFamilies[fi]) {
        var sub = el("ul", null, "classes");
        members.forEach(function (i) {
          var c = data.classes[i];
          var cli = el("li");
          var cb = el("button");
          cb.type = "button";
          cb.setAttribute("data-class", String(i));
          cb.setAttribute("aria-pressed", hiddenClasses[i] ? "false" : "true");
          cb.title = c.curie;
          cb.appendChild(swatch(c.shape, c.color));
          cb.appendChild(el("span", c[lang]));
          cb.appendChild(el("span", classCount(i) + "/" + c.count, "count"));
          cb.addEventListener("click", function () { toggleClass(i); });
          cli.appendChild(cb);
          sub.appendChild(cli);
        });
        li.appendChild(sub);
      }
      ul.appendChild(li);
    });
  }
  // Showing a hidden class or family reveals all its nodes; hiding one hides them. Either
  // way the view is fitted to what is shown and the counts follow.
  function toggleClass(i) {
    hiddenClasses[i] = !hiddenClasses[i];
    if (!hiddenClasses[i]) {
      hiddenFamilies[data.classes[i].family] = false;
      nodeIds.forEach(function (id) { if (data.nodes[id].cls === i) revealed[id] = true; });
    }
    applyVisibility(true);
  }
  function toggleFamily(fi) {
    var members = nodeIds.filter(function (id) { return data.classes[data.nodes[id].cls].family === fi; });
    var anyShown = members.some(visibleNode);
    hiddenFamilies[fi] = anyShown;
    if (!anyShown) {
      members.forEach(function (id) { revealed[id] = true; hiddenClasses[data.nodes[id].cls] = false; });
    }
    applyVisibility(true);
  }
  function updateCounts() {
    var shown = nodeIds.filter(visibleNode);
    var on = {};
    shown.forEach(function (id) { on[id] = true; });
    var links = data.vis.edges.filter(function (e) { return on[e.from] && on[e.to]; }).length;
    document.getElementById("kg-counts").textContent =
      shown.length + " / " + nodeIds.length + " " + UI[lang].nodes + ", " + links + " / " +
      data.vis.edges.length + " " + UI[lang].edges;
  }
  function overview() {
    revealed = {};
    data.vis.nodes.forEach(function (n) { if (!n.hidden) revealed[n.id] = true; });
  }
  function reset() {
    hiddenClasses = {};
    hiddenFamilies = {};
    overview();
    applyVisibility(false);
    network.unselectAll();
    closePanel();
    document.getElementById("kg-search").value = "";
    search("");
    network.fit({ animation: false });
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
    document.getElementById("kg-hint").textContent = UI[l].hint;
    buildLegend();
    search(input.value);
    updateCounts();
    if (current && current.kind === "node") showNode(current.id);
    if (current && current.kind === "edge") showEdge(current.id);
    if (current && current.kind === "path") showPath(current.id, current.to);
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
  // Ctrl/⌘+click adds a node to the selection (vis-network's multiselect): with two
  // selected, the panel shows how they connect; the first selected is the start.
  var picked = [];
  network.on("doubleClick", function (params) {
    if (params.nodes.length === 1) { expandNode(params.nodes[0]); showNode(params.nodes[0]); }
  });
  network.on("click", function (params) {
    var multi = params.event && params.event.srcEvent &&
      (params.event.srcEvent.ctrlKey || params.event.srcEvent.metaKey);
    if (multi && params.nodes.length === 2) {
      var clicked = params.nodes.filter(function (id) { return picked.indexOf(id) < 0; })[0];
      var first = picked.filter(function (id) { return params.nodes.indexOf(id) >= 0; })[0];
      if (first && clicked) { picked = [first, clicked]; showPath(first, clicked); return; }
    }
    picked = params.nodes.slice(0, 1);
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  window.kgView = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false,
    setLang: setLang, search: search, focusNode: focusNode, reset: reset,
    shortestPaths: shortestPaths, showPath: showPath, expandNode: expandNode,
    toggleFamily: toggleFamily, visible: function () { return nodeIds.filter(visibleNode); },
    toggleClass: toggleClass, lang: function () { return lang; }
  };
  overview();
  setLang(lang);
  network.once("afterDrawing", function () {
    window.kgView.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.redraw();
})();
