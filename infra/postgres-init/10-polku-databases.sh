#!/bin/bash
# Runs once, when the PostgreSQL data volume is first initialised (docker-entrypoint-initdb.d).
# One role and one database per process, each role owning only its own database and nobody
# else allowed to connect to it: services share no tables (ARCHITECTURE.md).
# Passwords come from POLKU_<NAME>_DB_PASSWORD. To re-run it, the volume must be empty; on an
# existing cluster run the same statements by hand (README: "Databases").
set -euo pipefail

for name in gateway clients employers referrals metrics notifications; do
  variable="POLKU_${name^^}_DB_PASSWORD"
  password="${!variable:-}"
  if [ -z "$password" ]; then
    echo "postgres-init: $variable is not set" >&2
    exit 1
  fi
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
       -v role="polku_${name}" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"role" TO :"role";
SQL
  echo "postgres-init: database polku_${name} ready"
done
