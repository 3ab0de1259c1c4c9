#!/usr/bin/env bash
# CI: what a user gets from `pip install kgenesis`. Builds the sdist and the wheel
# (python -m build: the wheel is built from the sdist), installs the wheel WITHOUT extras
# into a fresh virtual environment, and from an empty folder outside the checkout runs
# every saved query, `view -o`, `export` in each format and a short API script, comparing
# each answer byte for byte with the checkout's. Needs .venv (scripts/setup.sh) for the
# checkout's side and the `build` tool.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export KGENESIS_CACHE="$work/cache"

echo "check-wheel: building the sdist and the wheel" >&2
.venv/bin/python -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log" >&2; exit 1; }
ls "$work/dist" >&2
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$work"/dist/kgenesis-*.whl \
  >"$work/install.log" 2>&1 || { tail -40 "$work/install.log" >&2; exit 1; }

user="$work/empty-folder"
mkdir "$user"
installed="$work/venv/bin/kgenesis"
checkout="$repo/.venv/bin/kgenesis"
failures=0
same() {  # same LABEL FILE-FROM-WHEEL FILE-FROM-CHECKOUT
  if ! cmp -s "$2" "$3"; then
    echo "check-wheel: DIFFERENT: $1" >&2
    diff <(head -c 2000 "$2") <(head -c 2000 "$3") | head -20 >&2 || true
    failures=$((failures + 1))
  fi
}
ok() {  # ok NAME: the wheel's command exited 0 (a failure on both sides is no match)
  if [ "$(tail -n 1 "$work/wheel-$1")" != "exit 0" ]; then
    echo "check-wheel: FAILED: $1: $(cat "$work/wheel-$1.err")" >&2
    failures=$((failures + 1))
  fi
}
# run SIDE NAME ARGS...: the command's stdout in $work/SIDE-NAME, its exit code appended
run() {
  local side=$1 name=$2; shift 2
  local exe=$installed dir=$user
  if [ "$side" = checkout ]; then exe=$checkout; dir=$repo; fi
  set +e
  (cd "$dir" && "$exe" "$@") >"$work/$side-$name" 2>"$work/$side-$name.err"
  echo "exit $?" >>"$work/$side-$name"
  set -e
}

cd "$user"
"$installed" --version >&2
grep -q "graph installed with the package, built" <("$installed" --version) || {
  echo "check-wheel: --version does not name the installed graph" >&2; exit 1; }

# every saved query
names=$("$installed" queries | awk '{print $1}')
[ -n "$names" ] || { echo "check-wheel: no saved queries" >&2; exit 1; }
count=0
for name in $names; do
  run wheel "q-$name" query "$name" --format tsv
  run checkout "q-$name" query "$name" --format tsv
  ok "q-$name"
  same "query $name" "$work/wheel-q-$name" "$work/checkout-q-$name"
  count=$((count + 1))
done
echo "check-wheel: $count saved queries answer alike" >&2

# export in each format, to a file named by its extension; each one read back by kgenesis
for ext in ttl nt jsonld rdf trig nq; do
  run wheel "export.$ext" export -o "$work/wheel-graph.$ext"
  run checkout "export.$ext" export -o "$work/checkout-graph.$ext"
  ok "export.$ext"
  same "export -o graph.$ext" "$work/wheel-graph.$ext" "$work/checkout-graph.$ext"
  run wheel "reread.$ext" query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" \
    --data "$work/wheel-graph.$ext" --format tsv
done
run wheel count query "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" --format tsv
ok count
for ext in ttl nt jsonld rdf trig nq; do
  same "export graph.$ext read back: triple count" "$work/wheel-reread.$ext" "$work/wheel-count"
done

# the analyses and network exports (networkx, scipy for PageRank)
for cmd in "stats --format json" "rank --by pagerank --format csv" "rank --by betweenness" \
           "communities --format csv" "path 최민희 LG사이언스파크"; do
  key=$(echo "$cmd" | tr ' ' '_')
  # shellcheck disable=SC2086
  run wheel "a-$key" $cmd
  # shellcheck disable=SC2086
  run checkout "a-$key" $cmd
  ok "a-$key"
  same "$cmd" "$work/wheel-a-$key" "$work/checkout-a-$key"
done
for ext in graphml gexf csv; do
  run wheel "net.$ext" export -o "$work/wheel-net.$ext"
  run checkout "net.$ext" export -o "$work/checkout-net.$ext"
  ok "net.$ext"
  same "export -o net.$ext" "$work/wheel-net.$ext" "$work/checkout-net.$ext"
done
# (the folders are not named like run's own output files, wheel-NAME and checkout-NAME)
run wheel neo4j export --format csv -o "$work/neo4j-from-wheel"
run checkout neo4j export --format csv -o "$work/neo4j-from-checkout"
ok neo4j
for f in nodes.csv edges.csv; do
  same "export --format csv: $f" "$work/neo4j-from-wheel/$f" "$work/neo4j-from-checkout/$f"
done

# the view
run wheel view view -o "$work/wheel-view.html"
ok view
run checkout view view -o "$work/checkout-view.html"
same "view -o" "$work/wheel-view.html" "$work/checkout-view.html"

# serve: the wheel's server, started from the empty folder, answers a saved query as the
# checkout's `kgenesis query` does, then stops
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$user" && exec "$installed" serve --port "$port") >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
serve_query='import sys, time, urllib.parse, urllib.request
url, path = sys.argv[1], sys.argv[2]
body = urllib.parse.urlencode({"query": open(path, encoding="utf-8").read()}).encode()
for _ in range(300):
    try:
        request = urllib.request.Request(url, data=body, headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            sys.stdout.buffer.write(answer.read())
            break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("no answer from " + url)'
saved="$repo/src/kgenesis/sparql/queries/cq-04-who-leads-what.rq"
if "$python" -c "$serve_query" "http://127.0.0.1:$port/sparql" "$saved" >"$work/wheel-serve.json"; then
  run checkout serve-json query cq-04-who-leads-what --format json
  sed '$d' "$work/checkout-serve-json" >"$work/checkout-serve.json"  # drop the exit line
  same "serve: cq-04 over HTTP" "$work/wheel-serve.json" "$work/checkout-serve.json"
else
  echo "check-wheel: FAILED: serve: $(tail -5 "$work/serve.log")" >&2
  failures=$((failures + 1))
fi
kill "$serve_pid" 2>/dev/null || true
wait "$serve_pid" 2>/dev/null || true

# build and validate need a checkout, and say so
set +e
"$installed" build 2>"$work/build.err"; code=$?
set -e
if [ "$code" -ne 2 ] || ! grep -q "needs a kgenesis checkout" "$work/build.err"; then
  echo "check-wheel: build outside a checkout: exit $code, $(cat "$work/build.err")" >&2
  failures=$((failures + 1))
fi

# the Python API
api='import json, kgenesis
graph = kgenesis.load()
rows = kgenesis.query("cq-01-government-measures-targets").rows
ask = kgenesis.query("ASK { kg:bae-kyunghoon a kgo:Person }").boolean
print(json.dumps({"triples": len(graph), "rows": rows, "ask": ask},
                 default=str, ensure_ascii=False, sort_keys=True))'
(cd "$user" && "$work/venv/bin/python" -c "$api") >"$work/wheel-api.json"
(cd "$repo" && .venv/bin/python -c "$api") >"$work/checkout-api.json"
same "API load() and query()" "$work/wheel-api.json" "$work/checkout-api.json"
grep -q '"ask": true' "$work/wheel-api.json" || { echo "check-wheel: API ASK failed" >&2; failures=$((failures + 1)); }

if [ "$failures" -ne 0 ]; then
  echo "check-wheel: $failures difference(s) between the installed wheel and the checkout" >&2
  exit 1
fi
echo "check-wheel: the wheel, installed without extras, answers as the checkout does" >&2
