// SPDX-License-Identifier: MIT
/*
 * Load to run vmbus_proto's self-test in the kernel: the rings and SynIC pages live in
 * pages from the page allocator, shared memory is accessed through the kernel prelude
 * (READ_ONCE/WRITE_ONCE, virt_load_acquire/virt_store_release, virt_mb, cmpxchg, memcpy).
 * The log holds the result. As the kernel's own self-test modules do (lib/test_*.c), a
 * failed check fails the load (-EINVAL), so insmod reports it; otherwise the module stays
 * loaded and does nothing more.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>

#include "vmbp_selftest.h"

static void vmbp_selftest_print(void *ctx, const char *line)
{
    pr_info("%s\n", line);
}

static int __init vmbp_selftest_init(void)
{
    unsigned int order = get_order(VMBP_SELFTEST_MEM_BYTES);
    unsigned long mem = __get_free_pages(GFP_KERNEL, order);
    struct vmbp_selftest_result res;

    if (!mem)
        return -ENOMEM;
    vmbp_selftest_run((void *)mem, VMBP_SELFTEST_MEM_BYTES, vmbp_selftest_print, NULL, &res);
    free_pages(mem, order);
    return res.failed || !res.passed ? -EINVAL : 0;
}

static void __exit vmbp_selftest_exit(void)
{
}

module_init(vmbp_selftest_init);
module_exit(vmbp_selftest_exit);
MODULE_DESCRIPTION("vmbus_proto self-test");
MODULE_LICENSE("Dual MIT/GPL");
