#!/bin/sh
# Debian packages the test suite needs: Chromium (browser tests; Playwright's own
# browser download is not used), fonts for it, and Java (the Nu HTML Checker).
# Installs only what is missing; uses sudo when not root.
set -e
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -e /usr/share/fonts/truetype/liberation ] || need="$need fonts-liberation"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
[ -z "$need" ] && exit 0
as_root=""
[ "$(id -u)" = 0 ] || as_root="sudo"
$as_root apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $need >/dev/null
