#!/usr/bin/env bash
# Creates one PostgreSQL login role and one schema per Skybridge service (idempotent; safe to re-run):
#   role skybridge_<svc>  owns  schema <svc>  (Flyway migrates inside it at service start)
# Passwords come only from the environment: INVENTORY_DB_PASSWORD, NETWORKING_DB_PASSWORD,
# PROVISIONING_DB_PASSWORD, FAILOVER_DB_PASSWORD; a service whose variable is unset or empty is skipped
# (so one service can be deployed alone). Connection: the libpq variables PGHOST/PGPORT/PGUSER/PGPASSWORD/
# PGDATABASE, or inside the postgres image's /docker-entrypoint-initdb.d: POSTGRES_USER / POSTGRES_DB.
# Used by: the Job in deploy/k8s/base/postgres and the postgres service of docker-compose.yml.
set -euo pipefail
user="${PGUSER:-${POSTGRES_USER:-postgres}}"
db="${PGDATABASE:-${POSTGRES_DB:-skybridge}}"
for svc in inventory networking provisioning failover; do
  var="$(echo "$svc" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  pw="${!var:-}"
  if [ -z "$pw" ]; then
    echo "skybridge: $var not set, skipping $svc"
    continue
  fi
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$user" --dbname "$db" \
       -v svc="$svc" -v role="skybridge_$svc" -v pw="$pw" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SELECT format('GRANT %I TO %I', :'role', current_user) \gexec
CREATE SCHEMA IF NOT EXISTS :"svc" AUTHORIZATION :"role";
ALTER SCHEMA :"svc" OWNER TO :"role";
ALTER ROLE :"role" SET search_path = :"svc";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'role') \gexec
SQL
  echo "skybridge: role skybridge_$svc and schema $svc ready"
done
