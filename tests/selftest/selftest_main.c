/* SPDX-License-Identifier: MIT */
/* The self-test as a hosted program (CTest selftest.native): working memory from the C
 * library's allocator, lines on stdout; exit status 1 when a check failed. */
#include <stdio.h>
#include <stdlib.h>

#include "vmbp_selftest.h"

static void print_line(void *ctx, const char *line)
{
    (void)ctx;
    printf("%s\n", line);
}

int main(void)
{
    struct vmbp_selftest_result res;
    void *mem = aligned_alloc(4096, VMBP_SELFTEST_MEM_BYTES);

    if (!mem) {
        fprintf(stderr, "selftest: no memory\n");
        return 2;
    }
    vmbp_selftest_run(mem, VMBP_SELFTEST_MEM_BYTES, print_line, NULL, &res);
    free(mem);
    return res.failed == 0 && res.passed > 0 ? 0 : 1;
}
