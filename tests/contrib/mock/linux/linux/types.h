/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <linux/types.h>: only what contrib/linux/vmbp_linux_prelude.h uses. */
#ifndef MOCK_LINUX_TYPES_H
#define MOCK_LINUX_TYPES_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef int int32_t;
typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef _Bool bool;
#endif
