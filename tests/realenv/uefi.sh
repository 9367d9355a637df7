#!/bin/sh
# SPDX-License-Identifier: MIT
# realenv.uefi.<arch>.<toolchain>: build the self-test application in a real EDK2 tree
# (edk2_tree.sh: Debian's edk2 source, BaseTools built) from contrib/edk2/ laid out as
# VmbusProtoPkg the way README.md "Using it in EDK2" says, run it under OVMF from a FAT
# drive with a startup.nsh, and pass when the serial console shows "N passed, 0 failed".
# usage: uefi.sh SRC_DIR WORK_DIR X64|IA32 GCC5|CLANGPDB
set -eu
src=$1 work=$2 arch=$3 tc=$4
fail() { echo "realenv uefi $arch $tc: $*" >&2; exit 1; }
need() { # command package
  command -v "$1" > /dev/null || fail "$1 is missing: install the Debian package $2 (sh .ci/deps.sh)"
}
need python3 python3
need timeout coreutils
case $arch in
  X64)
    need qemu-system-x86_64 qemu-system-x86
    code=/usr/share/OVMF/OVMF_CODE_4M.fd vars=/usr/share/OVMF/OVMF_VARS_4M.fd pkg=ovmf
    qemu="qemu-system-x86_64 -machine q35" ;;
  IA32)
    need qemu-system-i386 qemu-system-x86
    # ovmf-ia32 ships only the Secure Boot build, which needs SMM; its VARS enrol no keys
    code=/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd vars=/usr/share/OVMF/OVMF32_VARS_4M.fd
    pkg=ovmf-ia32
    qemu="qemu-system-i386 -machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on" ;;
  *) fail "unknown arch (X64 or IA32)" ;;
esac
[ -f "$code" ] && [ -f "$vars" ] || fail "$code is missing: install the Debian package $pkg"
case $tc in
  GCC5)
    need gcc build-essential
    [ "$arch" = IA32 ] && { [ -f /usr/lib/gcc/x86_64-linux-gnu/12/32/libgcc.a ] ||
      fail "32-bit gcc support is missing: install lib32gcc-12-dev and libc6-dev-i386"; } ;;
  CLANGPDB)
    need clang clang
    need lld-link lld
    need llvm-lib llvm
    need llvm-rc llvm ;;
  *) fail "unknown toolchain (GCC5 or CLANGPDB)" ;;
esac

tree=$(sh "$src/tests/realenv/edk2_tree.sh" "$work") || fail "no EDK2 tree"
out=$work/uefi-$arch-$tc
rm -rf "$out"
mkdir -p "$out/esp"

# --- the package, laid out as a firmware engineer copies it (README.md) ----------------------
# Each test has its own workspace (package, Conf, Build) beside the shared EDK2 tree
# (PACKAGES_PATH), so the four builds can run at the same time.
ws=$out/ws
p=$ws/VmbusProtoPkg
mkdir -p "$ws/Conf"
cp -r "$src/contrib/edk2" "$p"
cp -r "$src/include/vmbus_proto" "$p/Include/"
cp "$src/reference/include/vmbus_proto/vmbp_ring.h" "$p/Include/vmbus_proto/"
cp "$src/reference/vmbp_ring.c" "$p/Library/VmbpRingLib/"
app=$p/Application/VmbpSelfTest
cp "$src/tests/selftest/vmbp_selftest.c" "$src/tests/selftest/vmbp_selftest.h" "$app/"
python3 "$src/tests/selftest/gen_vectors.py" "$src/tests/vectors" "$app/vmbp_selftest_vectors.h"

# --- build ---------------------------------------------------------------------------------
start=$(date +%s)
# edksetup.sh is a bash script; it fills the workspace's Conf/ from BaseTools' templates
if ! (
  cd "$tree"
  export WORKSPACE="$ws" PACKAGES_PATH="$tree:$ws" EDK_TOOLS_PATH="$tree/BaseTools" \
    CONF_PATH="$ws/Conf" CLANG_BIN=/usr/bin/ ARCH="$arch" TC="$tc"
  nice -n 10 bash -c '. ./edksetup.sh BaseTools > /dev/null &&
    build -p VmbusProtoPkg/VmbusProtoPkg.dsc -a "$ARCH" -t "$TC" -b RELEASE -n 2'
) > "$out/build.log" 2>&1; then
  tail -n 60 "$out/build.log"
  fail "EDK2 build failed (log: $out/build.log)"
fi
build_s=$(( $(date +%s) - start ))
efi=$ws/Build/VmbusProtoPkg/RELEASE_$tc/$arch/VmbpSelfTest.efi
[ -f "$efi" ] || fail "no $efi after the build"
cp "$efi" "$out/esp/"

# --- run under OVMF --------------------------------------------------------------------------
printf '@echo -off\r\nfs0:\r\nVmbpSelfTest.efi\r\nreset -s\r\n' > "$out/esp/startup.nsh"
cp "$vars" "$out/vars.fd"
start=$(date +%s)
# shellcheck disable=SC2086
timeout 300 $qemu -m 256 -drive if=pflash,format=raw,readonly=on,file="$code" \
  -drive if=pflash,format=raw,file="$out/vars.fd" -drive format=raw,file=fat:rw:"$out/esp" \
  -nographic -serial mon:stdio -net none -no-reboot < /dev/null > "$out/console.log" 2>&1 || true
boot_s=$(( $(date +%s) - start ))
# the console carries terminal escape sequences and CR LF line ends
sed 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$out/console.log" | tr -d '\r' > "$out/console.txt"
grep -E "vmbp selftest|passed, [0-9]+ failed|FAIL" "$out/console.txt" || true
result=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$out/console.txt" | tail -n 1)
if ! echo "$result" | grep -qE '^[1-9][0-9]* passed, 0 failed$'; then
  tail -n 40 "$out/console.txt"
  fail "no \"N passed, 0 failed\" line from the application (console: $out/console.log)"
fi
echo "realenv uefi $arch $tc: built in ${build_s}s, booted OVMF and ran in ${boot_s}s: $result"
