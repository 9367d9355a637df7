/* SPDX-License-Identifier: MIT */
/*
 * Shared scaffolding of the Check unit tests: one test program per header family
 * (tests/test_<family>.c), each ending with VMBP_TEST_MAIN(<suite builder>).
 *
 * The program runs its suite in Check's default fork mode (CK_FORK=no in the environment
 * turns that off for debuggers and valgrind). With --count it only builds the suite and
 * prints how many tests it holds: CTest uses that to name each suite with its test count.
 */
#ifndef VMBP_TESTS_UNIT_H
#define VMBP_TESTS_UNIT_H

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Count every test added to a TCase: all of Check's tcase_add_* macros end in
 * _tcase_add_test(tc, test, signal, exit_value, start, end), which adds end - start runs. */
static int vmbp_test_count;

static inline void vmbp_test_counting_add(TCase *tc, const TTest *tt, int signal,
                                          int allowed_exit_value, int start, int end)
{
    vmbp_test_count += end - start;
    (_tcase_add_test)(tc, tt, signal, allowed_exit_value, start, end);
}
#undef _tcase_add_test
#define _tcase_add_test(tc, tt, sig, ex, s, e) vmbp_test_counting_add((tc), (tt), (sig), (ex), (s), (e))

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

static inline int vmbp_test_run(Suite *(*make_suite)(void), int argc, char **argv)
{
    Suite *s = make_suite();
    SRunner *sr;
    int failed;

    sr = srunner_create(s); /* owns the suite from here on */
    if (argc > 1 && strcmp(argv[1], "--count") == 0) {
        printf("%d\n", vmbp_test_count);
        srunner_free(sr);
        return 0;
    }
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#define VMBP_TEST_MAIN(make_suite)                                                            \
    int main(int argc, char **argv)                                                           \
    {                                                                                         \
        return vmbp_test_run(make_suite, argc, argv);                                         \
    }

#endif /* VMBP_TESTS_UNIT_H */
