#!/usr/bin/env bash
# kubectl against the emulated Kubernetes API (io.skybridge.emulator.kube).
# Usage: emulator/scripts/kubectl-smoke.sh [PORT]   (default 6443)
# If nothing answers on PORT, the script starts the Kubernetes API alone (KubeMain) from the shaded jar
# (emulator/target/skybridge-emulator.jar) or, failing that, from target/classes + the Maven test classpath.
set -euo pipefail
PORT="${1:-6443}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
K=(kubectl --server "http://127.0.0.1:${PORT}")
STARTED=""
cleanup() { if [ -n "$STARTED" ]; then kill "$STARTED" 2>/dev/null || true; fi; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if ! curl -fsS "http://127.0.0.1:${PORT}/version" >/dev/null 2>&1; then
  if [ -f "$HERE/target/skybridge-emulator.jar" ]; then
    CP="$HERE/target/skybridge-emulator.jar"
  else
    (cd "$HERE/.." && ./mvnw -B -o -q -pl emulator dependency:build-classpath -Dmdep.outputFile=/tmp/skybridge-kube-cp.txt >/dev/null)
    CP="$HERE/target/classes:$(cat /tmp/skybridge-kube-cp.txt)"
  fi
  java -cp "$CP" io.skybridge.emulator.kube.KubeMain "$PORT" >/tmp/skybridge-kube-smoke.log 2>&1 &
  STARTED=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:${PORT}/version" >/dev/null 2>&1 && break; sleep 0.1; done
fi

# two nodes registered through the API (VM-backed nodes join by themselves when the whole emulator runs)
for n in smoke-aws-1:aws smoke-gcp-1:gcp; do
  name="${n%%:*}"; cloud="${n##*:}"
  "${K[@]}" delete node "$name" --ignore-not-found >/dev/null
  cat <<YAML | "${K[@]}" create --validate=false -f - >/dev/null
apiVersion: v1
kind: Node
metadata: {name: $name, labels: {skybridge.io/cloud: $cloud, kubernetes.io/hostname: $name}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True", reason: KubeletReady}]
YAML
done
"${K[@]}" delete deployment smoke-web --ignore-not-found >/dev/null
"${K[@]}" create deployment smoke-web --image=nginx --replicas=4 >/dev/null
"${K[@]}" wait --for=condition=Available deployment/smoke-web --timeout=30s >/dev/null

echo "== get nodes -L skybridge.io/cloud"; "${K[@]}" get nodes -L skybridge.io/cloud | tee /tmp/smoke-nodes.txt
grep -Eq '^smoke-aws-1 +Ready .* aws *$' /tmp/smoke-nodes.txt || fail "node table"
echo "== get pods -A -o wide"; "${K[@]}" get pods -A -o wide | tee /tmp/smoke-pods.txt
[ "$(grep -c 'smoke-web-.* Running ' /tmp/smoke-pods.txt)" = 4 ] || fail "4 running pods expected"
echo "== cordon smoke-aws-1"; "${K[@]}" cordon smoke-aws-1
"${K[@]}" get node smoke-aws-1 | grep -q 'SchedulingDisabled' || fail "cordon"
echo "== drain smoke-aws-1"; "${K[@]}" drain smoke-aws-1 --ignore-daemonsets --force --timeout=60s
[ -z "$("${K[@]}" get pods -A --field-selector spec.nodeName=smoke-aws-1 -o name)" ] || fail "pods left on the drained node"
"${K[@]}" wait --for=condition=Available deployment/smoke-web --timeout=30s >/dev/null
echo "== get deploy"; "${K[@]}" get deploy | tee /tmp/smoke-deploy.txt
grep -Eq '^smoke-web +4/4 +4 +4 ' /tmp/smoke-deploy.txt || fail "deployment not 4/4 after the drain"
"${K[@]}" get pods -o wide | grep smoke-web | grep -vq smoke-gcp-1 && fail "pods should all be on smoke-gcp-1"
"${K[@]}" uncordon smoke-aws-1 >/dev/null
"${K[@]}" delete deployment smoke-web >/dev/null
"${K[@]}" delete node smoke-aws-1 smoke-gcp-1 >/dev/null
echo "kubectl smoke: OK"
