/* SPDX-License-Identifier: MIT */
/*
 * Output of vmbp-inspect: one set of calls renders either human-readable text or JSON.
 * Text: "key: value" lines indented by nesting, and aligned field rows
 * ("  @off  size  name  value  meaning"). JSON: objects, arrays and field objects
 * {"name", "offset", "size", "value", "meaning"}; every string is escaped.
 */
#ifndef VMBPI_OUT_H
#define VMBPI_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VMBPI_OUT_MAX_DEPTH 16

struct vmbpi_out {
    FILE *f;
    bool json;
    int depth;
    bool has_items[VMBPI_OUT_MAX_DEPTH]; /* JSON: an item was written at this level */
    bool in_array[VMBPI_OUT_MAX_DEPTH];
};

void vmbpi_out_init(struct vmbpi_out *o, FILE *f, bool json);
/* Top level: a document is one object. */
void vmbpi_doc_begin(struct vmbpi_out *o);
void vmbpi_doc_end(struct vmbpi_out *o);
/* key is NULL inside arrays. In text mode an object prints its key as a heading. */
void vmbpi_obj_begin(struct vmbpi_out *o, const char *key);
void vmbpi_obj_end(struct vmbpi_out *o);
void vmbpi_arr_begin(struct vmbpi_out *o, const char *key);
void vmbpi_arr_end(struct vmbpi_out *o);
void vmbpi_str(struct vmbpi_out *o, const char *key, const char *value);
void vmbpi_u64(struct vmbpi_out *o, const char *key, uint64_t value);
/* JSON: a string "0x..." of the given width (so 64-bit values survive JSON parsers);
 * text: the same. */
void vmbpi_hex(struct vmbpi_out *o, const char *key, uint64_t value, int digits);
void vmbpi_bool(struct vmbpi_out *o, const char *key, bool value);
/* Bytes as a hex string (JSON) or a hex dump (text), at most max bytes shown. */
void vmbpi_bytes(struct vmbpi_out *o, const char *key, const uint8_t *p, size_t n, size_t max);
/* One decoded wire field. value is preformatted; meaning may be NULL. */
void vmbpi_field(struct vmbpi_out *o, const char *name, size_t offset, size_t size,
                 const char *value, const char *meaning);

#endif /* VMBPI_OUT_H */
