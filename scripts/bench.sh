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
COST_ROUNDS="${COST_ROUNDS:-7}"
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
  # Cargo keys the build by the package, not by the folder it lies in: a
  # baseline from another worktree would be taken as up to date (its
  # dependency info names the first worktree's files), so tapballot itself
  # is always built again; its dependencies are kept.
  CARGO_TARGET_DIR="$PWD/target/bench-baseline" cargo clean --release -p tapballot \
    --manifest-path "$base_src/Cargo.toml"
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
    awk -F'|' -v db="$label" -v s="$SUSTAINED_SECONDS" '{ printf "| %s | %s s | %s | %s | %s | %.0f %% | %s | %s |\n", db, s, $5, $11, $12, 100 * $12 / $11, $7, $8 }' >>"$work/sustained-rows"
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

# A deadline day as TSB runs it: every Member State with two focal points
# (one reading English, one French) and TSB's copy address set, so that each
# reply is confirmed to four readers. A fresh database, 64 connections, raw
# rates before and after as above.
FOCAL_SQL="INSERT INTO users (id, email, name, role, member_state, language, token_version, created_at)
  SELECT 'focal-' || iso3 || '-' || n, 'focal' || n || '@' || lower(iso3) || '.example', 'Focal point ' || n || ' of ' || iso3,
         'member', iso3, CASE n WHEN 1 THEN 'en' ELSE 'fr' END, 0, '2024-01-01 00:00:00'
  FROM member_states, (SELECT 1 AS n UNION ALL SELECT 2) AS focal"
focal() { # label database_url port raw_url raw_connections_follow_load(0|1) run_sql
  local label=$1 url=$2 port=$3 raw_url=$4 follow=$5 run_sql=$6
  TAPBALLOT_DATABASE_URL="$url" $BIN migrate >/dev/null
  $run_sql "$FOCAL_SQL"
  printf '%s\n' 'benchmark password' | TAPBALLOT_DATABASE_URL="$url" $BIN user add \
    --email bench@tsb.test --name Bench --role tsb >/dev/null
  TAPBALLOT_TSB_COPY_TO=copy@tsb.example start_server "$label-focal" "$url" "$port"
  local rc=1 before after row rate
  [ "$follow" = 1 ] && rc=64
  before=$(raw_rate "$label-raw" "$raw_url" "$rc")
  row=$($LOAD "http://127.0.0.1:$port" bench@tsb.test 'benchmark password' "$REQUESTS" 64 "$label-focal")
  after=$(raw_rate "$label-raw" "$raw_url" "$rc")
  rate=$(echo "$row" | awk -F'|' '{gsub(/ /, "", $5); print $5}')
  echo "$row" | awk -F'|' -v db="$label" -v b="$before" -v a="$after" -v r="$rate" -v rc="$rc" \
    '{ raw = (b + a) / 2; printf "| %s | 4 | %s | %s | %s | %s | %s | %s | %.0f (%s conn.) | %.2f × |\n", db, $3, $5, $6, $7, $8, $9, raw, rc, r / raw }' \
    >>"$work/focal-rows"
  kill "$server"; wait "$server" 2>/dev/null || true
}
sqlite_sql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()' "$work/focal.db" "$1"; }

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

touch "$work/rows" "$work/mail-rows" "$work/history-rows" "$work/sustained-rows" "$work/export-rows" "$work/rss-rows" "$work/focal-rows"
run sqlite "sqlite://$work/bench.db" 18181 "$work/raw.db" 0
focal sqlite "sqlite://$work/focal.db" 18185 "$work/raw.db" 0 sqlite_sql
if [ -n "${TAPBALLOT_BENCH_POSTGRES_URL:-}" ]; then
  db="tapballot_bench_$$"
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "CREATE DATABASE $db"
  pg_url="${TAPBALLOT_BENCH_POSTGRES_URL%/*}/$db"
  run postgres "$pg_url" 18182 "$pg_url" 1
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "DROP DATABASE $db WITH (FORCE)"
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "CREATE DATABASE ${db}_focal"
  pg_focal_url="${TAPBALLOT_BENCH_POSTGRES_URL%/*}/${db}_focal"
  pg_sql() { psql "$pg_focal_url" -qc "$1" >/dev/null; }
  focal postgres "$pg_focal_url" 18186 "$pg_focal_url" 1 pg_sql
  psql "$TAPBALLOT_BENCH_POSTGRES_URL" -qc "DROP DATABASE ${db}_focal WITH (FORCE)"
fi

# The page is scripts/benchmarks.md.in with this run's figures in place of
# its @NAMES@; its prose (dated where it tells of one session's findings) is
# kept there.
REQUESTS=$REQUESTS SUSTAINED_SECONDS=$SUSTAINED_SECONDS BASELINE_TEXT=$BASELINE_TEXT \
  COST_ROUNDS=$COST_ROUNDS python3 - "$work" >"$work/benchmarks.md" <<'PY'
import os, subprocess, sys
work = sys.argv[1]
def rows(name):
    with open(os.path.join(work, name)) as f:
        return f.read().rstrip("\n")
def out(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
memory = next(l.split()[1] for l in out("free", "-g").splitlines() if l.startswith("Mem:"))
values = {
    "MACHINE": "%s cores, %s GiB; %s; commit %s" % (out("nproc"), memory,
        out("date", "-u", "+%Y-%m-%d"), out("git", "rev-parse", "--short", "HEAD")),
    "ROWS": rows("rows"), "MAIL_ROWS": rows("mail-rows"), "HISTORY_ROWS": rows("history-rows"),
    "SUSTAINED_ROWS": rows("sustained-rows"), "EXPORT_ROWS": rows("export-rows"),
    "COST_ROWS": rows("cost-rows"), "RSS_ROWS": rows("rss-rows"), "FOCAL_ROWS": rows("focal-rows"),
    "REQUESTS": os.environ["REQUESTS"], "SUSTAINED_SECONDS": os.environ["SUSTAINED_SECONDS"],
    "BASELINE": os.environ["BASELINE_TEXT"], "COST_ROUNDS": os.environ["COST_ROUNDS"],
}
with open("scripts/benchmarks.md.in") as f:
    page = f.read()
for name, value in values.items():
    page = page.replace("@%s@" % name, value)
sys.stdout.write(page)
PY
mv "$work/benchmarks.md" docs/benchmarks.md
cat docs/benchmarks.md
