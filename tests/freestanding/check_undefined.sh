#!/bin/sh
# SPDX-License-Identifier: MIT
# The headers call nothing: a translation unit that includes vmbus_proto.h and takes the
# address of every inline function (so the compiler emits them all), built -ffreestanding
# with VMBP_MEMCPY / VMBP_MEMSET mapped to the headers' byte loops, has no undefined
# symbol at all: no memcpy/memset for a struct copy or an aggregate zero-initialisation (a
# UEFI image has neither), no libgcc helper for 64-bit arithmetic on i386. gcc and clang,
# -O0, -O2 and -Os, x86-64 and i386.
# The list of functions is derived each run: gcc -fkeep-inline-functions emits every
# static function of the headers, and nm lists them; a new inline function is checked
# without editing anything.
# covers: VMBP-CONV-010
# usage: check_undefined.sh SRC_DIR WORK_DIR
set -eu
src=$1 work=$2
mkdir -p "$work"
nm=$(command -v llvm-nm || command -v nm)
hooks="-DVMBP_MEMCPY(d,s,n)=vmbp_copy_bytes((d),(s),(n)) -DVMBP_MEMSET(d,b,n)=vmbp_fill_bytes((d),(b),(n))"
base="-std=c11 -ffreestanding -fno-pic -fno-stack-protector -I$src/include"

# every function the headers define
printf '#include <vmbus_proto/vmbus_proto.h>\n' > "$work/all.c"
# shellcheck disable=SC2086
gcc $base -O0 -fkeep-inline-functions -fkeep-static-functions -c "$work/all.c" -o "$work/all.o"
"$nm" --defined-only "$work/all.o" | awk '$2 == "t" || $2 == "T" {print $3}' | sort -u > "$work/functions.txt"
n=$(wc -l < "$work/functions.txt")
[ "$n" -ge 100 ] || { echo "only $n functions found in the headers"; exit 1; }

# a TU taking the address of each
{
  printf '#include <vmbus_proto/vmbus_proto.h>\n'
  printf 'const void *const vmbp_every_function[] = {\n'
  sed 's/^\(.*\)$/    (const void *)(uintptr_t)\&\1,/' "$work/functions.txt"
  printf '};\n'
} > "$work/addr.c"

fail=0 runs=0
for cc in gcc clang; do
  for m in -m64 -m32; do
    for o in -O0 -O2 -Os; do
      obj=$work/addr$cc$m$o.o
      runs=$((runs + 1))
      # shellcheck disable=SC2086
      if ! $cc $base $m $o $hooks -c "$work/addr.c" -o "$obj" 2> "$obj.log"; then
        echo "FAIL $cc $m $o: does not compile"; cat "$obj.log"; fail=$((fail + 1)); continue
      fi
      und=$("$nm" -u "$obj" | awk '{print $NF}' | tr '\n' ' ')
      if [ -n "$und" ]; then
        echo "FAIL $cc $m $o: undefined symbols: $und"; fail=$((fail + 1))
      fi
    done
  done
done
echo "undefined symbols: $n inline functions, $runs builds (gcc, clang; -m64, -m32; -O0, -O2, -Os), $fail with undefined symbols"
[ "$fail" -eq 0 ]
