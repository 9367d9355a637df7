/* SPDX-License-Identifier: MIT */
/*
 * vmbp-bench: how close the hardened ring and the message codec come to the speed of
 * memory. Every figure is printed beside its baseline, measured in the same run (the two
 * alternate, repetition by repetition), and the ratio baseline time / our time is the
 * number to read: 1.0 means as fast as the plain copies. Times are medians of --reps
 * repetitions after a warm-up; the machine, compiler and flags go into the JSON.
 *
 * usage: vmbp-bench [--quick | --check] [--reps N] [--only LIST] [--no-pin] [--json FILE]
 *                   [--label TEXT] | --info
 *   --check runs every measurement once on tiny inputs (a smoke test: no figure is
 *   meaningful); the run fails if any ring call or message decode does.
 *        vmbp-bench --icount ring BYTES N | --icount poll N | --icount msg INDEX N |
 *                   --icount msg list
 *                   (fixed work for bench/callgrind.sh)
 *   LIST: comma-separated groups among ring, batch, zerocopy, pipe, gap, compiler, decode.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#ifndef VMBP_BENCH_FLAGS
#define VMBP_BENCH_FLAGS "unknown"
#endif
#ifndef VMBP_BENCH_BUILD_TYPE
#define VMBP_BENCH_BUILD_TYPE "unknown"
#endif

struct bench_opts bench_opt = {7, 20.0, 64.0, 1, 0, 20000, 0};
volatile uint64_t bench_sink;

static struct bench_row rows[BENCH_MAX_ROWS];
static int nrows;

double bench_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

double bench_thread_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct bench_row *bench_add_row(const char *group)
{
    struct bench_row *r;

    if (nrows == BENCH_MAX_ROWS) {
        /* a row left out would silently drop a figure from the table and the JSON */
        fprintf(stderr, "vmbp-bench: more than %d rows: raise BENCH_MAX_ROWS\n",
                BENCH_MAX_ROWS);
        exit(2);
    }
    r = &rows[nrows++];
    memset(r, 0, sizeof(*r));
    r->group = group;
    r->signals = -1;
    return r;
}

/* ---- machine ------------------------------------------------------------------------- */

static void cpu_model(char *out, size_t cap)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];

    snprintf(out, cap, "unknown");
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        char *colon = strchr(line, ':');

        if (strncmp(line, "model name", 10) == 0 && colon) {
            colon++;
            while (*colon == ' ' || *colon == '\t')
                colon++;
            colon[strcspn(colon, "\n")] = 0;
            snprintf(out, cap, "%s", colon);
            break;
        }
    }
    fclose(f);
}

/* The 1, 5 and 15 minute load averages: how busy the shared machine was. */
static void read_loadavg(char *out, size_t cap)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double a = 0, b = 0, c = 0;

    snprintf(out, cap, "unknown");
    if (!f)
        return;
    if (fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
        snprintf(out, cap, "%.2f %.2f %.2f", a, b, c);
    fclose(f);
}

static const char *compiler_id(void)
{
#if defined(__clang__)
    return "clang";
#elif defined(__GNUC__)
    return "gcc";
#else
    return "cc";
#endif
}

/* ---- output -------------------------------------------------------------------------- */

static void print_table(void)
{
    int i, p;
    const char *last = "";

    printf("\n%-9s %-38s %6s %5s %9s %7s %9s %7s %6s %6s %7s %8s\n", "group", "what", "bytes",
           "ring", "ns/op", "GB/s", "base ns", "base GB", "ratio", "target", "Mpkt/s",
           "sig/1000");
    for (i = 0; i < nrows; i++) {
        const struct bench_row *r = &rows[i];
        char ring[16] = "", target[16] = "", mpps[16] = "", sig[16] = "";

        if (strcmp(last, r->group) != 0 && i)
            printf("\n");
        last = r->group;
        if (r->ring_kib)
            snprintf(ring, sizeof(ring), "%uK", r->ring_kib);
        if (r->target > 0)
            snprintf(target, sizeof(target), ">=%.2f", r->target);
        if (r->mpps > 0)
            snprintf(mpps, sizeof(mpps), "%.2f", r->mpps);
        if (r->signals >= 0)
            snprintf(sig, sizeof(sig), "%.2f", r->signals);
        printf("%-9s %-38s %6u %5s %9.1f %7.2f %9.1f %7.2f %6.2f %6s %7s %8s", r->group,
               r->name, r->bytes, ring, r->ns, r->gbps, r->base_ns, r->base_gbps, r->ratio,
               target, mpps, sig);
        for (p = 0; p < r->npeers; p++) {
            const struct bench_peer *pe = &r->peer[p];

            printf("  %s %7.1f ns %5.2f", pe->name, pe->ns, pe->ratio);
            if (pe->target > 0)
                printf(" (>=%.2f%s)", pe->target, pe->ratio >= pe->target ? "" : " MISSED");
        }
        printf("\n");
    }
    printf("\nratio = baseline time / our time (1.00 = as fast as the baseline; higher is "
           "better).\nbaselines: ring/batch/zerocopy: two memcpy of the payload (into a "
           "ring-sized buffer, out of it);\npipe: a plain two-thread SPSC memcpy pipe of the "
           "same size; decode: one memcpy of the message bytes.\n"
           "peers (dpdk, linux): models of the peers' ring algorithms (bench/bench_peers.h), "
           "ratio = peer time / our time.\n");
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            fprintf(f, "\\u%04x", (unsigned)*s);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static int write_json(const char *path, const char *label)
{
    FILE *f = fopen(path, "w");
    char cpu[256], date[64], loadavg[64];
    struct utsname u;
    time_t now = time(NULL);
    int i;

    if (!f) {
        perror(path);
        return 1;
    }
    cpu_model(cpu, sizeof(cpu));
    read_loadavg(loadavg, sizeof(loadavg));
    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    if (uname(&u) != 0)
        memset(&u, 0, sizeof(u));
    fprintf(f, "{\n  \"tool\": \"vmbp-bench\",\n  \"date\": ");
    json_str(f, date);
    fprintf(f, ",\n  \"label\": ");
    json_str(f, label);
    fprintf(f, ",\n  \"machine\": {\"cpu\": ");
    json_str(f, cpu);
    fprintf(f, ", \"cores\": %ld, \"loadavg_at_end\": ", sysconf(_SC_NPROCESSORS_ONLN));
    json_str(f, loadavg);
    fprintf(f, ", \"kernel\": ");
    json_str(f, u.release);
    fprintf(f, ", \"arch\": ");
    json_str(f, u.machine);
    fprintf(f, "},\n  \"compiler\": {\"id\": ");
    json_str(f, compiler_id());
    fprintf(f, ", \"version\": ");
    json_str(f, __VERSION__);
    fprintf(f, ", \"build_type\": ");
    json_str(f, VMBP_BENCH_BUILD_TYPE);
    fprintf(f, ", \"flags\": ");
    json_str(f, VMBP_BENCH_FLAGS);
    fprintf(f,
            "},\n  \"settings\": {\"reps\": %d, \"block_ms\": %.1f, \"pipe_mib\": %.1f, "
            "\"pinned\": %s},\n",
            bench_opt.reps, bench_opt.block_ms, bench_opt.pipe_mib,
            bench_opt.pin ? "true" : "false");
    fprintf(f, "  \"ratio\": \"baseline time / our time, median over the repetitions\",\n");
    fprintf(f, "  \"timing\": \"single-thread rows: thread CPU time; two-thread rows: wall "
               "time\",\n");
    fprintf(f, "  \"rows\": [\n");
    for (i = 0; i < nrows; i++) {
        const struct bench_row *r = &rows[i];

        fprintf(f, "    {\"group\": ");
        json_str(f, r->group);
        fprintf(f, ", \"what\": ");
        json_str(f, r->name);
        fprintf(f,
                ", \"bytes\": %u, \"ring_kib\": %u, \"ns\": %.2f, \"gbps\": %.3f, "
                "\"base_ns\": %.2f, \"base_gbps\": %.3f, \"ratio\": %.3f",
                r->bytes, r->ring_kib, r->ns, r->gbps, r->base_ns, r->base_gbps, r->ratio);
        if (r->mpps > 0)
            fprintf(f, ", \"mpps\": %.3f", r->mpps);
        if (r->signals >= 0)
            fprintf(f, ", \"signals_per_1000\": %.3f", r->signals);
        if (r->target > 0)
            fprintf(f, ", \"target_ratio\": %.2f, \"meets_target\": %s", r->target,
                    r->ratio >= r->target ? "true" : "false");
        if (r->npeers) {
            int p;

            fprintf(f, ", \"peers\": [");
            for (p = 0; p < r->npeers; p++) {
                const struct bench_peer *pe = &r->peer[p];

                fprintf(f, "%s{\"name\": ", p ? ", " : "");
                json_str(f, pe->name);
                fprintf(f, ", \"ns\": %.2f, \"ratio\": %.3f", pe->ns, pe->ratio);
                if (pe->target > 0)
                    fprintf(f, ", \"target_ratio\": %.2f, \"meets_target\": %s", pe->target,
                            pe->ratio >= pe->target ? "true" : "false");
                fprintf(f, "}");
            }
            fprintf(f, "]");
        }
        fprintf(f, "}%s\n", i + 1 < nrows ? "," : "");
    }
    fprintf(f, "  ]\n}\n");
    return fclose(f) != 0;
}

/* ---- main ---------------------------------------------------------------------------- */

static void info_line(void)
{
    char cpu[256];

    cpu_model(cpu, sizeof(cpu));
    printf("vmbp-bench: %s, %ld cores; %s %s, %s (%s)\n", cpu, sysconf(_SC_NPROCESSORS_ONLN),
           compiler_id(), __VERSION__, VMBP_BENCH_BUILD_TYPE, VMBP_BENCH_FLAGS);
}

static int usage(void)
{
    fprintf(
        stderr,
        "usage: vmbp-bench [--quick|--check] [--reps N] [--only ring,batch,zerocopy,pipe,"
        "gap,compiler,decode] [--no-pin] [--json FILE] [--label TEXT]\n"
        "       vmbp-bench --icount ring BYTES N | --icount poll N | --icount msg INDEX N | "
        "--icount msg list\n");
    return 2;
}

static int wanted(const char *only, const char *group)
{
    size_t n = strlen(group);
    const char *p = only;

    if (!only)
        return 1;
    while ((p = strstr(p, group)) != NULL) {
        if ((p == only || p[-1] == ',') && (p[n] == 0 || p[n] == ','))
            return 1;
        p += n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *json = NULL, *only = NULL, *label = "";
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--icount") == 0 && i + 1 < argc) {
            if (strcmp(argv[i + 1], "ring") == 0 && i + 3 < argc)
                return bench_icount_ring((uint32_t)strtoul(argv[i + 2], NULL, 0),
                                         strtoul(argv[i + 3], NULL, 0));
            if (strcmp(argv[i + 1], "poll") == 0 && i + 2 < argc)
                return bench_icount_poll(strtoul(argv[i + 2], NULL, 0));
            if (strcmp(argv[i + 1], "msg") == 0 && i + 2 < argc &&
                strcmp(argv[i + 2], "list") == 0)
                return bench_icount_msg(-1, 0);
            if (strcmp(argv[i + 1], "msg") == 0 && i + 3 < argc)
                return bench_icount_msg(strtol(argv[i + 2], NULL, 0),
                                        strtoul(argv[i + 3], NULL, 0));
            return usage();
        } else if (strcmp(argv[i], "--info") == 0) {
            info_line();
            return 0;
        } else if (strcmp(argv[i], "--quick") == 0) {
            bench_opt.quick = 1;
            bench_opt.reps = 3;
            bench_opt.block_ms = 5;
            bench_opt.pipe_mib = 8;
        } else if (strcmp(argv[i], "--check") == 0) {
            /* every path once, tiny: proves the program works, measures nothing */
            bench_opt.reps = 1;
            bench_opt.block_ms = 0.05;
            bench_opt.pipe_mib = 0.01;
            bench_opt.pipe_min = 500;
            bench_opt.check = 1;
        } else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            bench_opt.reps = atoi(argv[++i]);
            if (bench_opt.reps < 1 || bench_opt.reps > 63)
                return usage();
        } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (strcmp(argv[i], "--no-pin") == 0) {
            bench_opt.pin = 0;
        } else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
            json = argv[++i];
        } else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc) {
            label = argv[++i];
        } else {
            return usage();
        }
    }
    info_line();
    printf("%d repetitions per figure, median\n", bench_opt.reps);
    fflush(stdout);
    if (wanted(only, "ring"))
        bench_ring_single();
    if (wanted(only, "batch"))
        bench_ring_batch();
    if (wanted(only, "zerocopy"))
        bench_ring_zerocopy();
    if (wanted(only, "pipe"))
        bench_pipe();
    if (wanted(only, "gap"))
        bench_pipe_gap();
    if (wanted(only, "compiler"))
        bench_compilers();
    if (wanted(only, "decode"))
        bench_msg_decode();
    print_table();
    if (bench_opt.check)
        printf("check: every measurement ran once on tiny inputs; the figures mean nothing\n");
    if (json) {
        if (write_json(json, label))
            return 1;
        printf("JSON: %s\n", json);
    }
    return 0;
}
