/* SPDX-License-Identifier: MIT */
/* Every test of test_conn.c again, each call of a machine made first with an output that has
 * no room left (TH_PROBE, tests/conn_harness.h): the call completes needing none, or is
 * refused with VMBP_E_NOSPACE having changed nothing, and then succeeds as before. */
#define TH_PROBE 1
#include "test_conn.c"
