/* SPDX-License-Identifier: MIT */
/* endian.h's portable byte-by-byte path (the one non-GNU compilers and static analysers
 * use), run through the same tests as the builtin path. */
#define VMBP_ENDIAN_BYTEWISE 1
#include "test_endian.c"
