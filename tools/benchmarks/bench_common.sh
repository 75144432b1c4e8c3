# Shared by the tools/bench shell modes (sourced): a temporary folder whose processes and
# PostgreSQL are stopped on exit, a free loopback port, and signing in through the sign-in form.
# Expects $base (the server's URL), $password, $use_pg and $bench_name (for messages).

# start_work: makes $work; every pid added to $pids, and the PostgreSQL under $work/pg when
# $use_pg is 1, is stopped when the script exits.
start_work() {
  work=$(mktemp -d)
  chmod 755 "$work"  # the PostgreSQL server runs as another user
  pids=()
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2> /dev/null || true
  done
  [ "$use_pg" = 1 ] && { tools/pg-temp stop "$work/pg" > /dev/null 2>&1 || true; }
  rm -rf "$work"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# sign_in LOGIN: prints the Cookie header value of a new session.
sign_in() {
  local jar=$work/jar.$1
  curl -s -o /dev/null -c "$jar" --data-urlencode "login=$1" --data-urlencode "password=$password" \
    "$base/login"
  local value
  value=$(awk '$6 == "tessera_session" {print $7}' "$jar")
  if [ -z "$value" ]; then
    echo "tools/bench $bench_name: signing in $1 failed" >&2
    exit 1
  fi
  echo "tessera_session=$value"
}
