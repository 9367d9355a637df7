/* SPDX-License-Identifier: MIT */
/* The reference ring (reference/vmbp_ring.c), built with the kernel prelude. */
#include "vmbp_ring.c"
