#!/usr/bin/env bash
# Backs up 10,000 objects (ConfigMaps, Secrets, Services) in 100 namespaces from fabric8's mock API server
# and prints objects per second and heap use (issue 3's benchmark).
# Usage: bench/kube-capture.sh [objects] [namespaces] [runs] [parallelism]
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
exec "$JAVA_HOME/bin/java" -Xmx"${BENCH_HEAP:-1g}" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$cp" io.cairn.kube.bench.CaptureBenchmark "$@"
