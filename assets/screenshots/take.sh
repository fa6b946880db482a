#!/bin/bash
# Retakes the README's screenshots from the real app under Xvfb, on the
# screen of a small laptop (1024×600), where the window fits the screen by
# itself; each view is reached from the keyboard, as a member would:
#   xvfb-run -a -s "-screen 0 1024x600x24" assets/screenshots/take.sh
# Needs xdotool and imagemagick; builds the app and a library of the sample
# pack and three public papers from ../shared/corpus, with one note.
# (reader-cy.png, the installed package in Welsh, is not retaken here.)
set -eu
cd "$(dirname "$0")/../.."
export LANG=en_GB.UTF-8 PANELPAPERS_DATA=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d)
go build -o /tmp/panelpapers-shots .
corpus=${PANELPAPERS_CORPUS:-../shared/corpus}
/tmp/panelpapers-shots add assets/sample-pack.pdf "$corpus"/kent_cabinet_2025-01-30_printed_minutes.pdf \
	"$corpus"/kent_council_2025-01-09_item3_supplement_pack.pdf "$corpus"/mscc_minutes_2015-12_cy.pdf >/dev/null
pack=$(/tmp/panelpapers-shots list | awk '/Reports pack/ {print $1; exit}')
/tmp/panelpapers-shots notes add "$pack" 9 --quote "the Chair expressed concern about the Tŷ Ddewi community hub" \
	--comment "Ask what the hub costs, and when it opens." >/dev/null
shot() { sleep "${2:-1}"; import -window root /tmp/shot.png && convert /tmp/shot.png -strip PNG8:assets/screenshots/$1.png; }
key() { xdotool key --delay 80 --window "$wid" "$@"; }
open_app() {
	/tmp/panelpapers-shots & pid=$!
	sleep 5
	wid=$(xdotool search --name "Panel Papers" | head -1)
	xdotool mousemove 1023 599 # the pointer away from the rows
}

open_app
# The papers list, the keyboard on the Dyfed-Powys reports pack.
key Tab Tab Tab Tab Down Down Down Down Down Down Down Down
shot library
key Return
shot reader 3
# Search: Enter shows the results, with the keyboard on the first.
key ctrl+k; xdotool type --window "$wid" "rural crime"; key Return
shot search 2
# The meeting's notes (Save as PDF… folds into More on this screen).
key Escape ctrl+shift+n
shot notes 2
# A question on notice, its send buttons in view under it (New question
# is under Back to the paper).
key ctrl+shift+q; sleep 1
xdotool mousemove 120 134 click 1 mousemove 1023 599; sleep 1
xdotool type --window "$wid" "How many rural crime officers patrol Ceredigion and Powys, and how many posts are vacant?"
shot questions 2
kill $pid
# The first run (an empty library) and the papers in Welsh.
export PANELPAPERS_DATA_FULL=$PANELPAPERS_DATA
PANELPAPERS_DATA=$(mktemp -d) open_app
shot first-run; kill $pid; sleep 1
LANG=cy_GB.UTF-8 PANELPAPERS_DATA=$PANELPAPERS_DATA_FULL open_app
shot library-cy; kill $pid; sleep 1
# Edit details… on the reports pack (Ctrl+E), its venue corrected first as
# `panelpapers edit` does, so that the form says what the paper had too.
PANELPAPERS_DATA=$PANELPAPERS_DATA_FULL /tmp/panelpapers-shots edit "$pack" \
	--venue "The Chamber, Neuadd y Sir, Penmorfa, Aberaeron" >/dev/null
PANELPAPERS_DATA=$PANELPAPERS_DATA_FULL open_app
key Tab Tab Tab Tab Down Down Down Down Down Down Down Down ctrl+e
shot edit-details 2; kill $pid
