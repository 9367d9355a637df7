/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <linux/stddef.h>. */
#ifndef MOCK_LINUX_STDDEF_H
#define MOCK_LINUX_STDDEF_H
#define NULL ((void *)0)
enum { false = 0, true = 1 };
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif
