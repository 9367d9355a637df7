/* SPDX-License-Identifier: MIT */
/* Mock of the kernel's <linux/compiler.h> (READ_ONCE/WRITE_ONCE). */
#ifndef MOCK_LINUX_COMPILER_H
#define MOCK_LINUX_COMPILER_H
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) ((void)(*(volatile __typeof__(x) *)&(x) = (val)))
#define barrier() __asm__ __volatile__("" : : : "memory")
#endif
