/* SPDX-License-Identifier: MIT */
/*
 * Both ends of one ring (reference/vmbp_ring.c, spec/ring.md "Signalling") on a machine whose
 * stores go through a FIFO store buffer per end (TSO: a store may be delayed past the end's
 * later loads, never past a full barrier; a load sees the end's own buffered store first).
 *
 * The writer runs the canonical producer loop (reference/examples/ring_loops.c) over NPKT
 * packets of 3 or 4 units, in batches of one or two (add ... commit); on FULL it commits,
 * sets pending_send_sz and re-checks, and waits for the reader's signal when still short;
 * on BATCH_FULL it commits and adds again. The reader runs the canonical consumer loop: it
 * starts masked or unmasked (VMBP-RING-031), masks before a drain or not, peeks until empty,
 * publishes after a packet or not (vmbp_ring_read), or releases it (vmbp_ring_release: the
 * read index store alone, VMBP-RING-032), ends the batch with vmbp_ring_commit
 * and waits for the writer's signal only when that reports nothing more (VMBP-RING-030).
 * Every choice is nondeterministic, so the search covers all of them.
 *
 * Checked (spin -a; pan -E is not used, so invalid end states are errors too):
 *  - no lost wake-up: when nothing can move (timeout), no end waits with its condition true
 *    (the reader with a packet published, the writer with its pending_send_sz free);
 *  - no deadlock: when nothing can move, both ends are done.
 * Mutants (spin -D...), each of which must fail:
 *  NO_WRITER_MB   no full barrier between the writer's index store and its decision loads
 *  NO_READER_MB   none between the reader's index and mask stores and its loads
 *  NO_PUBLISH_MB  NO_READER_MB for the barrier after the read index store only
 *  NO_UNMASK_MB   NO_READER_MB for the barrier after the mask store of a batch that
 *                 consumed nothing only
 *  NO_PENDING_MB  none between the writer's pending_send_sz store and its re-check
 *  SPACE_FROM_RELEASE  a decision takes the space before from the last vmbp_ring_release
 *                 instead of the last decision (VMBP-RING-032)
 */
#ifndef NPKT
#define NPKT 4
#endif
#include "model.pml"

inline word_name(a)
{
    if
    :: a == W_IDX -> printf("write_index")
    :: a == R_IDX -> printf("read_index")
    :: a == MASK -> printf("interrupt_mask")
    :: a == PSS -> printf("pending_send_sz")
    :: a == FEAT -> printf("feature_bits")
    fi
}

/* memory takes the oldest buffered store of an end, at any time */
proctype drain(byte who)
{
end:
    do
    :: d_step {
        who == 0 && wsb.n > 0 ->
            mem[wsb.addr[0]] = wsb.val[0];
            t_v = wsb.addr[0]; printf("(W's "); word_name(t_v); printf(" %d reaches memory) ", wsb.val[0]); t_v = 0;
            t_i = 1;
            do
            :: t_i < wsb.n -> wsb.addr[t_i - 1] = wsb.addr[t_i]; wsb.val[t_i - 1] = wsb.val[t_i]; t_i++
            :: else -> break
            od;
            wsb.n--;
            wsb.addr[wsb.n] = 0;
            wsb.val[wsb.n] = 0;
            t_i = 0
       }
    :: d_step {
        who == 1 && rsb.n > 0 ->
            mem[rsb.addr[0]] = rsb.val[0];
            t_v = rsb.addr[0]; printf("(R's "); word_name(t_v); printf(" %d reaches memory) ", rsb.val[0]); t_v = 0;
            t_i = 1;
            do
            :: t_i < rsb.n -> rsb.addr[t_i - 1] = rsb.addr[t_i]; rsb.val[t_i - 1] = rsb.val[t_i]; t_i++
            :: else -> break
            od;
            rsb.n--;
            rsb.addr[rsb.n] = 0;
            rsb.val[rsb.n] = 0;
            t_i = 0
       }
    od
}

proctype writer()
{
    byte sent, goal, size, st, old, rd, mask;
    bool sig, ready, fits;

    do
    :: sent == NPKT -> break
    :: sent < NPKT ->
        /* a batch of one or two packets, the producer loop of ring_loops.c */
        if
        :: goal = sent + 1
        :: sent + 2 <= NPKT -> goal = sent + 2
        fi;
        do
        :: true ->
            st = ST_OK;
            do
            :: sent < goal && st == ST_OK ->
                if
                :: size == 0 -> if :: size = 3 :: size = 4 fi
                :: else
                fi;
                w_add(size, st);
                if
                :: st == ST_OK -> sent++; size = 0
                :: else
                fi
            :: else -> break
            od;
            w_commit(sig);
            if
            :: sig -> ev_reader = true; sig = false
            :: else
            fi;
            if
            :: sent == goal -> break
            :: sent < goal && st == ST_BATCH_FULL -> skip
            :: sent < goal && st == ST_FULL ->
                w_pending_send_set(w_needed, ready);
                if
                :: ready -> ready = false
                :: else ->
                    w_waiting = true;
                    printf("W waits; ");
                    atomic { ev_writer -> ev_writer = false; w_waiting = false }
                fi
            fi
        od
    od;
    w_done = true
}

/* ---- reader ---------------------------------------------------------------------------- */

proctype reader()
{
    byte st, old, w, pss, feat;
    bool sig, more, loaded;

    do
    :: true ->
        /* the consumer loop of ring_loops.c */
        do
        :: true ->
            if
            :: skip
            :: r_mask_begin()
            fi;
            do
            :: r_peek(st);
                if
                :: st == ST_OK ->
                    if
                    :: skip
                    :: r_release() /* vmbp_ring_release */
                    :: sig = false; loaded = false; r_publish(sig, loaded); /* vmbp_ring_read */
                        if
                        :: sig -> ev_writer = true
                        :: else
                        fi;
                        sig = false;
                        loaded = false
                    fi
                :: else -> break
                fi
            od;
            st = 0;
            r_end_batch(sig, more);
            if
            :: sig -> ev_writer = true
            :: else
            fi;
            sig = false;
            if
            :: more -> more = false
            :: else -> break
            fi
        od;
        if
        :: r_got == NPKT -> break
        :: else ->
            r_waiting = true;
            printf("R waits; ");
            atomic { ev_reader -> ev_reader = false; r_waiting = false }
        fi
    od;
    r_done = true
}

/* When nothing can move, no end waits with its condition true, and both are done. */
proctype monitor()
{
    timeout ->
    assert(!(r_waiting && mem[W_IDX] != r_priv)); /* lost wake-up: a packet, no signal */
    assert(!(w_waiting && FREE(mem[R_IDX], w_pub) >= w_pss)); /* lost wake-up: space */
    assert(r_done && w_done) /* deadlock */
}

init
{
    atomic {
        mem[FEAT] = 1; /* the writer's feature bit (VMBP-RING-002) */
        if /* the reader's initial mask (VMBP-RING-031) */
        :: mem[MASK] = 1; r_masked = true
        :: mem[MASK] = 0
        fi;
        run drain(0);
        run drain(1);
        run writer();
        run reader();
        run monitor()
    }
}
