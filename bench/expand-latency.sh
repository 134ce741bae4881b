#!/usr/bin/env bash
# Query-time cost of the expansion methods on one collection (default cacm): p50/p99/mean
# milliseconds per query, warm, on THREADS query threads, for the expansion alone (feedback and
# query-local models include their first pass and training) and for expansion + search (top 1000).
# usage: bench/expand-latency.sh [COLLECTION_DIR=../shared/data/ir/cacm] [THREADS=2] [ROUNDS=20]
#   (ROUNDS warm-up rounds, then ROUNDS timed ones)
#   METHODS="name=settings ..." overrides the methods (ExpansionSettings keys; model=none: no collection
#   model; start=pre: from the defaults without a first pass)
set -euo pipefail
cd "$(dirname "$0")/.."
collection=${1:-../shared/data/ir/cacm}; threads=${2:-2}; rounds=${3:-20}
# emb-pre: the expansion without a first pass (the OpenSearch query's); emb: the default of lexica
# expand/search (feedback re-weighted by the model, plus the centroid's neighbours); local: a
# query-local word2vec model (the local method of eval retrieval --cross-validate); rm3: Anserini's;
# ensemble: lexica search's default ranking of the expanded query (rank=ensemble, see ExpandLatency).
methods=${METHODS:-"emb-pre=start=pre emb= ensemble=rank=ensemble local=model=none,fbdocs=0,mode=centroid,localdocs=100,weight=0.1 rm3=model=none,fbreweight=0,fbterms=10,weight=1"}
. scripts/find-jdk.sh
./lexica --version >/dev/null   # builds the jar when stale
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xmx2g -XX:+UseParallelGC \
  -cp "target/lexica-0.1.0-SNAPSHOT.jar:target/lib/*" bench/ExpandLatency.java \
  "$collection" "$threads" "$rounds" $methods 2>&1 \
  | grep -v -e "^WARNING: Using incubator" -e "VectorizationProvider" -e "^INFO: "
