#!/bin/sh
# Times text extraction of the whole corpus (../shared/corpus, or
# $PANELPAPERS_CORPUS) by Panel Papers' pipeline — dslipak in its pool of
# worker processes, PDFium refereeing a sample of pages and standing in where
# dslipak fails — against `pdftotext -layout` on the same files, in one run,
# and prints both times and their ratio. The goal is a ratio of 1 or less.
# BENCHTIME sets the iterations (default 3x). The machine's load is printed
# too: on a busy machine both times grow, and ours, using both cores, the
# more.
set -eu
cd "$(dirname "$0")/.."
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)

out=$(go test -run '^$' -bench '^BenchmarkExtractCorpus$' -benchtime "${BENCHTIME:-3x}" -count 1 ./docs/)
line=$(printf '%s\n' "$out" | grep '^BenchmarkExtractCorpus' || true)
if [ -z "$line" ]; then
	printf '%s\n' "$out" >&2
	echo "extract benchmark did not run (no corpus or no pdftotext?)" >&2
	exit 1
fi
printf '%s\n' "$line" | awk '{
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "s/corpus") ours = $i
		if ($(i+1) == "pdftotext-s/corpus") theirs = $i
		if ($(i+1) == "ratio") ratio = $i
		if ($(i+1) == "pages") pages = $i
	}
	if (theirs == "") { print "no pdftotext figure in: " $0 > "/dev/stderr"; exit 1 }
	printf "corpus (%d pages):\n", pages
	printf "  panelpapers extract  %7.2f s\n", ours
	printf "  pdftotext -layout    %7.2f s\n", theirs
	printf "  ratio                %7.2f  (goal: 1 or less)\n", ratio
}'
if [ -n "$load" ]; then
	echo "  load average before  $load"
fi
