#!/usr/bin/env bash
# Rebuilds the fonts of this directory from their sources, byte for byte
# (README.md says what each is). Run by hand when a font is to change: the
# files it writes are committed, so neither a build nor a test runs it. It
# needs, as root on Debian 12: apt-get (for apt-get download), npm, and
# Debian's fonttools package (pyftsubset and Python's fontTools).
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  apt-get download -qq fonts-droid-fallback=1:6.0.1r16-1.1 fonts-nanum=20200506-1 fonts-noto-core=20201225-1
  npm pack --silent @expo-google-fonts/noto-emoji@0.4.7 >/dev/null
)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/deb"; done
tar -xzf "$work"/expo-google-fonts-noto-emoji-0.4.7.tgz -C "$work"
ttf=$work/deb/usr/share/fonts/truetype
doc=$work/deb/usr/share/doc

# Hangul from NanumGothic: the syllables, the jamo, their half-width forms,
# and the two CJK angle brackets Droid Sans Fallback lacks. Nothing else,
# so that Latin, kana and Han stay with the faces before and after it.
pyftsubset "$ttf/nanum/NanumGothic.ttf" \
  --unicodes='U+1100-11FF,U+3008-3009,U+3130-318F,U+A960-A97F,U+AC00-D7FF,U+FFA0-FFDC' \
  --layout-features='' --no-hinting --output-file="$work/hangul.ttf" 2>/dev/null
# The OFL keeps "Nanum" and "NanumGothic" for the original: a modified
# version is renamed. The timestamp is kept, so the output is the same on
# every run.
/usr/bin/python3 - "$work/hangul.ttf" "$work/FallbackHangul.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1], recalcTimestamp=False)
name = font["name"]
for i in (1, 3, 4, 6, 16, 17, 18, 21, 22):
    name.removeNames(nameID=i)
for i, text in ((1, "Wat Fallback Hangul"), (3, "Wat Fallback Hangul: subset of NanumGothic 3.021"),
                (4, "Wat Fallback Hangul"), (6, "WatFallbackHangul")):
    name.setName(text, i, 3, 1, 0x409)
    name.setName(text, i, 1, 0, 0)
font.save(sys.argv[2])
PY

# Compressed: the binary carries them so; report decompresses a face the
# first time a report draws one of its characters. -n leaves out the name
# and time, so the files depend on their content alone.
gz() { gzip -9 -n -c "$1" >"$2"; }
gz "$ttf/droid/DroidSansFallbackFull.ttf" DroidSansFallbackFull.ttf.gz
gz "$work/FallbackHangul.ttf" FallbackHangul.ttf.gz
gz "$ttf/noto/NotoSansThai-Regular.ttf" NotoSansThai-Regular.ttf.gz
gz "$work/package/400Regular/NotoEmoji_400Regular.ttf" NotoEmoji-Regular.ttf.gz

# The licences, as the packages state them.
# ofl prints the text of a Debian copyright file's OFL-1.1 licence: the
# indented lines under the "License: OFL-1.1" that has them.
ofl() {
  awk '/^License: OFL-1.1$/ { on = 1; next } on && /^ / { print; n++; next } { if (n) exit; on = 0 }' "$1" |
    sed 's/^ //;s/^\.$//'
}
{
  echo "Droid Sans Fallback: Copyright © 2006, 2007, 2008, 2009, 2010 Google Corp."
  echo "Droid is a trademark of Google Corp."
  echo
  cat /usr/share/common-licenses/Apache-2.0
} >LICENSE-DroidSansFallback.txt
{ ofl "$doc/fonts-nanum/copyright"; } >LICENSE-FallbackHangul.txt
{
  echo "Copyright 2016 Google Inc. All Rights Reserved."
  echo
  echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
  echo
  ofl "$doc/fonts-noto-core/copyright"
} >LICENSE-NotoSansThai.txt
cp "$work/package/LICENSE_FONT" LICENSE-NotoEmoji.txt

sha256sum ./*.ttf.gz
