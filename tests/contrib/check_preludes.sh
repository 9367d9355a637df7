#!/bin/sh
# SPDX-License-Identifier: MIT
# Compile every public header, and the reference ring, against a contrib/ prelude with mock
# system headers (tests/contrib/mock/<prelude>/) that declare exactly the APIs the prelude
# uses, without any C library header (-nostdinc). Then check that the ring's object file
# calls nothing but the prelude's functions: no libgcc/CRT helpers (__allshl, __udivdi3...).
# Each environment's own macros are in force, as in its real builds: for the kernel, the
# attribute names, `inline` and `current` (mock linux/compiler_types.h, force-included as
# Kbuild does); for EDK2, IN, OUT, OPTIONAL, CONST, STATIC (mock Base.h). And the hooks
# that promise a full barrier compile to one (a locked instruction, mfence or xchg).
# covers: VMBP-CONV-010
# usage: check_preludes.sh SRC_DIR WORK_DIR linux|edk2
set -eu
src=$1 work=$2 prelude=$3
out=$work/$prelude
mkdir -p "$out"
warn="-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wundef -Werror"
case $prelude in
  linux)
    targets="gcc-x86_64 gcc-i386 clang-x86_64"
    allowed="memcpy memset"
    atomic="lock" ;;
  edk2)
    targets="clang-msvc-x64 clang-msvc-ia32 gcc-x86_64 gcc-i386"
    allowed="CopyMem SetMem InterlockedCompareExchange32 LShiftU64 RShiftU64"
    atomic="InterlockedCompareExchange32" ;;
  *) echo "unknown prelude $prelude" >&2; exit 2 ;;
esac
inc="-nostdinc -I$src/tests/contrib/mock/$prelude -I$src/include"
if [ "$prelude" = linux ]; then
  inc="$inc -I$src/contrib/linux -include $src/tests/contrib/mock/linux/linux/compiler_types.h"
else
  inc="$inc -I$src/contrib/edk2/Include"
fi
def="-DVMBP_SYSTEM_HEADER=\"vmbp_${prelude}_prelude.h\""
fail=0 n=0
for t in $targets; do
  case $t in
    gcc-x86_64) cc="gcc -std=gnu11 -ffreestanding -fno-pic -O2" ;;
    gcc-i386) cc="gcc -std=gnu11 -ffreestanding -fno-pic -O2 -m32" ;;
    clang-x86_64) cc="clang -std=gnu11 -ffreestanding -fno-pic -O2" ;;
    clang-msvc-x64) cc="clang --target=x86_64-pc-windows-msvc -fms-compatibility -ffreestanding -O2" ;;
    clang-msvc-ia32) cc="clang --target=i686-pc-windows-msvc -fms-compatibility -ffreestanding -O2" ;;
  esac
  # kernel style (gnu11) tolerates what -Wpedantic flags in its own macros (typeof)
  w=$warn
  [ "$prelude" = linux ] && w="$warn -Wno-pedantic"
  for h in "$src"/include/vmbus_proto/*.h; do
    name=$(basename "$h" .h)
    tu=$out/$t.$name.c
    printf '#include <vmbus_proto/%s.h>\nint vmbp_prelude_check_%s;\n' "$name" "$name" > "$tu"
    n=$((n + 1))
    # shellcheck disable=SC2086
    if ! $cc $w $inc $def -c "$tu" -o "$out/$t.$name.o" 2> "$out/$t.$name.log"; then
      echo "FAIL $prelude $t $name.h:"; cat "$out/$t.$name.log"; fail=$((fail + 1))
    fi
  done
  # The hooks that promise a full barrier are one on x86: the fence a locked instruction or
  # mfence (not a compiler barrier: EDK2's MemoryFence() is only that with GCC on X64, and
  # empty with MSVC), the exchange an xchg; compare-exchange and AND a locked instruction
  # (Linux) or a call of InterlockedCompareExchange32 (EDK2, a lock cmpxchg in BaseLib).
  tu=$out/$t.fences.c
  cat > "$tu" <<'EOF'
#include <vmbus_proto/shared.h>
void vmbp_check_mb(void);
uint32_t vmbp_check_xchg(volatile uint32_t *p);
bool vmbp_check_cmpxchg(volatile uint32_t *p);
uint32_t vmbp_check_and(volatile uint32_t *p);
void vmbp_check_mb(void) { vmbp_shared_mb(); }
uint32_t vmbp_check_xchg(volatile uint32_t *p) { return vmbp_shared_xchg32(p, 1); }
bool vmbp_check_cmpxchg(volatile uint32_t *p) { return vmbp_shared_cmpxchg32(p, 1, 2); }
uint32_t vmbp_check_and(volatile uint32_t *p) { return vmbp_shared_clear_bits32(p, 1); }
EOF
  n=$((n + 1))
  # shellcheck disable=SC2086
  if ! $cc $w $inc $def -c "$tu" -o "$out/$t.fences.o" 2> "$out/$t.fences.log"; then
    echo "FAIL $prelude $t fences:"; cat "$out/$t.fences.log"; fail=$((fail + 1))
  else
    llvm-objdump -dr --no-show-raw-insn "$out/$t.fences.o" > "$out/$t.fences.s"
    for check in "mb:lock|mfence" "xchg:xchg" "cmpxchg:$atomic" "and:$atomic"; do
      f=${check%%:*} want=${check#*:}
      if ! awk -v f="vmbp_check_$f" -v want="$want" '
          /^[0-9a-f]+ <.*>:$/ { cur = $2; sub(/^<_?/, "", cur); sub(/>:$/, "", cur) }
          cur == f && $0 ~ want { found = 1 }
          END { exit !found }' "$out/$t.fences.s"; then
        echo "FAIL $prelude $t: vmbp_shared_${f} has no ${want} instruction ($out/$t.fences.s)"
        fail=$((fail + 1))
      fi
    done
  fi

  obj=$out/$t.vmbp_ring.o
  n=$((n + 1))
  # shellcheck disable=SC2086
  if ! $cc $w $inc $def -I"$src/reference/include" -c "$src/reference/vmbp_ring.c" -o "$obj" \
      2> "$out/$t.vmbp_ring.log"; then
    echo "FAIL $prelude $t vmbp_ring.c:"; cat "$out/$t.vmbp_ring.log"; fail=$((fail + 1))
    continue
  fi
  for sym in $(llvm-nm -u "$obj" | awk '{print $NF}' | sed 's/^_//'); do
    case " $allowed " in
      *" $sym "*) ;;
      *) echo "FAIL $prelude $t: vmbp_ring.o calls $sym"; fail=$((fail + 1)) ;;
    esac
  done
done
echo "contrib $prelude: $n compilations over $(echo $targets | wc -w) targets, $fail failed"
[ "$fail" -eq 0 ]
