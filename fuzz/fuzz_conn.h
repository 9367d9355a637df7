/* SPDX-License-Identifier: MIT */
/*
 * What the connection-machine fuzz targets share (fuzz_conn_guest.c, fuzz_conn_pair.c) and
 * their seed generator (gen_conn_seeds.c): the input layouts, and an independent ledger of
 * the guest's requests that every event is checked against (spec/conn.md VMBP-CONN-129:
 * every request pending once, answered or cancelled exactly once).
 *
 * Inputs are byte strings read from the front (fuzz_util.h: zeroes once they run out):
 *
 * fuzz_conn_guest:
 *   u8  cfg     FZC_GCFG_*: replay mode, isolated and confidential plan bits, table sizes
 *   ops         until the input ends (at most FZC_MAX_OPS): u8 op (FZC_G_*) and its bytes
 *
 * fuzz_conn_pair:
 *   u8  cfg     FZC_PCFG_*: host version range and features, confidential plan
 *   ops         until the input ends: u8 op (FZC_P_*) and its bytes
 *
 * Every op reads a fixed number of argument bytes (FZC_ARGS), so seeds stay readable.
 */
#ifndef VMBP_FUZZ_CONN_H
#define VMBP_FUZZ_CONN_H

#include <vmbus_proto/vmbp_conn.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define FZC_MAX_OPS 256u
#define FZC_ARGS 6u /* argument bytes after every op byte */

/* fuzz_conn_guest cfg bits */
#define FZC_GCFG_REPLAY 0x01u       /* VMBP_CONN_GUEST_F_REPLAY: guest messages are replayed */
#define FZC_GCFG_ISOLATED 0x02u     /* plan: isolated VM */
#define FZC_GCFG_CONFIDENTIAL 0x04u /* plan: confidential connection, request 0x10 */
#define FZC_GCFG_SMALL 0x08u        /* tables of 3 channels and 4 GPADLs (fill them up) */
#define FZC_GCFG_PROBE 0x10u        /* plan mode PROBE */
#define FZC_GCFG_BOUNDARY 0x20u     /* a shared GPA boundary of 2^20 (monitor pages) */

/* fuzz_conn_guest ops. Arguments a0..a5. */
enum fzc_gop {
    FZC_G_CONNECT = 0,    /* a0: version list shape, a1: features, a2: target SINT/VTL */
    FZC_G_CONTACT_FAILED, /* a0: HV_STATUS */
    FZC_G_REQUEST_OFFERS,
    FZC_G_GPADL_CREATE,   /* a0: channel pick, a1: pages, a2: purpose/memory, a3-4: handle */
    FZC_G_GPADL_TEARDOWN, /* a0: GPADL pick */
    FZC_G_OPEN,           /* a0: channel pick, a1: GPADL pick, a2: offset, a3: open ID */
    FZC_G_CLOSE,          /* a0: channel pick */
    FZC_G_RELEASE,        /* a0: channel pick */
    FZC_G_MODIFY,         /* a0: channel pick, a1: VP */
    FZC_G_MODIFY_CONN,    /* a0: monitor page shape */
    FZC_G_PAUSE,
    FZC_G_RESUME,
    FZC_G_UNLOAD,
    FZC_G_RESET,
    FZC_G_HOST_MSG,  /* a0: host message type pick, a1-a5: fields (picks) */
    FZC_G_RAW,       /* a0: length; then that many bytes of a host message */
    FZC_G_SMALL_OUT, /* a0: the next call gets an output of a0 % 4 slots */
    FZC_G_OP_COUNT
};

/* fuzz_conn_pair cfg bits */
#define FZC_PCFG_OLD_HOST 0x01u     /* host accepts 0.13 .. 4.1 only */
#define FZC_PCFG_NO_FEATURES 0x02u  /* host supports no 6.0 feature */
#define FZC_PCFG_CONFIDENTIAL 0x04u /* plan: confidential, trusted contact */
#define FZC_PCFG_V53 0x08u          /* host accepts up to 5.3 */

/* fuzz_conn_pair ops */
enum fzc_pop {
    FZC_P_TO_HOST = 0, /* deliver a0 % 4 + 1 messages guest to host */
    FZC_P_TO_GUEST,    /* deliver a0 % 4 + 1 messages host to guest */
    FZC_P_CONNECT,     /* a0: version list shape, a1: features */
    FZC_P_REQUEST_OFFERS,
    FZC_P_GPADL_CREATE, /* a0: channel pick, a1: pages, a2: purpose */
    FZC_P_OPEN,         /* a0: channel pick, a1: GPADL pick, a2: offset */
    FZC_P_CLOSE,        /* a0: channel pick */
    FZC_P_TEARDOWN,     /* a0: GPADL pick */
    FZC_P_RELEASE,      /* a0: channel pick */
    FZC_P_MODIFY,       /* a0: channel pick, a1: VP */
    FZC_P_MODIFY_CONN,
    FZC_P_PAUSE,
    FZC_P_RESUME,
    FZC_P_UNLOAD,
    FZC_P_HOST_OFFER,      /* a0: relid, a1: instance, a2: sub-channel, a3: flags */
    FZC_P_HOST_RESCIND,    /* a0: channel pick */
    FZC_P_HOST_OPEN_DONE,  /* a0: channel pick, a1: status */
    FZC_P_HOST_GPADL_DONE, /* a0: GPADL pick, a1: status */
    FZC_P_POST_FAILS,      /* a0: HV_STATUS for an INITIATE_CONTACT at the queue's head */
    FZC_P_OP_COUNT
};

/* ---- the ledger of guest requests ------------------------------------------------------ */

#define FZC_GPADL_SLOTS 64u

struct fzc_ledger {
    uint8_t open[VMBP_RELID_MAX + 1];        /* an open pending on the channel */
    uint8_t modify[VMBP_RELID_MAX + 1];      /* a modify pending (answered from 5.3) */
    uint8_t late_modify[VMBP_RELID_MAX + 1]; /* modifies cancelled by a release: their
                                                answers may still come, and are refused */
    uint32_t gpadl[FZC_GPADL_SLOTS];         /* handles with a create or teardown pending */
    uint8_t gpadl_kind[FZC_GPADL_SLOTS];     /* VMBP_CONN_REQ_GPADL_CREATE or _TEARDOWN */
    uint8_t contact, modify_conn, pause, unload;
};

static inline bool fzc_ledger_empty(const struct fzc_ledger *l)
{
    uint32_t i;

    for (i = 0; i <= VMBP_RELID_MAX; i++)
        if (l->open[i] || l->modify[i])
            return false;
    for (i = 0; i < FZC_GPADL_SLOTS; i++)
        if (l->gpadl[i])
            return false;
    return !l->contact && !l->modify_conn && !l->pause && !l->unload;
}

static inline bool fzc_gpadl_add(struct fzc_ledger *l, uint32_t handle, uint8_t kind)
{
    uint32_t i, free_at = FZC_GPADL_SLOTS;

    for (i = 0; i < FZC_GPADL_SLOTS; i++) {
        if (l->gpadl[i] == handle)
            return false; /* pending twice */
        if (!l->gpadl[i] && free_at == FZC_GPADL_SLOTS)
            free_at = i;
    }
    if (free_at == FZC_GPADL_SLOTS)
        return false;
    l->gpadl[free_at] = handle;
    l->gpadl_kind[free_at] = kind;
    return true;
}

static inline bool fzc_gpadl_take(struct fzc_ledger *l, uint32_t handle, uint8_t kind)
{
    uint32_t i;

    for (i = 0; i < FZC_GPADL_SLOTS; i++)
        if (l->gpadl[i] == handle && handle != 0) {
            if (l->gpadl_kind[i] != kind)
                return false;
            l->gpadl[i] = 0;
            return true;
        }
    return false;
}

/* Check one guest event against the ledger and settle it; false names a broken promise
 * (a result nobody asked for, or delivered twice). */
static inline bool fzc_ledger_event(struct fzc_ledger *l, const struct vmbp_conn_event *e)
{
    uint32_t r = e->relid <= VMBP_RELID_MAX ? e->relid : 0;

    switch (e->kind) {
    case VMBP_CONN_EV_VERSION_REFUSED:
    case VMBP_CONN_EV_CONTACT_FALLBACK:
        return l->contact != 0;
    case VMBP_CONN_EV_CONNECTED:
    case VMBP_CONN_EV_CONNECT_FAILED:
        if (!l->contact)
            return false;
        l->contact = 0;
        return true;
    case VMBP_CONN_EV_OPEN_RESULT:
        if (!r || !l->open[r])
            return false;
        l->open[r] = 0;
        return true;
    case VMBP_CONN_EV_GPADL_CREATED:
        return fzc_gpadl_take(l, e->gpadl, VMBP_CONN_REQ_GPADL_CREATE);
    case VMBP_CONN_EV_GPADL_TORNDOWN:
        return fzc_gpadl_take(l, e->gpadl, VMBP_CONN_REQ_GPADL_TEARDOWN);
    case VMBP_CONN_EV_MODIFY_CHANNEL_RESULT:
        if (!r || !l->modify[r])
            return false;
        l->modify[r] = 0;
        return true;
    case VMBP_CONN_EV_MODIFY_CONNECTION_RESULT:
        if (!l->modify_conn)
            return false;
        l->modify_conn = 0;
        return true;
    case VMBP_CONN_EV_PAUSED:
        if (!l->pause)
            return false;
        l->pause = 0;
        return true;
    case VMBP_CONN_EV_CANCELLED:
        switch (e->request) {
        case VMBP_CONN_REQ_OPEN:
            if (!r || !l->open[r])
                return false;
            l->open[r] = 0;
            return true;
        case VMBP_CONN_REQ_MODIFY_CHANNEL:
            if (!r || !l->modify[r])
                return false;
            l->modify[r] = 0;
            l->late_modify[r]++;
            return true;
        case VMBP_CONN_REQ_GPADL_CREATE:
        case VMBP_CONN_REQ_GPADL_TEARDOWN:
            return fzc_gpadl_take(l, e->gpadl, (uint8_t)e->request);
        case VMBP_CONN_REQ_MODIFY_CONNECTION:
            if (!l->modify_conn)
                return false;
            l->modify_conn = 0;
            return true;
        case VMBP_CONN_REQ_PAUSE:
            if (!l->pause)
                return false;
            l->pause = 0;
            return true;
        default:
            return false;
        }
    case VMBP_CONN_EV_DISCONNECTED:
        /* every request was cancelled before (UNLOAD_COMPLETE) */
        l->unload = 0;
        l->contact = 0;
        return fzc_ledger_empty(l);
    case VMBP_CONN_EV_OFFER:
    case VMBP_CONN_EV_ALL_OFFERS_DELIVERED:
    case VMBP_CONN_EV_RESCIND:
    case VMBP_CONN_EV_TL_CONNECT_RESULT:
        return true;
    default:
        return false; /* a host event from the guest machine */
    }
}

/* The versions a list shape names: a subset of the eleven, newest first (at least one). */
static inline uint32_t fzc_versions(uint8_t shape, uint8_t extra, uint32_t *vs)
{
    static const uint32_t all[] = {VMBP_VERSION_6_0, VMBP_VERSION_5_3, VMBP_VERSION_5_2,
                                   VMBP_VERSION_5_1, VMBP_VERSION_5_0, VMBP_VERSION_4_1,
                                   VMBP_VERSION_4_0, VMBP_VERSION_3_0, VMBP_VERSION_2_4,
                                   VMBP_VERSION_1_1, VMBP_VERSION_0_13};
    uint32_t mask = (uint32_t)shape | ((uint32_t)(extra & 7u) << 8), n = 0, i;

    if (mask == 0)
        mask = 0x7FFu;
    for (i = 0; i < 11u; i++)
        if (mask & (1u << i))
            vs[n++] = all[i];
    return n;
}

#endif /* VMBP_FUZZ_CONN_H */
