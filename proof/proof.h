/* SPDX-License-Identifier: MIT */
/*
 * Included first by every entry point: the analysis configuration of the headers.
 * - port.h takes its types and copy hooks from prelude.h (Frama-C's libc, whose contracts
 *   Eva checks at every memcpy/memset);
 * - shared.h takes its hooks from shared_model.h (a host that rewrites shared memory
 *   between any two accesses);
 * - endian.h assembles values byte by byte (it does so whenever __FRAMAC__ is defined).
 */
#ifndef VMBP_PROOF_H
#define VMBP_PROOF_H

#define VMBP_SYSTEM_HEADER "prelude.h"
#define VMBP_SHARED_HOOKS_HEADER "shared_model.h"
#define VMBP_ENDIAN_BYTEWISE 1

#endif
