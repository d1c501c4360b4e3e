#!/usr/bin/env bash
# Installs Debian's neovim for the editor tests (idempotent: does nothing when `nvim` is already on PATH).
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends neovim
nvim --version | head -1
