/* SPDX-License-Identifier: MIT */
/*
 * The two baselines of the message decoders (bench_msg_base.c), beside which bench_msg.c
 * measures the library's:
 *  - an OpenVMM-style decoder per message family: the algorithm of OpenVMM's
 *    Message::parse (vm/devices/vmbus/vmbus_core/src/protocol.rs, protocol/macros.rs): the
 *    header, the type, the first variant row whose minimum version and features the
 *    negotiated state meets (and, for size-selected rows, whose size the message reaches), a
 *    length-checked copy of the variant's struct as it lies on the wire, and the bytes after
 *    it (GPADL range data, copied out as the server does next). No field is checked;
 *  - a hand-written decoder per message type making exactly the library's checks in the
 *    library's order, into the library's decoded structs: what a careful engineer writes for
 *    one message without a table. bench_msg.c checks that it agrees with the library, status
 *    and output, on every vector and on mutations of them.
 */
#ifndef VMBP_BENCH_MSG_BASE_H
#define VMBP_BENCH_MSG_BASE_H

#include <stddef.h>
#include <stdint.h>

#include <vmbus_proto/msg_dispatch.h>

/* Every decoder of the benchmark has this shape; out is the type's decoded struct. */
typedef enum vmbp_status (*bench_dec_fn)(const void *buf, size_t len,
                                         const struct vmbp_ctx *ctx, void *out);

/* The output of an OpenVMM-style decoder: the variant's struct bytes and what follows. */
struct bench_ovmm_msg {
    uint32_t type;     /* message type */
    uint32_t size;     /* bytes of the variant's struct copied to body */
    uint8_t body[232]; /* the struct, as on the wire (after the header) */
    uint32_t nrest;    /* bytes after the struct (GPADL range data) */
    uint64_t rest[29]; /* those bytes, as 64-bit words */
};

/* The baselines of one message type (NULL where none is written). */
struct bench_msg_base {
    uint32_t type;         /* message type */
    unsigned nvariants;    /* its variants the two decoders know (of VMBP_MSG_TABLE()) */
    bench_dec_fn hand;     /* hand-written, the library's checks */
    const char *hand_name; /* its name (callgrind.sh counts it by name) */
    bench_dec_fn ovmm;     /* OpenVMM-style, the type's family decoder */
    const char *ovmm_name; /* its name */
};

/* The baselines of a type, or NULL (also when the table has since given the type a variant
 * the baselines do not know: a message is added without touching them). */
const struct bench_msg_base *bench_msg_base_of(uint32_t type);

#endif /* VMBP_BENCH_MSG_BASE_H */
