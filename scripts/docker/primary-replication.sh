#!/bin/bash
# Runs once, when the official postgres image initialises the primary's data
# directory (/docker-entrypoint-initdb.d): lets the scale profile's replica
# stream from it (issue 15). The odoo role is the image's superuser, so it
# may replicate; the replica authenticates with the same password.
set -euo pipefail
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "${PGDATA}/pg_hba.conf"
