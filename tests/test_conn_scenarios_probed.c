/* SPDX-License-Identifier: MIT */
/* Every scenario of test_conn_scenarios.c again, each call of a machine made first with an
 * output that has no room left (TH_PROBE, tests/conn_harness.h). */
#define TH_PROBE 1
#include "test_conn_scenarios.c"
