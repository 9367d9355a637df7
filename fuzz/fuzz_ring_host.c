/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ring_host: the host side's reader (VMBP_RING_HOST_RECV, a VSP reading the
 * guest-to-host ring) against a malicious guest: the page as the guest left it (attach) or
 * reset, with or without a racing peer (cfg bit FZ_CFG_RACE). Same model and contracts as
 * the guest reader (fuzz_ring_reader.h); the host starts with interrupts masked.
 */
#include "fuzz_ring_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_reader_run(data, size, VMBP_RING_HOST_RECV, true, false);
}
