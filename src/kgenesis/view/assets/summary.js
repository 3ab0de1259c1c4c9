/* kgenesis summary view: a graph too large to draw, as clusters (one per class, with its
   member count), its most connected entities, and the facts between clusters counted.
   A click shows the way in: the `kgenesis view --focus` command to copy. Every string
   reaches the DOM through textContent or setAttribute, never innerHTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var UI = {
    ko: { search: "검색 (한국어 또는 English)", legend: "분류 (클러스터)", reset: "보기 초기화",
          notice: "요약 보기: 항목 {e}개, 사실 {f}개 — 노드 {l}개를 넘어 전체를 그리지 않고, 분류 {c}개를 묶음으로, 가장 많이 연결된 {t}개를 그 자체로 보여 줍니다.",
          goIn: "자세히 보려면 이 명령을 실행하세요", members: "가장 많이 연결된 항목",
          facts: "사실", links: "다른 분류와의 사실", copy: "복사", copied: "복사됨",
          entities: "항목", none: "결과 없음",
          hint: "묶음이나 항목을 누르면 --focus 명령이 나옵니다" },
    en: { search: "Search (Korean or English)", legend: "Classes (clusters)", reset: "Reset view",
          notice: "Summary view: {e} entities, {f} facts — more than {l} nodes, so not drawn whole: {c} classes as clusters, the {t} most connected entities as themselves.",
          goIn: "To look inside, run", members: "Most connected members",
          facts: "facts", links: "Facts with other classes", copy: "Copy", copied: "Copied",
          entities: "entities", none: "No matches",
          hint: "Click a cluster or an entity for its --focus command" }
  };
  var lang = data.lang;
  var current = null;
  var nodes = new vis.DataSet(data.vis.nodes);
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
  function num(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function clusterLabel(i) { var c = data.clusters[i]; return c[lang] + " (" + num(c.count) + ")"; }
  function label(id) {
    if (/^c\d+$/.test(id)) return clusterLabel(Number(id.slice(1)));
    return data.entities[id] ? data.entities[id][lang] : id;
  }

  function commandBox(text) {
    var box = el("div", null, "command");
    box.style.cssText = "display:flex;gap:6px;align-items:flex-start;margin:3px 0 8px";
    var code = el("code", text);
    code.style.cssText = "flex:1;background:#f3f4f6;padding:3px 6px;font-size:12px;word-break:break-all;user-select:all";
    code.setAttribute("data-command", "1");
    box.appendChild(code);
    var b = el("button", UI[lang].copy, "copy");
    b.type = "button";
    b.addEventListener("click", function () {
      var done = function () { b.textContent = UI[lang].copied; };
      try {
        if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, function () {});
      } catch (e) { /* no clipboard on this page: the text stays selectable */ }
      var range = document.createRange();
      range.selectNodeContents(code);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
    box.appendChild(b);
    return box;
  }
  function entityButton(id) {
    var b = el("button", data.entities[id][lang], "link");
    b.type = "button";
    b.addEventListener("click", function () { showEntity(id); });
    return b;
  }
  function showCluster(i) {
    var c = data.clusters[i];
    current = { kind: "cluster", id: i };
    var box = document.getElementById("kg-details");
    box.replaceChildren();
    box.appendChild(el("h2", clusterLabel(i)));
    box.appendChild(el("p", c[other(lang)] + " \u00b7 " + c.curie, "sub"));
    box.appendChild(el("h3", UI[lang].members));
    var ol = el("ol", null, "members");
    c.members.forEach(function (id) {
      var e = data.entities[id];
      var li = el("li");
      li.appendChild(entityButton(id));
      li.appendChild(el("span", " " + num(e.degree) + " " + UI[lang].facts, "tag"));
      li.appendChild(commandBox(e.command));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    var rows = data.links.filter(function (l) { return (l.from === i || l.to === i) && l.from !== l.to; });
    if (rows.length) {
      box.appendChild(el("h3", UI[lang].links));
      var ul = el("ul", null, "bare");
      rows.forEach(function (l) {
        var text = clusterLabel(l.from) + " \u2192 " + clusterLabel(l.to) + ": " + num(l.count);
        ul.appendChild(el("li", text));
      });
      box.appendChild(ul);
    }
    setPanel(true);
  }
  function showEntity(id) {
    var e = data.entities[id];
    if (!e) return;
    current = { kind: "entity", id: id };
    var box = document.getElementById("kg-details");
    box.replaceChildren();
    box.appendChild(el("h2", e[lang]));
    box.appendChild(el("p", e[other(lang)], "sub"));
    box.appendChild(el("p", clusterLabel(e.cluster) + " \u00b7 " + num(e.degree) + " " + UI[lang].facts, "sub"));
    box.appendChild(el("p", e.curie, "sub"));
    box.appendChild(el("h3", UI[lang].goIn));
    box.appendChild(commandBox(e.command));
    setPanel(true);
  }
  function setPanel(open) { document.getElementById("kg-panel").hidden = !open; }
  function closePanel() { current = null; setPanel(false); }
  function show(id) {
    if (/^c\d+$/.test(id)) showCluster(Number(id.slice(1)));
    else showEntity(id);
  }

  function buildLegend() {
    var ul = document.getElementById("kg-legend");
    ul.replaceChildren();
    data.clusters.forEach(function (c, i) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-cluster", String(i));
      var dot = el("span", "\u25cf");
      dot.style.color = c.color;
      b.appendChild(dot);
      b.appendChild(el("span", c[lang]));
      b.appendChild(el("span", num(c.count), "count"));
      b.addEventListener("click", function () { focus("c" + i); });
      li.appendChild(b);
      ul.appendChild(li);
    });
  }
  function focus(id) {
    show(id);
    if (nodes.get(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    }
  }
  function search(q) {
    var list = document.getElementById("kg-results");
    list.replaceChildren();
    q = (q || "").trim().toLowerCase();
    if (!q) return [];
    var found = [];
    data.clusters.forEach(function (c, i) {
      if ([c.ko, c.en, c.curie].some(function (s) { return s.toLowerCase().indexOf(q) >= 0; })) found.push("c" + i);
    });
    Object.keys(data.entities).forEach(function (id) {
      var e = data.entities[id];
      if ([e.ko, e.en, e.curie].some(function (s) { return s.toLowerCase().indexOf(q) >= 0; })) found.push(id);
    });
    found.slice(0, 50).forEach(function (id) {
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.setAttribute("data-id", id);
      b.appendChild(el("span", label(id)));
      b.addEventListener("click", function () { focus(id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (!found.length) list.appendChild(el("li", UI[lang].none, "tag"));
    return found;
  }
  function setLang(l) {
    if (!UI[l]) return;
    lang = l;
    document.documentElement.lang = l;
    nodes.update(data.vis.nodes.map(function (n) { return { id: n.id, label: label(n.id) }; }));
    document.querySelectorAll("#kg-lang button").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lang") === l ? "true" : "false");
    });
    var input = document.getElementById("kg-search");
    input.placeholder = UI[l].search;
    input.setAttribute("aria-label", UI[l].search);
    document.getElementById("kg-reset").textContent = UI[l].reset;
    document.getElementById("kg-legend-title").textContent = UI[l].legend;
    document.getElementById("kg-hint").textContent = UI[l].hint;
    var s = data.summary;
    notice.textContent = UI[l].notice.replace("{e}", num(s.entities)).replace("{f}", num(s.facts))
      .replace("{l}", num(s.line)).replace("{c}", num(s.clusters)).replace("{t}", num(s.top));
    document.getElementById("kg-counts").textContent =
      num(s.clusters) + " / " + num(s.top) + " / " + num(s.entities) + " " + UI[l].entities;
    buildLegend();
    search(input.value);
    if (current && current.kind === "cluster") showCluster(current.id);
    if (current && current.kind === "entity") showEntity(current.id);
  }
  function reset() {
    network.unselectAll();
    closePanel();
    document.getElementById("kg-search").value = "";
    search("");
    network.fit({ animation: false });
  }

  document.getElementById("kg-title").textContent = data.title;
  var notice = el("p", null, "notice");
  notice.id = "kg-notice";
  notice.setAttribute("role", "note");
  notice.style.cssText = "margin:0 0 8px;padding:6px 8px;background:#fff7e0;border-left:3px solid #e0a800;font-size:12px";
  document.getElementById("kg-side").insertBefore(notice, document.getElementById("kg-search"));
  document.querySelectorAll("#kg-lang button").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });
  document.getElementById("kg-reset").addEventListener("click", reset);
  document.getElementById("kg-close").addEventListener("click", closePanel);
  var input = document.getElementById("kg-search");
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var found = search(input.value); if (found.length) focus(found[0]); }
  });
  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
  });
  window.kgView = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false, summary: true,
    setLang: setLang, search: search, show: show, reset: reset, lang: function () { return lang; }
  };
  setLang(lang);
  network.once("afterDrawing", function () {
    window.kgView.ready = true;
    document.body.setAttribute("data-ready", "1");
  });
  network.redraw();
})();
