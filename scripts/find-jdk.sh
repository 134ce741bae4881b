# Sourced by ./lexica, scripts/test.sh and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, then the newest JDK under /usr/lib/jvm (and /opt/java, ~/.sdkman), then
# `java` on PATH. Fails with a message that says what to install when none is found.
lexica_java_major() {  # $1 = path to a java binary; prints its feature version (17, 21, 25 ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}
lexica_find_jdk() {
  local candidates=() c v best="" bestv=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$c" ] && candidates+=("$c")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  # JAVA_HOME wins when it qualifies; otherwise the newest qualifying JDK (with javac) wins.
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(lexica_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then echo "$JAVA_HOME"; return 0; fi
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(lexica_java_major "$c/bin/java")
    [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null || continue
    if [ "$v" -gt "$bestv" ]; then best=$c; bestv=$v; fi
  done
  [ -n "$best" ] || return 1
  echo "$best"
}
if ! LEXICA_JDK=$(lexica_find_jdk); then
  echo "lexica: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, /opt/java/*, java on PATH)." >&2
  echo "lexica: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 25) or set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME=$LEXICA_JDK
export PATH="$JAVA_HOME/bin:$PATH"
