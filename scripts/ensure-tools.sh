#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing: tshark (pcap decoding), chromium
# (end-to-end tests) and a CJK font (Chinese text in them). Runs as root on CI; uses sudo otherwise when available.
set -u
need=()
command -v tshark >/dev/null 2>&1 || need+=(tshark)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium)
# Chinese text in the browser tests (and their screenshots) needs a CJK font.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing from Debian: ${need[*]}"
as_root=()
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >/dev/null || { echo "apt-get update failed" >&2; exit 1; }
"${as_root[@]}" apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install ${need[*]} failed" >&2; exit 1; }
