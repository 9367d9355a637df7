/* SPDX-License-Identifier: MIT */
/* Reader of the text vectors in tests/vectors/ (format: tests/vectors/README.md). */
#ifndef VMBP_TESTS_VECTORS_H
#define VMBP_TESTS_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vmbp_vec_kv {
    char *key;
    char *value;
};

struct vmbp_vec {
    char *file;     /* path relative to tests/vectors */
    unsigned line;  /* line of the "vector:" line */
    char *name;     /* vector: */
    uint8_t *bytes; /* hex:, concatenated */
    size_t len;
    struct vmbp_vec_kv *kv; /* every other key in file order, fields included */
    size_t nkv;
};

struct vmbp_vec_set {
    struct vmbp_vec *v;
    size_t n;
};

/* Load every *.vec file below tests/vectors/<subdir> (subdir may be "" for all).
 * Aborts with a message on a malformed file: a broken vector is a test bug. */
void vmbp_vec_load(struct vmbp_vec_set *set, const char *subdir);
void vmbp_vec_free(struct vmbp_vec_set *set);

/* First value of a key, or NULL. */
const char *vmbp_vec_get(const struct vmbp_vec *v, const char *key);
/* Value of "field: <name> = value", or NULL. */
const char *vmbp_vec_field(const struct vmbp_vec *v, const char *name);
/* Parse an unsigned number (decimal or 0x hex); aborts on junk. */
uint64_t vmbp_vec_num(const char *s);
/* Parse a version "X.Y" into (X << 16) | Y; "none" gives 0. */
uint32_t vmbp_vec_version(const char *s);
/* Parse a GUID "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" into its 16 wire bytes (the first
 * three groups little-endian, as Windows stores GUIDs). Returns 0 on success. */
int vmbp_vec_guid(const char *s, uint8_t out[16]);

#ifdef __cplusplus
}
#endif

#endif /* VMBP_TESTS_VECTORS_H */
