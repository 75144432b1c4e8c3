#!/usr/bin/env bash
# tools/bench http: the web kernel's speed targets, each against nginx serving the same bytes.
#
#   tools/bench http [--rows N] [--duration S] [--rounds N] [--connections N] [--pg]
#                    [--data DIR] [--perf]
#
#   --rows N         BenchDeal records to load (default 100000)
#   --duration S     seconds per wrk run (default 8)
#   --rounds N       wrk runs per page and server, the best one counts (default 1)
#   --connections N  wrk connections (default 16; wrk uses 2 threads)
#   --pg             also measure on a throwaway PostgreSQL (tools/pg-temp)
#   --data DIR       keep the SQLite database in DIR and reuse it next time (skips the load)
#   --perf           record a perf profile of the server during the list page run (perf.data
#                    and a text report in the data or temp directory)
#
# Builds tessera, the data generator and the bench.deals plugin, loads the data, starts
# `tessera serve` on a free loopback port, times start-up to the first answer, signs in a sales
# rep (read scope team) and a rep whose role reads only their own records, and runs wrk on the
# list page, a detail page and the API list. For each it writes a file of the same size for a
# throwaway nginx (as many workers as cores, `reuseport`) and runs wrk on it right after, so both
# servers see the same machine; the ratio is the figure to compare, not the req/s. Every process
# it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

rows=100000
duration=8
rounds=1
connections=16
use_pg=0
data_dir=""
perf_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --pg) use_pg=1; shift ;;
    --data) data_dir=$2; shift 2 ;;
    --perf) perf_run=1; shift ;;
    *) echo "usage: tools/bench http [--rows N] [--duration S] [--rounds N] [--connections N] [--pg] [--data DIR] [--perf]" >&2; exit 2 ;;
  esac
done

tools/setup --bench
build_dir=${TESSERA_BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=${TESSERA_BUILD_TYPE:-RelWithDebInfo} > /dev/null
fi
cmake --build "$build_dir" --target tessera bench_http_data tessera_bench_deals > /dev/null
tessera=$build_dir/bin/tessera
plugins=$(realpath "$build_dir/bench-plugins")

bench_name=http
# shellcheck source=bench_common.sh
source tools/benchmarks/bench_common.sh
start_work

password=bench-password-1
cores=$(nproc)
results=()  # "label|tessera|nginx|target" lines, printed again at the end
fails=0


now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wrk_rate URL [header]: the best req/s of $rounds runs; warns about non-2xx answers.
wrk_rate() {
  local url=$1 header=${2:-} best=0 out rate
  for _ in $(seq "$rounds"); do
    if [ -n "$header" ]; then
      out=$(wrk -t2 -c"$connections" -d"${duration}s" -H "$header" "$url")
    else
      out=$(wrk -t2 -c"$connections" -d"${duration}s" "$url")
    fi
    if grep -q 'Non-2xx' <<< "$out"; then
      echo "   warning: $(grep 'Non-2xx' <<< "$out" | xargs) from $url" >&2
    fi
    rate=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
    best=$(python3 -c "print(max($best, $rate))")
  done
  echo "$best"
}

# Throwaway nginx serving $work/www on its own port.
start_nginx() {
  mkdir -p "$work/www" "$work/nginx"
  nginx_port=$(free_port)
  cat > "$work/nginx/nginx.conf" << EOF
worker_processes $cores;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { text/html html; application/json json; }
  server {
    listen 127.0.0.1:$nginx_port reuseport;
    root $work/www;
  }
}
EOF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
  pids+=($!)
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && return 0
    sleep 0.05
  done
  echo "tools/bench http: nginx did not start; see $work/nginx/error.log" >&2
  cat "$work/nginx/error.log" >&2
  exit 1
}

# measure LABEL PATH COOKIE EXT TARGET_PERCENT
measure() {
  local label=$1 path=$2 cookie=$3 ext=$4 target=$5
  local file=$work/www/$label.$ext status
  status=$(curl -s -o "$file" -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  if [ "$status" != 200 ]; then
    echo "tools/bench http: $path answered $status" >&2
    head -c 600 "$file" >&2
    exit 1
  fi
  local bytes
  bytes=$(stat -c %s "$file")
  if [ "$perf_run" = 1 ] && [ "$label" = list-rep ]; then
    perf record -g -o "$out_dir/perf.data" -p "$server_pid" -- sleep "$duration" > /dev/null 2>&1 &
    local perf_pid=$!
  fi
  local ours theirs
  ours=$(wrk_rate "$base$path" "Cookie: $cookie")
  if [ "$perf_run" = 1 ] && [ "$label" = list-rep ]; then
    wait "$perf_pid" || true
    perf report -i "$out_dir/perf.data" --no-children --percent-limit 0.7 --stdio \
      > "$out_dir/perf-list.txt" 2> /dev/null || true
    echo "   perf profile: $out_dir/perf.data, $out_dir/perf-list.txt"
  fi
  theirs=$(wrk_rate "http://127.0.0.1:$nginx_port/$label.$ext")
  local line
  line=$(python3 - "$label" "$path" "$bytes" "$ours" "$theirs" "$target" << 'EOF'
import sys
label, path, size, ours, theirs, target = sys.argv[1:]
ratio = 100.0 * float(ours) / float(theirs)
verdict = "PASS" if ratio >= float(target) else "FAIL"
print(f"{label:<12} {path:<34} {int(size):>7} B  tessera {float(ours):>8.0f} req/s  "
      f"nginx {float(theirs):>8.0f} req/s  {ratio:5.1f}% (target >= {target}%) {verdict}")
EOF
)
  echo "$line"
  results+=("$db_name $line")
  grep -q FAIL <<< "$line" && fails=$((fails + 1))
  return 0
}

# run_on NAME URL: loads the data (unless kept), serves it and measures.
run_on() {
  db_name=$1
  local url=$2 ids
  out_dir=${data_dir:-$work}
  if [ -n "$data_dir" ] && [ -f "$data_dir/ids.$db_name" ]; then
    echo "-- reusing the data in $data_dir"
    ids=$(cat "$data_dir/ids.$db_name")
  else
    local started
    started=$(now_ms)
    ids=$("$build_dir/bin/bench_http_data" --rows "$rows" --plugins "$plugins" "$url")
    echo "-- loaded $rows BenchDeal records in $(( ($(now_ms) - started) / 1000 )) s (users, roles and import through RecordImporter)"
    [ -n "$data_dir" ] && echo "$ids" > "$data_dir/ids.$db_name"
  fi
  local rep_deal own_deal
  rep_deal=$(sed -n 's/^rep_deal=//p' <<< "$ids")
  own_deal=$(sed -n 's/^own_deal=//p' <<< "$ids")

  local port
  port=$(free_port)
  base=http://127.0.0.1:$port
  local started
  started=$(now_ms)
  "$tessera" --set "db.url=$url" --set "plugins.path=$plugins" --set plugins.enabled=bench.deals \
    --set log.level=warning --set server.bind=127.0.0.1 --set "server.port=$port" serve \
    > "$work/serve.$db_name.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  local answered=""
  for _ in $(seq 2000); do
    if curl -s -o /dev/null "$base/login"; then
      answered=$(now_ms)
      break
    fi
    if ! kill -0 "$server_pid" 2> /dev/null; then
      echo "tools/bench http: tessera serve stopped:" >&2
      cat "$work/serve.$db_name.log" >&2
      exit 1
    fi
    sleep 0.005
  done
  [ -n "$answered" ] || { echo "tools/bench http: no answer from $base" >&2; exit 1; }
  local startup=$((answered - started))
  local rep own
  rep=$(sign_in bench.rep)
  own=$(sign_in bench.own)
  sleep 1
  local idle_rss
  idle_rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status")

  local verdict
  verdict=$([ "$startup" -lt 1000 ] && echo PASS || echo FAIL)
  [ "$verdict" = FAIL ] && fails=$((fails + 1))
  results+=("$db_name start-up to the first answered request: $startup ms (target < 1000 ms) $verdict")
  echo "start-up to the first answered request: $startup ms (target < 1000 ms) $verdict"
  verdict=$([ "$idle_rss" -lt 100 ] && echo PASS || echo FAIL)
  [ "$verdict" = FAIL ] && fails=$((fails + 1))
  results+=("$db_name RSS at idle, signed in, plugins loaded: $idle_rss MB (target < 100 MB) $verdict")
  echo "RSS at idle, signed in, plugins loaded: $idle_rss MB (target < 100 MB) $verdict"

  # bench.rep: sales_rep, read scope "team"; bench.own: a role with read scope "own".
  measure list-rep "/r/bench-deals?limit=50" "$rep" html 15
  measure detail-rep "/r/bench-deals/$rep_deal" "$rep" html 25
  measure api-rep "/api/v1/bench-deals?limit=50" "$rep" json 25
  measure list-own "/r/bench-deals?limit=50" "$own" html 15
  measure detail-own "/r/bench-deals/$own_deal" "$own" html 25
  measure api-own "/api/v1/bench-deals?limit=50" "$own" json 25
  local busy_rss
  busy_rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server_pid/status")
  echo "RSS after the load: $busy_rss MB"
  results+=("$db_name RSS after the load: $busy_rss MB")
  kill "$server_pid"
  wait "$server_pid" 2> /dev/null || true
}

echo "machine: $cores cores, $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) MB," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t2 -c$connections -d${duration}s, best of $rounds; nginx $cores workers, same bytes"
start_nginx
echo "== SQLite"
if [ -n "$data_dir" ]; then
  mkdir -p "$data_dir"
  run_on sqlite "sqlite:$(realpath "$data_dir")/http.db"
else
  run_on sqlite "sqlite:$work/http.db"
fi
if [ "$use_pg" = 1 ]; then
  echo "== PostgreSQL"
  pg_url=$(tools/pg-temp start "$work/pg" | tail -n 1)
  saved_data_dir=$data_dir
  data_dir=""
  run_on postgresql "$pg_url"
  data_dir=$saved_data_dir
fi
echo "== summary (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${results[@]}"
echo "$fails target(s) missed"
