/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ring_read: the guest's reader (VMBP_RING_GUEST_RECV) against an arbitrary control
 * page and data area, which the host may also rewrite between calls (never during one).
 * Every call is checked against an independent model of the reader (fuzz_ring_reader.h).
 */
#include "fuzz_ring_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_reader_run(data, size, VMBP_RING_GUEST_RECV, false, false);
}
