#!/usr/bin/env bash
# A private, throwaway Redis for ./test.sh (the two-node tests' SignalR backplane) and ./run.sh --nodes N.
# Source after scripts/local-postgres.sh (uses lp_log, lp_is_root, lp_port_busy, lp_free_port).
#   lr_find            redis-server on PATH?
#   lr_ensure          lr_find, else install the Debian package redis-server when root (CI), else explain
#   lr_start DIR PORT  start one on the first free port >= PORT, data and pid in DIR; sets LR_PORT and LR_URL
#   lr_stop DIR        stop the one started in DIR (by its pid file)

lr_find() { command -v redis-server >/dev/null 2>&1; }

lr_ensure() {
    lr_find && return 0
    if ! lp_is_root; then
        lp_log "error: redis-server not found; install the Debian package 'redis-server' (sudo apt-get install -y redis-server)."
        return 1
    fi
    lp_log "redis-server not found; installing Debian package 'redis-server'..."
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; } >&2; then
        lp_log "error: 'apt-get install redis-server' failed."
        return 1
    fi
    lr_find
}

lr_start() {
    local dir=$1 port i
    mkdir -p "$dir" || return 1
    port=$(lp_free_port "$2")
    # No persistence: it only carries live messages between nodes.
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null || return 1
    for ((i = 0; i < 50; i++)); do
        if lp_port_busy "$port"; then
            LR_PORT=$port
            LR_URL="redis://127.0.0.1:$port"
            return 0
        fi
        sleep 0.1
    done
    lp_log "error: redis-server did not start (see $dir/redis.log)"
    return 1
}

lr_stop() {
    local pidfile=$1/redis.pid pid i
    [[ -f $pidfile ]] || return 0
    pid=$(cat "$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
