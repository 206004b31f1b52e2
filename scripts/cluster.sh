#!/usr/bin/env bash
# A local scale-out setup on this machine, for tests/platform/test_replica.py and docs/scaling.md:
#   scripts/cluster.sh up              a PostgreSQL primary and its streaming replica (pg_basebackup -R, hot standby)
#                                      on free ports, each its own cluster (initdb), run as the postgres user
#   scripts/cluster.sh down            stop them and remove their files
#   scripts/cluster.sh stop-replica | start-replica    take the replica away and bring it back (fallback tests)
#   scripts/cluster.sh env             print the URLs (also in $ZB_CLUSTER_DIR/env)
# Needs Debian's postgresql (its /usr/lib/postgresql/<version>/bin). Leaves the machine's own PostgreSQL alone.
set -euo pipefail
DIR="${ZB_CLUSTER_DIR:-/tmp/zb-cluster}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
[ -n "$PGBIN" ] || { echo "PostgreSQL's server binaries are not installed (Debian's postgresql)" >&2; exit 1; }

as_pg() {  # PostgreSQL refuses to run as root: as root, run as the postgres user
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

up() {
  if [ -f "$DIR/env" ]; then echo "already up ($DIR/env)"; cat "$DIR/env"; return; fi
  mkdir -p "$DIR"; chmod 755 "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  local p r
  p=$(free_port); r=$(free_port)
  as_pg "$PGBIN/initdb" -D "$DIR/primary" -U postgres -A trust --no-sync >/dev/null
  cat >> "$DIR/primary/postgresql.conf" <<CONF
port = $p
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
hot_standby = on
fsync = off
shared_buffers = 32MB
CONF
  as_pg "$PGBIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -s start
  as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$p" -U postgres -D "$DIR/replica" -R -X stream -c fast
  echo "port = $r" >> "$DIR/replica/postgresql.conf"
  as_pg "$PGBIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w -s start
  cat > "$DIR/env" <<ENV
ZB_CLUSTER_PG_PRIMARY=postgres://postgres@127.0.0.1:$p
ZB_CLUSTER_PG_REPLICA=postgres://postgres@127.0.0.1:$r
ENV
  cat "$DIR/env"
}

down() {
  for c in replica primary; do
    [ -d "$DIR/$c" ] && as_pg "$PGBIN/pg_ctl" -D "$DIR/$c" -m immediate -s stop 2>/dev/null || true
  done
  rm -rf "$DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  stop-replica) as_pg "$PGBIN/pg_ctl" -D "$DIR/replica" -m fast -w -s stop ;;
  start-replica) as_pg "$PGBIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w -s start ;;
  env) cat "$DIR/env" ;;
  *) echo "usage: $0 up|down|stop-replica|start-replica|env" >&2; exit 2 ;;
esac
