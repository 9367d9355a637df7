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
  -fno-stack-protector -fkeep-inline-functions -fkeep-static-functions \
  -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror \
  -I"$src/include" "$src/tests/freestanding/freestanding.c" -o "$exe"
# A 64-bit kernel may be built without 32-bit program support ("Exec format error"): run
# the i386 program under qemu-user then (Debian package qemu-user).
how=natively
if [ "$arch" = i386 ] && ! "$exe" > /dev/null 2>&1; then
  if ! command -v qemu-i386 > /dev/null; then
    echo "freestanding i386: cannot execute 32-bit programs here and qemu-i386 is missing" \
      "(Debian package qemu-user)" >&2
    exit 1
  fi
  how="under qemu-i386"
  qemu-i386 "$exe"
else
  "$exe"
fi
echo "freestanding $arch: linked with no libc/libgcc and ran $how"
