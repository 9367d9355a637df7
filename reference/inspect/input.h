/* SPDX-License-Identifier: MIT */
/* Input of vmbp-inspect: a file or stdin, raw bytes or hexadecimal text, with a size cap. */
#ifndef VMBPI_INPUT_H
#define VMBPI_INPUT_H

#include <stddef.h>
#include <stdint.h>

enum vmbpi_format { VMBPI_FMT_AUTO, VMBPI_FMT_RAW, VMBPI_FMT_HEX };

struct vmbpi_input {
    uint8_t *data; /* malloc'd; exact size (ASan sees any overread) */
    size_t len;
    int was_hex;
};

/*
 * Load path ("-" is stdin). Raw files are taken as they are; hex text (digits, whitespace,
 * optional "0x" prefixes, "#" comments to end of line) is converted. AUTO decides by content:
 * text made only of those characters, with an even digit count, is hex. Fails (returns
 * nonzero and writes one line to err) on a missing or unreadable file, an empty input,
 * input larger than max bytes (after hex conversion), or malformed hex when HEX is forced.
 */
int vmbpi_input_load(struct vmbpi_input *in, const char *path, enum vmbpi_format fmt,
                     size_t max, char *err, size_t errlen);
/* Convert hex text (same grammar) into bytes; returns 0 on success. out is malloc'd. */
int vmbpi_hex_parse(const uint8_t *text, size_t n, uint8_t **out, size_t *outlen,
                    char *err, size_t errlen);
void vmbpi_input_free(struct vmbpi_input *in);

#endif /* VMBPI_INPUT_H */
