#!/bin/sh
# SPDX-License-Identifier: MIT
# The connection machines (reference/vmbp_conn*.c) build for a kernel or firmware: with
# -ffreestanding and the project's warnings as errors, by gcc (64 and 32 bits) and clang, at
# every optimisation level, and need nothing from outside but memcpy and memset (which GCC
# and clang require of every freestanding environment).
# usage: conn_freestanding.sh SRC_DIR WORK_DIR
set -eu
src=$1 work=$2
mkdir -p "$work"
warn="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wundef -Werror"
n=0
for cc in gcc clang; do
  command -v $cc > /dev/null || { echo "conn freestanding: $cc missing" >&2; exit 1; }
  for m in -m64 -m32; do
    [ $cc = clang ] && [ $m = -m32 ] && continue
    for o in -O0 -O1 -O2 -O3 -Os; do
      objs=""
      for f in vmbp_conn vmbp_conn_guest vmbp_conn_host; do
        obj=$work/$f-$cc$m$o.o
        # shellcheck disable=SC2086
        $cc $m -std=c11 $o -ffreestanding -fno-stack-protector -fno-pie $warn -I"$src/include" \
          -I"$src/reference/include" -c "$src/reference/$f.c" -o "$obj"
        objs="$objs $obj"
      done
      # shellcheck disable=SC2086
      $cc $m -r -nostdlib $objs -o "$work/all-$cc$m$o.o"
      ext=$(nm -u "$work/all-$cc$m$o.o" | awk 'NF == 2 {print $2}' | sort -u |
            grep -v -x -e memcpy -e memset || true)
      if [ -n "$ext" ]; then
        echo "conn freestanding: $cc $m $o needs: $ext" >&2
        exit 1
      fi
      n=$((n + 1))
    done
  done
done
echo "conn freestanding: $n builds, nothing needed but memcpy and memset"
