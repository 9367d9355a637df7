/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect internals: the command implementations, callable from the CLI, the tests
 * and the fuzz target. Every decoder works on a private, exact-size copy of the input and
 * reports through struct vmbpi_out (text or JSON).
 *
 * Exit status convention of every command: 0 the input is valid, 1 it was decoded but breaks
 * a rule (the status is printed), 2 unusable input or usage.
 */
#ifndef VMBPI_INSPECT_H
#define VMBPI_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "out.h"

#define VMBPI_EXIT_VALID 0
#define VMBPI_EXIT_INVALID 1
#define VMBPI_EXIT_USAGE 2

/* Largest inputs accepted: a message or SynIC slot; a ring image (pair). */
#define VMBPI_MSG_MAX 4096u
#define VMBPI_RING_MAX (64u * 1024u * 1024u)

struct vmbpi_msg_opts {
    uint32_t version;  /* negotiated version, 0 = before negotiation */
    uint32_t features; /* negotiated feature flags */
    int dir;           /* enum vmbp_dir: who sent it */
    bool slot;         /* force: the input is a 256-byte SynIC message slot */
    bool body;         /* force: the input is a channel message */
};

struct vmbpi_ring_opts {
    bool host;   /* the image was taken by the host (VSP) rather than the guest */
    bool pair;   /* the image holds both rings (uio_hv_generic layout) */
    bool legacy; /* accept every defined packet type, not only 6, 7, 9, 11 */
    size_t preview; /* payload bytes shown per packet */
};

/* Whether the bytes look like a whole 256-byte SynIC message slot (by size, type and
 * payload size) rather than a channel message. */
bool vmbpi_msg_is_slot(const uint8_t *p, size_t n);
/* Decode a channel message or SynIC slot; returns an exit status. */
int vmbpi_msg(struct vmbpi_out *o, const uint8_t *p, size_t n, const struct vmbpi_msg_opts *opts);
/* Decode a ring image; returns an exit status. */
int vmbpi_ring(struct vmbpi_out *o, const uint8_t *p, size_t n, const struct vmbpi_ring_opts *opts);
/* Decode a register value; returns an exit status (2 for an unknown name). */
int vmbpi_reg(struct vmbpi_out *o, const char *name, const char *value, bool arm64, FILE *err);
/* Write a sample: returns an exit status; bytes go to *buf (malloc'd), length to *len. */
int vmbpi_gen(const char *kind, uint8_t **buf, size_t *len, FILE *err);
/* Names of the sample kinds, NULL-terminated. */
extern const char *const vmbpi_gen_kinds[];

/* The whole command line: argv[0] is the program name. */
int vmbpi_main(int argc, char **argv, FILE *out, FILE *err);

#endif /* VMBPI_INSPECT_H */
