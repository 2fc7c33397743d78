#!/usr/bin/env bash
# Link integrity and valid HTML of a built site: see check_site.py beside this file.
#   tests/linkcheck/check_site.sh SITE_DIR [--only links|html]
# Exit 0: no broken internal link or anchor and no HTML problem; 1: problems (printed as
# path:line:col: message); 2: a checker is missing or SITE_DIR is not a built site.
set -euo pipefail
exec python3 "$(dirname "$0")/check_site.py" "$@"
