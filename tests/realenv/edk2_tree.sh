#!/bin/sh
# SPDX-License-Identifier: MIT
# An EDK2 tree to build the UEFI self-test in: the Debian edk2 source package (stable202211,
# Debian patches applied) with its BaseTools built, kept in WORK/edk2 and made once (the
# source package is fetched into WORK/cache). Prints the tree's path.
# usage: edk2_tree.sh WORK
set -eu
work=$1
mkdir -p "$work/cache"
tree=$work/edk2/tree
stamp=$work/edk2/basetools.stamp
exec 9> "$work/edk2.lock"
flock 9
if [ -f "$stamp" ]; then
  echo "$tree"
  exit 0
fi
need() { # command package
  command -v "$1" > /dev/null || {
    echo "edk2: $1 is missing: install the Debian package $2 (sh .ci/deps.sh)" >&2
    exit 1
  }
}
need dpkg-source dpkg-dev
need make build-essential
need python3 python3
need nasm nasm
need iasl acpica-tools
[ -f /usr/include/uuid/uuid.h ] || {
  echo "edk2: uuid/uuid.h is missing: install the Debian package uuid-dev" >&2; exit 1; }
cd "$work/cache"
if ! ls edk2_*.dsc > /dev/null 2>&1; then
  # needs a deb-src entry for the Debian archive (.ci/deps.sh adds it)
  if ! apt-get source --download-only edk2 > apt-source.log 2>&1; then
    cat apt-source.log >&2
    echo "edk2: apt-get source edk2 failed: add deb-src to the Debian entry of" \
      "/etc/apt/sources.list.d/debian.sources and run apt-get update (sh .ci/deps.sh)" >&2
    exit 1
  fi
fi
rm -rf "$work/edk2"
mkdir -p "$work/edk2"
dpkg-source --no-check -x "$(ls edk2_*.dsc | head -n 1)" "$tree" > "$work/edk2/extract.log" 2>&1 ||
  { cat "$work/edk2/extract.log" >&2; exit 1; }
start=$(date +%s)
nice -n 10 make -C "$tree/BaseTools" -j2 > "$work/edk2/basetools.log" 2>&1 ||
  { tail -n 40 "$work/edk2/basetools.log" >&2; echo "edk2: BaseTools build failed" >&2; exit 1; }
echo "edk2: BaseTools built in $(( $(date +%s) - start ))s" >&2
touch "$stamp"
echo "$tree"
