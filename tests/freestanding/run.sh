#!/bin/sh
# SPDX-License-Identifier: MIT
# Build tests/freestanding/freestanding.c with no libc and no libgcc, then run it.
# usage: run.sh SRC_DIR WORK_DIR x86_64|i386
set -eu
src=$1 work=$2 arch=$3
mkdir -p "$work"
case $arch in
  x86_64) m=-m64 ;;
  i386) m=-m32 ;;
  *) echo "unknown arch $arch" >&2; exit 2 ;;
esac
exe=$work/freestanding-$arch
gcc $m -std=c11 -O2 -ffreestanding -nostdlib -nostartfiles -static -fno-pie -no-pie \
  -fno-stack-protector -fkeep-static-functions \
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror \
  -I"$src/include" "$src/tests/freestanding/freestanding.c" -o "$exe"
"$exe"
echo "freestanding $arch: linked with no libc/libgcc and ran"
