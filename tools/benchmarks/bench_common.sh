# Shared by the tools/bench shell modes (sourced): a free loopback port, and signing in through
# the sign-in form. Expects $work (a temporary folder), $base (the server's URL), $password and
# $bench_name (for messages).

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
