#!/usr/bin/env bash
# The `tessera` binary end to end: user add/list, serve refusing a failed plugin, serve answering
# on a free port, the OpenAPI document passing a standard validator, and SIGTERM ending it cleanly.
set -euo pipefail
tessera=$1
plugin_dir=$2
source_dir=$3
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

common=(--set "db.url=sqlite:$work/tessera.db" --set "plugins.path=$plugin_dir"
        --set auth.password_hash=interactive --set log.level=warning)

echo "long enough password" | "$tessera" "${common[@]}" user add --login admin --role admin \
  --password-stdin --email admin@example.com > "$work/add.out"
grep -q "User admin" "$work/add.out" || fail "user add: $(cat "$work/add.out")"
"$tessera" "${common[@]}" user add --login rep --password short 2> "$work/short.err" &&
  fail "a short password was accepted"
grep -q "at least" "$work/short.err" || fail "short password message: $(cat "$work/short.err")"
"$tessera" "${common[@]}" user add --login rep --role sales_rep > "$work/gen.out"
grep -q "Password: " "$work/gen.out" || fail "no generated password printed"
"$tessera" "${common[@]}" user list > "$work/list.out"
grep -q "admin" "$work/list.out" && grep -q "sales_rep" "$work/list.out" || fail "user list: $(cat "$work/list.out")"
echo "another long password" | "$tessera" "${common[@]}" user passwd --login admin --password-stdin \
  | grep -q "changed" || fail "user passwd"

# An enabled plugin that fails: serve refuses and says why.
if "$tessera" "${common[@]}" --set plugins.enabled=fixture.throw.initialize --set server.port=0 \
    serve > "$work/refused.out" 2>&1; then
  fail "serve started with a failed plugin"
fi
grep -q "fixture.throw.initialize" "$work/refused.out" || fail "no reason printed: $(cat "$work/refused.out")"

# With plugins.on_error = skip it serves without the failed plugin; its entities are absent.
mkfifo "$work/skip"
"$tessera" "${common[@]}" --set plugins.enabled=fixture.throw.initialize --set plugins.on_error=skip \
  --set server.port=0 serve > "$work/skip" 2> "$work/skip.err" &
server=$!
exec 4< "$work/skip"
read -r banner <&4 || fail "serve (skip) printed nothing: $(cat "$work/skip.err")"
grep -q "fixture.throw.initialize" "$work/skip.err" || fail "skip: no reason printed"
port=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<< "$banner")
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/openapi.json")
[ "$code" = 200 ] || fail "serve (skip) answered $code"
kill -INT "$server"
wait "$server" || fail "serve (skip) exited with $? after SIGINT"
server=""
exec 4<&-

mkfifo "$work/out"
"$tessera" "${common[@]}" --set plugins.enabled=fixture.base --set server.port=0 serve \
  > "$work/out" 2> "$work/serve.err" &
server=$!
exec 3< "$work/out"
read -r banner <&3 || fail "serve printed nothing: $(cat "$work/serve.err")"
port=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<< "$banner")
base="http://127.0.0.1:$port"

code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/me")
[ "$code" = 401 ] || fail "GET /api/v1/me without a session: $code"
curl -s -c "$work/jar" -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"another long password"}' "$base/api/v1/session" > "$work/session.json"
grep -q csrfToken "$work/session.json" || fail "sign-in: $(cat "$work/session.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/jar" "$base/api/v1/me")
[ "$code" = 200 ] || fail "GET /api/v1/me signed in: $code"
head -c 2000000 /dev/zero | tr '\0' 'x' > "$work/big"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/jar" -H 'Content-Type: application/json' \
  --data-binary @"$work/big" "$base/api/v1/widgets" || true)
[ "$code" = 413 ] || fail "2 MB body: $code"
curl -s -f "$base/api/v1/openapi.json" > "$work/openapi.json" || fail "openapi.json"
grep -q '"/api/v1/widgets"' "$work/openapi.json" || fail "no widget paths in openapi.json"

kill -TERM "$server"
wait "$server" || fail "serve exited with $? after SIGTERM"
server=""
cat <&3 > "$work/rest.out"
grep -q "stopped" "$work/rest.out" || fail "no stop message"

if [ "${TESSERA_SKIP_NPM:-0}" != 1 ]; then
  "$source_dir/tools/openapi-validate" "$work/openapi.json"
fi
echo "serve_cli: ok"
