#!/bin/bash
# bench/memory.sh — how much memory the window holds over a day's reading
# of 50 papers, and where it goes. Writes bench/MEMORY.md.
#
#   bench/memory.sh                 this tree's window
#   BASE=4a43427 bench/memory.sh    and, in the same run, the window built
#                                   from an earlier commit, side by side
#   PAPERS=20 bench/memory.sh       a shorter day
#   OUT=/tmp/m.md bench/memory.sh   write the results elsewhere
#   SHOTS=/tmp/shots bench/memory.sh  keep a screenshot after every paper
#
# The window is the real one (built with -tags memprofile, which adds a
# local pprof listener and nothing else), under Xvfb at 1366x768, driven
# by xdotool as a member at the keyboard: for each paper, Ctrl+L back to
# the papers, Down to the next row, Enter to open it, eight Page Downs and
# two agenda items (Alt+Down); every fifth paper also zooms in and back to
# fit width, shows the page as text and back, and runs a search and opens
# its first result. After each paper it samples the resident memory of the
# window and its worker processes (RSS, and PSS, which counts the program
# they share once); after the day it waits 90 s (Fyne lets go of unused
# textures after a minute) and samples again. Then it says where the
# window's own memory is: the Go heap (and what is live in it, from pprof),
# the C heap (mostly the graphics driver's copies of page drawings), the
# graphics driver's code, the program itself.
#
# The library: the real papers in ../shared (corpus and meetings), topped up
# to PAPERS with generated 200-page packs.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
papers=${PAPERS:-50}
out=${OUT:-$root/bench/MEMORY.md}
shared=${PANELPAPERS_SHARED:-$root/../shared}
export LANG=en_GB.UTF-8
for t in Xvfb xdotool python3; do
	command -v $t >/dev/null || { echo "bench/memory.sh needs $t (apt-get install xvfb xdotool python3)" >&2; exit 1; }
done
get() { python3 -c 'import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[1]).read())' "$1"; }

tmp=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
log() { echo "== $*" >&2; }

log "building"
go build -tags memprofile -o "$tmp/head" . || exit 1
builds=(head)
if [ -n "${BASE:-}" ]; then
	git worktree add -q --detach "$tmp/base-src" "$BASE" || exit 1
	cp memprofile.go "$tmp/base-src/" # the listener, if BASE predates it
	(cd "$tmp/base-src" && go build -tags memprofile -o "$tmp/base" .) || exit 1
	git worktree remove --force "$tmp/base-src"
	builds=(base head)
fi

log "making a library of $papers papers"
lib=$tmp/library
mapfile -t pdfs < <(ls "$shared"/corpus/*.pdf "$shared"/meetings/*.pdf 2>/dev/null | head -n "$papers")
PANELPAPERS_DATA=$lib "$tmp/head" add "${pdfs[@]}" >/dev/null 2>"$tmp/add.err"
if [ "${#pdfs[@]}" -lt "$papers" ]; then
	go run ./bench/searchbench/gen --out "$tmp/packs" --pages $(((papers - ${#pdfs[@]}) * 200)) --corpus "$shared/corpus" || exit 1
	PANELPAPERS_DATA=$lib "$tmp/head" add "$tmp/packs"/*.pdf >/dev/null 2>>"$tmp/add.err"
fi
read -r npapers npages < <(PANELPAPERS_DATA=$lib "$tmp/head" list --json 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin)["documents"]; print(len(d), sum(p["pages"] for p in d))')
log "library: $npapers papers, $npages pages"

# mem PID: window RSS, total RSS and total PSS (kB) of PID and the
# processes under it.
mem() {
	local p=$1 all q r s main tot=0 pss=0
	all="$p $(pgrep -P "$p" | tr '\n' ' ')"
	for q in $(pgrep -P "$p"); do all="$all $(pgrep -P "$q" | tr '\n' ' ')"; done
	main=$(awk '/^VmRSS/{print $2}' "/proc/$p/status")
	for q in $all; do
		r=$(awk '/^VmRSS/{print $2}' "/proc/$q/status" 2>/dev/null)
		s=$(awk '/^Pss:/{print $2}' "/proc/$q/smaps_rollup" 2>/dev/null)
		tot=$((tot + ${r:-0})); pss=$((pss + ${s:-0}))
	done
	echo "$main $tot $pss"
}

# where PID: the window's resident memory by mapping, in MB.
where() {
	awk '/^[0-9a-f]+-/ { n = $6; if (n == "") n = "anon" }
	/^Rss:/ { r[n] += $2 }
	END {
		for (n in r) {
			k = "other"
			if (n == "anon") k = "anon"
			else if (n == "[heap]") k = "cheap"
			else if (n ~ /libLLVM|dri|libGL|libgallium|libEGL|libglapi/) k = "gl"
			else if (n ~ /\/(head|base)$/) k = "prog"
			t[k] += r[n]
		}
		printf "%.0f %.0f %.0f %.0f %.0f\n", t["anon"]/1024, t["cheap"]/1024, t["gl"]/1024, t["prog"]/1024, t["other"]/1024
	}' "/proc/$1/smaps"
}

queries=(budget police "climate change" parking minutes housing transport "school places" questions council)

# day BUILD: one day's reading in the window of BUILD; writes $tmp/BUILD.*
day() {
	local b=$1 port=$2 pid i j win title
	local run=$tmp/$b.run
	rm -rf "$run" && cp -a "$lib" "$run"
	PANELPAPERS_DATA=$run PANELPAPERS_PPROF=127.0.0.1:$port "$tmp/$b" >"$tmp/$b.log" 2>&1 &
	pid=$!
	win=$(xdotool search --sync --name "Panel Papers" 2>/dev/null | head -1)
	sleep 3
	echo "start $(mem $pid)" >"$tmp/$b.samples"
	xdotool key Tab Tab Tab Tab # from the search box to the first row of the list
	for i in $(seq 1 "$npapers"); do
		xdotool key ctrl+l; sleep 0.5
		# Down to the next paper's row (past the committee and meeting
		# headings) and open it: the window's title names the paper.
		for j in 1 2 3 4 5 6; do
			xdotool key Down; sleep 0.2; xdotool key Return; sleep 0.5
			title=$(xdotool getwindowname "$win" 2>/dev/null)
			[ "$title" != "Panel Papers" ] && break
		done
		echo "$title" >>"$tmp/$b.titles"
		sleep 1
		for j in $(seq 1 8); do xdotool key Next; sleep 0.3; done
		xdotool key alt+Down; sleep 0.5; xdotool key alt+Down; sleep 0.5
		if [ $((i % 5)) = 0 ]; then
			xdotool key ctrl+equal; sleep 1; xdotool key ctrl+equal; sleep 1
			xdotool key ctrl+1; sleep 1
			xdotool key ctrl+shift+t; sleep 1; xdotool key ctrl+shift+t; sleep 0.5
			xdotool key ctrl+k; sleep 0.3
			xdotool type --delay 30 "${queries[$(((i / 5) % ${#queries[@]}))]}"
			xdotool key Return; sleep 1; xdotool key Down; sleep 0.2; xdotool key Return; sleep 1.5
			xdotool key Next; sleep 0.3; xdotool key Next; sleep 0.3
		fi
		echo "$i $(mem $pid)" >>"$tmp/$b.samples"
		if [ -n "${SHOTS:-}" ]; then mkdir -p "$SHOTS" && import -window root "$SHOTS/$b-$i.png"; fi
	done
	echo "day $(mem $pid)" >>"$tmp/$b.samples"
	where "$pid" >"$tmp/$b.where.day"
	get "http://127.0.0.1:$port/debug/pprof/heap?gc=1" >"$tmp/$b.heap"
	get "http://127.0.0.1:$port/debug/pprof/heap?debug=1" | sed -nE 's/^# (Sys|HeapAlloc|HeapInuse|HeapSys|HeapReleased|NextGC) = ([0-9]+)/\1 \2/p' >"$tmp/$b.heapstats"
	sleep 90
	echo "idle $(mem $pid)" >>"$tmp/$b.samples"
	xdotool key ctrl+q; sleep 2
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

port=6171
for b in "${builds[@]}"; do
	log "a day in the window: $b"
	export DISPLAY=:$((90 + port % 10))
	Xvfb "$DISPLAY" -screen 0 1366x768x24 >/dev/null 2>&1 &
	xvfb=$!
	sleep 1
	day "$b" $port
	kill $xvfb; wait $xvfb 2>/dev/null
	port=$((port + 1))
done

mbk() { awk -v k="$1" 'BEGIN { printf "%.0f", k/1024 }'; }
{
	echo "# Memory benchmark"
	echo
	echo "Written by \`bench/memory.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1e6}' /proc/meminfo),"
	echo "$(uname -sr), $(go env GOVERSION), Xvfb 1366x768 (Mesa llvmpipe: the graphics driver is software, so its"
	echo "textures are in the window's own memory); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo
	for b in "${builds[@]}"; do echo "$b: $(grep -vc '^Panel Papers$' "$tmp/$b.titles") papers opened, $(sort -u "$tmp/$b.titles" | grep -vc '^Panel Papers$') of them different (the list's Down key sometimes comes back to a paper already read)."; done
	echo
	echo "Library: $npapers papers, $npages pages. A day: every paper opened from the list, 8 Page Downs and"
	echo "2 agenda items in each; every fifth paper also zoomed in twice and back to fit width, shown as text,"
	echo "and a search with its first result opened."
	echo
	echo "## Resident memory (MB)"
	echo
	echo "Window: the window's process. All: with its PDF workers (RSS adds the program they share once per"
	echo "process; PSS counts it once)."
	echo
	echo "| build | at start: window / all RSS / all PSS | peak after a paper: window / all PSS | after the day | after 90 s idle |"
	echo "|---|---|---|---|---|"
	for b in "${builds[@]}"; do
		f=$tmp/$b.samples
		s=$(awk '$1=="start"{print $2, $3, $4}' "$f")
		d=$(awk '$1=="day"{print $2, $3, $4}' "$f")
		i=$(awk '$1=="idle"{print $2, $3, $4}' "$f")
		pw=$(awk '$1 ~ /^[0-9]+$/ && $2 > m {m=$2} END{print m}' "$f")
		pp=$(awk '$1 ~ /^[0-9]+$/ && $4 > m {m=$4} END{print m}' "$f")
		fmt() { set -- $1; echo "$(mbk "$1") / $(mbk "$2") / $(mbk "$3")"; }
		echo "| $b$([ "$b" = base ] && echo " ($BASE)") | $(fmt "$s") | $(mbk "$pw") / $(mbk "$pp") | $(fmt "$d") | $(fmt "$i") |"
	done
	echo
	echo "## Where the window's memory is, after the day (MB)"
	echo
	echo "| build | Go runtime, held from the system | other anonymous (mostly the graphics driver's textures) | C heap | graphics driver code | program | other files | Go heap in use / next GC | live in it (pprof, after a GC) |"
	echo "|---|---|---|---|---|---|---|---|---|"
	for b in "${builds[@]}"; do
		read -r anon cheap gl prog other <"$tmp/$b.where.day"
		st() { awk -v k="$1" '$1==k{print $2}' "$tmp/$b.heapstats"; }
		gor=$(awk -v s="$(st Sys)" -v r="$(st HeapReleased)" 'BEGIN { printf "%.0f", (s-r)/1048576 }')
		hi=$(awk -v v="$(st HeapInuse)" 'BEGIN { printf "%.0f", v/1048576 }')
		ng=$(awk -v v="$(st NextGC)" 'BEGIN { printf "%.0f", v/1048576 }')
		live=$(go tool pprof -sample_index=inuse_space -top -nodecount=3 "$tmp/$b" "$tmp/$b.heap" 2>/dev/null |
			awk '/% of .* total/ { for (i=1;i<=NF;i++) if ($i=="total") t=$(i-1) } /recv$/ { c=$1 } END { printf "%s, page drawings %s", t, c }')
		echo "| $b | $gor | $((anon > gor ? anon - gor : 0)) | $cheap | $gl | $prog | $other | $hi / $ng | $live |"
	done
	echo
	echo "Every sample (kB: window RSS, all RSS, all PSS):"
	echo
	echo '```'
	for b in "${builds[@]}"; do echo "$b: $(awk '{printf "%s:%s/%s/%s ", $1, $2, $3, $4}' "$tmp/$b.samples")"; done
	echo '```'
} >"$out"
cat "$out"
