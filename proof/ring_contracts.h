/* SPDX-License-Identifier: MIT */
/*
 * Contracts of the copy helpers of reference/vmbp_ring.c, included before that file when it
 * is analysed (never by a compiler build).
 *
 * Their safety rests on a relation between an offset and a length (off + n <= size when
 * the copy does not wrap), which Eva's non-relational domains cannot keep without
 * enumerating every offset. So:
 * - proof/wp.sh proves with WP (-wp-rte) that each body keeps its contract: every shared
 *   copy inside it within the ring's data area and the caller's buffer, the bytes it
 *   writes initialised, the index it returns valid;
 * - the Eva entry points analyse the callers with these contracts in place of the bodies
 *   (-eva-use-spec), and check their preconditions at every call.
 * Nothing here is assumed: each requires is checked by Eva where the helper is called,
 * each ensures and assigns proved by WP on the body.
 */
#ifndef VMBP_PROOF_RING_CONTRACTS_H
#define VMBP_PROOF_RING_CONTRACTS_H

#include "prelude.h"

/*@ requires size_ok: 8 <= size <= 0x80000000;
    requires off_ok: off < size;
    requires n_ok: n <= size;
    requires ring_ok: \valid_read(data + (0 .. size - 1));
    requires dst_ok: \valid((uint8_t *)dst + (0 .. n - 1));
    requires apart: \separated(data + (0 .. size - 1), (uint8_t *)dst + (0 .. n - 1));
    assigns ((uint8_t *)dst)[0 .. n - 1] \from data[0 .. size - 1], Frama_C_entropy_source;
    assigns Frama_C_entropy_source \from Frama_C_entropy_source;
*/
static void ring_get(volatile const uint8_t *data, uint32_t size, uint32_t off, void *dst,
                     uint32_t n);

/*@ requires size_ok: 8 <= size <= 0x80000000;
    requires off_ok: off < size;
    requires n_ok: 0 < n < size;
    requires ring_ok: \valid(data + (0 .. size - 1));
    requires src_ok: \valid_read((uint8_t *)src + (0 .. n - 1));
    requires apart: \separated(data + (0 .. size - 1), (uint8_t *)src + (0 .. n - 1));
    assigns data[0 .. size - 1] \from data[0 .. size - 1], ((uint8_t *)src)[0 .. n - 1];
    assigns \result \from size, off, n;
    ensures next: \result < size && \result == (off + n) % size;
*/
static uint32_t ring_put(volatile uint8_t *data, uint32_t size, uint32_t off, const void *src,
                         size_t n);

/*@ requires size_ok: 32 <= size <= 0x80000000 && size % 8 == 0;
    requires start_ok: start < size && start % 8 == 0;
    requires body_ok: body <= size - 32 && body <= 0x7FFE8;
    requires wraps: 24 + (body + 7) / 8 * 8 > size - start;
    requires ring_ok: \valid(data + (0 .. size - 1));
    requires head_ok: \valid_read(head + (0 .. 15));
    requires tail_ok: \valid_read(tail + (0 .. 7));
    requires src_ok: src == \null || \valid_read((uint8_t *)src + (0 .. body - 1));
    requires apart: \separated(data + (0 .. size - 1), head + (0 .. 15), tail + (0 .. 7));
    requires apart_src: src == \null ||
        \separated(data + (0 .. size - 1), (uint8_t *)src + (0 .. body - 1));
    assigns data[0 .. size - 1] \from data[0 .. size - 1], head[0 .. 15], tail[0 .. 7],
        ((uint8_t *)src)[0 .. body - 1];
*/
static void ring_put_wrapped(volatile uint8_t *data, uint32_t size, uint32_t start,
                             const uint8_t *head, const uint8_t *tail, const void *src,
                             size_t body);

/*@ requires size_ok: 32 <= size <= 0x80000000 && size % 8 == 0;
    requires start_ok: start < size && start % 8 == 0;
    requires body_ok: body <= size - 32 && body <= 0x7FFE8;
    requires ring_ok: \valid(data + (0 .. size - 1));
    requires head_ok: \valid_read(head + (0 .. 15));
    requires tail_ok: \valid_read(tail + (0 .. 7));
    requires src_ok: src == \null || \valid_read((uint8_t *)src + (0 .. body - 1));
    requires apart: \separated(data + (0 .. size - 1), head + (0 .. 15), tail + (0 .. 7));
    requires apart_src: src == \null ||
        \separated(data + (0 .. size - 1), (uint8_t *)src + (0 .. body - 1));
    assigns data[0 .. size - 1] \from data[0 .. size - 1], head[0 .. 15], tail[0 .. 7],
        ((uint8_t *)src)[0 .. body - 1];
*/
static void ring_put_packet(volatile uint8_t *data, uint32_t size, uint32_t start,
                            const uint8_t *head, const uint8_t *tail, const void *src,
                            size_t body);

/*@ requires size_ok: 32 <= size <= 0x80000000 && size % 8 == 0;
    requires start_ok: start < size;
    requires len_ok: len <= size;
    requires ring_ok: \valid_read(data + (0 .. size - 1));
    requires buf_ok: \valid(buf + (0 .. len - 1));
    requires apart: \separated(data + (0 .. size - 1), buf + (0 .. len - 1));
    assigns buf[16 .. len - 1] \from data[0 .. size - 1], Frama_C_entropy_source;
    assigns Frama_C_entropy_source \from Frama_C_entropy_source;
*/
static void ring_get_body(volatile const uint8_t *data, uint32_t size, uint32_t start,
                          uint8_t *buf, uint32_t len);

#endif
