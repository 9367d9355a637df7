/* SPDX-License-Identifier: MIT */
/* Text and JSON rendering for vmbp-inspect: see out.h. */
#include "out.h"

#include <string.h>

void vmbpi_out_init(struct vmbpi_out *o, FILE *f, bool json)
{
    memset(o, 0, sizeof(*o));
    o->f = f;
    o->json = json;
}

/* Depth 1 is the document's top level: JSON indents it, text does not. */
static void indent(struct vmbpi_out *o)
{
    int i;

    for (i = o->json ? 0 : 1; i < o->depth; i++)
        fputs("  ", o->f);
}

static void json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    fputc('"', f);
    for (; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        default:
            if (*p < 0x20 || *p >= 0x7F)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void push(struct vmbpi_out *o, bool array);
static void pop(struct vmbpi_out *o, char close);

/* JSON: comma and newline before an item, and its key. */
static void json_item(struct vmbpi_out *o, const char *key)
{
    if (o->has_items[o->depth])
        fputc(',', o->f);
    fputc('\n', o->f);
    o->has_items[o->depth] = true;
    indent(o);
    if (key && !o->in_array[o->depth]) {
        json_string(o->f, key);
        fputs(": ", o->f);
    }
}

static void push(struct vmbpi_out *o, bool array)
{
    if (o->depth + 1 < VMBPI_OUT_MAX_DEPTH)
        o->depth++;
    o->has_items[o->depth] = false;
    o->in_array[o->depth] = array;
}

static void pop(struct vmbpi_out *o, char close)
{
    bool had = o->has_items[o->depth];

    if (o->depth > 0)
        o->depth--;
    if (o->json) {
        if (had) {
            fputc('\n', o->f);
            indent(o);
        }
        fputc(close, o->f);
    }
}

void vmbpi_doc_begin(struct vmbpi_out *o)
{
    o->depth = 0;
    if (o->json)
        fputc('{', o->f);
    push(o, false);
}

void vmbpi_doc_end(struct vmbpi_out *o)
{
    while (o->depth > 1)
        pop(o, o->in_array[o->depth] ? ']' : '}');
    pop(o, '}');
    if (o->json)
        fputc('\n', o->f);
    fflush(o->f);
}

void vmbpi_obj_begin(struct vmbpi_out *o, const char *key)
{
    if (o->json) {
        json_item(o, key);
        fputc('{', o->f);
    } else if (key) {
        indent(o);
        fprintf(o->f, "%s:\n", key);
    }
    push(o, false);
}

void vmbpi_obj_end(struct vmbpi_out *o)
{
    pop(o, '}');
}

void vmbpi_arr_begin(struct vmbpi_out *o, const char *key)
{
    if (o->json) {
        json_item(o, key);
        fputc('[', o->f);
    } else if (key) {
        indent(o);
        fprintf(o->f, "%s:\n", key);
    }
    push(o, true);
}

void vmbpi_arr_end(struct vmbpi_out *o)
{
    pop(o, ']');
}

void vmbpi_str(struct vmbpi_out *o, const char *key, const char *value)
{
    if (o->json) {
        json_item(o, key);
        json_string(o->f, value ? value : "");
        return;
    }
    indent(o);
    if (key)
        fprintf(o->f, "%s: ", key);
    fprintf(o->f, "%s\n", value ? value : "");
}

void vmbpi_u64(struct vmbpi_out *o, const char *key, uint64_t value)
{
    if (o->json) {
        json_item(o, key);
        fprintf(o->f, "%llu", (unsigned long long)value);
        return;
    }
    indent(o);
    if (key)
        fprintf(o->f, "%s: ", key);
    fprintf(o->f, "%llu\n", (unsigned long long)value);
}

void vmbpi_hex(struct vmbpi_out *o, const char *key, uint64_t value, int digits)
{
    char buf[32];

    snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)value);
    vmbpi_str(o, key, buf);
}

void vmbpi_bool(struct vmbpi_out *o, const char *key, bool value)
{
    if (o->json) {
        json_item(o, key);
        fputs(value ? "true" : "false", o->f);
        return;
    }
    indent(o);
    if (key)
        fprintf(o->f, "%s: ", key);
    fputs(value ? "yes\n" : "no\n", o->f);
}

void vmbpi_bytes(struct vmbpi_out *o, const char *key, const uint8_t *p, size_t n, size_t max)
{
    size_t shown = n < max ? n : max, i;

    if (o->json) {
        json_item(o, key);
        fputc('"', o->f);
        for (i = 0; i < shown; i++)
            fprintf(o->f, "%02x", p[i]);
        fputc('"', o->f);
        return;
    }
    indent(o);
    if (key)
        fprintf(o->f, "%s:", key);
    for (i = 0; i < shown; i++) {
        if (i % 16 == 0) {
            fputc('\n', o->f);
            indent(o);
            fprintf(o->f, "  %04zx:", i);
        }
        fprintf(o->f, " %02x", p[i]);
    }
    if (shown < n)
        fprintf(o->f, "\n%*s  ... %zu more bytes", o->depth * 2, "", n - shown);
    fputc('\n', o->f);
}

void vmbpi_field(struct vmbpi_out *o, const char *name, size_t offset, size_t size,
                 const char *value, const char *meaning)
{
    if (o->json) {
        json_item(o, NULL);
        fputs("{\"name\": ", o->f);
        json_string(o->f, name);
        fprintf(o->f, ", \"offset\": %zu, \"size\": %zu, \"value\": ", offset, size);
        json_string(o->f, value);
        if (meaning && *meaning) {
            fputs(", \"meaning\": ", o->f);
            json_string(o->f, meaning);
        }
        fputc('}', o->f);
        return;
    }
    indent(o);
    fprintf(o->f, "@%-4zu %3zu  %-28s %-20s%s%s\n", offset, size, name, value,
            meaning && *meaning ? "  " : "", meaning ? meaning : "");
}
