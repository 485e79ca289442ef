# Puts Node 24 first on PATH, for .ci/run and for a developer whose system Node is older:
#   source .ci/node24.sh      (bash or zsh, from anywhere in the repository)
# If `node` is already v24 nothing changes. Otherwise the official binary, which the npm registry ships as the
# `node-linux-<arch>` package, is installed once into .tools/node/ (git-ignored) and its bin/ goes first on PATH;
# `npm` and `npx` stay the system ones and run on that Node. Sourced, so it returns instead of exiting.

SG_NODE_VERSION=24.22.3

sg_node24() {
  local root arch dir bin
  if node --version 2>/dev/null | grep -q '^v24\.'; then
    return 0
  fi
  root="$(cd "$(dirname "${BASH_SOURCE[0]:-$1}")/.." && pwd)" || return 1
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch=x64 ;;
    Linux-aarch64) arch=arm64 ;;
    *)
      echo "node24.sh: no Node 24 package for $(uname -s) $(uname -m); install Node 24 yourself" >&2
      return 1
      ;;
  esac
  dir="$root/.tools/node"
  bin="$dir/node_modules/node-linux-$arch/bin"
  if [ "$("$bin/node" --version 2>/dev/null)" != "v$SG_NODE_VERSION" ]; then
    echo "node24.sh: installing Node $SG_NODE_VERSION (npm package node-linux-$arch) into .tools/node" >&2
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --prefer-offline \
      "node-linux-$arch@$SG_NODE_VERSION" >&2 || return 1
  fi
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) export PATH="$bin:$PATH" ;;
  esac
  hash -r 2>/dev/null
  node --version | grep -q '^v24\.' || {
    echo "node24.sh: node is still $(node --version) after the install" >&2
    return 1
  }
}

sg_node24 "$0"
