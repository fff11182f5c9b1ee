#!/usr/bin/env bash
# Smoke test of the emulator with the providers' stock CLIs (aws, gcloud).
# Starts target/skybridge-emulator.jar, runs the commands, checks their answers, stops the jar.
#
#   emulator/scripts/cli-smoke.sh            # ports 4566 / 4567 / 4570
#   AWS_PORT=14566 GCP_PORT=14567 CONTROL_PORT=14570 emulator/scripts/cli-smoke.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")/.." && pwd)"
JAR="${JAR:-$HERE/target/skybridge-emulator.jar}"
AWS_PORT="${AWS_PORT:-4566}"
GCP_PORT="${GCP_PORT:-4567}"
CONTROL_PORT="${CONTROL_PORT:-4570}"
KUBE_PORT="${KUBE_PORT:-0}"   # the Kubernetes side is not exercised here: a free port by default
[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -pl emulator package first" >&2; exit 1; }

WORK="$(mktemp -d)"
java -jar "$JAR" --aws-port "$AWS_PORT" --gcp-port "$GCP_PORT" --control-port "$CONTROL_PORT" --kube-port "$KUBE_PORT" --boot-delay 1000 \
  >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
cleanup() { kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'echo "FAIL: command at line $LINENO exited with $?"; tail -20 "$WORK/cmd.log" 2>/dev/null' ERR

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$CONTROL_PORT/control/health" >/dev/null 2>&1 && break
  sleep 0.1
done
head -1 "$WORK/emulator.log"

pass=0
check() { # check DESCRIPTION EXPECTED ACTUAL
  if [[ "$3" == *"$2"* ]]; then pass=$((pass + 1)); echo "ok   $1"; else
    echo "FAIL $1: expected '$2' in:"; echo "$3"; exit 1; fi
}

# ------------------------------------------------------------------ AWS CLI
export AWS_ACCESS_KEY_ID=AKIDSKYBRIDGE AWS_SECRET_ACCESS_KEY=dummy AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
unset AWS_PROFILE AWS_SESSION_TOKEN || true
E=(--endpoint-url "http://127.0.0.1:$AWS_PORT" --region us-east-1)

out=$(aws ec2 run-instances "${E[@]}" --image-id ami-0abcdef1234567890 --instance-type t3.micro --count 2 \
  --subnet-id subnet-0a1b2c3d4e5f60001 --client-token smoke-token-1 \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=smoke}]' --user-data 'echo hi' \
  --query 'Instances[].[InstanceId,State.Name]' --output text)
check "aws ec2 run-instances launches 2 pending instances" "pending" "$out"
ids=$(echo "$out" | awk '{print $1}' | xargs)
again=$(aws ec2 run-instances "${E[@]}" --image-id ami-0abcdef1234567890 --instance-type t3.micro --count 2 \
  --subnet-id subnet-0a1b2c3d4e5f60001 --client-token smoke-token-1 \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=smoke}]' --user-data 'echo hi' \
  --query 'Instances[].InstanceId' --output text | xargs)
check "aws ec2 run-instances with the same client token returns the same instances" "$ids" "$again"

aws ec2 wait instance-running "${E[@]}" --instance-ids $ids
out=$(aws ec2 describe-instances "${E[@]}" --filters Name=tag:Name,Values=smoke Name=instance-state-name,Values=running \
  --query 'Reservations[].Instances[].[InstanceId,State.Name,PublicIpAddress,PrivateIpAddress]' --output text)
check "aws ec2 describe-instances filters by tag and state, shows the public IP" "running	54." "$out"
[ "$(echo "$out" | wc -l)" -eq 2 ] || { echo "FAIL expected 2 instances"; exit 1; }

out=$(aws ec2 terminate-instances "${E[@]}" --instance-ids $ids --query 'TerminatingInstances[].CurrentState.Name' --output text)
check "aws ec2 terminate-instances moves to shutting-down" "shutting-down" "$out"

out=$(aws ec2 describe-vpn-connections "${E[@]}" --output json)
check "aws ec2 describe-vpn-connections (none yet)" '"VpnConnections": []' "$out"

if aws ec2 describe-instances "${E[@]}" --instance-ids i-0123456789abcdef0 >"$WORK/err" 2>&1; then
  echo "FAIL unknown instance id accepted"; exit 1; fi
check "aws ec2 reports InvalidInstanceID.NotFound" "InvalidInstanceID.NotFound" "$(cat "$WORK/err")"

# ------------------------------------------------------------------ gcloud
export CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE="http://127.0.0.1:$GCP_PORT/compute/v1/"
export CLOUDSDK_AUTH_ACCESS_TOKEN=dummy-token CLOUDSDK_CORE_DISABLE_PROMPTS=1 CLOUDSDK_CONFIG="$WORK/gcloud"
export CLOUDSDK_CORE_PROJECT=skybridge-demo
G=(--project skybridge-demo)

out=$(gcloud compute instances create smoke-vm-1 "${G[@]}" --zone us-central1-a --machine-type e2-medium \
  --subnet skybridge-nodes --labels env=smoke 2>&1)
check "gcloud compute instances create" "RUNNING" "$out"
out=$(gcloud compute instances list "${G[@]}" --filter=labels.env=smoke 2>&1)
check "gcloud compute instances list" "smoke-vm-1" "$out"
out=$(gcloud compute instances describe smoke-vm-1 "${G[@]}" --zone us-central1-a --format='value(status,networkInterfaces[0].networkIP)' 2>&1)
check "gcloud compute instances describe" "RUNNING	10.201." "$out"

op=$(curl -sf "http://127.0.0.1:$GCP_PORT/compute/v1/projects/skybridge-demo/zones/us-central1-a/operations" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["name"])')
out=$(gcloud compute operations describe "$op" "${G[@]}" --zone us-central1-a 2>&1)
check "gcloud compute operations describe" "status: DONE" "$out"

# ------------------------------------------------------------------ a VPN link across both CLIs
gcloud compute vpn-gateways create smoke-ha "${G[@]}" --network skybridge-vpc --region us-central1 >>"$WORK/cmd.log" 2>&1
gcp_ip=$(gcloud compute vpn-gateways describe smoke-ha "${G[@]}" --region us-central1 --format='value(vpnInterfaces[0].ipAddress)')
vgw=$(aws ec2 create-vpn-gateway "${E[@]}" --type ipsec.1 --amazon-side-asn 64512 --query 'VpnGateway.VpnGatewayId' --output text)
aws ec2 attach-vpn-gateway "${E[@]}" --vpn-gateway-id "$vgw" --vpc-id vpc-0a1b2c3d4e5f60001 >/dev/null
cgw=$(aws ec2 create-customer-gateway "${E[@]}" --type ipsec.1 --bgp-asn 65010 --public-ip "$gcp_ip" \
  --query 'CustomerGateway.CustomerGatewayId' --output text)
vpn=$(aws ec2 create-vpn-connection "${E[@]}" --type ipsec.1 --customer-gateway-id "$cgw" --vpn-gateway-id "$vgw" \
  --options 'TunnelOptions=[{TunnelInsideCidr=169.254.20.0/30,PreSharedKey=smoke_secret_1},{TunnelInsideCidr=169.254.21.0/30}]' \
  --query 'VpnConnection.VpnConnectionId' --output text)
out=$(aws ec2 describe-vpn-connections "${E[@]}" --vpn-connection-ids "$vpn" \
  --query 'VpnConnections[].VgwTelemetry[].Status' --output text)
check "aws ec2 describe-vpn-connections: both tunnels DOWN before the GCP side exists" "DOWN	DOWN" "$out"
aws_ip=$(aws ec2 describe-vpn-connections "${E[@]}" --vpn-connection-ids "$vpn" \
  --query 'VpnConnections[0].Options.TunnelOptions[0].OutsideIpAddress' --output text)
gcloud compute routers create smoke-router "${G[@]}" --network skybridge-vpc --region us-central1 --asn 65010 >>"$WORK/cmd.log" 2>&1
gcloud compute external-vpn-gateways create smoke-aws "${G[@]}" --interfaces "0=$aws_ip" >>"$WORK/cmd.log" 2>&1
gcloud compute vpn-tunnels create smoke-t0 "${G[@]}" --region us-central1 --vpn-gateway smoke-ha --interface 0 \
  --peer-external-gateway smoke-aws --peer-external-gateway-interface 0 --shared-secret smoke_secret_1 \
  --router smoke-router --ike-version 2 >>"$WORK/cmd.log" 2>&1
out=$(gcloud compute vpn-tunnels list "${G[@]}" 2>&1)
check "gcloud compute vpn-tunnels list" "smoke-t0" "$out"
out=$(gcloud compute vpn-tunnels describe smoke-t0 "${G[@]}" --region us-central1 --format='value(status,peerIp)' 2>&1)
check "gcloud compute vpn-tunnels describe: ESTABLISHED with the AWS tunnel" "ESTABLISHED	$aws_ip" "$out"
out=$(aws ec2 describe-vpn-connections "${E[@]}" --vpn-connection-ids "$vpn" \
  --query 'VpnConnections[].VgwTelemetry[].Status' --output text)
check "aws ec2 describe-vpn-connections: tunnel 1 UP, tunnel 2 (no GCP end) DOWN" "UP	DOWN" "$out"
curl -sf -X POST "http://127.0.0.1:$CONTROL_PORT/control/outages" -H 'Content-Type: application/json' -d '{"cloud":"aws"}' >/dev/null
out=$(gcloud compute vpn-tunnels describe smoke-t0 "${G[@]}" --region us-central1 --format='value(status)' 2>&1)
check "during an AWS outage the GCP tunnel is down" "NO_INCOMING_PACKETS" "$out"
if AWS_MAX_ATTEMPTS=1 aws ec2 describe-vpn-connections "${E[@]}" >"$WORK/err" 2>&1; then echo "FAIL outage not visible"; exit 1; fi
check "during an AWS outage the AWS CLI sees Unavailable" "Unavailable" "$(cat "$WORK/err")"
curl -sf -X DELETE "http://127.0.0.1:$CONTROL_PORT/control/outages/aws" >/dev/null
out=$(gcloud compute vpn-tunnels describe smoke-t0 "${G[@]}" --region us-central1 --format='value(status)' 2>&1)
check "after the outage the tunnel is ESTABLISHED again" "ESTABLISHED" "$out"

out=$(gcloud compute instances create smoke-b1 smoke-b2 "${G[@]}" --zone us-central1-b --machine-type e2-small \
  --subnet skybridge-nodes 2>&1)
check "gcloud compute instances create of two VMs (batch endpoint)" "smoke-b2" "$out"
out=$(gcloud compute instances delete smoke-b1 smoke-b2 "${G[@]}" --zone us-central1-b --quiet 2>&1)
check "gcloud compute instances delete of two VMs (batch endpoint)" "smoke-b2" "$out"

out=$(gcloud compute instances delete smoke-vm-1 "${G[@]}" --zone us-central1-a --quiet 2>&1)
check "gcloud compute instances delete" "Deleted" "$out"
out=$(gcloud compute instances list "${G[@]}" 2>&1)
check "gcloud compute instances list after delete" "Listed 0 items" "$out"

echo "cli-smoke: $pass checks passed"
