/* SPDX-License-Identifier: MIT */
/*
 * The decision table of the model: every call of model.pml that decides something, run on
 * every state and every value its loads can return in a ring of SIZE units, one line each.
 * check_tables.c runs the C library on the same rows and compares. Run: spin -T tables.pml
 *
 *  W r0 old s1 s2 mask rd : signal loads(mask) loads(read_index)
 *      writer attached at write_index old, read_index r0; adds packets of s1 and s2 units
 *      (0: none), commits; its loads after the barrier return mask and rd
 *  A r0 old s1 total rd : status needed loads(read_index)
 *      as W with one packet of s1 units added, then adds one of total units; a load of
 *      read_index returns rd
 *  P r0 old want rd : ready loads(read_index)
 *      writer attached as W asks for want free units (pending_send_set); its load returns rd
 *  R old s1 s2 w0 masked feat pss w : signal more loads(write_index)
 *      reader attached at read_index old, write_index w0, masked or not; peeks packets of
 *      s1 and s2 units, ends the batch (commit); its loads return feat, pss and w
 *  B masked :
 *      reader attached masked or not masks interrupts (mask_begin)
 * Statuses: 0 OK, 1 FULL, 2 BATCH_FULL.
 * Every row ends with "|" and the call's shared accesses in program order: Sa=v a store of v
 * to word a, La=v a load of a returning v, M a full barrier (words: 0 write_index,
 * 1 read_index, 2 interrupt_mask, 3 pending_send_sz, 4 feature_bits; indices and sizes in
 * units).
 */
#define TABLES 1
#include "model.pml"

/* the locals the inlines of model.pml use */
byte st, old, rd, mask, w, pss, feat;
bool sig, ready, fits, more, loaded;

/* e_x ranges over the forward distances 0..n from a, as indices */
#define FWD(a, k) (((a) + (k)) % SIZE)

/* around the call a row tabulates: its loads counted, its accesses logged */
inline begin_call()
{
    nloads[0] = 0;
    nloads[1] = 0;
    nloads[2] = 0;
    nloads[3] = 0;
    nloads[4] = 0;
    nops = 0;
    tracing = true
}

inline end_call()
{
    tracing = false
}

/* the end of a row: " |" and the logged accesses */
inline print_ops()
{
    printf(" |");
    e_op = 0;
    do
    :: e_op < nops ->
        if
        :: op_kind[e_op] == OP_STORE -> printf(" S%d=%d", op_addr[e_op], op_val[e_op])
        :: op_kind[e_op] == OP_LOAD -> printf(" L%d=%d", op_addr[e_op], op_val[e_op])
        :: op_kind[e_op] == OP_MB -> printf(" M")
        fi;
        e_op++
    :: else -> break
    od;
    printf("\n")
}

/* packet sizes: 0 (none), 3 or 4 units */
#define NEXT_SIZE(s) ((s) == 0 -> 3 : ((s) == 3 -> 4 : 5))

init
{
    byte e_r0, e_old, e_s1, e_s2, e_mask, e_k, e_total, e_want, e_w0, e_masked, e_feat, e_pss;
    byte e_j, e_used, e_op;

    /* W and A and P: the writer */
    e_r0 = 0;
    do
    :: e_r0 < SIZE ->
        e_old = 0;
        do
        :: e_old < SIZE ->
            e_used = DIST(e_r0, e_old);
            /* W */
            e_s1 = 3;
            do
            :: e_s1 <= 4 ->
                e_s2 = 0;
                do
                :: e_s2 <= 4 ->
                    if
                    :: e_s1 + e_s2 <= SIZE - 1 - e_used ->
                        e_mask = 0;
                        do
                        :: e_mask <= 1 ->
                            e_k = 0;
                            do
                            :: e_k <= e_used + e_s1 + e_s2 ->
                                w_pub = e_old; w_priv = e_old; w_peer = e_r0;
                                w_pending_set = false;
                                mem[R_IDX] = e_r0; mem[MASK] = e_mask;
                                w_add(e_s1, st);
                                assert(st == ST_OK);
                                if
                                :: e_s2 != 0 -> w_add(e_s2, st); assert(st == ST_OK)
                                :: else
                                fi;
                                mem[R_IDX] = FWD(e_r0, e_k);
                                begin_call();
                                w_commit(sig);
                                end_call();
                                printf("W %d %d %d %d %d %d : %d %d %d", e_r0, e_old, e_s1,
                                       e_s2, e_mask, FWD(e_r0, e_k), sig, nloads[MASK],
                                       nloads[R_IDX]);
                                print_ops();
                                e_k++
                            :: else -> break
                            od;
                            e_mask++
                        :: else -> break
                        od
                    :: else
                    fi;
                    e_s2 = NEXT_SIZE(e_s2)
                :: else -> break
                od;
                e_s1++
            :: else -> break
            od;
            /* A */
            e_s1 = 0;
            do
            :: e_s1 <= 4 ->
                if
                :: e_s1 <= SIZE - 1 - e_used ->
                    e_total = 3;
                    do
                    :: e_total <= 4 ->
                        e_k = 0;
                        do
                        :: e_k <= e_used ->
                            w_pub = e_old; w_priv = e_old; w_peer = e_r0;
                            w_pending_set = false; w_needed = 0;
                            mem[R_IDX] = e_r0;
                            if
                            :: e_s1 != 0 -> w_add(e_s1, st); assert(st == ST_OK)
                            :: else
                            fi;
                            mem[R_IDX] = FWD(e_r0, e_k);
                            begin_call();
                            w_add(e_total, st);
                            end_call();
                            printf("A %d %d %d %d %d : %d %d %d", e_r0, e_old, e_s1, e_total,
                                   FWD(e_r0, e_k), st, w_needed, nloads[R_IDX]);
                            print_ops();
                            e_k++
                        :: else -> break
                        od;
                        e_total++
                    :: else -> break
                    od
                :: else
                fi;
                e_s1 = NEXT_SIZE(e_s1)
            :: else -> break
            od;
            /* P */
            e_want = 1;
            do
            :: e_want <= SIZE - 1 ->
                e_k = 0;
                do
                :: e_k <= e_used ->
                    w_pub = e_old; w_priv = e_old; w_peer = e_r0;
                    w_pending_set = false;
                    mem[R_IDX] = FWD(e_r0, e_k);
                    begin_call();
                    w_pending_send_set(e_want, ready);
                    end_call();
                    printf("P %d %d %d %d : %d %d", e_r0, e_old, e_want, FWD(e_r0, e_k),
                           ready, nloads[R_IDX]);
                    print_ops();
                    e_k++
                :: else -> break
                od;
                e_want++
            :: else -> break
            od;
            e_old++
        :: else -> break
        od;
        e_r0++
    :: else -> break
    od;

    /* R: the reader */
    e_old = 0;
    do
    :: e_old < SIZE ->
        e_s1 = 0;
        do
        :: e_s1 <= 4 ->
            e_s2 = 0;
            do
            :: e_s2 <= 4 && (e_s1 != 0 || e_s2 == 0) && e_s1 + e_s2 <= SIZE - 1 ->
                /* w0: what the reader knew, at least its packets */
                e_j = e_s1 + e_s2;
                do
                :: e_j <= SIZE - 1 ->
                    e_w0 = FWD(e_old, e_j);
                    e_masked = 0;
                    do
                    :: e_masked <= 1 ->
                        e_feat = 0;
                        do
                        :: e_feat <= 1 ->
                            e_pss = 0;
                            do
                            :: e_pss <= SIZE - 1 && (e_feat == 1 || e_pss == 0) ->
                                /* w: what the writer may have written since */
                                e_k = 0;
                                do
                                :: e_k <= SIZE - 1 - (e_j - e_s1 - e_s2) ->
                                    r_pub = e_old;
                                    r_und = 0;
                                    r_priv = FWD(e_old, e_s1 + e_s2);
                                    r_peer = e_w0;
                                    r_masked = e_masked;
                                    mem[FEAT] = e_feat; mem[PSS] = e_pss;
                                    mem[W_IDX] = FWD(e_w0, e_k);
                                    begin_call();
                                    r_end_batch(sig, more);
                                    end_call();
                                    printf("R %d %d %d %d %d %d %d %d : %d %d %d", e_old,
                                           e_s1, e_s2, e_w0, e_masked, e_feat, e_pss,
                                           FWD(e_w0, e_k), sig, more, nloads[W_IDX]);
                                    print_ops();
                                    e_k++
                                :: else -> break
                                od;
                                e_pss++
                            :: else -> break
                            od;
                            e_feat++
                        :: else -> break
                        od;
                        e_masked++
                    :: else -> break
                    od;
                    e_j++
                :: else -> break
                od;
                e_s2 = NEXT_SIZE(e_s2)
            :: else -> break
            od;
            e_s1 = NEXT_SIZE(e_s1)
        :: else -> break
        od;
        e_old++
    :: else -> break
    od;

    /* B: the reader masks */
    e_masked = 0;
    do
    :: e_masked <= 1 ->
        r_masked = e_masked;
        mem[MASK] = e_masked;
        begin_call();
        r_mask_begin();
        end_call();
        printf("B %d :", e_masked);
        print_ops();
        e_masked++
    :: else -> break
    od
}
