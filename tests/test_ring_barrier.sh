#!/bin/sh
# SPDX-License-Identifier: MIT
# The ring's full barrier (vmbp_shared_mb() of shared.h, by default VMBP_FULL_BARRIER() of
# port.h) as each compiler emits it, from a one-line function disassembled:
#   x86-64  lock addl $0,-4(%rsp), never mfence (clang 14's __atomic_thread_fence(SEQ_CST))
#   i386    lock addl $0,(%esp)
#   arm64   dmb ish
#   s390x   bcr 14,0 (objdump: bnor %r0)
# gcc and clang for x86-64 must be there; other targets whose compiler or objdump is not
# installed are reported and skipped.
#
#   sh tests/test_ring_barrier.sh SOURCE_DIR WORK_DIR
set -eu
src=$1
work=$2
mkdir -p "$work"
printf '#include <vmbus_proto/shared.h>\nvoid ring_barrier(void) { vmbp_shared_mb(); }\n' \
  > "$work/barrier.c"
fail=0

# check NAME REQUIRED OBJDUMP EXPECTED_REGEX COMPILER...
check() {
  name=$1 required=$2 objdump=$3 want=$4
  shift 4
  obj=$work/barrier.$name.o
  if ! command -v "$1" > /dev/null || ! command -v "$objdump" > /dev/null ||
    ! "$@" -O2 -I"$src/include" -c "$work/barrier.c" -o "$obj" 2> "$work/$name.log"; then
    if [ "$required" = yes ]; then
      echo "FAIL $name: cannot compile"; cat "$work/$name.log"; fail=1
    else
      echo "skip $name: $1 or $objdump not usable"
    fi
    return 0
  fi
  asm=$("$objdump" -d "$obj" | sed -n '/<ring_barrier>:/,/^$/p')
  if printf '%s\n' "$asm" | grep -Eq "$want" && ! printf '%s\n' "$asm" | grep -q mfence; then
    echo "ok   $name: $(printf '%s\n' "$asm" | grep -E "$want" | cut -f3- | tr '\t' ' ')"
  else
    echo "FAIL $name: expected /$want/"; printf '%s\n' "$asm"; fail=1
  fi
}

check gcc.x86_64 yes objdump 'lock addl \$0x0,-0x4\(%rsp\)' gcc
check clang.x86_64 yes objdump 'lock addl \$0x0,-0x4\(%rsp\)' clang
check gcc.i386 no objdump 'lock addl \$0x0,\(%esp\)' gcc -m32
check clang.i386 no objdump 'lock addl \$0x0,\(%esp\)' clang -m32
check gcc.arm64 no aarch64-linux-gnu-objdump 'dmb[[:space:]]+ish' aarch64-linux-gnu-gcc
check clang.arm64 no aarch64-linux-gnu-objdump 'dmb[[:space:]]+ish' clang --target=aarch64-linux-gnu
check gcc.s390x no s390x-linux-gnu-objdump 'bnor[[:space:]]+%r0' s390x-linux-gnu-gcc
check clang.s390x no s390x-linux-gnu-objdump 'bnor[[:space:]]+%r0' clang --target=s390x-linux-gnu
exit $fail
