/* SPDX-License-Identifier: MIT */
/* test_ring.c against the instrumented accessor layer (tests/support/tshm.h): every ring
 * test again, with the read-once check on every library call, strict region checks and the
 * tests of a host that rewrites the ring between reads. */
#define RT_INSTRUMENTED 1
#include "test_ring.c"
