#!/usr/bin/env bash
# Installs the Debian packages redislings needs; with --test also what the test suite needs.
# Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(libhiredis-dev libedit-dev liblua5.1-0-dev lua-cjson libcmark-gfm-dev libcmark-gfm-extensions-dev
          libsqlite3-dev pkg-config)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(redis-server redis-tools tmux python3 sqlite3 chromium chromium-driver)
fi

missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done

if ((${#missing[@]} > 0)); then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "Installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A freshly installed redis-server starts as a service on port 6379; the tests start their own
# servers on free ports, so a service left running does no harm.
if [[ "${1:-}" == "--test" ]]; then
    python3 -c 'import redis' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check redis
    # The web app's browser tests: Selenium drives Debian's chromium through chromium-driver.
    python3 -c 'import selenium, pytest' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check selenium pytest
fi

command -v swift >/dev/null || { echo "error: Swift 6 is required (swift not found on PATH)" >&2; exit 1; }
