#!/usr/bin/env bash
# tools/bench sales: the deals plugin's speed targets.
#
#   tools/bench sales [--deals N] [--open N] [--requests N] [--pg] [--data DIR]
#
#   --deals N     deals to load (default 1000000)
#   --open N      open deals in the Sales pipeline, shown on its kanban (default 5000)
#   --requests N  timed requests per page (default 20); the median and the slowest are shown
#   --pg          also measure on a throwaway PostgreSQL (tools/pg-temp)
#   --data DIR    keep the SQLite database in DIR and reuse it next time (skips the load)
#
# Loads the deals through the import path (bench_sales_data), starts `tessera serve` with
# contacts and deals, signs in an administrator (sees every deal) and a sales rep (their team's),
# and times the kanban page of the Sales pipeline and the forecast of the current year (by
# quarter, and the current quarter by owner) with curl, one request at a time: the time is the
# server's answer as seen on loopback. Targets: kanban <= 50 ms, forecast <= 300 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."

deals=1000000
open=5000
requests=20
use_pg=0
data_dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --deals) deals=$2; shift 2 ;;
    --open) open=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --pg) use_pg=1; shift ;;
    --data) data_dir=$2; shift 2 ;;
    *) echo "usage: tools/bench sales [--deals N] [--open N] [--requests N] [--pg] [--data DIR]" >&2; exit 2 ;;
  esac
done

tools/setup --test
build_dir=${TESSERA_BUILD_DIR:-build}
tools/build > /dev/null
tessera=$build_dir/bin/tessera
plugins=$(realpath "$build_dir/plugins")

bench_name=sales
# shellcheck source=bench_common.sh
source tools/benchmarks/bench_common.sh
start_work

password=bench-password-1
fails=0
results=()


# measure LABEL PATH COOKIE TARGET_MS: median and slowest of the timed requests after a warm-up.
measure() {
  local label=$1 path=$2 cookie=$3 target=$4 status
  status=$(curl -s -o "$work/page" -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  [ "$status" = 200 ] || { echo "tools/bench sales: $path answered $status" >&2; head -c 400 "$work/page" >&2; exit 1; }
  local times=()
  for _ in $(seq "$requests"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$base$path")")
  done
  local sorted median slowest verdict
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(awk -v n="$requests" 'NR == int((n + 1) / 2) {printf "%.1f", $1 * 1000}' <<< "$sorted")
  slowest=$(tail -n 1 <<< "$sorted" | awk '{printf "%.1f", $1 * 1000}')
  verdict=$(awk -v m="$median" -v t="$target" 'BEGIN {print (m <= t) ? "PASS" : "FAIL"}')
  [ "$verdict" = FAIL ] && fails=$((fails + 1))
  local line="$db_name $label: median $median ms, slowest $slowest ms (target <= $target ms) $verdict"
  results+=("$line")
  echo "$line"
}

run_on() {
  db_name=$1
  local url=$2 ids
  if [ -n "$data_dir" ] && [ -f "$data_dir/ids.$db_name" ]; then
    echo "-- reusing the data in $data_dir"
    ids=$(cat "$data_dir/ids.$db_name")
  else
    local started=$SECONDS
    ids=$("$build_dir/bin/bench_sales_data" --deals "$deals" --open "$open" --plugins "$plugins" "$url")
    echo "-- loaded $deals deals in $((SECONDS - started)) s"
    [ -n "$data_dir" ] && echo "$ids" > "$data_dir/ids.$db_name"
  fi
  local pipeline year
  pipeline=$(sed -n 's/^pipeline=//p' <<< "$ids")
  year=$(sed -n 's/^year=//p' <<< "$ids")
  local port
  port=$(free_port)
  base=http://127.0.0.1:$port
  "$tessera" --set "db.url=$url" --set "plugins.path=$plugins" --set plugins.enabled=contacts,deals \
    --set log.level=warning --set server.bind=127.0.0.1 --set "server.port=$port" serve \
    > "$work/serve.$db_name.log" 2>&1 &
  local server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 2000); do
    curl -s -o /dev/null "$base/login" && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/serve.$db_name.log" >&2; exit 1; }
    sleep 0.005
  done
  local admin rep
  admin=$(sign_in bench.admin)
  rep=$(sign_in bench.rep)
  measure "kanban, $open open deals, admin" "/p/deals/board/$pipeline" "$admin" 50
  measure "kanban, rep (team scope)" "/p/deals/board/$pipeline" "$rep" 50
  measure "forecast $year by quarter + quarter by owner, $deals deals, admin" "/api/v1/p/deals/forecast?year=$year" "$admin" 300
  measure "forecast page, rep (team scope)" "/p/deals/forecast?year=$year" "$rep" 300
  kill "$server_pid"
  wait "$server_pid" 2> /dev/null || true
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
sqlite_dir=${data_dir:-$work}
mkdir -p "$sqlite_dir"
run_on sqlite "sqlite:$sqlite_dir/sales.db"
if [ "$use_pg" = 1 ]; then
  url=$(tools/pg-temp start "$work/pg" | tail -n 1)
  run_on postgres "$url"
fi
echo
printf '%s\n' "${results[@]}"
exit $((fails > 0))
