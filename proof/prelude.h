/* SPDX-License-Identifier: MIT */
/*
 * System prelude for the Frama-C analysis (VMBP_SYSTEM_HEADER): the types port.h needs,
 * Frama-C's own libc declarations (whose ACSL contracts Eva checks at every call) and its
 * builtins for unknown values. The bulk-copy hooks go to memcpy/memset, so every copy is
 * checked for valid, separated source and destination ranges.
 */
#ifndef VMBP_PROOF_PRELUDE_H
#define VMBP_PROOF_PRELUDE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>
#include "__fc_builtin.h"

#define VMBP_MEMCPY(dst, src, n) ((void)memcpy((dst), (src), (n)))
#define VMBP_MEMSET(dst, byte, n) ((void)memset((dst), (byte), (n)))

/* Any value of a type: what a host can put in memory it shares with us. */
#define PROOF_ANY_U32() Frama_C_unsigned_int_interval(0u, 0xFFFFFFFFu)
#define PROOF_ANY_SIZE(lo, hi) Frama_C_size_t_interval((lo), (hi))

#endif
