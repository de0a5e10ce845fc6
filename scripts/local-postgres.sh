# shellcheck shell=bash
# Shared helpers for a private, loopback-only PostgreSQL cluster.
# Sourced by run.sh (persistent dev cluster), test.sh (throwaway cluster) and .ci/run.
#
# Public functions (all messages go to stderr so $(...) captures only results):
#   lp_ensure_server            find the server binaries, installing `postgresql` via apt when root
#   lp_prepare_base DIR [FALLBACK]
#                               print a directory the cluster owner can use (DIR, else FALLBACK under /tmp)
#   lp_start BASE PORT [dev|throwaway]
#                               initdb on first use, start on PORT (or the next free one);
#                               sets LP_PORT and LP_STARTED (1 if we started it, 0 if it was already up)
#   lp_stop BASE                fast shutdown (no-op if not running)
#   lp_createdb NAME            create database NAME unless it exists
#   lp_url DBNAME               print postgres://medaesthetics:medaesthetics@127.0.0.1:$LP_PORT/DBNAME
#
# Layout of BASE (owned by the cluster owner): BASE/data (PGDATA), BASE/postgres.log.
# Unix sockets are disabled (unix_socket_directories = ''): everything goes over
# 127.0.0.1 TCP, so the cluster can never clash with a system cluster's socket.

LP_ROLE=medaesthetics
LP_PASSWORD=medaesthetics
LP_BINDIR=${LP_BINDIR:-}
LP_PORT=${LP_PORT:-}
LP_STARTED=0

lp_log() { printf '%s\n' "$*" >&2; }

lp_is_root() { [[ $(id -u) -eq 0 ]]; }

# Locate initdb/pg_ctl/postgres: highest /usr/lib/postgresql/<ver>/bin, else pg_config --bindir.
lp_find_bindir() {
    [[ -n $LP_BINDIR && -x $LP_BINDIR/pg_ctl ]] && return 0
    local dir best=""
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
        [[ -x $dir/initdb && -x $dir/pg_ctl && -x $dir/postgres ]] && best=$dir
    done
    if [[ -z $best ]] && command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        [[ -n $dir && -x $dir/initdb && -x $dir/pg_ctl ]] && best=$dir
    fi
    [[ -n $best ]] || return 1
    LP_BINDIR=$best
}

lp_ensure_server() {
    lp_find_bindir && return 0
    if ! lp_is_root; then
        lp_log "error: PostgreSQL server binaries (initdb, pg_ctl, postgres) not found."
        lp_log "       Install the Debian package 'postgresql' (sudo apt-get install -y postgresql) and retry."
        return 1
    fi
    lp_log "PostgreSQL server not found; installing Debian package 'postgresql'..."
    # No prompts (CI has no stdin). The package may create/start a system cluster on 5432;
    # ours never touches it (other port, no unix socket).
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } >&2; then
        lp_log "error: 'apt-get install postgresql' failed."
        return 1
    fi
    lp_find_bindir || { lp_log "error: 'postgresql' installed but no server binaries found under /usr/lib/postgresql/*/bin."; return 1; }
}

# Run a command as the cluster owner: `postgres` when we are root (PostgreSQL refuses
# to run as root), otherwise ourselves. cd / first: the caller's cwd may be unreachable for postgres.
lp_as_owner() {
    if lp_is_root; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# Can the cluster owner create files in DIR (which implies it can reach every parent)?
lp_owner_can_use() {
    lp_as_owner test -d "$1" -a -w "$1" -a -x "$1" 2>/dev/null
}

# Make DIR usable by the cluster owner and print it. As root, DIR is created and chowned to
# postgres; if postgres cannot reach it (e.g. the clone lives under /root, mode 700), use FALLBACK
# (default: /tmp/medaesthetics-<hash of DIR>/pg), which is stable across runs for the same DIR.
lp_prepare_base() {
    local dir=$1 fallback=${2:-}
    mkdir -p "$dir"
    if lp_is_root; then
        id postgres >/dev/null 2>&1 || { lp_log "error: OS user 'postgres' missing (install the 'postgresql' package)."; return 1; }
        chown postgres:postgres "$dir"
        chmod 700 "$dir"
    fi
    if lp_owner_can_use "$dir"; then
        printf '%s\n' "$dir"
        return 0
    fi
    if [[ -z $fallback ]]; then
        fallback=/tmp/medaesthetics-$(printf '%s' "$dir" | sha256sum | cut -c1-12)/pg
    fi
    rmdir "$dir" 2>/dev/null || true   # only removes it if still empty
    lp_log "note: user postgres cannot reach $dir (a parent directory is private); using $fallback instead."
    mkdir -p "$fallback"
    if lp_is_root; then
        chmod 755 "$(dirname "$fallback")"
        chown postgres:postgres "$fallback"
    fi
    chmod 700 "$fallback"
    lp_owner_can_use "$fallback" || { lp_log "error: user postgres cannot use $fallback either."; return 1; }
    printf '%s\n' "$fallback"
}

# True if something already listens on 127.0.0.1:PORT.
lp_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Print the first port >= START that nothing listens on.
lp_free_port() {
    local port=$1
    while lp_port_busy "$port"; do
        port=$((port + 1))
    done
    printf '%s\n' "$port"
}

# initdb once, with trust auth (loopback only, throwaway/dev data) and our settings.
lp_init() {
    local base=$1 mode=$2 data=$1/data
    [[ -f $data/PG_VERSION ]] && return 0
    lp_log "Initialising PostgreSQL cluster in $data ..."
    lp_as_owner "$LP_BINDIR/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --no-locale >"$base/initdb.log" 2>&1 \
        || { cat "$base/initdb.log" >&2; lp_log "error: initdb failed"; return 1; }
    {
        echo ""
        echo "# --- MedAesthetics private cluster (scripts/local-postgres.sh) ---"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = ''   # TCP only: no clash with a system cluster's socket"
        echo "max_connections = 300          # integration tests open many connection pools"
        if [[ $mode == throwaway ]]; then
            # Durability is pointless for a cluster deleted after the run; this is much faster.
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } | lp_as_owner tee -a "$data/postgresql.conf" >/dev/null
}

# Port of a running cluster, from line 4 of postmaster.pid.
lp_running_port() {
    sed -n 4p "$1/data/postmaster.pid" 2>/dev/null
}

lp_wait_ready() {
    local i
    for ((i = 0; i < 60; i++)); do
        "$LP_BINDIR/pg_isready" -q -h 127.0.0.1 -p "$LP_PORT" && return 0
        sleep 0.5
    done
    lp_log "error: PostgreSQL on 127.0.0.1:$LP_PORT not ready after 30 s (log: $1/postgres.log)"
    return 1
}

lp_psql() {
    local db=$1; shift
    "$LP_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "postgresql://postgres@127.0.0.1:$LP_PORT/$db" "$@"
}

lp_start() {
    local base=$1 port=${2:-54329} mode=${3:-dev} data=$1/data tries
    LP_STARTED=0
    lp_find_bindir || { lp_log "error: PostgreSQL server binaries not found"; return 1; }
    lp_init "$base" "$mode" || return 1

    # Already running (e.g. a previous run.sh was killed -9)? Reuse it and leave it running.
    if lp_as_owner "$LP_BINDIR/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        LP_PORT=$(lp_running_port "$base")
        lp_log "PostgreSQL already running from $data on port $LP_PORT; reusing it."
        lp_wait_ready "$base" || return 1
    else
        # Another process may grab the port between the check and the bind: retry a few ports.
        for ((tries = 0; tries < 10; tries++)); do
            LP_PORT=$(lp_free_port "$port")
            if lp_as_owner "$LP_BINDIR/pg_ctl" -D "$data" -l "$base/postgres.log" -w -t 60 \
                -o "-p $LP_PORT" start >/dev/null 2>&1; then
                LP_STARTED=1
                break
            fi
            lp_log "PostgreSQL did not start on port $LP_PORT; retrying on another port."
            port=$((LP_PORT + 1))
        done
        if [[ $LP_STARTED != 1 ]]; then
            tail -n 20 "$base/postgres.log" >&2 2>/dev/null || true
            lp_log "error: could not start PostgreSQL (log: $base/postgres.log)"
            return 1
        fi
        lp_wait_ready "$base" || return 1
    fi

    # Application role (idempotent). Superuser so migrations may CREATE EXTENSION and tests may CREATE DATABASE.
    lp_psql postgres -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$LP_ROLE') THEN
            CREATE ROLE $LP_ROLE LOGIN SUPERUSER PASSWORD '$LP_PASSWORD';
        END IF; END \$\$;" || { lp_log "error: could not create role $LP_ROLE"; return 1; }
}

lp_stop() {
    local data=$1/data
    [[ -f $data/postmaster.pid ]] || return 0
    lp_find_bindir || return 1
    lp_as_owner "$LP_BINDIR/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1
}

lp_createdb() {
    local name=$1
    if [[ -z $(lp_psql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
        lp_psql postgres -c "CREATE DATABASE \"$name\" OWNER $LP_ROLE" || return 1
    fi
}

lp_url() {
    printf 'postgres://%s:%s@127.0.0.1:%s/%s\n' "$LP_ROLE" "$LP_PASSWORD" "$LP_PORT" "$1"
}
