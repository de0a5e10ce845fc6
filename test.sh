#!/usr/bin/env bash
# Build and run all tests against a throwaway PostgreSQL cluster.
# Extra arguments go to `dotnet test`, e.g.  ./test.sh --filter FullyQualifiedName~Auth
# The last line printed is always "N passed, N failed"; exit 0 only if nothing failed and something passed.
set -uo pipefail   # no -e: we want to reach the summary whatever fails
cd "$(dirname "${BASH_SOURCE[0]}")" || { echo "0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/local-postgres.sh
. scripts/local-postgres.sh
# shellcheck source=scripts/local-redis.sh
. scripts/local-redis.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROJECTS=(tests/MedAesthetics.UnitTests tests/MedAesthetics.IntegrationTests)
# A single test stuck longer than this is aborted (and counted as failed) instead of eating CI's 90 minutes.
HANG_TIMEOUT=${TEST_HANG_TIMEOUT:-15m}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/medaesthetics-test.XXXXXX") || { echo "0 passed, 1 failed"; exit 1; }
PG_BASE=""
REDIS_DIR=""

cleanup() {
    trap '' INT TERM
    # Silent on purpose: the summary line must stay the last line printed.
    [[ -n $PG_BASE ]] && lp_stop "$PG_BASE" >/dev/null 2>&1
    PG_BASE=""
    [[ -n $REDIS_DIR ]] && lr_stop "$REDIS_DIR" >/dev/null 2>&1
    REDIS_DIR=""
    rm -rf "$WORK" 2>/dev/null
    if [[ -n ${LP_FALLBACK_DIR:-} ]]; then rm -rf "$LP_FALLBACK_DIR" 2>/dev/null; fi
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail_early() {   # $1: message
    echo "$1" >&2
    cleanup
    echo "0 passed, 1 failed"
    exit 1
}

# 1. Build everything once; tests then run with --no-build.
echo "Building MedAesthetics.slnx (Release)..."
if ! dotnet build MedAesthetics.slnx -c Release -nologo >"$WORK/build.log" 2>&1; then
    tail -n 80 "$WORK/build.log"
    fail_early "error: build failed"
fi
echo "Build succeeded."

# 2. Throwaway database cluster unless the caller provides one.
if [[ -z ${TEST_DATABASE_URL:-} ]]; then
    lp_ensure_server || fail_early "error: PostgreSQL is required for the integration tests"
    if lp_is_root; then
        chmod 711 "$WORK"   # let user postgres traverse into $WORK/pg
    fi
    # Fallback (TMPDIR unreachable for postgres): a fresh private dir under /tmp, removed at exit.
    LP_FALLBACK_DIR=$(mktemp -d /tmp/medaesthetics-testpg.XXXXXX)
    base=$(lp_prepare_base "$WORK/pg" "$LP_FALLBACK_DIR/pg") || fail_early "error: no directory usable by PostgreSQL"
    [[ $base == "$WORK/pg" ]] && { rm -rf "$LP_FALLBACK_DIR"; LP_FALLBACK_DIR=""; }
    PG_BASE=$base
    lp_start "$base" "${TEST_PG_PORT:-54339}" throwaway || fail_early "error: could not start the test PostgreSQL cluster"
    TEST_DATABASE_URL=$(lp_url postgres)
    export TEST_DATABASE_URL
    echo "Test PostgreSQL: $TEST_DATABASE_URL"
fi

# 2b. Throwaway Redis for the two-node tests (the SignalR backplane): redis-server, installed from Debian's package when
# it is missing and we are root (a fresh machine), as PostgreSQL is above; without one those tests fail saying to
# install it.
if [[ -z ${TEST_REDIS_URL:-} ]] && lr_ensure; then
    if lr_start "$WORK/redis" "$(( ${TEST_PG_PORT:-54339} + 200 ))"; then
        REDIS_DIR=$WORK/redis
        TEST_REDIS_URL=$LR_URL
        export TEST_REDIS_URL
        echo "Test Redis: $TEST_REDIS_URL"
    fi
fi

# Value of attribute $2 in the <Counters .../> element $1 (0 if absent).
counter() {
    local v
    v=$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")
    echo "${v:-0}"
}

# 3. Run each test project; results go to one trx file per project.
passed=0
failed=0
mkdir -p "$WORK/results"
for project in "${PROJECTS[@]}"; do
    name=$(basename "$project")
    trx=$WORK/results/$name.trx
    echo ""
    echo "=== $name ==="
    dotnet test "$project" --no-build -c Release \
        --results-directory "$WORK/results" \
        --logger "trx;LogFileName=$name.trx" \
        --logger "console;verbosity=normal" \
        --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
        "$@"
    rc=$?

    # 4. Count from <Counters .../>; errors, timeouts and aborted runs count as failures.
    p=0 f=0
    if [[ -f $trx ]]; then
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
        p=$(counter "$counters" passed)
        f=$(( $(counter "$counters" failed) + $(counter "$counters" error) \
            + $(counter "$counters" timeout) + $(counter "$counters" aborted) ))
    fi
    # Crashed/aborted test host, or no trx at all: count the project as one failure.
    if [[ $rc -ne 0 && $f -eq 0 ]]; then
        echo "error: dotnet test for $name exited with code $rc without reporting a failed test" >&2
        f=1
    elif [[ ! -f $trx && $rc -eq 0 ]]; then
        echo "note: no trx produced for $name (no tests matched?)" >&2
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    # Name what failed, so a CI log that keeps only its tail still says which test it was.
    if [[ -f $trx && $f -gt 0 ]]; then
        grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" \
            | sed -n 's/.* testName="\([^"]*\)".*/\1/p' >>"$WORK/failed-tests"
    fi
done
if [[ -s $WORK/failed-tests ]]; then
    echo ""
    echo "Failed tests:"
    sed 's/^/  /' "$WORK/failed-tests"
fi

cleanup
echo ""
echo "$passed passed, $failed failed"
[[ $failed -eq 0 && $passed -gt 0 ]]
