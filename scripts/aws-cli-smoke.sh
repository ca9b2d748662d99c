#!/usr/bin/env bash
# Drives a Stepstream server's Step Functions API with the AWS CLI (Debian's awscli, v1 or v2):
# create, describe, start, history, callback, stop, redrive, versions, an alias, a bad signature.
# Not run by the test suite (StepFunctionsApiTest does the same with the Java SDK).
#
#   scripts/aws-cli-smoke.sh                 # starts its own server (embedded Kafka, temporary data), stops it at the end
#   ENDPOINT=http://127.0.0.1:8083 scripts/aws-cli-smoke.sh   # against a server you run
#
# With its own server it requires signatures (key AKIDSMOKE); against yours, export the
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY it was started with (--access-key ID=SECRET).
# StartSyncExecution and TestState go to "sync-" + the endpoint's host on AWS, which an IP address
# cannot take: AWS_DISABLE_HOST_PREFIX_INJECTION=true (botocore's setting) keeps the host as given.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v aws >/dev/null || { echo "aws-cli-smoke: needs the AWS CLI (apt-get install awscli)" >&2; exit 2; }
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER="" AWS_DISABLE_HOST_PREFIX_INJECTION=true
server_pid=""
data=""

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

if [ -z "${ENDPOINT:-}" ]; then
  export AWS_ACCESS_KEY_ID=AKIDSMOKE AWS_SECRET_ACCESS_KEY=smoke-secret
  data="$(mktemp -d)"
  api_port="$(free_port)"
  ENDPOINT="http://127.0.0.1:$api_port"
  "$root/stepstream" server --port "$(free_port)" --data "$data/kafka" --state-dir "$data/streams" \
      --prefix smoke --partitions 2 --api-port "$api_port" --api-host 127.0.0.1 \
      --access-key "$AWS_ACCESS_KEY_ID=$AWS_SECRET_ACCESS_KEY" >"$data/server.log" 2>&1 &
  server_pid=$!
  touch "$data/server.log"
  for _ in $(seq 1 240); do
    grep -q "Step Functions API on" "$data/server.log" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
    sleep 0.5
  done
fi
sfn() { aws --endpoint-url "$ENDPOINT" stepfunctions "$@"; }
check() { if [ "$1" != "$2" ]; then echo "FAILED: $3: expected '$2', got '$1'" >&2; exit 1; fi; echo "ok: $3"; }
await_status() {  # execution ARN, expected status
  for _ in $(seq 1 120); do
    status="$(sfn describe-execution --execution-arn "$1" --query status --output text)"
    [ "$status" != RUNNING ] && break
    sleep 0.5
  done
  check "$status" "$2" "$(basename "$1") ends $2"
}
run_id="$(date +%s)"
data_dir="$(mktemp -d)"
trap 'cleanup; rm -rf "$data_dir"' EXIT
role=arn:aws:iam::123456789012:role/smoke

machine="$(sfn create-state-machine --name "smoke-$run_id" --role-arn "$role" --publish --query stateMachineArn --output text \
  --definition '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"v":1},"End":true}}}')"
check "$(sfn describe-state-machine --state-machine-arn "$machine" --query type --output text)" STANDARD "create and describe"
exec1="$(sfn start-execution --state-machine-arn "$machine" --name e1 --input '{"x":1}' --query executionArn --output text)"
await_status "$exec1" SUCCEEDED
check "$(sfn describe-execution --execution-arn "$exec1" --query output --output text)" '{"v":1}' "output"
sleep 1
check "$(sfn get-execution-history --execution-arn "$exec1" --query 'events[].type' --output text)" \
  "ExecutionStarted	PassStateEntered	PassStateExited	ExecutionSucceeded" "history"
check "$(sfn list-executions --state-machine-arn "$machine" --status-filter SUCCEEDED --query 'length(executions)' --output text)" 1 "list-executions"

# Versions and an alias: version 2 returns 2; the alias routes everything to version 1.
v2="$(sfn update-state-machine --state-machine-arn "$machine" --publish --query stateMachineVersionArn --output text \
  --definition '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":2,"End":true}}}')"
check "$v2" "$machine:2" "publish version 2"
alias="$(sfn create-state-machine-alias --name live --routing-configuration "stateMachineVersionArn=$machine:1,weight=100" \
  --query stateMachineAliasArn --output text)"
exec2="$(sfn start-execution --state-machine-arn "$alias" --name e2 --query executionArn --output text)"
await_status "$exec2" SUCCEEDED
check "$(sfn describe-execution --execution-arn "$exec2" --query output --output text)" '{"v":1}' "alias routes to version 1"
check "$(sfn describe-execution --execution-arn "$exec2" --query '[stateMachineAliasArn,stateMachineVersionArn]' --output text)" \
  "$alias	$machine:1" "describe-execution reports the alias and version"

# Stop a long Wait.
sleeper="$(sfn create-state-machine --name "sleeper-$run_id" --role-arn "$role" --query stateMachineArn --output text \
  --definition '{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":600,"End":true}}}')"
exec3="$(sfn start-execution --state-machine-arn "$sleeper" --name s1 --query executionArn --output text)"
sfn stop-execution --execution-arn "$exec3" --error Halt --cause smoke >/dev/null
await_status "$exec3" ABORTED

# Redrive the aborted execution: it waits again from its Wait state, then stop it once more.
check "$(sfn describe-execution --execution-arn "$exec3" --query redriveStatus --output text)" REDRIVABLE "aborted is redrivable"
sfn redrive-execution --execution-arn "$exec3" >/dev/null
check "$(sfn describe-execution --execution-arn "$exec3" --query '[status,redriveCount]' --output text)" "RUNNING	1" \
  "redriven: RUNNING, redriveCount 1"
sfn stop-execution --execution-arn "$exec3" >/dev/null
await_status "$exec3" ABORTED

# A callback: the token travels in the task's parameters, so the TaskScheduled event shows it.
callback="$(sfn create-state-machine --name "callback-$run_id" --role-arn "$role" --query stateMachineArn --output text \
  --definition '{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
    "Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}')"
exec4="$(sfn start-execution --state-machine-arn "$callback" --name c1 --query executionArn --output text)"
token=""
for _ in $(seq 1 60); do
  token="$(sfn get-execution-history --execution-arn "$exec4" --output json \
    | python3 -c 'import json,sys
for e in json.load(sys.stdin)["events"]:
    d = e.get("taskScheduledEventDetails")
    if d: print(json.loads(d["parameters"])["Payload"]["token"])')"
  [ -n "$token" ] && break
  sleep 0.5
done
sfn send-task-success --task-token "$token" --task-output '{"answer":42}' >/dev/null
await_status "$exec4" SUCCEEDED
check "$(sfn describe-execution --execution-arn "$exec4" --query output --output text)" '{"answer":42}' "callback output"
if sfn send-task-success --task-token "$token" --task-output '{}' 2>"$data_dir/err.txt"; then
  echo "FAILED: a second SendTaskSuccess was accepted" >&2; exit 1
fi
grep -q TaskTimedOut "$data_dir/err.txt" && echo "ok: a second SendTaskSuccess is TaskTimedOut"

# A wrong secret is refused as AWS refuses it.
if AWS_SECRET_ACCESS_KEY=wrong sfn list-state-machines 2>"$data_dir/err.txt" >/dev/null; then
  if [ -n "$server_pid" ]; then echo "FAILED: a wrong secret was accepted" >&2; exit 1; fi
  echo "skip: the server requires no signature"
else
  grep -q InvalidSignatureException "$data_dir/err.txt" && echo "ok: a wrong secret is InvalidSignatureException"
fi
check "$(sfn test-state --role-arn "$role" --definition '{"Type":"Pass","Result":3,"Next":"B"}' --query nextState --output text)" \
  B "test-state"
express="$(sfn create-state-machine --name "express-$run_id" --role-arn "$role" --type EXPRESS --query stateMachineArn \
  --output text --definition '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}')"
check "$(sfn start-sync-execution --state-machine-arn "$express" --input '{"sync":true}' --query '[status,output]' --output text)" \
  "SUCCEEDED	{\"sync\":true}" "start-sync-execution"
echo "aws-cli-smoke: all checks passed against $ENDPOINT"
