#!/bin/bash
# bench/search.sh — how fast Panel Papers imports, indexes and searches a large
# library, next to recoll (recollindex/recollq), pdftotext and pdfgrep on the
# same PDFs. Writes bench/RESULTS.md (machine, date, numbers).
#
#   bench/search.sh            20,000 pages (about 100 packs of 200 pages)
#   PAGES=2000 bench/search.sh a quick run
#   KEEP=1 bench/search.sh     keep the temporary folder (its path is printed)
#   OUT=/tmp/r.md bench/search.sh   write the results elsewhere
#   REAL=1 bench/search.sh     a small library of the real PDFs in ../shared
#                              (corpus and meetings) instead of generated packs
#
# Steps: build panelpapers and the helpers in bench/searchbench; generate the
# packs (packgen prose mixed with sentences pdftotext takes from the corpus);
# pdftotext alone; recollindex (throwaway RECOLL_CONFDIR); panelpapers add;
# an in-process build without PDFs; query latency in-process (index opened
# once) and as whole processes (panelpapers search vs recollq, a few pdfgrep
# -r); index sizes; peak memory from /usr/bin/time -v. A step whose tool is
# missing, or the CLI steps while `panelpapers add` is not built yet, is
# reported as not run.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
pages=${PAGES:-20000}
rounds=${ROUNDS:-20}       # in-process runs of every query
proc_rounds=${PROC_ROUNDS:-5} # whole-process runs of every query
corpus=${PANELPAPERS_CORPUS:-$root/../shared/corpus}
out=${OUT:-$root/bench/RESULTS.md}
queries=$root/bench/queries.txt
export LANG=en_GB.UTF-8 # as make does (Fyne complains about locale C)
# pdfgrep and recoll (C++) die on a locale the machine lacks; C.UTF-8 is always there.
cloc=(env LC_ALL=C.UTF-8)

tmp=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
log() { echo "== $*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
timev() { # timev NAME CMD… : runs CMD under /usr/bin/time -v, keeps its report in $tmp/NAME.time
	local name=$1; shift
	/usr/bin/time -v -o "$tmp/$name.time" "$@"
}
tv() { # tv NAME FIELD : a field of a /usr/bin/time -v report
	sed -nE "s/^\s*$2: (.*)$/\1/p" "$tmp/$1.time" 2>/dev/null | head -1
}
wall() { # wall NAME : elapsed seconds from a /usr/bin/time -v report
	tv "$1" 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\)' | awk -F: '{ s=0; for (i=1;i<=NF;i++) s=s*60+$i; printf "%.2f", s }'
}
cpu() { # cpu NAME : user+system seconds
	awk -v u="$(tv "$1" 'User time \(seconds\)')" -v s="$(tv "$1" 'System time \(seconds\)')" 'BEGIN { printf "%.2f", u+s }'
}
rss() { # rss NAME : peak resident set in MB
	awk -v k="$(tv "$1" 'Maximum resident set size \(kbytes\)')" 'BEGIN { printf "%.0f", k/1024 }'
}
mb() { du -sb "$1" 2>/dev/null | awk '{ printf "%.1f", $1/1e6 }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n/s; else print "-" }'; }
now_ns() { date +%s%N; }
# pct FILE : p50 p95 p99 (ms) of a file of nanosecond durations, one a line
pct() {
	sort -n "$1" | awk '{ a[NR]=$1 } END {
		if (NR == 0) { print "- - -"; exit }
		split("50 95 99", p, " ")
		for (i=1;i<=3;i++) { k=int(NR*p[i]/100+0.999999); if (k<1) k=1; if (k>NR) k=NR; printf "%.1f ", a[k]/1e6 }
		print "" }'
}

# ---------------------------------------------------------------- build
log "building"
go build -o "$tmp/sbrun" ./bench/searchbench/run || exit 1
go build -o "$tmp/sbgen" ./bench/searchbench/gen || exit 1
cli=no
if go build -o "$tmp/panelpapers" . 2>"$tmp/build.err" && "$tmp/panelpapers" add --help >/dev/null 2>&1 &&
	go build -tags nowindow -o "$tmp/panelpapers-cli" . 2>>"$tmp/build.err"; then
	cli=yes
else
	log "panelpapers CLI not available: the CLI steps are not run ($(head -1 "$tmp/build.err"))"
fi

# ---------------------------------------------------------------- generate
corpus_arg=()
[ -d "$corpus" ] && have pdftotext && corpus_arg=(--corpus "$corpus")
if [ "${REAL:-}" = 1 ]; then
	log "the real PDFs of ../shared"
	mkdir -p "$tmp/pdfs" && cp "$corpus"/*.pdf "$corpus"/../meetings/*.pdf "$tmp/pdfs/" || exit 1
else
	log "generating $pages pages of packs"
	"$tmp/sbgen" --out "$tmp/pdfs" --pages "$pages" "${corpus_arg[@]}" || exit 1
fi
npdf=$(ls "$tmp"/pdfs/*.pdf | wc -l)
npages=0
for f in "$tmp"/pdfs/*.pdf; do npages=$((npages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
pdfmb=$(mb "$tmp/pdfs")
log "$npdf PDFs, $npages pages, $pdfmb MB"

# ---------------------------------------------------------------- pdftotext alone
log "pdftotext"
timev pdftotext sh -c 'for f in "$1"/*.pdf; do pdftotext -enc UTF-8 "$f" - ; done > "$2"' _ "$tmp/pdfs" "$tmp/all.txt"
textmb=$(mb "$tmp/all.txt")

# ---------------------------------------------------------------- recollindex
recoll=no
if have recollindex && have recollq; then
	log "recollindex"
	rc=$tmp/recoll
	mkdir -p "$rc"
	printf 'topdirs = %s\nnoaspell = 1\nloglevel = 1\n' "$tmp/pdfs" > "$rc/recoll.conf"
	if RECOLL_CONFDIR=$rc timev recollindex "${cloc[@]}" recollindex -c "$rc" >"$tmp/recollindex.log" 2>&1; then recoll=yes; fi
fi

# ---------------------------------------------------------------- panelpapers add
if [ $cli = yes ]; then
	log "panelpapers add"
	timev add "$tmp/panelpapers" --data "$tmp/lib" add "$tmp"/pdfs/*.pdf >"$tmp/add.out" 2>"$tmp/add.err" || log "add failed: $(tail -2 "$tmp/add.err")"
	added=$(grep -c '^added' "$tmp/add.out")
fi

# ---------------------------------------------------------------- in-process build (no PDFs)
log "in-process build of $pages generated pages"
timev build "$tmp/sbrun" build --index "$tmp/gen-index" --pages "$pages" "${corpus_arg[@]}" >"$tmp/build.out"
build_pps=$(awk '$1=="pages_per_second"{print $2}' "$tmp/build.out")
timev rebuild "$tmp/sbrun" build --rebuild --index "$tmp/gen-index2" --pages "$pages" "${corpus_arg[@]}" >"$tmp/rebuild.out"
rebuild_pps=$(awk '$1=="pages_per_second"{print $2}' "$tmp/rebuild.out")
rm -rf "$tmp/gen-index2"

# ---------------------------------------------------------------- in-process queries
idx=$tmp/gen-index
[ $cli = yes ] && [ -d "$tmp/lib/index" ] && idx=$tmp/lib/index
log "in-process queries on $idx"
"$tmp/sbrun" query --index "$idx" --queries "$queries" --rounds "$rounds" >"$tmp/inproc.tsv" || log "in-process queries failed"

# ---------------------------------------------------------------- whole processes
# The queries both tools understand: recoll's language has words (all must
# match), "phrases", -word and word*, but no word~ or committee:/item:.
proc_queries() { awk -F'\t' '$1 ~ /^(word|words|phrase|prefix|exclude|welsh)$/ { print $2 }' "$queries"; }
: >"$tmp/pp.ns"; : >"$tmp/ppcli.ns"; : >"$tmp/rq.ns"
# The tools run alternately, query by query, so that a busy moment of this
# shared machine falls on all of them alike.
log "whole processes: panelpapers search (with and without the window linked) and recollq, alternately"
if [ $cli = yes ]; then
	"$tmp/panelpapers" --data "$tmp/lib" search precept >/dev/null 2>&1 # warm the page cache
	"$tmp/panelpapers-cli" --data "$tmp/lib" search precept >/dev/null 2>&1
fi
[ $recoll = yes ] && RECOLL_CONFDIR=$rc "${cloc[@]}" recollq -c "$rc" precept >/dev/null 2>&1
while IFS= read -r q; do
	for _ in $(seq "$proc_rounds"); do
		if [ $cli = yes ]; then
			t0=$(now_ns); "$tmp/panelpapers" --data "$tmp/lib" search --limit 10 -- "$q" >/dev/null 2>&1; t1=$(now_ns)
			echo $((t1 - t0)) >>"$tmp/pp.ns"
			t0=$(now_ns); "$tmp/panelpapers-cli" --data "$tmp/lib" search --limit 10 -- "$q" >/dev/null 2>&1; t1=$(now_ns)
			echo $((t1 - t0)) >>"$tmp/ppcli.ns"
		fi
		if [ $recoll = yes ]; then
			t0=$(now_ns); RECOLL_CONFDIR=$rc LC_ALL=C.UTF-8 recollq -c "$rc" -n 10 -A "$q" >/dev/null 2>&1; t1=$(now_ns)
			echo $((t1 - t0)) >>"$tmp/rq.ns"
		fi
	done
done < <(proc_queries)
if [ $cli = yes ]; then
	timev ppsearch "$tmp/panelpapers" --data "$tmp/lib" search '"police and crime plan"' >/dev/null 2>&1
	timev ppclisearch "$tmp/panelpapers-cli" --data "$tmp/lib" search '"police and crime plan"' >/dev/null 2>&1
	# Where start-up goes: package initialisation, and the bare process.
	GODEBUG=inittrace=1 "$tmp/panelpapers" --version 2>"$tmp/init.txt" >/dev/null
	GODEBUG=inittrace=1 "$tmp/panelpapers-cli" --version 2>"$tmp/initcli.txt" >/dev/null
	: >"$tmp/ver.ns"; : >"$tmp/vercli.ns"
	for _ in $(seq 20); do
		t0=$(now_ns); "$tmp/panelpapers" --version >/dev/null 2>&1; t1=$(now_ns); echo $((t1 - t0)) >>"$tmp/ver.ns"
		t0=$(now_ns); "$tmp/panelpapers-cli" --version >/dev/null 2>&1; t1=$(now_ns); echo $((t1 - t0)) >>"$tmp/vercli.ns"
	done
fi
[ $recoll = yes ] && RECOLL_CONFDIR=$rc timev rqsearch "${cloc[@]}" recollq -c "$rc" -n 10 -A '"police and crime plan"' >/dev/null 2>&1
# inits FILE: total ms of package initialisation, then the eight costliest
inits() {
	awk '/^init /{ t += $5; printf "%s %s\n", $5, $2 }' "$1" | sort -rn | awk -v OFS=' ' '
		{ total += $1; if (NR <= 8) top = top sprintf("%s%s %.1f ms", (NR > 1 ? ", " : ""), $2, $1) }
		END { printf "%.1f ms in all; %s", total, top }'
}
ratio() { # ratio A B : p50 of file A over p50 of file B
	awk -v a="$(pct "$1" | cut -d' ' -f1)" -v b="$(pct "$2" | cut -d' ' -f1)" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'
}

pdfgrep_rows=""
if have pdfgrep; then
	log "pdfgrep -r (a few words)"
	for w in precept keyholder Haverfordwest; do
		t0=$(now_ns); n=$(LC_ALL=C.UTF-8 pdfgrep -r -i -c "$w" "$tmp/pdfs" 2>/dev/null | awk -F: '{ s+=$NF } END { print s+0 }'); t1=$(now_ns)
		pdfgrep_rows+="| \`$w\` | $(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d/1e9 }') s | $n lines |"$'\n'
	done
fi

# ---------------------------------------------------------------- RESULTS.md
log "writing $out"
cpu_model=$(lscpu 2>/dev/null | sed -nE 's/^Model name:\s+//p' | head -1)
mem_gb=$(awk '/MemTotal/ { printf "%.0f", $2/1048576 }' /proc/meminfo)
recoll_version=$(recollindex -h 2>&1 | sed -nE 's/^Recoll version: //p' | head -1)
notrun="not run"
{
	echo "# Search benchmark"
	echo
	echo "Written by \`bench/search.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores ($cpu_model), ${mem_gb} GB,"
	echo "$(uname -sr), $(go version | awk '{print $3}'), ${recoll_version:-no recoll}; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	if [ "${REAL:-}" = 1 ]; then
		echo "Library: the $npdf real PDFs of ../shared (corpus and meetings), $npages pages, $pdfmb MB of PDF, $textmb MB of text."
	else
		echo "Library: $npdf generated packs, $npages pages, $pdfmb MB of PDF, $textmb MB of text (packgen prose, with"
		echo "sentences from the corpus mixed in)."
	fi
	echo "Queries: \`bench/queries.txt\` ($(grep -cv '^#' "$queries") queries)."
	echo
	echo "## Import and index"
	echo
	echo "| what | wall s | CPU s | pages/s (wall) | peak RSS MB | index MB |"
	echo "|---|---|---|---|---|---|"
	echo "| pdftotext alone (one process a file) | $(wall pdftotext) | $(cpu pdftotext) | $(rate "$npages" "$(wall pdftotext)") | $(rss pdftotext) | – |"
	if [ $recoll = yes ]; then
		echo "| recollindex | $(wall recollindex) | $(cpu recollindex) | $(rate "$npages" "$(wall recollindex)") | $(rss recollindex) | $(mb "$rc/xapiandb") |"
	else echo "| recollindex | $notrun | | | | |"; fi
	if [ $cli = yes ]; then
		echo "| panelpapers add ($added packs) | $(wall add) | $(cpu add) | $(rate "$npages" "$(wall add)") | $(rss add) | $(mb "$tmp/lib/index") |"
	else echo "| panelpapers add | $notrun (CLI not built) | | | | |"; fi
	echo "| search index alone, a pack at a time (Index.Add, no PDFs) | $(wall build) | $(cpu build) | $build_pps | $(rss build) | $(mb "$tmp/gen-index") |"
	echo "| search index alone, as a rebuild (no PDFs) | $(wall rebuild) | $(cpu rebuild) | $rebuild_pps | $(rss rebuild) | |"
	echo
	echo "The no-PDF rows hold the whole generated library in memory (about 120 MB of the RSS at 20,000 pages)."
	echo
	echo "## Query latency, index open (in-process, ten hits with snippets)"
	echo
	echo "On \`$(basename "$(dirname "$idx")")/$(basename "$idx")\`, every query $rounds times after a warm-up."
	echo
	echo "| class | searches | p50 ms | p95 ms | p99 ms |"
	echo "|---|---|---|---|---|"
	awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$tmp/inproc.tsv"
	echo
	echo "## Query latency, whole processes"
	echo
	echo "The $(proc_queries | wc -l) queries both understand (words, phrases, prefixes, exclusions, Welsh), $proc_rounds runs each."
	echo
	echo "| tool | p50 ms | p95 ms | p99 ms | peak RSS MB |"
	echo "|---|---|---|---|---|"
	if [ $cli = yes ]; then
		read -r a b c <<<"$(pct "$tmp/pp.ns")"; echo "| panelpapers search | $a | $b | $c | $(rss ppsearch) |"
		read -r a b c <<<"$(pct "$tmp/ppcli.ns")"; echo "| panelpapers search, built without the window (make cli) | $a | $b | $c | $(rss ppclisearch) |"
	else echo "| panelpapers search | $notrun | | | |"; fi
	if [ $recoll = yes ]; then read -r a b c <<<"$(pct "$tmp/rq.ns")"; echo "| recollq -n 10 -A | $a | $b | $c | $(rss rqsearch) |"
	else echo "| recollq | $notrun | | | |"; fi
	if [ $cli = yes ] && [ $recoll = yes ]; then
		echo
		echo "p50 ratio to recollq: panelpapers $(ratio "$tmp/pp.ns" "$tmp/rq.ns"), built without the window $(ratio "$tmp/ppcli.ns" "$tmp/rq.ns")."
	fi
	if [ $cli = yes ]; then
		echo
		echo "Start-up: \`panelpapers --version\` p50 $(pct "$tmp/ver.ns" | cut -d' ' -f1) ms (without the window: $(pct "$tmp/vercli.ns" | cut -d' ' -f1) ms)."
		echo "Package initialisation (GODEBUG=inittrace=1): $(inits "$tmp/init.txt");"
		echo "without the window: $(inits "$tmp/initcli.txt")."
	fi
	echo
	echo "pdfgrep -r -i -c over the PDFs, one run each:"
	echo
	echo "| word | time | matches |"
	echo "|---|---|---|"
	printf '%s' "${pdfgrep_rows:-| $notrun | | |
}"
} >"$out"
cat "$out"
