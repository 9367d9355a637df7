/* SPDX-License-Identifier: MIT */
/* The environment-independent self-test (tests/selftest/vmbp_selftest.c). */
#include "vmbp_selftest.c"
