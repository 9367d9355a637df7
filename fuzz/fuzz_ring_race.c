/* SPDX-License-Identifier: MIT */
/*
 * fuzz_ring_race: the guest's reader against a host racing it. The instrumented accessor
 * layer hands fresh fuzzer bytes to every shared read (tests/support/tshm.h), so any logic
 * that assumed two reads agree breaks. Checked on every call: no shared byte read twice in
 * one step, every packet returned equals the bytes that were read, nothing accessed
 * outside the ring or the caller's buffer, and the model's statuses and decisions
 * (fuzz_ring_reader.h).
 */
#include "fuzz_ring_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_reader_run(data, size, VMBP_RING_GUEST_RECV, false, true);
}
