#!/usr/bin/env bash
# Install, start and stop the project's local Neo4j Community server.
#
#   dev/neo4j/neo4j.sh install   resolve the server jars from Maven Central
#   dev/neo4j/neo4j.sh start     start in the background; return once Bolt answers
#   dev/neo4j/neo4j.sh stop      stop by the recorded pid
#   dev/neo4j/neo4j.sh status
#
# Instance settings come from the environment (defaults in brackets):
#   NEO4J_LOCAL_HOME  [.neo4j/dev]  data, logs, conf and pid of this instance
#   NEO4J_BOLT_PORT   [7687]        NEO4J_HTTP_PORT [7474]
#   NEO4J_PASSWORD    [devpassword] initial password of the neo4j user
#   NEO4J_HEAP [3g]  NEO4J_PAGECACHE [512m]  NEO4J_TX_MEMORY [2g]  NEO4J_START_TIMEOUT [120] s
#
# The jars live once in .neo4j/dist/lib; every instance links to them, so a dev
# server and a test server share one download.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist="$root/.neo4j/dist"
home="${NEO4J_LOCAL_HOME:-$root/.neo4j/dev}"
bolt_port="${NEO4J_BOLT_PORT:-7687}"
http_port="${NEO4J_HTTP_PORT:-7474}"
password="${NEO4J_PASSWORD:-devpassword}"
timeout="${NEO4J_START_TIMEOUT:-120}"
python="${PYTHON:-$root/.venv/bin/python}"

java_cmd() {
  java -cp "$dist/lib/*" -Dbasedir="$home" "$@"
}

neo4j_cmd() {
  NEO4J_HOME="$home" NEO4J_CONF="$home/conf" java_cmd org.neo4j.server.startup.Neo4jCommand "$@"
}

admin_cmd() {
  NEO4J_HOME="$home" NEO4J_CONF="$home/conf" java_cmd org.neo4j.server.startup.Neo4jAdminCommand "$@"
}

install() {
  # A stamp of the pom's checksum: a changed pom means a new version to fetch.
  local stamp="$dist/pom.sha256" want
  want=$(sha256sum "$here/pom.xml" | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$dist/lib" ]]; then
    return 0
  fi
  echo "neo4j: resolving the server from Maven Central (cached in ~/.m2)"
  rm -rf "$dist/lib.tmp"
  mkdir -p "$dist"
  # Maven's own output goes to a log (it is noise unless something fails).
  mvn -q -B -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$dist/lib.tmp" >"$dist/mvn.log" 2>&1 || {
    cat "$dist/mvn.log" >&2
    echo "neo4j: could not resolve the server from Maven Central (log above)" >&2
    return 1
  }
  rm -rf "$dist/lib"
  mv "$dist/lib.tmp" "$dist/lib"
  echo "$want" >"$stamp"
}

pid_file() { echo "$home/run/neo4j.pid"; }

running() {
  local pf
  pf=$(pid_file)
  [[ -f "$pf" ]] && kill -0 "$(cat "$pf")" 2>/dev/null
}

prepare_home() {
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run" "$home/plugins" "$home/import"
  ln -sfn "$dist/lib" "$home/lib"
  sed -e "s/@BOLT_PORT@/$bolt_port/g" -e "s/@HTTP_PORT@/$http_port/g" \
      -e "s/@HEAP@/${NEO4J_HEAP:-3g}/g" -e "s/@PAGECACHE@/${NEO4J_PAGECACHE:-512m}/g" \
      -e "s/@TX_MEMORY@/${NEO4J_TX_MEMORY:-2g}/g" \
      "$here/neo4j.conf" >"$home/conf/neo4j.conf"
  # The initial password only takes effect before the first start.
  if [[ ! -d "$home/data/dbms" ]]; then
    admin_cmd dbms set-initial-password "$password" >"$home/logs/set-password.log" 2>&1 || {
      cat "$home/logs/set-password.log" >&2
      return 1
    }
  fi
}

fail_with_log() {
  echo "neo4j: $1" >&2
  echo "---- last lines of $home/logs ----" >&2
  tail -n 40 "$home/logs/neo4j.log" 2>/dev/null >&2 || true
  tail -n 20 "$home/logs/debug.log" 2>/dev/null | grep -E 'ERROR|WARN|Exception' >&2 || true
  exit 1
}

start() {
  install
  if running; then
    echo "neo4j: already running (pid $(cat "$(pid_file)")), bolt://127.0.0.1:$bolt_port"
    return 0
  fi
  prepare_home
  local t0=$SECONDS
  neo4j_cmd start >"$home/logs/start.log" 2>&1 || { cat "$home/logs/start.log" >&2; fail_with_log "start failed"; }
  # Bounded wait: return once Bolt answers a query, or fail with the log.
  NEO4J_URI="bolt://127.0.0.1:$bolt_port" NEO4J_USERNAME=neo4j NEO4J_PASSWORD="$password" \
    "$python" "$here/wait_ready.py" --timeout "$timeout" --pid-file "$(pid_file)" \
    || fail_with_log "Bolt did not answer within ${timeout}s"
  echo "neo4j: ready in $((SECONDS - t0))s, bolt://127.0.0.1:$bolt_port, browser http://127.0.0.1:$http_port/browser/"
}

stop() {
  if ! running; then
    echo "neo4j: not running ($home)"
    return 0
  fi
  local pid
  pid=$(cat "$(pid_file)")
  neo4j_cmd stop >/dev/null 2>&1 || true
  # The launcher waits for a clean shutdown; make sure nothing is left behind.
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$(pid_file)"
  echo "neo4j: stopped ($home)"
}

status() {
  if running; then echo "neo4j: running (pid $(cat "$(pid_file)"))"; else echo "neo4j: not running"; return 3; fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
