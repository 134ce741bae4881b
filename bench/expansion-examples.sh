#!/usr/bin/env bash
# Example queries: AP per method and the heaviest terms each method adds, to see why an expansion
# helped or hurt a query. Methods are `eval retrieval --system` settings (ExpansionSettings keys,
# model=none: no collection model).
# usage: bench/expansion-examples.sh [COLLECTION_DIR=../shared/data/ir/cacm] [QUERY_IDS=20,31] [TERMS=10]
#   METHODS="name=settings ..." overrides the methods.
set -euo pipefail
cd "$(dirname "$0")/.."
collection=${1:-../shared/data/ir/cacm}; ids=${2:-20,31}; terms=${3:-10}
# rm3: the tuned RM3 of the cross-validation (10 documents, 100 terms, original weight 1/3);
# default: the default expansion (lexica expand/search); pre: the default without a first pass
# (the OpenSearch query); local: a query-local model.
methods=${METHODS:-"rm3=model=none,fbreweight=0,fbdocs=10,fbterms=100,weight=2 default= pre=fbdocs=0,mode=joint,k=10,weight=0.1 local=model=none,fbdocs=0,mode=centroid,localdocs=100,localfrom=50,localtemp=0.1,k=10,weight=0.1"}
. scripts/find-jdk.sh
./lexica --version >/dev/null   # builds the jar when stale
# shellcheck disable=SC2086
exec nice -n 10 "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx2g -XX:+UseParallelGC \
  -cp "target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*" bench/ExpansionExamples.java \
  "$collection" "$ids" "$terms" $methods 2>&1 \
  | grep -v -e "^WARNING: Using incubator" -e "VectorizationProvider" -e "^INFO: "
