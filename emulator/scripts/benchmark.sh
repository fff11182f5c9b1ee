#!/usr/bin/env bash
# Runs io.skybridge.emulator.bench.DescribeInstancesBenchmark (10,000 instances, real EC2 SDK) in its own JVM.
#   emulator/scripts/benchmark.sh [instances] [runs] [warmup]
# Needs compiled test classes: ./mvnw -B -q -pl emulator test-compile
set -euo pipefail
MODULE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
CP_FILE="$MODULE/target/benchmark-classpath.txt"
"$ROOT/mvnw" -B -q -f "$MODULE/pom.xml" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
exec java -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")" \
  io.skybridge.emulator.bench.DescribeInstancesBenchmark "$@"
