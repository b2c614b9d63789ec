#!/usr/bin/env bash
# Reproducible benchmark: a release build of tapballot on a fresh SQLite file
# (and on PostgreSQL when TAPBALLOT_BENCH_POSTGRES_URL names a server where it
# may create a database), loaded by examples/load.rs over loopback. Writes the
# figures to docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${REQUESTS:-4000}"
CONNECTIONS="${CONNECTIONS:-1 16 64 256}"
RAW_SECONDS="${RAW_SECONDS:-5}"
cargo build --release --bin tapballot --example load --example mail_bench --example smtp_sink --example raw_commit --example seed_history
BIN=target/release/tapballot
LOAD=target/release/examples/load
MAIL_BENCH=target/release/examples/mail_bench
SINK=target/release/examples/smtp_sink
RAW=target/release/examples/raw_commit
SEED=target/release/examples/seed_history
SUSTAINED_SECONDS="${SUSTAINED_SECONDS:-40}"
# What the verifiable log costs a reply: the same load against this commit
# and against BASELINE, built beside it: by default this same commit without
# the log (scripts/bench-without-log.patch applied to a worktree of HEAD: no
# entry stored, nothing appended, no receipt in the answer), so that nothing
# but the log differs; or a commit, e.g. BASELINE=7fc4f60, the last before it.
BASELINE="${BASELINE:-without-log}"
COST_ROUNDS="${COST_ROUNDS:-3}"
work=$(mktemp -d)
# A failed step must not leave a server behind to answer the next run.
trap 'jobs -p | xargs -r kill 2>/dev/null; rm -rf "$work"' EXIT
# The baseline's sources and build are kept under target/ (a git worktree at
# a fixed path, so that the next run reuses the build); BASE_BIN names an
# already built baseline instead.
if [ "$BASELINE" = without-log ]; then
  BASELINE_TEXT="this commit without the log (\`scripts/bench-without-log.patch\`)"
else
  BASELINE_TEXT="$BASELINE"
fi
if [ -z "${BASE_BIN:-}" ]; then
  if [ "$BASELINE" = without-log ]; then
    base_src="$PWD/target/bench-baseline/src-without-log-$(git rev-parse --short HEAD)"
    if [ ! -d "$base_src" ]; then
      git worktree add -q --detach "$base_src" HEAD
      git -C "$base_src" apply "$PWD/scripts/bench-without-log.patch"
    fi
  else
    base_src="$PWD/target/bench-baseline/src-$BASELINE"
    [ -d "$base_src" ] || git worktree add -q --detach "$base_src" "$BASELINE"
  fi
  CARGO_TARGET_DIR="$PWD/target/bench-baseline" cargo build --release --bin tapballot \
    --manifest-path "$base_src/Cargo.toml"
  BASE_BIN=target/bench-baseline/release/tapballot
fi

# The database's own rate, in the same run: SQLite single-row commits on one
# connection (a file beside the service's, same settings); PostgreSQL
# single-row insert transactions at the service run's concurrency.
raw_rate() { # label raw_url connections -> commits/s
  $RAW "$2" "$3" "$RAW_SECONDS" "$1" | awk -F'|' '{gsub(/ /, "", $6); print $6}'
}

start_server() { # label database_url port -> sets $server
  TAPBALLOT_DATABASE_URL="$2" TAPBALLOT_BIND="127.0.0.1:$3" TAPBALLOT_LOG=warn \
    TAPBALLOT_EMBEDDED_WORKER=false TAPBALLOT_POOL_SIZE="${POOL_SIZE:-16}" \
    TAPBALLOT_MAIL_DIR="$work/mail-$1" $BIN serve >>"$work/$1.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$3/readyz" >/dev/null && break; sleep 0.1; done
}

run() { # label database_url port raw_url raw_connections_follow_load(0|1)
  local label=$1 url=$2 port=$3 raw_url=$4 follow=$5
  printf '%s\n' 'benchmark password' | TAPBALLOT_DATABASE_URL="$url" $BIN user add \
    --email bench@tsb.test --name Bench --role tsb >/dev/null
  # The worker is off during the load: the emails it queues are then sent
  # by mail_bench, which measures the delivery rate alone.
  start_server "$label" "$url" "$port"
  local pid=$server
  local idle_rss
  idle_rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  for c in $CONNECTIONS; do
    local rc=1
    # PostgreSQL takes at most max_connections (100 by default) clients.
    [ "$follow" = 1 ] && rc=$(( c < 64 ? c : 64 ))
    # Raw before and after each service run, so that both see the same machine.
    local before after row rate
    before=$(raw_rate "$label-raw" "$raw_url" "$rc")
    row=$($LOAD "http://127.0.0.1:$port" bench@tsb.test 'benchmark password' "$REQUESTS" "$c" "$label-c$c")
    after=$(raw_rate "$label-raw" "$raw_url" "$rc")
    rate=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $5); print $5}')
    echo "$row" | awk -F'|' -v db="$label" -v b="$before" -v a="$after" -v r="$rate" -v rc="$rc" \
      '{ raw = (b + a) / 2; printf "| %s | %s | %s | %s | %s | %s | %s | %s | %.0f (%s conn.) | %.2f × |\n", db, $4, $3, $5, $6, $7, $8, $9, raw, rc, r / raw }' \
      >>"$work/rows"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  mkdir -p "$work/sink-$label"
  $SINK "127.0.0.1:$((port + 100))" "$work/sink-$label" >/dev/null 2>&1 &
  local sink=$!
  for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$((port + 100))") 2>/dev/null && break; sleep 0.1; done
  TAPBALLOT_LOG=warn $MAIL_BENCH "$url" "smtp://127.0.0.1:$((port + 100))" "$label" >>"$work/mail-rows"
  kill "$sink"; wait "$sink" 2>/dev/null || true

  start_server "$label" "$url" "$port"
  pid=$server
  # A reply's cost as history grows: the same consultation after 0, 10 000
  # and 100 000 stored revisions (the history written straight into the store).
  local stored=0
  for target in 0 10000 100000; do
    if [ "$target" -gt "$stored" ]; then
      $SEED "$url" "Benchmark history" bench@tsb.test $((target - stored)) >/dev/null
      stored=$target
    fi
    LOAD_REFERENCE="Benchmark history" $LOAD "http://127.0.0.1:$port" bench@tsb.test 'benchmark password' "$REQUESTS" 64 "$label" |
      awk -F'|' -v db="$label" -v n="$target" '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", db, n, $5, $6, $8, $9, $10 }' >>"$work/history-rows"
    stored=$((stored + REQUESTS))
  done
  # Sustained load: the rate of the first 8 s against the rate after 30 s.
  LOAD_SECONDS=$SUSTAINED_SECONDS $LOAD "http://127.0.0.1:$port" bench@tsb.test 'benchmark password' 0 64 "$label-sustained" |
    awk -F'|' -v db="$label" -v s="$SUSTAINED_SECONDS" '{ printf "| %s | %s s | %s | %s | %s | %.0f %% |\n", db, s, $5, $11, $12, 100 * $12 / $11 }' >>"$work/sustained-rows"
  local loaded_rss
  loaded_rss=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
  # Tally and exports of a consultation of 20 drafts, every Member State replied.
  local token cid
  token=$(curl -fs "http://127.0.0.1:$port/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"email":"bench@tsb.test","password":"benchmark password"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  cid=$(python3 -c 'import json; print(json.dumps({"reference": "Benchmark 193x20", "study_group": "SG17", "title": "Benchmark", "deadline": "2099-12-31T23:59", "drafts": [{"number": "X.%d" % (2000 + i), "provisional_name": "X.q%d" % i, "title": "Benchmark draft"} for i in range(20)]}))' |
    curl -fs "http://127.0.0.1:$port/api/v1/consultations" -H "authorization: Bearer $token" -H 'content-type: application/json' -d @- |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  $SEED "$url" "Benchmark 193x20" bench@tsb.test 193 >/dev/null
  for what in tally "export?format=json" "export?format=xlsx" "export?format=csv"; do
    local times=""
    for _ in $(seq 1 20); do
      times="$times $(curl -fs -o /dev/null -w '%{time_total}' -H "authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/consultations/$cid/$what")"
    done
    echo "$times" | python3 -c "import sys,statistics; t=[float(x)*1000 for x in sys.stdin.read().split()]; print('| $label | GET …/$what | %.1f | %.1f |' % (statistics.median(t), max(t)))" >>"$work/export-rows"
  done
  echo "| $label | $((idle_rss / 1024)) | $((loaded_rss / 1024)) |" >>"$work/rss-rows"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# The cost of the log: fresh databases, the two builds in turn, each round
# the same load at 64 connections; the median of the rounds.
log_cost() { # label url_of(round,which) port
  local label=$1 port=$3 base_rates="" rates=""
  for round in $(seq 1 "$COST_ROUNDS"); do
    for which in baseline current; do
      local url bin=$BIN
      url=$($2 "$round" "$which")
      [ "$which" = baseline ] && bin=$BASE_BIN
      printf '%s\n' 'benchmark password' | TAPBALLOT_DATABASE_URL="$url" $bin user add \
        --email bench@tsb.test --name Bench --role tsb >/dev/null
      BIN=$bin start_server "$label-cost" "$url" "$port"
      local rate
      rate=$($LOAD "http://127.0.0.1:$port" bench@tsb.test 'benchmark password' "$REQUESTS" 64 "$label" |
        awk -F'|' '{gsub(/ /, "", $5); print $5}')
      kill "$server"; wait "$server" 2>/dev/null || true
      if [ "$which" = baseline ]; then base_rates="$base_rates $rate"; else rates="$rates $rate"; fi
    done
  done
  python3 - "$label" "$base_rates" "$rates" >>"$work/cost-rows" <<'PY'
import statistics, sys
label, base, now = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
b, n = statistics.median(base), statistics.median(now)
print("| %s | %.0f (%s) | %.0f (%s) | %+.0f %% |" % (label, b, ", ".join("%.0f" % x for x in base),
      n, ", ".join("%.0f" % x for x in now), 100 * (b / n - 1)))
PY
}
sqlite_cost_url() { echo "sqlite://$work/cost-$2-$1.db"; }
pg_cost_url() {
  local db="tapballot_cost_$$_$2_$1"
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $db" >/dev/null
  echo "${TAPBALLOT_BENCH_POSTGRES_URL%/*}/$db"
}

touch "$work/cost-rows"
log_cost sqlite sqlite_cost_url 18183
if [ -n "${TAPBALLOT_BENCH_POSTGRES_URL:-}" ]; then
  log_cost postgres pg_cost_url 18184
  for db in $(psql "$TAPBALLOT_BENCH_POSTGRES_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'tapballot_cost_$$%'"); do
    psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "DROP DATABASE $db WITH (FORCE)"
  done
fi

# COST_ONLY=1: only the log's cost, printed, docs/benchmarks.md untouched.
if [ -n "${COST_ONLY:-}" ]; then cat "$work/cost-rows"; exit 0; fi

touch "$work/rows" "$work/mail-rows" "$work/history-rows" "$work/sustained-rows" "$work/export-rows" "$work/rss-rows"
run sqlite "sqlite://$work/bench.db" 18181 "$work/raw.db" 0
if [ -n "${TAPBALLOT_BENCH_POSTGRES_URL:-}" ]; then
  db="tapballot_bench_$$"
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $db"
  pg_url="${TAPBALLOT_BENCH_POSTGRES_URL%/*}/$db"
  run postgres "$pg_url" 18182 "$pg_url" 1
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "DROP DATABASE $db WITH (FORCE)"
fi
rows=$(cat "$work/rows")

cat > docs/benchmarks.md <<MD
# Benchmarks

Made by \`scripts/bench.sh\` (release build, one instance, loopback). Each request
is a whole reply to eight drafts (PUT), entered by TSB for a random Member State:
a transaction that locks the reply, appends a revision with its responses, and
queues its confirmation (to the submitter only: the benchmark's Member States have
no focal points) and its audit event.

Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d); commit $(git rev-parse --short HEAD).
Figures on a shared machine vary from run to run; compare runs made together.

Beside each run, the database's own limit measured just before and just after it
on the same machine (\`examples/raw_commit.rs\`, the mean of the two): SQLite, durable
single-row commits (WAL, \`synchronous = FULL\`, as the service) on one connection;
PostgreSQL, single-row INSERT transactions at the run's concurrency (at most 64
connections: the server's \`max_connections\` is 100). "× raw" is
replies/s over that rate (goal: SQLite ≥ 1.0, PostgreSQL ≥ 0.5; p99 ≤ 25 ms at 64).

| database | connections | requests | replies/s | p50 ms | p95 ms | p99 ms | errors | raw commits/s | × raw |
|---|---|---|---|---|---|---|---|---|---|
$rows

## Email delivery

The emails the load above queued, sent by the service's worker
(\`examples/mail_bench.rs\`: the same \`Worker\` as \`serve\`, with its default
concurrency) to the test SMTP server (\`examples/smtp_sink.rs\`, which writes each
message to a file) over loopback. Goal: at least 200 emails/s. lettre leaves
Nagle's algorithm on, so each message waits about 40 ms for the server's delayed
ACK; the rate comes from the 16 connections used at once (\`TAPBALLOT_MAIL_CONCURRENCY\`,
see docs/architecture.md). The fault suite (\`tests/faults/\`) measures the other
goal, the closing summary within 5 s of the cut-off under load; it prints the delay
(about 0.4 to 1.1 s here).

| database | queued | concurrency | sent | seconds | emails/s |
|---|---|---|---|---|---|
$(cat "$work/mail-rows")

## As history grows

The same consultation (eight drafts) at 64 connections, after 0, 10 000 and
100 000 revisions stored before the run (\`examples/seed_history.rs\` writes the
history straight into the store; each run adds its own $REQUESTS). A reply
reads only its Member State's slot, its current revision and that revision's
responses, and a tally starts from the consultation's 193 slots, so neither
grows with the revisions superseded. "tally ms" is the median of 50 tallies
read after the run.

| database | revisions stored before | replies/s | p50 ms | p99 ms | errors | tally ms |
|---|---|---|---|---|---|---|
$(cat "$work/history-rows")

## Sustained load

$SUSTAINED_SECONDS seconds at 64 connections on a fresh consultation: the rate of the first 8 s
beside the rate after the first 30 s (goal: at least 90 %).

| database | run | replies/s | first 8 s | after 30 s | after / first |
|---|---|---|---|---|---|
$(cat "$work/sustained-rows")

## Tally and exports, 193 Member States × 20 drafts

Every Member State replied to a consultation of 20 drafts; each read 20 times
one after another (curl, median and slowest, ms).

| database | request | median ms | slowest ms |
|---|---|---|---|
$(cat "$work/export-rows")

## Where the time goes

Profiled with \`perf record -g\` on the server (release build, SQLite, 64
connections, 8 s sampled mid-run; 2026-12-03, commit 850b412), grouped by
symbol: kernel 26 % (the WAL's writes and fsync, thread wake-ups, socket
I/O), SQLite's own C code 19 %, malloc and free 13 %,
diesel building each statement's SQL text and binding 10 %, actix-router's
regex matching of the path against the routes 6 %, lock hand-offs 5 %,
templates and catalogue under 1.5 % (the confirmation bodies are rendered by
the worker when sent, no longer in the reply's transaction: that alone
doubled the rate at 64 connections, from 1093 to about 2200 replies/s).
Since this profile the reply's statements went from about 30 to about 16 (its
responses in one INSERT, no savepoint for an email that cannot be a duplicate);
the rest: lock and slot, consultation and drafts, current and last revision,
previous responses, the revision, the slot, focal points, one INSERT per email,
audit; and, since the verifiable log, three more (the log's head read and
written, the entry with its checkpoint: see the next section). Next, in order of
what they would save: fewer round trips on PostgreSQL
(the slot locked and read in one statement), diesel's SQL building for the boxed
queries, one regex for the API's path. mimalloc in place of glibc's allocator
made no difference beyond the noise here.

## What the verifiable log costs a reply

Every reply's transaction also stores its entry for the verifiable log (its RFC
8785 form, one row in \`log_queue\`), and right after its commit the entries are
appended in batches: on SQLite at the end of each writer group, on PostgreSQL one
append at a time per process covering every commit before it; each batch takes the
log's lock once, computes the tree hashes from the right edge in \`log_head\`, signs
one checkpoint (Ed25519), writes the entries and the head, and makes the receipts
of its entries from the hashes at hand, which the waiting requests take (no read
of the log for an answer). The answer then carries the receipt (about 1.5 KB more
JSON). The same load (\`REQUESTS\` replies at 64 connections, fresh database each
round) against this commit and against $BASELINE_TEXT,
built beside it and run in turn, $COST_ROUNDS rounds; replies/s as the median of the
rounds (each round in brackets). "Cost" is how much longer a reply takes with the
log (goal: at most 15 %).

| database | without the log, replies/s | with the log, replies/s | cost |
|---|---|---|---|
$(cat "$work/cost-rows")

Within the goal on PostgreSQL; not yet on SQLite. How it got here: with an entry
appended under the lock in each reply's transaction and a checkpoint per entry
(the previous session, another machine), SQLite +38 %, PostgreSQL +107 % (every
commit, its WAL flush included, waited for the one before it on the log's head
row); entries queued and appended in batches after the commit (this session),
SQLite +46 %, PostgreSQL +92 % (each request still took a turn of its own on the
log's lock, one after another, and read its receipt back); receipts made by the batch from the hashes at hand, and one append
at a time per process covering every commit before it, SQLite +26 to +28 %,
PostgreSQL +9 to +21 %. Rounds of one build vary by 10 to 20 % here (the load
generator shares the machine's two cores with the server).

Where SQLite's cost goes (\`perf record --call-graph dwarf\` of the server under this
load): the writer's thread is the bottleneck (about 78 % of the process's samples),
and the log's work on it is about a tenth of its time: the entry's RFC 8785 form
(\`serde_jcs\`, 2 %), its row in \`log_queue\` (3 %), then at the group's end the
queue read and emptied, each entry's row in \`log_entries\` with its two indexes, the
head, the one signature and the receipts (3 %); the rest of the reply (its lock,
the revision and responses, the confirmation's outbox row and subject, the audit
event) is as before. Next, in order of what they would save: keep the group's
entries in memory instead of a \`log_queue\` row written and erased in the same
transaction (the queue is needed only for entries other processes leave); write the
revision entry's canonical form with \`serde_json\` from fields declared in RFC 8785
order (checked against \`serde_jcs\` by a property test) instead of through a
\`Value\`; make the receipts on the waiting requests' threads instead of the writer's.

## Memory

Resident set of \`tapballot serve\`: idle after start, and its peak at the
end of the load above (MiB).

| database | idle MiB | peak under load MiB |
|---|---|---|
$(cat "$work/rss-rows")
MD
cat docs/benchmarks.md
