#!/usr/bin/env bash
# Re-creates kjv.tsv.gz (one chapter a line: "Book N<TAB>text") from Debian's bible-kjv packages.
# Needs apt access; run from anywhere. The result is committed, so nobody needs to run this.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)/kjv.tsv.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download bible-kjv-text bible-kjv >/dev/null
for f in *.deb; do dpkg-deb -x "$f" root; done
root/usr/bin/bible -p root/usr/lib -l100000 gen1:1-rev22:21 |
  awk '
    /^$/ { next }
    /^[^ ]/ { if (title != "") print title "\t" text; title = $0; text = ""; next }
    { sub(/^ +[0-9]+ /, ""); text = (text == "" ? $0 : text " " $0) }
    END { if (title != "") print title "\t" text }
  ' | gzip -9n >"$out"
echo "wrote $out"
