#!/bin/sh
# SPDX-License-Identifier: MIT
# Compile every public header alone, twice included (guard check), in its own translation
# unit, with the strict warning set. New headers are picked up by the glob.
# covers: VMBP-CONV-010
# usage: check_headers.sh SRC_DIR WORK_DIR gcc|clang MODE
#   MODE: c99 c11 c17 c2x c++11 c++17 c++20 m32 msvc-x64[-c++] msvc-x86[-c++] syshdr
set -eu
src=$1 work=$2 cc=$3 mode=$4
out=$work/$cc.$mode
mkdir -p "$out"

common="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wundef -Werror"
if [ "$cc" = gcc ]; then
  common="$common -Wcast-align=strict"; cxx=g++
else
  common="$common -Wcast-align"; cxx=clang++
fi
ext=c
case $mode in
  c99|c11|c17|c2x) cmd="$cc -std=$mode" ;;
  c++11|c++17|c++20) cmd="$cxx -std=$mode"; ext=cc ;;
  m32) cmd="$cc -std=c11 -m32" ;;
  msvc-x64) cmd="clang --target=x86_64-pc-windows-msvc -fms-compatibility" ;;
  msvc-x86) cmd="clang --target=i686-pc-windows-msvc -fms-compatibility" ;;
  msvc-x64-c++) cmd="clang++ --target=x86_64-pc-windows-msvc -fms-compatibility -std=c++17"; ext=cc ;;
  msvc-x86-c++) cmd="clang++ --target=i686-pc-windows-msvc -fms-compatibility -std=c++17"; ext=cc ;;
  # A system header of our own instead of <stdint.h>/<stddef.h>, as kernels and EDK2 do.
  syshdr) cmd="$cc -std=c11 -nostdinc -DVMBP_SYSTEM_HEADER=\"sys_prelude.h\" -I$src/tests/headers" ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

fail=0 n=0
for h in "$src"/include/vmbus_proto/*.h; do
  name=$(basename "$h" .h)
  tu=$out/$name.$ext
  printf '#include <vmbus_proto/%s.h>\n#include <vmbus_proto/%s.h>\nint vmbp_hdrcheck_%s;\n' \
    "$name" "$name" "$name" > "$tu"
  n=$((n + 1))
  # shellcheck disable=SC2086
  if ! $cmd $common -I"$src/include" -c "$tu" -o "$out/$name.o" 2> "$out/$name.log"; then
    echo "FAIL $cc $mode $name.h:"; cat "$out/$name.log"; fail=$((fail + 1))
  fi
done
echo "$cc $mode: $n headers, $fail failed"
[ "$fail" -eq 0 ] && [ "$n" -gt 0 ]
