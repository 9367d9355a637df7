/* SPDX-License-Identifier: MIT */
/* Input loading for vmbp-inspect: see input.h. */
#include "input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int vmbpi_hex_parse(const uint8_t *text, size_t n, uint8_t **out, size_t *outlen, char *err,
                    size_t errlen)
{
    uint8_t *buf = (uint8_t *)malloc(n / 2 + 1);
    size_t i = 0, len = 0;
    int hi = -1;

    if (!buf) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    while (i < n) {
        uint8_t c = text[i];
        int v;

        if (is_space(c) || c == ',' || c == ':') {
            i++;
            continue;
        }
        if (c == '#') {
            while (i < n && text[i] != '\n')
                i++;
            continue;
        }
        if (c == '0' && i + 1 < n && (text[i + 1] == 'x' || text[i + 1] == 'X') && hi < 0) {
            i += 2;
            continue;
        }
        v = hexval(c);
        if (v < 0) {
            snprintf(err, errlen, "not hexadecimal: byte 0x%02x at offset %zu", c, i);
            free(buf);
            return -1;
        }
        if (hi < 0) {
            hi = v;
        } else {
            buf[len++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
        i++;
    }
    if (hi >= 0) {
        snprintf(err, errlen, "odd number of hexadecimal digits");
        free(buf);
        return -1;
    }
    *out = buf;
    *outlen = len;
    return 0;
}

/* Text that can only be hex: printable hex grammar throughout and at least one digit. */
static int looks_hex(const uint8_t *p, size_t n)
{
    size_t i, digits = 0;
    int in_comment = 0;

    for (i = 0; i < n; i++) {
        uint8_t c = p[i];

        if (in_comment) {
            if (c == '\n')
                in_comment = 0;
            else if (c < 0x20 && c != '\t' && c != '\r')
                return 0;
            continue;
        }
        if (c == '#') {
            in_comment = 1;
            continue;
        }
        if (hexval(c) >= 0)
            digits++;
        else if (!(is_space(c) || c == ',' || c == ':' || c == 'x' || c == 'X'))
            return 0;
    }
    return digits > 0;
}

int vmbpi_input_load(struct vmbpi_input *in, const char *path, enum vmbpi_format fmt,
                     size_t max, char *err, size_t errlen)
{
    FILE *f;
    uint8_t *raw = NULL;
    size_t len = 0, cap = 0;
    /* Hex text is about three characters per byte: read at most that much. */
    size_t limit = max * 4 + 4096;
    int is_stdin = strcmp(path, "-") == 0;

    memset(in, 0, sizeof(*in));
    f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (;;) {
        size_t got;

        if (len == cap) {
            uint8_t *nraw;

            if (cap >= limit)
                break;
            cap = cap ? cap * 2 : 4096;
            if (cap > limit)
                cap = limit;
            nraw = (uint8_t *)realloc(raw, cap + 1);
            if (!nraw) {
                snprintf(err, errlen, "out of memory");
                goto fail;
            }
            raw = nraw;
        }
        got = fread(raw + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, errlen, "%s: read error", path);
        goto fail;
    }
    if (len == cap && cap >= limit && fgetc(f) != EOF) {
        snprintf(err, errlen, "%s: input too large (limit %zu bytes)", path, max);
        goto fail;
    }
    if (!is_stdin)
        fclose(f);
    f = NULL;
    if (len == 0) {
        snprintf(err, errlen, "%s: empty input", path);
        goto fail;
    }
    if (fmt == VMBPI_FMT_HEX || (fmt == VMBPI_FMT_AUTO && looks_hex(raw, len))) {
        uint8_t *bytes;
        size_t n;

        if (vmbpi_hex_parse(raw, len, &bytes, &n, err, errlen) != 0)
            goto fail;
        free(raw);
        raw = bytes;
        len = n;
        in->was_hex = 1;
        if (len == 0) {
            free(raw);
            snprintf(err, errlen, "%s: no bytes in hex input", path);
            return -1;
        }
    }
    if (len > max) {
        snprintf(err, errlen, "%s: input too large (%zu bytes, limit %zu)", path, len, max);
        goto fail;
    }
    /* exact-size copy so that sanitizers catch any read past the input */
    in->data = (uint8_t *)malloc(len);
    if (!in->data) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    memcpy(in->data, raw, len);
    in->len = len;
    free(raw);
    return 0;
fail:
    if (f && !is_stdin)
        fclose(f);
    free(raw);
    return -1;
}

void vmbpi_input_free(struct vmbpi_input *in)
{
    free(in->data);
    memset(in, 0, sizeof(*in));
}
