/* The query page of `kgenesis serve`: YASGUI on this server's endpoint, the saved queries as
   examples, and the kgenesis graph view for CONSTRUCT results. Nothing is fetched from
   anywhere but this server: no prefix.cc look-up, no Linked Open Vocabularies
   autocompletion, no CORS proxy, one endpoint in the catalogue. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const endpoint = new URL(data.endpoint, window.location.href).href;
  const Yasqe = Yasgui.Yasqe;
  const Yasr = Yasgui.Yasr;

  // Autocompletion from the graph itself, never from an outside service.
  Yasqe.defaults.prefixCcApi = null;
  const local = { bulk: true, autoShow: true, persistenceId: null,
                  preProcessToken: undefined, postProcessSuggestion: undefined };
  Yasqe.forkAutocompleter("class", Object.assign({ name: "kgenesis-classes",
    get: data.classes }, local), false);
  Yasqe.forkAutocompleter("property", Object.assign({ name: "kgenesis-properties",
    get: data.properties }, local), false);
  // The project's prefixes (schema: is https://schema.org/ here), not YASQE's bundled list:
  // typing kgo: adds its PREFIX line, as YASQE does for the prefixes it knows.
  const prefixLines = Object.keys(data.prefixes).map(function (p) {
    return p + ": <" + data.prefixes[p] + ">";
  });
  Yasqe.forkAutocompleter("prefixes", { name: "kgenesis-prefixes", get: prefixLines,
    bulk: true, persistenceId: null }, false);
  Yasqe.defaults.autocompleters = ["kgenesis-prefixes", "variables", "kgenesis-classes",
                                   "kgenesis-properties"];

  let yasgui = null;

  // A CONSTRUCT (or DESCRIBE) answer drawn by the kgenesis view, made by this server.
  class GraphView {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 20;
      this.label = "Graph view";
    }
    canHandleResults() {
      const results = this.yasr.results;
      return !!results && typeof results.getType === "function" && results.getType() === "ttl";
    }
    getIcon() {
      const icon = document.createElement("span");
      icon.textContent = "◉";
      return icon;
    }
    draw() {
      const tab = yasgui && yasgui.getTab();
      const frame = document.createElement("iframe");
      frame.className = "kg-graph-frame";
      frame.title = "kgenesis graph view of the CONSTRUCT result";
      frame.src = "view?query=" + encodeURIComponent(tab ? tab.getQuery() : "");
      this.yasr.resultsEl.appendChild(frame);
    }
  }
  Yasr.registerPlugin("kgenesis-graph", GraphView);
  Yasr.defaults.pluginOrder = ["table", "kgenesis-graph", "response"];

  const first = data.examples.length ? data.examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    corsProxy: undefined,
    persistenceId: null,
    endpointCatalogueOptions: {
      getData: function () { return [{ endpoint: endpoint }]; },
      keys: [],
      renderItem: function (item, source) {
        const div = document.createElement("div");
        div.textContent = item.value ? item.value.endpoint : endpoint;
        source.appendChild(div);
      },
    },
    yasqe: { value: first },
  });

  // A CONSTRUCT or DESCRIBE answer opens in the graph view, a SELECT in the table.
  yasgui.on("queryResponse", function (instance, tab) {
    window.setTimeout(function () {  // after YASR has taken the response
      const yasr = tab.getYasr();
      const graph = !!yasr.results && typeof yasr.results.getType === "function" &&
        yasr.results.getType() === "ttl";
      const wanted = graph ? "kgenesis-graph" : "table";
      if (yasr.getSelectedPluginName() !== wanted && yasr.plugins[wanted] &&
          yasr.plugins[wanted].canHandleResults()) {
        yasr.selectPlugin(wanted);
      }
    }, 0);
  });

  document.getElementById("kg-about").textContent = data.about;
  const list = document.getElementById("kg-example-list");
  data.examples.forEach(function (example) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = example.title;
    button.title = example.name;
    button.dataset.name = example.name;
    button.addEventListener("click", function () {
      const tab = yasgui.getTab();
      tab.setQuery(example.query);
      tab.query();
    });
    const description = document.createElement("div");
    description.className = "kg-description";
    description.textContent = example.description;
    item.appendChild(button);
    item.appendChild(description);
    list.appendChild(item);
  });
  window.kgQueryPage = { yasgui: yasgui, data: data };
})();
