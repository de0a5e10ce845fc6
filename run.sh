#!/usr/bin/env bash
# Start MedAesthetics locally: private PostgreSQL (unless DATABASE_URL/DATABASE_HOST is set),
# build, migrate, seed demo data (Development), then serve the API until Ctrl-C.
#   ./run.sh --nodes N   N API processes on ports PORT, PORT+1, ... over the one database (and, when redis-server
#                        exists and REDIS_URL is not set, a private Redis so live notifications reach every node)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
# shellcheck source=scripts/local-postgres.sh
. scripts/local-postgres.sh
# shellcheck source=scripts/local-redis.sh
. scripts/local-redis.sh

NODES=1
while [[ $# -gt 0 ]]; do
    case $1 in
        --nodes) NODES=${2:-}; shift 2 || { echo "usage: ./run.sh [--nodes N]" >&2; exit 2; } ;;
        --nodes=*) NODES=${1#*=}; shift ;;
        -h | --help) echo "usage: ./run.sh [--nodes N]   (N API processes on ports PORT.., default 3000)"; exit 0 ;;
        *) echo "unknown argument: $1 (usage: ./run.sh [--nodes N])" >&2; exit 2 ;;
    esac
done
if ! [[ $NODES =~ ^[1-9]$ ]]; then
    echo "error: --nodes takes 1 to 9" >&2
    exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# .env (optional, never committed; start from .env.example): KEY=value lines. A variable already set in the shell
# wins, and an empty value means "not set", so the example's blank lines change nothing.
if [[ -f .env ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
        [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
        key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
        value=${value%\"}; value=${value#\"}; value=${value%\'}; value=${value#\'}
        if [[ -n $value && -z ${!key+x} ]]; then export "$key=$value"; fi
    done <.env
fi
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
API_PORT=${PORT:-3000}
DLL=src/MedAesthetics.Api/bin/Release/net10.0/MedAesthetics.Api.dll

API_PIDS=()
PG_BASE=""   # set only if this script started the cluster, so we only stop what we started
REDIS_DIR=""   # likewise for the private Redis of --nodes

cleanup() {
    local rc=$?
    trap '' INT TERM   # finish cleaning up even if Ctrl-C is pressed again
    trap - EXIT
    local pid i
    for pid in "${API_PIDS[@]}"; do
        # TERM, not INT: background jobs of a non-interactive shell ignore SIGINT.
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${API_PIDS[@]}"; do
        for ((i = 0; i < 100; i++)); do   # give each API up to ~20 s to shut down gracefully
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ -n $REDIS_DIR ]]; then
        lr_stop "$REDIS_DIR"
    fi
    if [[ -n $PG_BASE ]]; then
        echo "Stopping private PostgreSQL..." >&2
        lp_stop "$PG_BASE" || echo "warning: could not stop PostgreSQL in $PG_BASE/data" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p .data

# 1. Database: a private cluster in .data/pg unless the caller points us at one.
if [[ -z ${DATABASE_URL:-} && -z ${DATABASE_HOST:-} ]]; then
    lp_ensure_server
    base=$(lp_prepare_base "$ROOT/.data/pg")
    # Keep the port stable across runs (bookmarks, DB tools) unless it is taken.
    preferred=$(cat .data/port 2>/dev/null || true)
    [[ $preferred =~ ^[0-9]+$ ]] || preferred=54329
    lp_start "$base" "$preferred" dev
    [[ $LP_STARTED == 1 ]] && PG_BASE=$base
    echo "$LP_PORT" >.data/port
    lp_createdb medaesthetics
    DATABASE_URL=$(lp_url medaesthetics)
    export DATABASE_URL
    echo "PostgreSQL: $DATABASE_URL  (data: $base/data)"
fi

# 2. JWT secret: generated once, kept private in .data/jwt-secret.
if [[ -z ${JWT_SECRET:-} ]]; then
    if [[ ! -s .data/jwt-secret ]]; then
        (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >.data/jwt-secret)
    fi
    chmod 600 .data/jwt-secret
    JWT_SECRET=$(cat .data/jwt-secret)
    export JWT_SECRET
fi
# Lead webhook key for local ad-webhook tests: generated once into .data/lead-webhook-key unless given.
if [[ -z ${LEAD_WEBHOOK_KEY:-} ]]; then
    if [[ ! -s .data/lead-webhook-key ]]; then
        (umask 077 && head -c 18 /dev/urandom | base64 | tr -d '\n/+=' >.data/lead-webhook-key)
    fi
    LEAD_WEBHOOK_KEY=$(cat .data/lead-webhook-key)
    export LEAD_WEBHOOK_KEY
fi

# 3. Build, migrate, seed, serve.
echo "Building (Release)..."
dotnet build src/MedAesthetics.Api/MedAesthetics.Api.csproj -c Release -nologo -v quiet
echo "Applying migrations..."
dotnet "$DLL" migrate
if [[ $ASPNETCORE_ENVIRONMENT == Development ]]; then
    echo "Seeding demo data..."
    dotnet "$DLL" seed-demo
fi

# Several nodes share the database (outbox claims, Hangfire locks); live notifications cross nodes through Redis.
if ((NODES > 1)) && [[ -z ${REDIS_URL:-} && -z ${REDIS_HOST:-} ]]; then
    if lr_find && lr_start "$ROOT/.data/redis" 56379; then
        REDIS_DIR=$ROOT/.data/redis
        export REDIS_URL=$LR_URL
        echo "Redis (SignalR backplane): $REDIS_URL"
    else
        echo "warning: no redis-server: each node pushes live notifications only to its own connections (install redis-server or set REDIS_URL)" >&2
    fi
fi

# Background + wait: bash runs the INT/TERM traps only after a foreground child exits.
for ((n = 0; n < NODES; n++)); do
    PORT=$((API_PORT + n)) dotnet "$DLL" &
    API_PIDS+=($!)
    echo "MedAesthetics API node $((n + 1)) on http://127.0.0.1:$((API_PORT + n))  (Swagger UI: http://127.0.0.1:$((API_PORT + n))/api/docs)"
done
echo "Lead webhook key (X-Webhook-Key): $LEAD_WEBHOOK_KEY  (kept in .data/lead-webhook-key unless LEAD_WEBHOOK_KEY is set)"
# Stop everything when any node exits.
wait -n "${API_PIDS[@]}"
