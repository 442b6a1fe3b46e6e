#!/usr/bin/env bash
# Nightly backup for cron: a consistent copy of the data folder into a dated
# folder under BACKUP_ROOT, verified, keeping the newest KEEP copies.
#   0 2 * * * /usr/local/share/majlis/backup.sh /var/lib/majlis /srv/backup/majlis 14
set -euo pipefail

data=${1:?usage: backup.sh DATA_DIR BACKUP_ROOT [KEEP]}
root=${2:?usage: backup.sh DATA_DIR BACKUP_ROOT [KEEP]}
keep=${3:-14}
majlis=${MAJLIS_BIN:-majlis}

target="$root/$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$root"
"$majlis" backup --data "$data" "$target"

# Restoring into a scratch folder proves the copy is whole before older ones go.
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
"$majlis" restore --data "$check/data" "$target" >/dev/null

ls -1d "$root"/*/ 2>/dev/null | sort | head -n -"$keep" | xargs -r rm -rf
echo "backup written and verified: $target"
