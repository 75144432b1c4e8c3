#!/usr/bin/env bash
# Installs the SDK from the build tree into a temporary prefix, builds the plugin in
# tests/fixtures/outoftree against that installation alone, and has the kernel load it.
set -euo pipefail
build_dir=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" > "$work/install.log"
test -f "$work/prefix/include/tessera/sdk/PluginExport.hpp"
test -f "$work/prefix/lib/cmake/TesseraSDK/TesseraSDKConfig.cmake"

generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$source_dir/tests/fixtures/outoftree" -B "$work/build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/configure.log" ||
  { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" > "$work/build.log" || { cat "$work/build.log"; exit 1; }

plugin_dir="$work/build/plugins/acme.hello"
test -f "$plugin_dir/libacme_hello.so" || { echo "no library in $plugin_dir"; exit 1; }
test -f "$plugin_dir/schema/entities/Greeting.json" || { echo "schema not copied"; exit 1; }

# The installed kernel checks and loads it.
"$work/prefix/bin/tessera" plugin check "$plugin_dir"
out=$("$work/prefix/bin/tessera" --set "plugins.path=$work/build/plugins" \
  --set plugins.enabled=acme.hello --set "db.url=sqlite:$work/var/tessera.db" plugin list)
echo "$out"
grep -Eq '^acme\.hello +0\.3\.0 +running' <<< "$out" || { echo "acme.hello did not run"; exit 1; }

# A config setting reaches the plugin; an empty greeting makes initialize fail with its message.
out=$("$work/prefix/bin/tessera" --set "plugins.path=$work/build/plugins" \
  --set plugins.enabled=acme.hello --set plugin.acme.hello.greeting= \
  --set "db.url=sqlite:$work/var/tessera.db" plugin list)
grep -q 'initialize threw: acme.hello needs a "greeting"' <<< "$out" ||
  { echo "$out"; echo "config override did not reach the plugin"; exit 1; }
# A plugin scaffolded by tools/new-plugin builds against the installed SDK alone too (its test
# needs the in-tree test kit and is run by the main build) and loads.
"$source_dir/tools/new-plugin" acme.tasks "$work/tasks" > /dev/null
cmake -S "$work/tasks" -B "$work/tasks-build" "${generator[@]}" "${launcher[@]}" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=RelWithDebInfo > "$work/tasks.log" 2>&1 ||
  { cat "$work/tasks.log"; exit 1; }
cmake --build "$work/tasks-build" >> "$work/tasks.log" 2>&1 || { cat "$work/tasks.log"; exit 1; }
out=$("$work/prefix/bin/tessera" --set "plugins.path=$work/tasks-build/plugins" \
  --set plugins.enabled=acme.tasks --set "db.url=sqlite:$work/var/tasks.db" plugin list)
grep -Eq '^acme\.tasks +0\.1\.0 +running' <<< "$out" || { echo "$out"; echo "acme.tasks did not run"; exit 1; }
echo "out-of-tree plugin: passed"
