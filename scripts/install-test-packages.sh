#!/usr/bin/env bash
# Before the tests (npm's pretest, and .ci/run): the Debian packages the suite drives for real.
# Installs the missing ones when it can (root, or passwordless sudo, with apt-get); otherwise
# stops with one line saying exactly what to install. Set SKIP_TEST_PACKAGES=1 to skip the check.
set -euo pipefail
[[ ${SKIP_TEST_PACKAGES:-} == 1 ]] && exit 0

# package -> the command the tests run from it
declare -A COMMAND_OF=(
  [chromium]="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [redis-server]=redis-server
  [nginx]=nginx
)

missing=()
for package in "${!COMMAND_OF[@]}"; do
  command -v "${COMMAND_OF[$package]}" >/dev/null 2>&1 || [[ -x ${COMMAND_OF[$package]} ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

IFS=$'\n' missing=($(sort <<<"${missing[*]}")); unset IFS
sudo=()
if [[ $(id -u) != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "The test suite needs Debian packages that are missing: run  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The test suite needs these programs, which are missing: ${missing[*]} (install them with your package manager)" >&2
  exit 1
fi
echo "installing the Debian packages the tests need: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
# The packages' own services are not wanted: the tests start their own on free ports.
for service in redis-server nginx; do
  if command -v service >/dev/null 2>&1; then "${sudo[@]}" service "$service" stop >/dev/null 2>&1 || true; fi
done
echo "installed: ${missing[*]}"
