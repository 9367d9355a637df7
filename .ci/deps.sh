#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what building and testing need on Debian 12 (run as root; idempotent).
#   sh .ci/deps.sh build   compilers, CMake, Check: enough to build and run vmbp-inspect
#   sh .ci/deps.sh         everything the full test suite uses
set -eu
export DEBIAN_FRONTEND=noninteractive
build="build-essential cmake pkg-config check python3"
all="$build clang clang-format llvm lld libclang-rt-14-dev libc6-dev-i386 lib32gcc-12-dev doxygen \
  gcc-s390x-linux-gnu qemu-user afl++ valgrind frama-c-base why3 z3 cvc4 gnuplot-nox git spin \
  linux-headers-amd64 gcc-aarch64-linux-gnu busybox-static cpio qemu-system-x86 qemu-system-arm \
  ovmf ovmf-ia32 dpkg-dev nasm acpica-tools uuid-dev \
  python3-jsonschema xxd bsdextrautils gdb time"
if [ "${1:-all}" = build ]; then
  apt-get update -qq
  apt-get install -y -qq $build > /dev/null
  exit 0
fi
# The s390x build links the s390x Check library (multiarch).
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
  dpkg --add-architecture s390x
fi
# The arm64 kernel module test downloads the arm64 kernel, headers and busybox packages.
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
fi
# The UEFI tests build in Debian's edk2 source package (apt-get source): deb-src entries.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  grep -q '^Types:.*deb-src' /etc/apt/sources.list.d/debian.sources ||
    sed -i 's/^Types: deb$/Types: deb deb-src/' /etc/apt/sources.list.d/debian.sources
elif ! grep -qs '^deb-src ' /etc/apt/sources.list; then
  grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' >> /etc/apt/sources.list
fi
apt-get update -qq
apt-get install -y -qq $all check:s390x > /dev/null
