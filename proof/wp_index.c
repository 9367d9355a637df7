/* SPDX-License-Identifier: MIT */
/*
 * WP: the index arithmetic of ring.h. Each wrapper calls one header function, which wp.sh
 * inlines (-inline-calls), so the contracts below are proved on the header's own code,
 * with every run-time check (-wp-rte) including unsigned overflow and downcasts: no index
 * computation of ring.h wraps, for any input.
 */
#include "proof.h"
#include <vmbus_proto/ring.h>

/*@ predicate ring_size(integer s) = 32 <= s <= 0x80000000 && s % 8 == 0;
    predicate ring_index(integer s, integer i) = 0 <= i < s && i % 8 == 0;
    logic integer ring_dist(integer s, integer a, integer b) = (b - a + s) % s;
*/

/*@ requires ring_size(size) && idx < size && n <= size;
    assigns \nothing;
    ensures \result == (idx + n) % size && \result < size;
*/
uint32_t wp_ring_index_add(uint32_t size, uint32_t idx, uint32_t n)
{
    return vmbp_ring_index_add(size, idx, n);
}

/*@ requires ring_size(size) && a < size && b < size;
    assigns \nothing;
    ensures \result == ring_dist(size, a, b) && \result < size;
*/
uint32_t wp_ring_index_dist(uint32_t size, uint32_t a, uint32_t b)
{
    return vmbp_ring_index_dist(size, a, b);
}

/*@ requires ring_size(size) && ring_index(size, w_pub) && ring_index(size, r_seen);
    assigns \nothing;
    ensures \result == VMBP_OK <==> ring_index(size, r_new) &&
        ring_dist(size, r_new, w_pub) <= ring_dist(size, r_seen, w_pub);
    ensures \result == VMBP_OK || \result == VMBP_E_RING_READ_INDEX ||
        \result == VMBP_E_RING_READ_PAST_WRITE;
*/
enum vmbp_status wp_ring_read_index_accept(uint32_t size, uint32_t w_pub, uint32_t r_seen,
                                           uint32_t r_new)
{
    return vmbp_ring_read_index_accept(size, w_pub, r_seen, r_new);
}

/*@ requires ring_size(size) && ring_index(size, r_pub) && ring_index(size, w_seen);
    assigns \nothing;
    ensures \result == VMBP_OK <==> ring_index(size, w_new) &&
        ring_dist(size, w_seen, w_new) <= size - 8 - ring_dist(size, r_pub, w_seen);
    ensures \result == VMBP_OK || \result == VMBP_E_RING_WRITE_INDEX;
*/
enum vmbp_status wp_ring_write_index_accept(uint32_t size, uint32_t r_pub, uint32_t w_seen,
                                            uint32_t w_new)
{
    return vmbp_ring_write_index_accept(size, r_pub, w_seen, w_new);
}

/*@ requires \valid(avail);
    assigns *avail;
    ensures ok: \result == VMBP_OK <==>
        (ring_size(size) && ring_index(size, w) && ring_index(size, r));
    ensures value: \result == VMBP_OK ==>
        *avail == ring_dist(size, r, w) && *avail < size && *avail % 8 == 0;
*/
enum vmbp_status wp_ring_avail(uint32_t size, uint32_t w, uint32_t r, uint32_t *avail)
{
    return vmbp_ring_avail(size, w, r, avail);
}

/*@ requires \valid(free_bytes);
    assigns *free_bytes;
    ensures value: \result == VMBP_OK ==>
        *free_bytes == size - 8 - ring_dist(size, r, w) && *free_bytes <= size - 8;
*/
enum vmbp_status wp_ring_free(uint32_t size, uint32_t w, uint32_t r, uint32_t *free_bytes)
{
    return vmbp_ring_free(size, w, r, free_bytes);
}

/*@ requires \valid(out);
    assigns *out;
    ensures value: \result == VMBP_OK ==>
        *out == (idx + n) % size && ring_index(size, *out);
*/
enum vmbp_status wp_ring_advance(uint32_t size, uint32_t idx, uint32_t n, uint32_t *out)
{
    return vmbp_ring_advance(size, idx, n, out);
}

/*@ assigns \nothing;
    ensures \result == VMBP_OK ==> ring_index(size, r_new) &&
        ring_dist(size, r_new, w_pub) <= ring_dist(size, r_seen, w_pub);
*/
enum vmbp_status wp_ring_read_index_check(uint32_t size, uint32_t w_pub, uint32_t r_seen,
                                          uint32_t r_new)
{
    return vmbp_ring_read_index_check(size, w_pub, r_seen, r_new);
}

/*@ assigns \nothing;
    ensures \result == VMBP_OK ==> ring_index(size, w_new) &&
        ring_dist(size, w_seen, w_new) <= size - 8 - ring_dist(size, r_pub, w_seen);
*/
enum vmbp_status wp_ring_write_index_check(uint32_t size, uint32_t r_pub, uint32_t w_seen,
                                           uint32_t w_new)
{
    return vmbp_ring_write_index_check(size, r_pub, w_seen, w_new);
}

/*@ requires \valid(out);
    assigns *out;
    ensures \result == VMBP_OK <==> raw <= size;
    ensures \result == VMBP_OK ==> *out == (raw & 0xFFFFFFF8);
*/
enum vmbp_status wp_ring_pending_check(uint32_t size, uint32_t raw, uint32_t *out)
{
    return vmbp_ring_pending_check(size, raw, out);
}
