#!/usr/bin/env bash
# The test command: builds Lexica and runs the whole test suite (unit, randomized and integration tests)
# plus the format check, with a JDK 21+ found automatically. Extra arguments go to Maven,
# e.g. scripts/test.sh -Dtest=VocabularyTest
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
command -v mvn >/dev/null || { echo "test.sh: Maven (mvn) is not installed: apt-get install maven" >&2; exit 1; }
# Compiled classes and resources start afresh: one deleted from the sources must not survive in target/
# (a stale service file naming a removed class fails the suite on a developer's checkout, never on a
# fresh clone). Not `mvn clean`: target/bench holds the benchmarks' derived data, expensive to remake.
rm -rf target/classes target/test-classes
exec mvn -B -ntp verify "$@"
