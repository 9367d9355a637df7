#!/bin/sh
# SPDX-License-Identifier: MIT
# Build and run tests/consumer against the library in one of four ways (after install).
# usage: run.sh SRC_DIR BUILD_DIR WORK_DIR install|find_package|pkg_config|add_subdirectory|plain_include
set -eu
src=$1 build=$2 work=$3 how=$4
prefix=$work/prefix
mkdir -p "$work"
cc=${CC:-cc}
case $how in
  install)
    rm -rf "$prefix"
    cmake --install "$build" --prefix "$prefix" > "$work/install.log"
    test -f "$prefix/share/cmake/vmbus_proto/vmbus_protoConfig.cmake"
    test -f "$prefix/share/cmake/vmbus_proto/vmbus_protoConfigVersion.cmake"
    test -f "$prefix/share/pkgconfig/vmbus_proto.pc"
    test -f "$prefix/share/pkgconfig/vmbus_proto_ring.pc"
    test -f "$prefix/share/pkgconfig/vmbus_proto_conn.pc"
    test -f "$prefix/include/vmbus_proto/vmbus_proto.h"
    test -f "$prefix/include/vmbus_proto/vmbp_ring.h"
    ls "$prefix"/lib*/libvmbp_ring.a > /dev/null
    echo "installed into $prefix" ;;
  find_package)
    rm -rf "$work/fp"
    cmake -S "$src/tests/consumer" -B "$work/fp" -DCMAKE_PREFIX_PATH="$prefix" > "$work/fp.log"
    cmake --build "$work/fp" >> "$work/fp.log"
    "$work/fp/consumer"
    "$work/fp/ring_consumer" ;;
  add_subdirectory)
    rm -rf "$work/sub"
    cmake -S "$src/tests/consumer" -B "$work/sub" -DVMBP_SOURCE_DIR="$src" > "$work/sub.log"
    cmake --build "$work/sub" >> "$work/sub.log"
    "$work/sub/consumer"
    "$work/sub/ring_consumer" ;;
  pkg_config)
    flags=$(PKG_CONFIG_PATH="$prefix/share/pkgconfig" pkg-config --cflags vmbus_proto)
    # shellcheck disable=SC2086
    $cc $flags "$src/tests/consumer/main.c" -o "$work/pc-consumer"
    "$work/pc-consumer"
    # the ring: its own file, which requires the headers' and adds the library
    flags=$(PKG_CONFIG_PATH="$prefix/share/pkgconfig" pkg-config --cflags --libs vmbus_proto_ring)
    # shellcheck disable=SC2086
    $cc "$src/tests/consumer/ring_main.c" $flags -o "$work/pc-ring-consumer"
    "$work/pc-ring-consumer" ;;
  plain_include)
    $cc -I"$src/include" "$src/tests/consumer/main.c" -o "$work/plain-consumer"
    "$work/plain-consumer" ;;
  *) echo "unknown mode $how" >&2; exit 2 ;;
esac
