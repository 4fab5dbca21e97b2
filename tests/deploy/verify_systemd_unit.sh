#!/usr/bin/env bash
# Checks deploy/guestvoiced.service with `systemd-analyze verify`, with the
# unit's ExecStart pointed at the guestvoiced just built (verify requires the
# binary to exist). Exits 77, which ctest reports as skipped, where systemd is
# not installed (a container, a CI image).
#
#   verify_systemd_unit.sh UNIT_FILE GUESTVOICED
set -euo pipefail
unit=$1
guestvoiced=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "skipped: systemd-analyze not found (systemd is not installed here)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|/usr/local/bin/guestvoiced|$guestvoiced|" "$unit" > "$work/guestvoiced.service"
# verify prints warnings without failing on them: any output is a finding.
findings=$(systemd-analyze verify "$work/guestvoiced.service" 2>&1)
if [ -n "$findings" ]; then
  echo "$findings"
  exit 1
fi
echo "systemd-analyze verify: $unit is clean"
