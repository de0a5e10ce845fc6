#!/usr/bin/env bash
# MedAesthetics benchmark: builds the API and the bench driver, starts a throwaway PostgreSQL and the API on
# 127.0.0.1, generates BENCH_LEADS leads (default 1,000,000), runs the HTTP scenarios and prints the figures
# (also written to bench/results/latest.json). Everything it started is stopped at exit, whatever happens.
#
#   bench/run.sh                        # full run, about 3 minutes on 2 cores
#   BENCH_LEADS=100000 bench/run.sh     # quick run
#
# Other knobs: BENCH_CONCURRENCY (8), BENCH_CLIENTS (200 registered clients that book), BENCH_SCALE (1.0, multiplies
# request counts), BENCH_PG_PORT (first port tried, 55439), BENCH_API_PORT (first port tried, 38100),
# BENCH_PG_SHARED_BUFFERS (1GB), BENCH_KEEP=1 (after the figures, keep the API and PostgreSQL up until Ctrl-C, e.g. to EXPLAIN on the generated data).
# Exit 0 unless a scenario had 5xx/unanswered requests or a contention burst did not have exactly one winner.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
# shellcheck source=scripts/local-postgres.sh source-path=SCRIPTDIR/..
. scripts/local-postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
BENCH_LEADS=${BENCH_LEADS:-1000000}
START_SECONDS=$SECONDS

# The API is built from a snapshot of src/ under bench/obj/ (git-ignored), so the bench never rewrites
# src/MedAesthetics.Api/bin or obj while someone else's ./test.sh or ./run.sh uses them.
SNAPSHOT=$ROOT/bench/obj/snapshot
API_DLL=$SNAPSHOT/src/MedAesthetics.Api/bin/Release/net10.0/MedAesthetics.Api.dll
BENCH_PROJECT=$ROOT/bench/MedAesthetics.Bench/MedAesthetics.Bench.csproj
BENCH_DLL=$ROOT/bench/MedAesthetics.Bench/bin/Release/net10.0/MedAesthetics.Bench.dll
RESULTS=$ROOT/bench/results

WORK=$(mktemp -d "${TMPDIR:-/tmp}/medaesthetics-bench.XXXXXX")
PG_BASE=""
API_PID=""
DRIVER_PID=""
LP_FALLBACK_DIR=""

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [[ -n $DRIVER_PID ]] && kill -0 "$DRIVER_PID" 2>/dev/null; then
        kill -TERM "$DRIVER_PID" 2>/dev/null || true
        wait "$DRIVER_PID" 2>/dev/null || true
    fi
    if [[ -n $API_PID ]] && kill -0 "$API_PID" 2>/dev/null; then
        kill -TERM "$API_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 100; i++)); do   # up to ~20 s for a graceful shutdown
            kill -0 "$API_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$API_PID" 2>/dev/null || true
        wait "$API_PID" 2>/dev/null || true
    fi
    if [[ -n $PG_BASE ]]; then
        lp_stop "$PG_BASE" >/dev/null 2>&1 || echo "warning: could not stop PostgreSQL in $PG_BASE/data" >&2
    fi
    if [[ -f $WORK/api.log ]]; then
        if mkdir -p "$RESULTS"; then cp "$WORK/api.log" "$RESULTS/api-latest.log" 2>/dev/null || true; fi
    fi
    rm -rf "$WORK" 2>/dev/null || true
    [[ -n $LP_FALLBACK_DIR ]] && rm -rf "$LP_FALLBACK_DIR" 2>/dev/null
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { printf '[%4ds] %s\n' $((SECONDS - START_SECONDS)) "$*"; }

# 1. Build: a fresh copy of the API's sources (mtimes kept, so the build is incremental), then both projects.
step "Building the API (Release, from a snapshot of src/) and the bench driver..."
mkdir -p "$SNAPSHOT/src/MedAesthetics.Api"
find "$SNAPSHOT/src/MedAesthetics.Api" -mindepth 1 -maxdepth 1 ! -name bin ! -name obj -exec rm -rf {} +
cp -p Directory.Build.props Directory.Packages.props "$SNAPSHOT/"
(cd src/MedAesthetics.Api && tar --exclude=./bin --exclude=./obj -cf - .) | (cd "$SNAPSHOT/src/MedAesthetics.Api" && tar -xpf -)
if ! dotnet build "$SNAPSHOT/src/MedAesthetics.Api/MedAesthetics.Api.csproj" -c Release -nologo >"$WORK/build-api.log" 2>&1; then
    tail -n 60 "$WORK/build-api.log"
    echo "error: the API did not build" >&2
    exit 1
fi
if ! dotnet build "$BENCH_PROJECT" -c Release -nologo >"$WORK/build-bench.log" 2>&1; then
    tail -n 60 "$WORK/build-bench.log"
    echo "error: the bench driver did not build" >&2
    exit 1
fi

# 2. Throwaway PostgreSQL, as ./test.sh starts it (private cluster, loopback TCP only, fsync off), under $WORK.
step "Starting a throwaway PostgreSQL..."
lp_ensure_server
if lp_is_root; then
    chmod 711 "$WORK"   # let user postgres traverse into $WORK/pg
fi
LP_FALLBACK_DIR=$(mktemp -d /tmp/medaesthetics-benchpg.XXXXXX)
base=$(lp_prepare_base "$WORK/pg" "$LP_FALLBACK_DIR/pg")
[[ $base == "$WORK/pg" ]] && { rm -rf "$LP_FALLBACK_DIR"; LP_FALLBACK_DIR=""; }
PG_BASE=$base
# initdb with test.sh's settings, plus a production-like buffer cache: PostgreSQL's 128 MB default cannot hold the
# ~600 MB of a million leads and their indexes, and every lead search would then read its heap pages from the OS cache.
lp_init "$base" throwaway
printf '%s\n' "shared_buffers = ${BENCH_PG_SHARED_BUFFERS:-1GB}   # bench/run.sh" "max_wal_size = 4GB" \
    | lp_as_owner tee -a "$base/data/postgresql.conf" >/dev/null
lp_start "$base" "${BENCH_PG_PORT:-55439}" throwaway
lp_createdb medaesthetics_bench
PG_VERSION_TEXT=$("$LP_BINDIR/postgres" --version | sed 's/^postgres (PostgreSQL) /PostgreSQL /')

export DATABASE_URL
DATABASE_URL=$(lp_url medaesthetics_bench)
export ASPNETCORE_ENVIRONMENT=Development LOG_LEVEL=Warning HOST=127.0.0.1
export AUTH_RATE_LIMIT_PER_MINUTE=1000000   # the bench registers and logs in hundreds of users from one IP
export REFRESH_RATE_LIMIT_PER_MINUTE=1000000 WEBHOOK_RATE_LIMIT_PER_MINUTE=1000000 REDEEM_RATE_LIMIT_PER_MINUTE=1000000   # and sends its leads and redemptions from it too
export JWT_SECRET LEAD_WEBHOOK_KEY
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
LEAD_WEBHOOK_KEY=$(head -c 18 /dev/urandom | base64 | tr -d '\n/+=')

step "Migrating and seeding the demo data..."
dotnet "$API_DLL" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; echo "error: migrate failed" >&2; exit 1; }
dotnet "$API_DLL" seed-demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; echo "error: seed-demo failed" >&2; exit 1; }

# 3. The API, in the background on a free loopback port.
export PORT
PORT=$(lp_free_port "${BENCH_API_PORT:-38100}")
dotnet "$API_DLL" >"$WORK/api.log" 2>&1 &
API_PID=$!
step "API starting on http://127.0.0.1:$PORT (pid $API_PID); PostgreSQL on port $LP_PORT"

# 4. The bench driver: waits for /health/ready, generates the leads, runs the scenarios, prints and writes the figures.
mkdir -p "$RESULTS"
rc=0
BENCH_API_URL="http://127.0.0.1:$PORT" \
BENCH_DB="Host=127.0.0.1;Port=$LP_PORT;Username=$LP_ROLE;Password=$LP_PASSWORD;Database=medaesthetics_bench;Command Timeout=0" \
BENCH_LEADS=$BENCH_LEADS \
BENCH_WEBHOOK_KEY=$LEAD_WEBHOOK_KEY \
BENCH_API_PID=$API_PID \
BENCH_PG_VERSION=$PG_VERSION_TEXT \
BENCH_RESULTS="$RESULTS/latest.json" \
    dotnet "$BENCH_DLL" &
DRIVER_PID=$!
wait "$DRIVER_PID" || rc=$?   # in the background so Ctrl-C / TERM reach cleanup at once
DRIVER_PID=""

if ! kill -0 "$API_PID" 2>/dev/null; then
    echo "error: the API process exited during the bench; last lines of its log:" >&2
    tail -n 40 "$WORK/api.log" >&2
    [[ $rc -eq 0 ]] && rc=1
fi
step "Done in $((SECONDS - START_SECONDS)) s (exit $rc)."
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "BENCH_KEEP=1: API on http://127.0.0.1:$PORT, database: $LP_BINDIR/psql postgresql://postgres@127.0.0.1:$LP_PORT/medaesthetics_bench"
    echo "Press Ctrl-C (or send TERM to $$) to stop them."
    while kill -0 "$API_PID" 2>/dev/null; do sleep 1; done
fi
echo "Stopping the API and PostgreSQL."
exit "$rc"
