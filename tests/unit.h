/* SPDX-License-Identifier: MIT */
/*
 * Shared scaffolding of the Check unit tests: one test program per header family
 * (tests/test_<family>.c), each ending with VMBP_TEST_MAIN(<suite builder>).
 *
 * The program runs its suite in Check's default fork mode (CK_FORK=no in the environment
 * turns that off for debuggers and valgrind; CK_RUN_CASE=<name> runs one test case) and
 * prints Check's summary, which counts the tests. Only Check's public API is used; CTest
 * registers the program as unit.<family>.
 */
#ifndef VMBP_TESTS_UNIT_H
#define VMBP_TESTS_UNIT_H

#include <check.h>
#include <signal.h> /* tcase_add_test_raise_signal() takes SIGABRT and friends */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Hex helper for tests: parse "0a 0B 1c..." (whitespace ignored) into out; returns the
 * byte count, or -1 on a malformed string or when more than cap bytes are given. */
static inline int vmbp_test_unhex(const char *hex, unsigned char *out, size_t cap)
{
    size_t n = 0;
    int hi = -1;

    for (; *hex; hex++) {
        int v;
        char c = *hex;

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= cap)
                return -1;
            out[n++] = (unsigned char)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (int)n : -1;
}

static inline int vmbp_test_run(Suite *(*make_suite)(void))
{
    Suite *s = make_suite();
    SRunner *sr;
    int failed;

    sr = srunner_create(s); /* owns the suite from here on */
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#define VMBP_TEST_MAIN(make_suite)                                                             \
    int main(void)                                                                             \
    {                                                                                          \
        return vmbp_test_run(make_suite);                                                      \
    }

#endif /* VMBP_TESTS_UNIT_H */
