#!/bin/sh
# SPDX-License-Identifier: MIT
# realenv.linux.<arch>: build the self-test module (contrib/linux/selftest/Kbuild) against the
# Debian 12 kernel headers, boot the matching Debian kernel under QEMU (TCG) with a busybox
# initramfs that loads it, and pass when the serial console shows "N passed, 0 failed".
#   x86_64: headers of the installed linux-headers-amd64; qemu-system-x86_64
#   arm64:  the arm64 headers package (unpacked, with the host's kbuild programs of the same
#           version), cross-built with gcc-aarch64-linux-gnu; qemu-system-aarch64 -M virt
# The module is built with the kernel's extra warnings (W=1) and -Werror (its Kbuild).
# Downloads (kernel image, arm64 headers and busybox) are cached in WORK/cache.
# usage: linux.sh SRC_DIR WORK_DIR x86_64|arm64
set -eu
src=$1 work=$2 arch=$3
cache=$work/cache
out=$work/linux-$arch
fail() { echo "realenv linux $arch: $*" >&2; exit 1; }
need() { # command package
  command -v "$1" > /dev/null || fail "$1 is missing: install the Debian package $2 (sh .ci/deps.sh)"
}
need make build-essential
need python3 python3
need apt-get apt
need dpkg-deb dpkg
need cpio cpio
need gzip gzip
need timeout coreutils
case $arch in
  x86_64)
    deb=amd64 qemu=qemu-system-x86_64 console=ttyS0 cross=
    need gcc build-essential
    need "$qemu" qemu-system-x86
    machine="-M pc -cpu max" ;;
  arm64)
    deb=arm64 qemu=qemu-system-aarch64 console=ttyAMA0 cross=aarch64-linux-gnu-
    need aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
    need "$qemu" qemu-system-arm
    machine="-M virt -cpu cortex-a57" ;;
  *) fail "unknown arch (x86_64 or arm64)" ;;
esac
# The kernel ABI of Debian 12's current kernel, from the headers metapackage.
dpkg-query -W -f '${Status}' linux-headers-amd64 2> /dev/null | grep -q 'ok installed' ||
  fail "linux-headers-amd64 is not installed (sh .ci/deps.sh)"
abi=$(dpkg-query -W -f '${Depends}' linux-headers-amd64 | sed -n 's/^linux-headers-\([0-9.]*-[0-9]*\)-amd64.*/\1/p')
[ -n "$abi" ] || fail "cannot read the kernel ABI from linux-headers-amd64"
kver=$abi-$deb

# --- downloads, once (apt-get download needs the dpkg architecture for arm64) ---------------
mkdir -p "$cache"
root=$cache/root-$deb
(
  flock 9
  cd "$cache"
  pkgs="linux-image-$kver:$deb"
  [ "$deb" = arm64 ] && pkgs="$pkgs linux-headers-$kver:arm64 busybox-static:arm64"
  for p in $pkgs; do
    name=${p%%:*}
    ls "${name}"_*.deb > /dev/null 2>&1 && continue
    if ! apt-get download "$p" > "download-$name.log" 2>&1; then
      cat "download-$name.log" >&2
      [ "$deb" = arm64 ] && echo "(arm64 packages need: dpkg --add-architecture arm64; apt-get update)" >&2
      fail "apt-get download $p failed"
    fi
  done
  if [ ! -f "$root.stamp" ]; then
    rm -rf "$root"
    mkdir -p "$root"
    for p in $pkgs; do
      d=$(ls "${p%%:*}"_*.deb | head -n 1)
      case $p in
        linux-image-*) # only the kernel, not its hundreds of megabytes of modules
          dpkg-deb --fsys-tarfile "$d" | tar -x -C "$root" "./boot/vmlinuz-$kver" ;;
        *) dpkg-deb -x "$d" "$root" ;;
      esac
    done
    touch "$root.stamp"
  fi
) 9> "$cache/linux-$deb.lock"
kernel=$root/boot/vmlinuz-$kver
[ -f "$kernel" ] || fail "no kernel image $kernel in linux-image-$kver"
if [ "$deb" = amd64 ]; then
  hdrs=/usr/src/linux-headers-$kver
  [ -f /bin/busybox ] && file_bb=/bin/busybox || fail "busybox is missing: install busybox-static"
  dpkg-query -W -f '${Status}' busybox-static 2> /dev/null | grep -q 'ok installed' ||
    fail "busybox-static is not installed (a dynamically linked busybox cannot run in the initramfs)"
else
  hdrs=$root/usr/src/linux-headers-$kver
  file_bb=$root/bin/busybox
  # The headers' scripts/ point at linux-kbuild-X.Y, the build programs: use the host's
  # (same kernel version, built for this machine) instead of the arm64 ones.
  kb=$(readlink "$hdrs/scripts" | sed -n 's|^\.\./\.\./lib/\(linux-kbuild-[^/]*\)/scripts$|\1|p')
  [ -n "$kb" ] || fail "unexpected scripts link in $hdrs"
  [ -d "/usr/lib/$kb" ] || fail "/usr/lib/$kb is missing: install linux-headers-amd64 (it brings $kb)"
  [ -e "$root/usr/lib/$kb" ] || { mkdir -p "$root/usr/lib"; ln -s "/usr/lib/$kb" "$root/usr/lib/$kb"; }
fi
[ -d "$hdrs" ] || fail "no kernel headers at $hdrs"

# --- the module ----------------------------------------------------------------------------
rm -rf "$out"
mkdir -p "$out/initramfs/bin" "$out/initramfs/proc" "$out/initramfs/sys" "$out/initramfs/dev"
# the module directory, laid out as README.md "Using it in Linux" says
m=$out/mod
mkdir -p "$m/include" "$m/contrib/linux" "$m/reference"
cp -r "$src/include/vmbus_proto" "$m/include/"
cp "$src/contrib/linux/vmbp_linux_prelude.h" "$m/contrib/linux/"
cp "$src/reference/include/vmbus_proto/vmbp_ring.h" "$m/include/vmbus_proto/"
cp "$src/reference/vmbp_ring.c" "$m/reference/"
cp "$src/contrib/linux/selftest/Kbuild" "$src/contrib/linux/selftest/vmbp_selftest_main.c" \
  "$src/tests/selftest/vmbp_selftest.c" "$src/tests/selftest/vmbp_selftest.h" "$m/"
python3 "$src/tests/selftest/gen_vectors.py" "$src/tests/vectors" "$m/vmbp_selftest_vectors.h"
start=$(date +%s)
# shellcheck disable=SC2086
if ! nice -n 10 make -C "$hdrs" M="$m" ARCH=$([ "$deb" = arm64 ] && echo arm64 || echo x86) \
    CROSS_COMPILE=$cross W=1 modules > "$out/build.log" 2>&1; then
  cat "$out/build.log"
  fail "module build failed"
fi
build_s=$(( $(date +%s) - start ))
grep -E "warning|error" "$out/build.log" | grep -v "Skipping BTF" && fail "the module build printed warnings"

# --- initramfs: busybox, the module, an init that loads it and powers off -------------------
cp "$file_bb" "$out/initramfs/bin/busybox"
cp "$m/vmbus_proto_selftest.ko" "$out/initramfs/"
cat > "$out/initramfs/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
echo "initramfs: insmod vmbus_proto_selftest.ko on $(/bin/busybox uname -r) $(/bin/busybox uname -m)"
/bin/busybox insmod /vmbus_proto_selftest.ko || echo "initramfs: insmod failed"
/bin/busybox dmesg | /bin/busybox grep 'vmbus_proto_selftest: '
/bin/busybox poweroff -f
EOF
chmod +x "$out/initramfs/init"
(cd "$out/initramfs" && find . | cpio -o -H newc --quiet | gzip -1) > "$out/initramfs.cpio.gz"

# --- boot ----------------------------------------------------------------------------------
start=$(date +%s)
# shellcheck disable=SC2086
timeout 300 "$qemu" $machine -m 512 -smp 1 -kernel "$kernel" -initrd "$out/initramfs.cpio.gz" \
  -append "console=$console panic=-1 quiet" -nographic -no-reboot -net none \
  < /dev/null > "$out/console.log" 2>&1 || true
boot_s=$(( $(date +%s) - start ))
tr -d '\r' < "$out/console.log" | grep -E "initramfs:|vmbus_proto_selftest:" || true
result=$(tr -d '\r' < "$out/console.log" | sed -n 's/.*vmbus_proto_selftest: \([0-9]* passed, [0-9]* failed\)$/\1/p' | tail -n 1)
if ! echo "$result" | grep -qE '^[1-9][0-9]* passed, 0 failed$'; then
  tail -n 40 "$out/console.log"
  fail "no \"N passed, 0 failed\" line from the module (console: $out/console.log)"
fi
# the module's init fails on a failed check, so insmod must have succeeded
if tr -d '\r' < "$out/console.log" | grep -q "initramfs: insmod failed"; then
  tail -n 40 "$out/console.log"
  fail "insmod failed although the module printed 0 failed (console: $out/console.log)"
fi
echo "realenv linux $arch: kernel $kver, module built in ${build_s}s, booted and ran in ${boot_s}s: $result"
