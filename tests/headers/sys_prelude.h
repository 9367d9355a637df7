/* SPDX-License-Identifier: MIT */
/* A stand-in for a kernel or firmware prelude (VMBP_SYSTEM_HEADER): the headers must build
 * with the types it defines and with no C library header at all (-nostdinc). */
#ifndef VMBP_TEST_SYS_PRELUDE_H
#define VMBP_TEST_SYS_PRELUDE_H
typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef int int32_t;
typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#define offsetof(t, m) __builtin_offsetof(t, m)
#endif
