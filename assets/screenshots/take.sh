#!/bin/bash
# Retakes the README's screenshots from the real app under Xvfb:
#   xvfb-run -a -s "-screen 0 1280x800x24" assets/screenshots/take.sh
# Needs xdotool and imagemagick; builds the app and a library of the sample
# pack and three public papers from ../shared/corpus.
set -eu
cd "$(dirname "$0")/../.."
export LANG=en_GB.UTF-8 PANELPAPERS_DATA=$(mktemp -d)
go build -o /tmp/panelpapers-shots .
corpus=${PANELPAPERS_CORPUS:-../shared/corpus}
/tmp/panelpapers-shots add assets/sample-pack.pdf "$corpus"/kent_cabinet_2025-01-30_printed_minutes.pdf \
	"$corpus"/kent_council_2025-01-09_item3_supplement_pack.pdf "$corpus"/mscc_minutes_2015-12_cy.pdf >/dev/null
shot() { import -window root /tmp/shot.png && convert /tmp/shot.png -strip PNG8:assets/screenshots/$1.png; }
/tmp/panelpapers-shots & pid=$!
sleep 5
wid=$(xdotool search --name "Panel Papers" | head -1)
xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0; sleep 1
shot library
xdotool mousemove 200 622 click 1; sleep 3   # the Dyfed-Powys reports pack
shot reader
xdotool key ctrl+k; sleep 0.5; xdotool type "rural crime"; sleep 2
shot search
kill $pid
# The first run (an empty library) and the papers in Welsh.
export PANELPAPERS_DATA_FULL=$PANELPAPERS_DATA
PANELPAPERS_DATA=$(mktemp -d) /tmp/panelpapers-shots & pid=$!
sleep 5; wid=$(xdotool search --name "Panel Papers" | head -1)
xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0; sleep 1
shot first-run; kill $pid; sleep 1
LANG=cy_GB.UTF-8 PANELPAPERS_DATA=$PANELPAPERS_DATA_FULL /tmp/panelpapers-shots & pid=$!
sleep 5; wid=$(xdotool search --name "Panel Papers" | head -1)
xdotool windowsize "$wid" 1280 800 windowmove "$wid" 0 0; sleep 1
shot library-cy; kill $pid
