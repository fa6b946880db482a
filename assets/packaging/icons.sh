#!/bin/sh
# Regenerates the packaging icons from assets/icon.png (`make icons`). The
# outputs are committed, so building a package needs no ImageMagick; run this
# only when the icon changes, and look at the 16 px one.
#
# Sizes from 24 px up are plain downscales. At 16 px a downscale blurs the
# page edge and greys the three text lines, so that size is drawn on the pixel
# grid instead: the same teal square, page, folded corner and lines, each on
# whole pixels.
set -eu
cd "$(dirname "$0")"
src=../icon.png
out=icons
convert=${CONVERT:-/usr/bin/convert}
teal='#0B5563'
fold='#9FD3C7'

for s in 24 32 48 64 128 256; do
	"$convert" "$src" -filter Lanczos -resize "${s}x${s}" -depth 8 -strip "PNG32:$out/panelpapers-$s.png"
done

"$convert" -size 16x16 xc:none \
	-fill "$teal" -draw 'roundrectangle 0,0 15,15 3,3' \
	+antialias \
	-fill white -draw 'rectangle 4,3 12,13' \
	-fill "$teal" -draw 'point 11,3' -draw 'point 12,3' -draw 'point 12,4' \
	-fill "$fold" -draw 'point 10,3' -draw 'point 11,4' -draw 'point 12,5' \
	-draw 'point 10,4' -draw 'point 10,5' -draw 'point 11,5' \
	-fill "$teal" -draw 'rectangle 6,7 10,7' -draw 'rectangle 6,9 10,9' -draw 'rectangle 6,11 8,11' \
	-depth 8 -strip "PNG32:$out/panelpapers-16.png"

# Windows picks the nearest size for the title bar (16), taskbar (24, 32),
# desktop (48) and large views (256, stored PNG-compressed).
"$convert" "$out/panelpapers-16.png" "$out/panelpapers-24.png" "$out/panelpapers-32.png" \
	"$out/panelpapers-48.png" "$out/panelpapers-64.png" "$out/panelpapers-256.png" \
	"$out/panelpapers.ico"
