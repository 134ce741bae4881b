#!/usr/bin/env bash
# Counts the javadoc warnings of the published API (src/main/java), in total and per package.
#
# Why a script of its own: the javadoc jar that `mvn package` builds (maven-javadoc-plugin, see pom.xml)
# runs javadoc with its default limit of 100 warnings, so its log stops at "100 warnings" however many
# there are. This runs the same javadoc (same release, same jdk.incubator.vector module, the pom's
# lint policy -- the compiler's too -- of not repeating the notice that the code uses that incubator
# module, the compile class path, javadoc's default doclint, public and protected members) with no
# limit, and prints
#   <count> <package>      for each package with warnings, most first
#   <count> warnings total (<n> errors)        the warnings that point at a source line
#   javadoc's own summary, and any warning not tied to a source line
# The full javadoc log is kept in target/javadoc-warnings/javadoc.log (one "file:line: warning: ..." a
# line). Exit status 0 when javadoc ran, whatever the count; 1 when it failed (an error).
# Usage: scripts/javadoc-warnings.sh [extra Maven arguments, e.g. -o for offline]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh >/dev/null
out=target/javadoc-warnings
rm -rf "$out" && mkdir -p "$out/html"
mvn -B -ntp -q "$@" dependency:build-classpath -Dmdep.includeScope=compile \
  -Dmdep.outputFile="$out/classpath.txt" >"$out/maven.log" 2>&1 \
  || { cat "$out/maven.log" >&2; exit 1; }
rc=0
"$JAVA_HOME/bin/javadoc" -d "$out/html" --release 21 --add-modules jdk.incubator.vector -XD-Xlint:-incubating \
  -Xmaxwarns 100000 -Xmaxerrs 100000 -cp "$(cat "$out/classpath.txt")" -sourcepath src/main/java \
  -subpackages io.lexica -quiet >"$out/javadoc.log" 2>&1 || rc=$?
# A warning line: src/main/java/io/lexica/<package path>/<Type>.java:<line>: warning: <text>
grep -E '^.*\.java:[0-9]+: warning:' "$out/javadoc.log" \
  | sed -E 's#^.*src/main/java/##; s#/[^/]+\.java:.*##; s#/#.#g' \
  | sort | uniq -c | sort -k1,1nr -k2 || true
warnings=$(grep -cE '\.java:[0-9]+: warning:' "$out/javadoc.log" || true)
errors=$(grep -cE '\.java:[0-9]+: error:' "$out/javadoc.log" || true)
echo "$warnings warnings total ($errors errors)"
other=$(grep -cE '^warning: ' "$out/javadoc.log" || true)
echo "javadoc's summary: $(grep -E '^[0-9,]+ (warnings?|errors?)$' "$out/javadoc.log" | tr '\n' ' ')($other of them not tied to a source line: $(grep -E '^warning: ' "$out/javadoc.log" | sort -u | sed 's/^warning: //' | tr '\n' ' '))"
exit $((rc == 0 ? 0 : 1))
