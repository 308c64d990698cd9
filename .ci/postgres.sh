#!/usr/bin/env bash
# Issue 20: the whole test suite again on a real PostgreSQL server (README, "Several desks on
# one PostgreSQL server"). Installs PostgreSQL from Debian when it is missing, makes a throwaway
# cluster in a temporary folder as the postgres user, starts it on 127.0.0.1 only, runs pytest
# with PROPDESK_TEST_DB_URL, and stops the server and removes the folder whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
PGBIN="$(pg_bin)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  # Only the binaries: no "main" cluster started by the package on this machine.
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $SUDO mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
  PGBIN="$(pg_bin)"
fi

# initdb refuses to run as root: the cluster belongs to the postgres user (or to us, unprivileged).
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
PGTMP="$(mktemp -d /tmp/propdesk-ci-pg.XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres "$PGTMP"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
stop_server() {
  as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap stop_server EXIT

as_pg "'$PGBIN/initdb' -D '$PGTMP/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
# A throwaway server: no need to survive a power cut (fsync off makes the tests' many small
# databases quick); the desks' real settings (lock timeout …) come from PropDesk's connection.
as_pg "'$PGBIN/pg_ctl' -D '$PGTMP/data' -l '$PGTMP/server.log' -w start -o \"-p $PORT -k '$PGTMP' \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\"" >/dev/null

echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT: the suite again"
PROPDESK_TEST_DB_URL="postgresql://postgres@127.0.0.1:$PORT/" .venv/bin/python -m pytest -q "$@"
