#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster: initdb into a temporary directory,
# serve on a unix socket there (no TCP port), export DATABASE_URL, run "$@", stop, delete.
# Needs Debian's postgresql package (the Makefile's test-postgres target installs it). As root,
# the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/pg_ctl" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }

DIR=$(mktemp -d /tmp/archive-pg-XXXXXX)
chmod 755 "$DIR"
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres: "$DIR"

stop() {
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT

as_owner "$BIN/initdb" -D "$DIR/data" -U archive --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-k $DIR -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
as_owner "$BIN/createdb" -h "$DIR" -U archive archive

export DATABASE_URL="postgres://archive@${DIR//\//%2F}/archive"
export PATH="$BIN:$PATH"  # pg_dump/pg_restore of the same version, for the backup commands
"$@"
