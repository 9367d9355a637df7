/* SPDX-License-Identifier: MIT */
/* Reader of the text vectors in tests/vectors/: see vectors.h. */
#include "vectors.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef VMBP_SOURCE_DIR
#error "compile with -DVMBP_SOURCE_DIR=\"<source tree>\""
#endif

static void die(const char *file, unsigned line, const char *what)
{
    fprintf(stderr, "vectors: %s:%u: %s\n", file, line, what);
    abort();
}

static char *dupstr(const char *s, size_t n)
{
    char *d = (char *)malloc(n + 1);

    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static char *trim(char *s)
{
    char *e;

    while (*s && isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = 0;
    return s;
}

static void add_kv(struct vmbp_vec *v, const char *k, const char *val)
{
    v->kv = (struct vmbp_vec_kv *)realloc(v->kv, (v->nkv + 1) * sizeof(*v->kv));
    if (!v->kv)
        abort();
    v->kv[v->nkv].key = dupstr(k, strlen(k));
    v->kv[v->nkv].value = dupstr(val, strlen(val));
    v->nkv++;
}

static void add_hex(struct vmbp_vec *v, const char *hex, const char *file, unsigned line)
{
    int hi = -1;

    for (; *hex; hex++) {
        int d;

        if (isspace((unsigned char)*hex))
            continue;
        if (!isxdigit((unsigned char)*hex))
            die(file, line, "bad hex digit");
        d = isdigit((unsigned char)*hex) ? *hex - '0'
                                         : (tolower((unsigned char)*hex) - 'a' + 10);
        if (hi < 0) {
            hi = d;
            continue;
        }
        v->bytes = (uint8_t *)realloc(v->bytes, v->len + 1);
        if (!v->bytes)
            abort();
        v->bytes[v->len++] = (uint8_t)(hi << 4 | d);
        hi = -1;
    }
    if (hi >= 0)
        die(file, line, "odd number of hex digits");
}

static void load_file(struct vmbp_vec_set *set, const char *path, const char *rel)
{
    FILE *f = fopen(path, "r");
    char buf[8192];
    unsigned line = 0;
    struct vmbp_vec *cur = NULL;

    if (!f)
        die(rel, 0, "cannot open");
    while (fgets(buf, sizeof(buf), f)) {
        char *s = trim(buf), *colon;

        line++;
        if (!*s || *s == '#')
            continue;
        colon = strchr(s, ':');
        if (!colon)
            die(rel, line, "expected key: value");
        *colon = 0;
        if (strcmp(trim(s), "vector") == 0) {
            set->v = (struct vmbp_vec *)realloc(set->v, (set->n + 1) * sizeof(*set->v));
            if (!set->v)
                abort();
            cur = &set->v[set->n++];
            memset(cur, 0, sizeof(*cur));
            cur->file = dupstr(rel, strlen(rel));
            cur->line = line;
            cur->name = dupstr(trim(colon + 1), strlen(trim(colon + 1)));
            continue;
        }
        if (!cur)
            die(rel, line, "key before the first vector: line");
        if (strcmp(trim(s), "hex") == 0)
            add_hex(cur, colon + 1, rel, line);
        else
            add_kv(cur, trim(s), trim(colon + 1));
    }
    fclose(f);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_dir(struct vmbp_vec_set *set, const char *path, const char *rel)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, i;

    if (!d)
        die(rel, 0, "cannot open directory");
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        names = (char **)realloc(names, (n + 1) * sizeof(*names));
        if (!names)
            abort();
        names[n++] = dupstr(e->d_name, strlen(e->d_name));
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_names); /* stable order on every file system */
    for (i = 0; i < n; i++) {
        char child[4096], crel[4096];
        struct stat st;

        snprintf(child, sizeof(child), "%s/%s", path, names[i]);
        snprintf(crel, sizeof(crel), "%s%s%s", rel, *rel ? "/" : "", names[i]);
        if (stat(child, &st) == 0 && S_ISDIR(st.st_mode))
            load_dir(set, child, crel);
        else if (strlen(names[i]) > 4 && strcmp(names[i] + strlen(names[i]) - 4, ".vec") == 0)
            load_file(set, child, crel);
        free(names[i]);
    }
    free(names);
}

void vmbp_vec_load(struct vmbp_vec_set *set, const char *subdir)
{
    char path[4096];

    memset(set, 0, sizeof(*set));
    snprintf(path, sizeof(path), "%s/tests/vectors%s%s", VMBP_SOURCE_DIR, *subdir ? "/" : "",
             subdir);
    load_dir(set, path, subdir);
}

void vmbp_vec_free(struct vmbp_vec_set *set)
{
    size_t i, j;

    for (i = 0; i < set->n; i++) {
        for (j = 0; j < set->v[i].nkv; j++) {
            free(set->v[i].kv[j].key);
            free(set->v[i].kv[j].value);
        }
        free(set->v[i].kv);
        free(set->v[i].bytes);
        free(set->v[i].name);
        free(set->v[i].file);
    }
    free(set->v);
    memset(set, 0, sizeof(*set));
}

const char *vmbp_vec_get(const struct vmbp_vec *v, const char *key)
{
    size_t i;

    for (i = 0; i < v->nkv; i++)
        if (strcmp(v->kv[i].key, key) == 0)
            return v->kv[i].value;
    return NULL;
}

const char *vmbp_vec_field(const struct vmbp_vec *v, const char *name)
{
    size_t i, n = strlen(name);

    for (i = 0; i < v->nkv; i++) {
        const char *val = v->kv[i].value;

        if (strcmp(v->kv[i].key, "field") != 0 || strncmp(val, name, n) != 0)
            continue;
        val += n;
        while (*val == ' ')
            val++;
        if (*val != '=')
            continue;
        val++;
        while (*val == ' ')
            val++;
        return val;
    }
    return NULL;
}

uint64_t vmbp_vec_num(const char *s)
{
    char *end;
    unsigned long long x;

    if (!s || !*s)
        die("?", 0, "missing number");
    x = strtoull(s, &end, 0);
    if (*end)
        die("?", 0, s);
    return (uint64_t)x;
}

uint32_t vmbp_vec_version(const char *s)
{
    unsigned maj, min;

    if (!s || strcmp(s, "none") == 0)
        return 0;
    if (sscanf(s, "%u.%u", &maj, &min) != 2)
        die("?", 0, s);
    return (maj << 16) | min;
}

int vmbp_vec_guid(const char *s, uint8_t out[16])
{
    unsigned a, b, c, d[8];
    int n;

    n = sscanf(s, "{%8x-%4x-%4x-%2x%2x-%2x%2x%2x%2x%2x%2x}", &a, &b, &c, &d[0], &d[1], &d[2],
               &d[3], &d[4], &d[5], &d[6], &d[7]);
    if (n != 11)
        return -1;
    out[0] = (uint8_t)a;
    out[1] = (uint8_t)(a >> 8);
    out[2] = (uint8_t)(a >> 16);
    out[3] = (uint8_t)(a >> 24);
    out[4] = (uint8_t)b;
    out[5] = (uint8_t)(b >> 8);
    out[6] = (uint8_t)c;
    out[7] = (uint8_t)(c >> 8);
    for (n = 0; n < 8; n++)
        out[8 + n] = (uint8_t)d[n];
    return 0;
}
