#!/usr/bin/env bash
# Backs up N objects (ConfigMaps, Secrets, Services) in 100 namespaces from a generated API server, for
# N = 10,000, 20,000 and 40,000, and prints objects per second and peak / live heap for each (issue 3's benchmark).
# The API server stand-in (MockApiServerMain) runs in a child JVM, so the measured heap (fixed by BENCH_HEAP, default 48m: small, so that
# growth shows as more collections, a higher live figure, or an OutOfMemoryError) is Cairn's alone.
# Usage: bench/kube-capture.sh [objects,objects,...] [namespaces] [runs] [parallelism]
# (default: 10000,20000,40000 100 2 4 — parallelism 4 is the backup's default)
#
# The test classpath comes from a surefire report: exec:java cannot be limited to one module of the reactor.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/java-env
report=cairn-kube/target/surefire-reports/TEST-io.cairn.kube.archive.ObjectArchiveWriterTest.xml
mvn -q -B -pl cairn-kube -am test -Dtest=ObjectArchiveWriterTest -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep -v '^WARNING' || true
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' "$report" | sed 's/.*value="//; s/"$//')
test -n "$cp" || { echo "could not find the test classpath in $report" >&2; exit 1; }
(($#)) || set -- 10000,20000,40000 100 2 4
exec "$JAVA_HOME/bin/java" -Xmx"${BENCH_HEAP:-48m}" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$cp" io.cairn.kube.bench.CaptureBenchmark "$@"
