/* SPDX-License-Identifier: MIT */
/*
 * What every kernel translation unit sees before its first line: the kernel's build
 * force-includes <linux/compiler_types.h> (with compiler_attributes.h), which defines
 * attribute names, `inline` and sparse annotations as macros, and <asm/current.h> makes
 * `current` a macro wherever it is included. A header that uses any of these names as an
 * identifier, or writes `__attribute__((noinline))`, breaks in a kernel build: the checks
 * compile every header and the reference ring with this file force-included (-include),
 * as Kbuild does. Definitions written from the kernel's documented behaviour
 * (include/linux/compiler_attributes.h, compiler_types.h, arch/x86/include/asm/current.h).
 */
#ifndef MOCK_LINUX_COMPILER_TYPES_H
#define MOCK_LINUX_COMPILER_TYPES_H
/* attribute names (compiler_attributes.h) */
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __cold __attribute__((__cold__))
#define __hot __attribute__((__hot__))
#define __pure __attribute__((__pure__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __must_check __attribute__((__warn_unused_result__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __weak __attribute__((__weak__))
#define __noreturn __attribute__((__noreturn__))
#define __section(s) __attribute__((__section__(s)))
#define __attribute_const__ __attribute__((__const__))
#define __malloc __attribute__((__malloc__))
#define __mode(x) __attribute__((__mode__(x)))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define fallthrough __attribute__((__fallthrough__))
#define noinline_for_stack noinline
/* compiler_types.h: inline itself is a macro */
#define inline inline __attribute__((__gnu_inline__)) __attribute__((__unused__))
#define __inline__ inline
#define __inline inline
/* sparse annotations */
#define __user
#define __kernel
#define __iomem
#define __force
#define __rcu
#define __percpu
#define __bitwise
/* asm/current.h */
struct task_struct;
struct task_struct *get_current(void);
#define current get_current()
#endif
