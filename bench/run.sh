#!/usr/bin/env bash
# MedAesthetics benchmark: builds the API and the bench driver, starts a throwaway PostgreSQL and the API on
# 127.0.0.1, generates BENCH_LEADS leads (default 1,000,000), runs the HTTP scenarios and prints the figures
# (also written to bench/results/latest.json). Everything it started is stopped at exit, whatever happens.
#
#   bench/run.sh                        # full run, about 3 minutes on 2 cores, then the wrk phase (about 4 minutes)
#   BENCH_LEADS=100000 bench/run.sh     # quick run
#   BENCH_SMOKE=1 bench/run.sh          # smoke run of every scenario (2,000 leads, wrk 2 s each on 4 connections, no targets): CI
#   BENCH_PEER=1 bench/run.sh           # also runs ../shared/tools/peer-bench.sh (needs PEER_GIT or PEER_DIR) for ratios
#
# wrk phase (after the driver): BENCH_WRK=0 skips it; BENCH_WRK_SECONDS (10), BENCH_WRK_WARMUP (2),
# BENCH_WRK_THREADS (2), BENCH_WRK_CONNECTIONS (32), BENCH_WRK_HOLDS (36000 live holds the fixture clients may take, 20 each, on distinct slots of a clinic with one doctor per 1,000: warm-up and measured run at up to about 3,000 holds/s). wrk and curl come from
# their Debian packages (installed when missing and run as root).
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
if [[ ${BENCH_SMOKE:-0} == 1 ]]; then
    # Every scenario once, quickly, so the harness cannot rot: no figure of a smoke run means anything. wrk uses 4
    # connections, not 32: with 32 at once and no warm-up, a slow route (31 days of availability on a busy CI box)
    # answered none of them within the 2 s, and the run failed for "no answer" although nothing was broken. The hold
    # budget (20 live holds per fixture client) is 400: at about 100 holds/s for 2 s, 200 ran out and answered 409s.
    : "${BENCH_LEADS:=2000}" "${BENCH_SCALE:=0.05}" "${BENCH_CLIENTS:=60}" "${BENCH_WRK_SECONDS:=2}" "${BENCH_WRK_WARMUP:=0}" "${BENCH_WRK_HOLDS:=400}" "${BENCH_WRK_CONNECTIONS:=4}"
    export BENCH_SCALE BENCH_CLIENTS BENCH_WRK_HOLDS
fi
BENCH_LEADS=${BENCH_LEADS:-1000000}
BENCH_WRK=${BENCH_WRK:-1}
WRK_SECONDS=${BENCH_WRK_SECONDS:-10}
WRK_WARMUP=${BENCH_WRK_WARMUP:-2}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
WRK_CONNECTIONS=${BENCH_WRK_CONNECTIONS:-32}
START_SECONDS=$SECONDS

# The API is built from a snapshot of src/ under bench/obj/ (git-ignored), so the bench never rewrites
# src/MedAesthetics.Api/bin or obj while someone else's ./test.sh or ./run.sh uses them.
SNAPSHOT=$ROOT/bench/obj/snapshot
API_DLL=$SNAPSHOT/publish/MedAesthetics.Api.dll
BENCH_PROJECT=$ROOT/bench/MedAesthetics.Bench/MedAesthetics.Bench.csproj
BENCH_DLL=$ROOT/bench/MedAesthetics.Bench/bin/Release/net10.0/MedAesthetics.Bench.dll
RESULTS=$ROOT/bench/results

WORK=$(mktemp -d "${TMPDIR:-/tmp}/medaesthetics-bench.XXXXXX")
PG_BASE=""
API_PID=""
DRIVER_PID=""
BASELINE_PID=""
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
    if [[ -n $BASELINE_PID ]] && kill -0 "$BASELINE_PID" 2>/dev/null; then
        kill -TERM "$BASELINE_PID" 2>/dev/null || true
        wait "$BASELINE_PID" 2>/dev/null || true
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
# Published as deploy/Dockerfile publishes it: ReadyToRun (precompiled native code, so the API starts without JIT-ing
# every method it touches: about 0.6 s of its start-to-ready). The OpenAPI document is not needed here, and writing it
# starts the host once more (minutes on a busy machine).
if ! dotnet publish "$SNAPSHOT/src/MedAesthetics.Api/MedAesthetics.Api.csproj" -c Release -nologo -p:OpenApiGenerateDocuments=false \
        -r "linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" --self-contained false -p:PublishReadyToRun=true -p:UseAppHost=false \
        -o "$SNAPSHOT/publish" >"$WORK/build-api.log" 2>&1; then
    tail -n 60 "$WORK/build-api.log"
    echo "error: the API did not build" >&2
    exit 1
fi
if ! dotnet build "$BENCH_PROJECT" -c Release -nologo >"$WORK/build-bench.log" 2>&1; then
    tail -n 60 "$WORK/build-bench.log"
    echo "error: the bench driver did not build" >&2
    exit 1
fi

# Tools from Debian packages: curl (readiness probes) and wrk (the wrk phase); installed when missing and run as root
# (CI: a clean image), with an apt-get update first when the package lists are missing or stale.
MISSING=()
command -v curl >/dev/null || MISSING+=(curl)
[[ $BENCH_WRK == 1 ]] && ! command -v wrk >/dev/null && MISSING+=(wrk)
if ((${#MISSING[@]} > 0)); then
    if [[ $(id -u) == 0 ]]; then
        step "Installing ${MISSING[*]} (Debian packages)..."
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}" >"$WORK/apt-tools.log" 2>&1 \
            || { apt-get update >"$WORK/apt-tools.log" 2>&1 \
                 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}" >"$WORK/apt-tools.log" 2>&1; } \
            || { cat "$WORK/apt-tools.log"; echo "error: could not install ${MISSING[*]}" >&2; exit 1; }
    else
        echo "error: missing ${MISSING[*]}: apt-get install ${MISSING[*]} (BENCH_WRK=0 skips the wrk phase and needs no wrk)" >&2
        exit 1
    fi
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
export JWT_EXPIRATION=2h                     # tokens taken before the wrk phase stay valid through it
export JWT_SECRET LEAD_WEBHOOK_KEY
JWT_SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
LEAD_WEBHOOK_KEY=$(head -c 18 /dev/urandom | base64 | tr -d '\n/+=')

step "Migrating and seeding the demo data..."
dotnet "$API_DLL" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; echo "error: migrate failed" >&2; exit 1; }
dotnet "$API_DLL" seed-demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log"; echo "error: seed-demo failed" >&2; exit 1; }

# 3. The API, in the background on a free loopback port.
export PORT
PORT=$(lp_free_port "${BENCH_API_PORT:-38100}")
START_NS=$(date +%s%N)
dotnet "$API_DLL" >"$WORK/api.log" 2>&1 &
API_PID=$!
step "API starting on http://127.0.0.1:$PORT (pid $API_PID); PostgreSQL on port $LP_PORT"
# Start to ready: from the process start to the first 200 of /health/ready (the database is migrated already).
START_READY_MS=""
for ((i = 0; i < 1800; i++)); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" 2>/dev/null; then
        START_READY_MS=$((($(date +%s%N) - START_NS) / 1000000))
        break
    fi
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.05
done
step "API ready ${START_READY_MS:-?} ms after start"

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
BENCH_WRK_ENV=$([[ $BENCH_WRK == 1 ]] && echo "$WORK/wrk-fixtures.env") \
    dotnet "$BENCH_DLL" &
DRIVER_PID=$!
wait "$DRIVER_PID" || rc=$?   # in the background so Ctrl-C / TERM reach cleanup at once
DRIVER_PID=""

if ! kill -0 "$API_PID" 2>/dev/null; then
    echo "error: the API process exited during the bench; last lines of its log:" >&2
    tail -n 40 "$WORK/api.log" >&2
    [[ $rc -eq 0 ]] && rc=1
fi
# 5. The wrk phase: throughput of single routes with wrk (-t2 -c32), beside two ceilings measured in the same run by
# the baseline server (a bare ASP.NET Core route, one raw Npgsql query). API CPU per request from /proc.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }
run_wrk() {   # run_wrk KEY "NAME" PEER-NAME PID SCRIPT URL [VAR=VALUE...]
    local key=$1 name=$2 peer=$3 pid=$4 script=$5 url=$6 out before after server
    shift 6
    out=$WORK/wrk-$key.txt
    server=$([[ $pid == "$API_PID" ]] && echo api || echo baseline)
    if ((WRK_WARMUP > 0)); then
        env "$@" WRK_NONCE="w$(date +%s%N)" WRK_THREADS="$WRK_THREADS" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_WARMUP}s" --timeout 10s -s "$script" "$url" >/dev/null 2>&1 || true
        sleep 0.5
    fi
    before=$(cpu_ms "$pid")
    env "$@" WRK_NONCE="m$(date +%s%N)" WRK_THREADS="$WRK_THREADS" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${WRK_SECONDS}s" --timeout 10s --latency -s "$script" "$url" >"$out" 2>&1 \
        || { cat "$out" >&2; echo "error: wrk failed ($name)" >&2; WRK_FAILED=1; return 0; }
    after=$(cpu_ms "$pid")
    local json; json=$(sed -n 's/^WRK_RESULT //p' "$out")
    [[ -n $json ]] || { cat "$out" >&2; echo "error: no wrk summary ($name)" >&2; WRK_FAILED=1; return 0; }
    printf '{"key":"%s","name":"%s","peer":%s,"server":"%s","cpu_ms":%s,"wrk":%s}\n' "$key" "$name" \
        "$([[ -n $peer ]] && echo "\"$peer\"" || echo null)" "$server" "$((after - before))" "$json" >>"$WORK/wrk.jsonl"
    printf '  %-44s %s\n' "$name" "$(grep -E '^Requests/sec' "$out" | tr -s ' ')"
}
# drain_outbox: waits (at most 180 s) until the API has handled every outbox message that is due, so that the events
# a scenario raised (about six per intake: tasks, notifications, webhooks; the holds' too) are not handled during, and
# charged to, the scenarios after it; prints how many there were and how long the API took. Run before the wrk phase,
# after the intake scenario and after the holds.
drain_outbox() {   # drain_outbox LABEL
    local label=$1
    local sql="SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL AND next_attempt_at <= now()"
    local url="postgresql://$LP_ROLE:$LP_PASSWORD@127.0.0.1:$LP_PORT/medaesthetics_bench" pending first started=$SECONDS
    first=$("$LP_BINDIR/psql" -qtAX "$url" -c "$sql")
    pending=$first
    while [[ $pending != 0 && $((SECONDS - started)) -lt 180 ]]; do
        sleep 1
        pending=$("$LP_BINDIR/psql" -qtAX "$url" -c "$sql")
    done
    printf '  %-44s %s\n' "($label)" "$first pending, $pending left after $((SECONDS - started)) s"
}
if [[ $rc -eq 0 && $BENCH_WRK == 1 ]]; then
    step "wrk phase: -t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s per scenario (warm-up ${WRK_WARMUP}s)..."
    # shellcheck disable=SC1091
    . "$WORK/wrk-fixtures.env"
    BASELINE_PORT=$(lp_free_port $((PORT + 100)))
    BENCH_BASELINE_PORT=$BASELINE_PORT \
    BENCH_DB="Host=127.0.0.1;Port=$LP_PORT;Username=$LP_ROLE;Password=$LP_PASSWORD;Database=medaesthetics_bench" \
        dotnet "$BENCH_DLL" baseline-server >"$WORK/baseline.log" 2>&1 &
    BASELINE_PID=$!
    for ((i = 0; i < 600; i++)); do curl -fs -o /dev/null "http://127.0.0.1:$BASELINE_PORT/bare" 2>/dev/null && break; sleep 0.1; done
    A="http://127.0.0.1:$PORT"
    B="http://127.0.0.1:$BASELINE_PORT"
    W=bench/wrk
    : >"$WORK/wrk.jsonl"
    # Start on a settled stack: the events of the driver's scenarios and of the fixtures handled, and the pages the
    # data load dirtied written out, so that no scenario is charged for them.
    drain_outbox "outbox before the wrk phase"
    "$LP_BINDIR/psql" -qtAX "postgresql://$LP_ROLE:$LP_PASSWORD@127.0.0.1:$LP_PORT/medaesthetics_bench" -c "CHECKPOINT" >/dev/null || true
    LEAD_QS="/crm/leads?q=papad&pageSize=50|/crm/leads?q=georgiou&pageSize=50|/crm/leads?q=eleni%20k&pageSize=50|/crm/leads?q=konstant&pageSize=50|/crm/leads?q=maria%20pap&pageSize=50|/crm/leads?q=dimitr&pageSize=50"
    {
        run_wrk bare "bare ASP.NET Core route (baseline)" "" "$BASELINE_PID" $W/get.lua "$B" WRK_PATHS=/bare
        run_wrk raw "one raw Npgsql query (baseline)" "" "$BASELINE_PID" $W/get.lua "$B" WRK_PATHS="/raw-clinic/$WRK_DEMO_CLINIC"
        run_wrk root "GET /" "GET /" "$API_PID" $W/get.lua "$A" WRK_PATHS=/
        run_wrk clinic "GET /clinics/{id}" "" "$API_PID" $W/get.lua "$A" WRK_PATHS="/clinics/$WRK_DEMO_CLINIC"
        run_wrk ready "GET /health/ready" "" "$API_PID" $W/get.lua "$A" WRK_PATHS=/health/ready
        run_wrk avail1 "GET /availability, 1 day, 10 doctors" "availability (1 clinic-day, all providers)" "$API_PID" $W/get.lua "$A" \
            WRK_PATHS="/availability?clinicId=$WRK_CLINIC&serviceId=$WRK_SERVICE&date=$WRK_DATE"
        run_wrk avail31 "GET /availability, 31 days, 10 doctors" "" "$API_PID" $W/get.lua "$A" \
            WRK_PATHS="/availability?clinicId=$WRK_CLINIC&serviceId=$WRK_SERVICE&date=$WRK_DATE&days=31"
        run_wrk leadsq "GET /crm/leads?q= (admin, page of 50)" "leads list (default page, 50)" "$API_PID" $W/get.lua "$A" WRK_PATHS="$LEAD_QS" WRK_TOKEN="$WRK_ADMIN_TOKEN"
        run_wrk leadsmine "GET /crm/leads (salesperson's default list)" "leads list (default page, 50)" "$API_PID" $W/get.lua "$A" \
            WRK_PATHS="/crm/leads?pageSize=50" WRK_TOKEN="$WRK_SALES_TOKEN"
        run_wrk intake "POST /crm/leads (1 in 10 a duplicate)" "create lead (unique emails)" "$API_PID" $W/intake.lua "$A" \
            WRK_WEBHOOK_KEY="$LEAD_WEBHOOK_KEY" WRK_DEMO_CLINIC="$WRK_DEMO_CLINIC"
        drain_outbox "outbox after intake"
        run_wrk hold "POST /appointments/hold (distinct slots)" "" "$API_PID" $W/hold.lua "$A" \
            WRK_SLOTS_FILE="$WRK_SLOTS_FILE" WRK_TOKENS_FILE="$WRK_TOKENS_FILE" WRK_HOLD_CLINIC="$WRK_HOLD_CLINIC" WRK_HOLD_SERVICE="$WRK_HOLD_SERVICE"
        drain_outbox "outbox after holds"
        run_wrk unread "GET /notifications/unread-count" "" "$API_PID" $W/get.lua "$A" WRK_PATHS=/notifications/unread-count WRK_TOKEN="$WRK_CLIENT_TOKEN"
        run_wrk loyalty "GET /loyalty/{clientId}" "" "$API_PID" $W/get.lua "$A" WRK_PATHS="/loyalty/$WRK_CLIENT_ID" WRK_TOKEN="$WRK_CLIENT_TOKEN"
        run_wrk reports "GET /admin/reports (one month)" "" "$API_PID" $W/get.lua "$A" \
            WRK_PATHS="/admin/reports?from=$WRK_REPORT_FROM&to=$WRK_REPORT_TO" WRK_TOKEN="$WRK_ADMIN_TOKEN"
    }
    [[ ${WRK_FAILED:-0} == 0 ]] || rc=1
    OVERLAPS=$("$LP_BINDIR/psql" -qtAX "postgresql://$LP_ROLE:$LP_PASSWORD@127.0.0.1:$LP_PORT/medaesthetics_bench" -c "
        SELECT count(*) FROM appointments a JOIN appointments b ON a.provider_id = b.provider_id AND a.id < b.id
         AND tstzrange(a.occupied_from, a.occupied_to) && tstzrange(b.occupied_from, b.occupied_to)
         WHERE a.status IN ('held', 'confirmed') AND b.status IN ('held', 'confirmed')
           AND (a.status = 'confirmed' OR a.hold_expires_at > now()) AND (b.status = 'confirmed' OR b.hold_expires_at > now())")
    echo "  overlapping live holds or appointments after the hold scenario: $OVERLAPS"
    [[ $OVERLAPS == 0 ]] || rc=1
    PEER_JSON=""
    if [[ ${BENCH_PEER:-0} == 1 ]]; then
        step "BENCH_PEER=1: running ../shared/tools/peer-bench.sh (the other implementation) with the same wrk settings..."
        PEER_JSON=$WORK/peer.json
        OUT=$PEER_JSON WRK_THREADS=$WRK_THREADS WRK_CONNS=$WRK_CONNECTIONS SECS=$WRK_SECONDS DAY=$WRK_DATE \
            bash "$ROOT/../shared/tools/peer-bench.sh" || { echo "warning: peer-bench.sh failed; no ratios to the other implementation" >&2; PEER_JSON=""; }
    fi
    BENCH_API_PEAK_RSS_KB=$(awk '/^VmHWM/ {print $2}' "/proc/$API_PID/status") BENCH_START_READY_MS=$START_READY_MS BENCH_LEADS=$BENCH_LEADS \
    BENCH_WRK_ARGS="-t$WRK_THREADS -c$WRK_CONNECTIONS -d${WRK_SECONDS}s" \
        dotnet "$BENCH_DLL" wrk-report "$WORK/wrk.jsonl" "$RESULTS/wrk-latest.json" $PEER_JSON || rc=1
    [[ -n $PEER_JSON ]] && cp "$PEER_JSON" "$RESULTS/peer-latest.json"
fi
step "Done in $((SECONDS - START_SECONDS)) s (exit $rc)."
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "BENCH_KEEP=1: API on http://127.0.0.1:$PORT, database: $LP_BINDIR/psql postgresql://postgres@127.0.0.1:$LP_PORT/medaesthetics_bench"
    echo "Press Ctrl-C (or send TERM to $$) to stop them."
    while kill -0 "$API_PID" 2>/dev/null; do sleep 1; done
fi
echo "Stopping the API and PostgreSQL."
exit "$rc"
