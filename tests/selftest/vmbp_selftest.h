/* SPDX-License-Identifier: MIT */
/*
 * The self-test every environment runs: a hosted program (CTest `selftest.native`), a Linux
 * kernel module (contrib/linux/selftest/) and a UEFI application
 * (contrib/edk2/Application/VmbpSelfTest/). It uses no C library, only the library's public
 * headers, the reference ring and the environment's prelude (VMBP_SYSTEM_HEADER).
 *
 * It checks every vector of tests/vectors/ (compiled in by gen_vectors.py), the reference
 * ring in both roles on memory the environment allocated, and the SynIC and Confidential
 * VMBus decision functions, and prints its result as one line: "N passed, M failed".
 */
#ifndef VMBP_SELFTEST_H
#define VMBP_SELFTEST_H

#include <vmbus_proto/port.h>

#if defined(__cplusplus)
extern "C" {
#endif

/** Bytes of working memory vmbp_selftest_run() needs, 4096-byte aligned: the rings, the
 *  ring images and SynIC pages live there, in memory of the environment's own allocator. */
#define VMBP_SELFTEST_MEM_BYTES 65536u

/** Prints one line (no trailing newline) on the environment's console. */
typedef void (*vmbp_selftest_print_fn)(void *ctx, const char *line);

/** What a run found. */
struct vmbp_selftest_result {
    uint32_t passed; /**< checks that held */
    uint32_t failed; /**< checks that did not (each printed with its vector or step) */
};

/**
 * Run every check. Prints a line per failure (at most 32), a line per part with its check
 * count, and last "N passed, M failed".
 * @param mem       VMBP_SELFTEST_MEM_BYTES of writable memory, 4096-byte aligned
 * @param mem_bytes its size (smaller: one failed check, nothing else runs)
 * @param print     line printer
 * @param ctx       passed to @p print
 * @param res       receives the counts
 */
void vmbp_selftest_run(void *mem, size_t mem_bytes, vmbp_selftest_print_fn print, void *ctx,
                       struct vmbp_selftest_result *res);

#if defined(__cplusplus)
}
#endif

#endif /* VMBP_SELFTEST_H */
