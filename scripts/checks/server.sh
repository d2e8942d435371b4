# Sourced by the check wrappers in scripts/checks: starts and stops `cutover serve --demo`
# on a fresh data folder, on 127.0.0.1 only, and makes sure Python has what the checks use.
#
#   start_server PORT   sets server_pid, server_data (the data folder) and server_url
#   stop_server         stops the server started last (its logs stay in $checks_work)
#   server_running      true while that process is alive
#
# The binary is $CUTOVER_BIN, or the debug build's `cutover`.

export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ beside the checks
checks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$checks_dir/../.." && pwd)"
bin="${CUTOVER_BIN:-$(cd "$repo_root" && swift build --show-bin-path)/cutover}"
checks_work="$(mktemp -d)"
server_pid=""
server_data=""
server_url=""

checks_cleanup() {
    stop_server
    rm -rf "$checks_work"
}
trap checks_cleanup EXIT
trap 'exit 130' INT TERM

need_python() { # pip requirement, module to import
    python3 -c "import $2" 2>/dev/null || pip install --quiet "$1" >/dev/null 2>&1 || {
        echo "cannot install $1 with pip" >&2
        return 1
    }
}

server_running() {
    [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null
}

start_server() { # port
    local port="$1"
    if [ ! -x "$bin" ]; then
        echo "no cutover binary at $bin (set CUTOVER_BIN)" >&2
        return 1
    fi
    server_data="$(mktemp -d -p "$checks_work" data.XXXXXX)"
    server_url="http://127.0.0.1:$port"
    "$bin" serve --demo --data "$server_data" --port "$port" >"$server_data/out.log" 2>"$server_data/err.log" &
    server_pid=$!
    local tries=0
    while [ $tries -lt 120 ]; do # at most 60 seconds
        if curl -sf -m 2 "$server_url/readyz" >/dev/null 2>&1; then
            return 0
        fi
        if ! server_running; then
            echo "the server exited while starting; its log:" >&2
            tail -20 "$server_data/out.log" "$server_data/err.log" >&2
            server_pid=""
            return 1
        fi
        sleep 0.5
        tries=$((tries + 1))
    done
    echo "the server did not answer /readyz within 60 seconds" >&2
    stop_server
    return 1
}

stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null
        local tries=0
        while server_running && [ $tries -lt 50 ]; do # at most 10 seconds, then force
            sleep 0.2
            tries=$((tries + 1))
        done
        server_running && kill -9 "$server_pid" 2>/dev/null
        wait "$server_pid" 2>/dev/null
        server_pid=""
    fi
}
