/* SPDX-License-Identifier: MIT */
/*
 * The two ends of one ring as the reference ring (reference/vmbp_ring.c) runs them: shared
 * words, store buffers, and one inline per library call, with its shared accesses and
 * barriers where the C code has them. ring.pml runs them concurrently; tables.pml runs them
 * one at a time over every input to print the decision table that check_tables.c holds the
 * C code to. With TABLES defined, stores go straight to memory (one end, no concurrency).
 */
#include "decisions.pml"

/* What an end did, printed when a counterexample is replayed (spin -t), never in tables. */
#ifdef TABLES
#define EVENT(...) skip
#else
#define EVENT(...) printf(__VA_ARGS__)
#endif

/* Store buffer entries. The correct model never fills them (asserted); a mutant's stores
 * may pile up between barriers, and a full buffer then stalls the store, as a CPU does. */
#define SB 4
#if defined(NO_WRITER_MB) || defined(NO_READER_MB) || defined(NO_PUBLISH_MB) ||             \
    defined(NO_UNMASK_MB) || defined(NO_PENDING_MB)
#define SB_MAY_FILL 1
#else
#define SB_MAY_FILL 0
#endif

/* control words */
#define W_IDX 0
#define R_IDX 1
#define MASK 2
#define PSS 3
#define FEAT 4

byte mem[5];
byte pktsz[SIZE]; /* units of the packet starting at each index (the data area) */

typedef sbuf {
    byte addr[SB];
    byte val[SB];
    byte n
};
sbuf wsb, rsb;
hidden byte t_i, t_v; /* scratch of the atomic steps below */

#ifdef TABLES
/*
 * The stores, loads and full barriers of the call being tabulated, in program order, with
 * the values stored or loaded: tables.pml prints them with each row and check_tables.c
 * requires the C code to make the same accesses in the same order, so a barrier moved or
 * dropped on either side (the model's or the C code's) fails the check.
 */
#define NOPS 12
#define OP_STORE 1
#define OP_LOAD 2
#define OP_MB 3
byte op_kind[NOPS], op_addr[NOPS], op_val[NOPS];
byte nops;
bool tracing;
#define LOG_OP(k, a, v)                                                                      \
    if                                                                                       \
    :: tracing -> assert(nops < NOPS); op_kind[nops] = k; op_addr[nops] = a;                 \
                  op_val[nops] = v; nops++                                                   \
    :: else -> skip                                                                          \
    fi

inline store(sb, a, v)
{
    LOG_OP(OP_STORE, a, v);
    mem[a] = v
}
#else
#define LOG_OP(k, a, v) skip
inline store(sb, a, v)
{
    d_step {
        (!SB_MAY_FILL || sb.n < SB) ->
            assert(sb.n < SB);
            sb.addr[sb.n] = a;
            sb.val[sb.n] = v;
            sb.n++
    }
}
#endif

#ifdef TABLES
byte nloads[5]; /* loads of each word since the last reset (tables.pml) */
#define COUNT_LOAD(a) nloads[a]++
#else
#define COUNT_LOAD(a) skip
#endif

/* the newest buffered store to a, else memory */
inline load(sb, a, v)
{
    d_step {
        COUNT_LOAD(a);
        t_v = mem[a];
        t_i = sb.n;
        do
        :: t_i > 0 && sb.addr[t_i - 1] != a -> t_i--
        :: t_i > 0 && sb.addr[t_i - 1] == a -> t_v = sb.val[t_i - 1]; break
        :: t_i == 0 -> break
        od;
        v = t_v;
        LOG_OP(OP_LOAD, a, t_v);
        t_i = 0;
        t_v = 0
    }
}

/* full barrier: later loads wait until the end's stores are in memory */
#ifdef TABLES
inline mb(sb)
{
    LOG_OP(OP_MB, 0, 0)
}
#else
inline mb(sb)
{
    sb.n == 0
}
#endif

/* the signals: an event the other end waits on */
bool ev_reader, ev_writer;

/* the ends' private state, global so that the monitor can see it */
byte w_pub, w_priv, w_peer, w_needed, w_pss;
bool w_pending_set, w_waiting, w_done;
byte r_pub, r_priv, r_peer, r_und; /* r_und: units released since the last decision */
bool r_masked, r_waiting, r_done;
byte r_got;

/* ---- writer ---------------------------------------------------------------------------- */

inline w_add(total, st)
{
    d_add_fits(w_priv, w_peer, total, fits);
    if
    :: !fits ->
        load(wsb, R_IDX, rd); /* VMBP-RING-015 */
        w_peer = rd;
        d_add_fits(w_priv, w_peer, total, fits);
        if
        :: !fits ->
            d_add_short(w_priv, w_pub, total, st, w_needed);
            EVENT("W add %d: read_index %d, full; ", total, rd)
        :: else -> st = ST_OK
        fi
    :: else -> st = ST_OK
    fi;
    rd = 0;
    fits = false;
    if
    :: st == ST_OK ->
        w_needed = 0;
        if
        :: w_pending_set -> store(wsb, PSS, 0); w_pending_set = false
        :: else
        fi;
        pktsz[w_priv] = total;
        w_priv = (w_priv + total) % SIZE
    :: else
    fi
}

inline w_commit(sig)
{
    sig = false;
    if
    :: w_priv != w_pub ->
        old = w_pub;
        store(wsb, W_IDX, w_priv);
        w_pub = w_priv;
#ifndef NO_WRITER_MB
        mb(wsb); /* [W] */
#endif
        load(wsb, MASK, mask);
        if
        :: mask == 0 -> load(wsb, R_IDX, rd); w_peer = rd; d_reader_wakeup(old, rd, mask, sig)
        :: else
        fi;
        EVENT("W commit %d: mask %d, read_index %d, signal %d; ", w_pub, mask, rd, sig);
        old = 0;
        rd = 0;
        mask = 0
    :: else
    fi
}

inline w_pending_send_set(want, ready)
{
    store(wsb, PSS, want);
    w_pss = want;
    w_pending_set = (want != 0);
#ifndef NO_PENDING_MB
    mb(wsb); /* [F] */
#endif
    load(wsb, R_IDX, rd);
    w_peer = rd;
    d_ready(rd, w_pub, want, ready);
    EVENT("W pending_send_sz %d: read_index %d, ready %d; ", want, rd, ready);
    rd = 0
}

inline r_peek(st)
{
    if
    :: r_priv == r_peer -> load(rsb, W_IDX, w); r_peer = w
    :: else
    fi;
    if
    :: r_priv == r_peer -> st = ST_EMPTY; EVENT("R empty at %d; ", r_priv)
    :: else ->
        d_step {
            w = r_priv;
            r_priv = (r_priv + pktsz[w]) % SIZE;
            pktsz[w] = 0; /* consumed (keeps the state small; the writer rewrites it) */
            r_got++;
            st = ST_OK
        }
    fi;
    w = 0
}

/* the publishing half of a commit (also vmbp_ring_read's) */
inline r_publish(sig, loaded)
{
    /* units consumed since the last decision, released or not (at most SIZE) */
#ifdef SPACE_FROM_RELEASE
    old = DIST(r_pub, r_priv);
#else
    old = r_und + DIST(r_pub, r_priv);
#endif
    if
    :: old > SIZE -> old = SIZE
    :: else
    fi;
    r_und = 0;
    store(rsb, R_IDX, r_priv);
    r_pub = r_priv;
#if !defined(NO_READER_MB) && !defined(NO_PUBLISH_MB)
    mb(rsb); /* [F] [W] */
#endif
    load(rsb, FEAT, feat);
    if
    :: feat != 0 ->
        load(rsb, PSS, pss);
        if
        :: pss != 0 ->
            loaded = true;
            load(rsb, W_IDX, w);
            r_peer = w;
            d_writer_wakeup(old, r_pub, w, pss, sig)
        :: else
        fi
    :: else
    fi;
    EVENT("R publish %d: pending_send_sz %d, signal %d; ", r_pub, pss, sig);
    old = 0;
    feat = 0;
    pss = 0;
    w = 0
}

/* vmbp_ring_release: the read index store alone (VMBP-RING-032) */
inline r_release()
{
    if
    :: r_priv != r_pub ->
        r_und = r_und + DIST(r_pub, r_priv);
        if
        :: r_und > SIZE -> r_und = SIZE
        :: else
        fi;
        store(rsb, R_IDX, r_priv);
        r_pub = r_priv;
        EVENT("R releases %d; ", r_pub)
    :: else
    fi
}

/* vmbp_ring_mask_begin */
inline r_mask_begin()
{
    store(rsb, MASK, 1);
    r_masked = true;
    mb(rsb);
    EVENT("R masks; ")
}

/* vmbp_ring_commit: the end of a batch (VMBP-RING-030) */
inline r_end_batch(sig, more)
{
    sig = false;
    loaded = false;
    if
    :: r_masked ->
        store(rsb, MASK, 0);
        r_masked = false;
        if
#if !defined(NO_READER_MB) && !defined(NO_UNMASK_MB)
        :: r_priv == r_pub && r_und == 0 -> mb(rsb) /* [W] */
#endif
        :: else
        fi
    :: else
    fi;
    if
    :: r_priv != r_pub || r_und != 0 -> r_publish(sig, loaded)
    :: else
    fi;
    if
    :: !loaded && r_priv == r_peer -> load(rsb, W_IDX, w); r_peer = w
    :: else
    fi;
    more = (r_priv != r_peer);
    EVENT("R end of batch: write_index %d, more %d; ", r_peer, more);
    loaded = false;
    w = 0
}

