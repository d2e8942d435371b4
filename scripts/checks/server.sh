# Sourced by every check wrapper in scripts/checks. Exports CUTOVER_BIN ($CUTOVER_BIN, or
# the debug build's `cutover`), makes sure Python 3 has `requests`, and cleans up when the
# wrapper ends (an interrupted one exits 130):
#
#   run_check SCRIPT ARGS...  runs a Python check that starts its own servers (crash, soak,
#                             backup, instances) in the background, so that an interrupted
#                             wrapper can stop it (it then stops its servers and removes its
#                             folders itself), and exits with the check's status
#   start_server PORT         `cutover serve --demo` on 127.0.0.1:PORT with a fresh data
#                             folder, kept by `python3 lib.py serve`; sets server_pid,
#                             server_data (the folder), server_url and server_log
#   stop_server               stops that server (its log stays in $checks_work until the end)
#   server_running            true while it is alive
#   server_fatal_lines        the first fatal lines of its log, indented
#   need_python REQUIREMENT [CODE]  installs REQUIREMENT with pip unless the Python CODE
#                             (default: `import REQUIREMENT`) already runs

export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ beside the checks
checks_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$checks_dir/../.." && pwd)"
export CUTOVER_BIN="${CUTOVER_BIN:-$(cd "$repo_root" && swift build --show-bin-path)/cutover}"
checks_work="$(mktemp -d)"
check_pid=""
server_pid=""
server_data=""
server_url=""
server_log=""

stop_background() { # pid: SIGTERM, then wait for it (it stops whatever it started itself)
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null
        wait "$1" 2>/dev/null
    fi
}

checks_cleanup() {
    stop_background "$check_pid"
    stop_server
    rm -rf "$checks_work"
}
trap checks_cleanup EXIT
trap 'exit 130' INT TERM HUP

need_python() { # pip requirement, Python code that runs once it is installed
    python3 -c "${2:-import $1}" 2>/dev/null && return 0
    python3 -m pip install --quiet "$1" >/dev/null 2>&1 ||
        python3 -m pip install --quiet --break-system-packages "$1" >/dev/null || {
        echo "cannot install $1 with pip" >&2
        return 1
    }
}

run_check() { # script, arguments...
    python3 -u "$@" &
    check_pid=$!
    wait "$check_pid"
    local status=$?
    check_pid=""
    exit "$status"
}

server_running() {
    [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null
}

start_server() { # port
    server_data="$(mktemp -d -p "$checks_work" data.XXXXXX)"
    server_url="http://127.0.0.1:$1"
    server_log=""
    local ready="$checks_work/ready"
    rm -f "$ready"
    mkfifo "$ready" || return 1
    # lib.py writes the log's path on descriptor 3 once the server is ready; if it gives up
    # (and says why on stderr), the descriptor closes with nothing written.
    python3 "$checks_dir/lib.py" serve "$1" "$server_data" 3>"$ready" &
    server_pid=$!
    read -r server_log <"$ready"
    rm -f "$ready"
    if [ -z "$server_log" ]; then
        wait "$server_pid" 2>/dev/null
        server_pid=""
        return 1
    fi
}

stop_server() {
    stop_background "$server_pid"
    server_pid=""
}

server_fatal_lines() {
    grep -m 3 -i "fatal\|runtime failure\|crashed" "$server_log" | sed 's/^/    /'
}

need_python requests || exit 1
