/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <linux/string.h>. */
#ifndef MOCK_LINUX_STRING_H
#define MOCK_LINUX_STRING_H
#include <linux/types.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
#endif
