/* SPDX-License-Identifier: MIT */
/*
 * Seed corpora of the connection-machine fuzz targets (fuzz_conn.h layouts): scripted
 * lifecycles for fuzz_conn_pair, and for fuzz_conn_guest action sequences plus host
 * messages encoded by our own encoders (vmbp_msg_encode()) in FZC_G_RAW records.
 *
 *   gen_conn_seeds DIR           write DIR/fuzz_conn_{guest,pair}/scn_<name>
 *   gen_conn_seeds --check DIR   every scn_ file must be there with the same bytes, and no
 *                                other scn_ file may be (CTest fuzz.seeds_conn)
 *
 * The files are named scn_ (scripted) so that they and gen_seeds.c's seed_ files never
 * claim each other's.
 */
#include <vmbus_proto/msg_dispatch.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_conn.h"

static const char *out_dir;
static int check_mode, problems, written;
static char names[256][160];
static unsigned nnames;

struct seed {
    uint8_t b[4096];
    size_t n;
};

static void die(const char *what)
{
    fprintf(stderr, "gen_conn_seeds: %s\n", what);
    exit(2);
}

static void put(struct seed *s, uint8_t v)
{
    if (s->n >= sizeof(s->b))
        die("seed too long");
    s->b[s->n++] = v;
}

/* One op and its FZC_ARGS argument bytes (the last one 0). */
static void op(struct seed *s, uint8_t code, uint8_t a0, uint8_t a1, uint8_t a2, uint8_t a3,
               uint8_t a4)
{
    put(s, code);
    put(s, a0);
    put(s, a1);
    put(s, a2);
    put(s, a3);
    put(s, a4);
    put(s, 0);
}

static void emit(const char *target, const char *name, const struct seed *s)
{
    char path[1024], rel[160];
    FILE *f;

    snprintf(rel, sizeof(rel), "fuzz_%s/scn_%s", target, name);
    if (nnames >= sizeof(names) / sizeof(names[0]))
        die("too many seeds");
    snprintf(names[nnames++], sizeof(names[0]), "%s", rel);
    snprintf(path, sizeof(path), "%s/%s", out_dir, rel);
    if (check_mode) {
        uint8_t have[sizeof(s->b) + 1];
        size_t got;

        f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "missing: %s\n", rel);
            problems++;
            return;
        }
        got = fread(have, 1, sizeof(have), f);
        fclose(f);
        if (got != s->n || memcmp(have, s->b, s->n) != 0) {
            fprintf(stderr, "differs: %s\n", rel);
            problems++;
        }
        return;
    }
    snprintf(path, sizeof(path), "%s/fuzz_%s", out_dir, target);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die("cannot create a corpus directory");
    snprintf(path, sizeof(path), "%s/%s", out_dir, rel);
    f = fopen(path, "wb");
    if (!f || fwrite(s->b, 1, s->n, f) != s->n || fclose(f) != 0)
        die("cannot write a seed");
    written++;
}

static void check_extra(void)
{
    static const char *const dirs[] = {"fuzz_conn_guest", "fuzz_conn_pair"};
    unsigned d, i;

    for (d = 0; d < 2; d++) {
        char path[1024], rel[320];
        DIR *dir;
        struct dirent *e;

        snprintf(path, sizeof(path), "%s/%s", out_dir, dirs[d]);
        dir = opendir(path);
        if (!dir) {
            fprintf(stderr, "missing: %s\n", dirs[d]);
            problems++;
            continue;
        }
        while ((e = readdir(dir)) != NULL) {
            if (strncmp(e->d_name, "scn_", 4) != 0)
                continue;
            snprintf(rel, sizeof(rel), "%s/%s", dirs[d], e->d_name);
            for (i = 0; i < nnames && strcmp(names[i], rel) != 0; i++)
                ;
            if (i == nnames) {
                fprintf(stderr, "stale: %s\n", rel);
                problems++;
            }
        }
        closedir(dir);
    }
}

/* ---- fuzz_conn_pair --------------------------------------------------------------------- */

static void pair_connect(struct seed *s, uint8_t cfg)
{
    s->n = 0;
    put(s, cfg);
    op(s, FZC_P_HOST_OFFER, 1, 1, 0, 0, 0);
    op(s, FZC_P_HOST_OFFER, 2, 2, 0, 0, 0);
    op(s, FZC_P_CONNECT, 0, 0x2f, 0, 1, 0);
    op(s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(s, FZC_P_REQUEST_OFFERS, 0, 0, 0, 0, 0);
    op(s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
}

static void pair_open(struct seed *s)
{
    op(s, FZC_P_GPADL_CREATE, 0, 3, 0, 0, 0);
    op(s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(s, FZC_P_HOST_GPADL_DONE, 0, 0, 0, 0, 0);
    op(s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(s, FZC_P_OPEN, 0, 0, 2, 7, 0);
    op(s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
}

static void pair_seeds(void)
{
    struct seed s;

    pair_connect(&s, 0);
    pair_open(&s);
    op(&s, FZC_P_HOST_OPEN_DONE, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_MODIFY, 0, 1, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_CLOSE, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TEARDOWN, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_UNLOAD, 0, 0, 0, 0, 0);
    emit("conn_pair", "whole_life", &s);

    pair_connect(&s, 0);
    pair_open(&s);
    op(&s, FZC_P_HOST_RESCIND, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_RELEASE, 0, 0, 0, 0, 0);
    op(&s, FZC_P_HOST_OFFER, 1, 3, 0, 0, 0);
    emit("conn_pair", "rescind_while_opening", &s);

    pair_connect(&s, 0);
    op(&s, FZC_P_GPADL_CREATE, 1, 5, 1, 0, 0);
    op(&s, FZC_P_HOST_RESCIND, 1, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_UNLOAD, 0, 0, 0, 0, 0);
    op(&s, FZC_P_HOST_OFFER, 5, 5, 0, 0, 0);
    emit("conn_pair", "rescind_and_unload_crossing", &s);

    pair_connect(&s, 0);
    op(&s, FZC_P_PAUSE, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_HOST_OFFER, 3, 3, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_RESUME, 0, 0, 0, 0, 0);
    op(&s, FZC_P_MODIFY_CONN, 0, 0, 0, 0, 0);
    emit("conn_pair", "pause_resume", &s);

    s.n = 0;
    put(&s, FZC_PCFG_OLD_HOST);
    op(&s, FZC_P_CONNECT, 0, 0, 0, 0, 0);
    op(&s, FZC_P_POST_FAILS, 1, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    emit("conn_pair", "old_host_fallback", &s);

    pair_connect(&s, FZC_PCFG_CONFIDENTIAL);
    op(&s, FZC_P_HOST_OFFER, 3, 3, 0, 0x02, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_GPADL_CREATE, 2, 3, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    emit("conn_pair", "confidential", &s);

    /* a host with monitor pages, a guest asking for them (0x40) */
    s.n = 0;
    put(&s, 0x30);
    op(&s, FZC_P_CONNECT, 0, 0x6f, 0, 1, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_REQUEST_OFFERS, 0, 0, 0, 0, 0);
    op(&s, FZC_P_TO_HOST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_TO_GUEST, 3, 0, 0, 0, 0);
    op(&s, FZC_P_MODIFY_CONN, 0, 0, 0, 0, 0);
    emit("conn_pair", "monitor_pages", &s);
}

/* ---- fuzz_conn_guest -------------------------------------------------------------------- */

/* An FZC_G_RAW record: the host message m, encoded. */
static void raw(struct seed *s, const struct vmbp_msg *m)
{
    uint8_t buf[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX];
    size_t len = 0, i;

    if (vmbp_msg_encode(m, buf, sizeof(buf), &len) != VMBP_OK)
        die("encoder refused a seed message");
    op(s, FZC_G_RAW, (uint8_t)len, 0, 0, 0, 0);
    for (i = 0; i < len; i++)
        put(s, buf[i]);
}

static void msg_init(struct vmbp_msg *m, uint32_t type)
{
    memset(m, 0, sizeof(*m));
    m->type = type;
    m->variant = vmbp_msg_type_newest_variant(type);
    if (vmbp_msg_variant_size(m->variant) == VMBP_MSG_HEADER_SIZE)
        m->u.empty.type = type;
}

static void guest_up(struct seed *s, uint8_t cfg, uint32_t features)
{
    struct vmbp_msg m;

    s->n = 0;
    put(s, cfg);
    op(s, FZC_G_CONNECT, 1, (uint8_t)features, 0, 0, 0); /* 6.0 only */
    msg_init(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant = m.u.version_response.variant = VMBP_MSGV_VERSION_RESPONSE_FEATURES;
    m.u.version_response.version_supported = 1;
    m.u.version_response.msg_conn_id = 0x2001;
    m.u.version_response.supported_features = features;
    raw(s, &m);
    op(s, FZC_G_REQUEST_OFFERS, 0, 0, 0, 0, 0);
}

static void offer(struct seed *s, uint32_t relid, uint8_t inst, uint16_t flags)
{
    struct vmbp_msg m;

    msg_init(&m, VMBP_MSG_OFFER_CHANNEL);
    m.u.offer.variant = VMBP_MSGV_OFFER_CHANNEL;
    m.u.offer.interface_type.bytes[0] = 0x11;
    m.u.offer.interface_instance.bytes[0] = inst;
    m.u.offer.flags = flags;
    m.u.offer.child_relid = relid;
    m.u.offer.monitor_id = VMBP_MONITOR_ID_INVALID;
    m.u.offer.is_dedicated_interrupt = 1;
    m.u.offer.connection_id = relid;
    raw(s, &m);
}

static void relid_msg(struct seed *s, uint32_t type, uint32_t relid)
{
    struct vmbp_msg m;

    msg_init(&m, type);
    m.u.rescind.child_relid = relid;
    raw(s, &m);
}

static void guest_seeds(void)
{
    struct seed s;
    struct vmbp_msg m;
    static const uint32_t every[] = {VMBP_MSG_VERSION_RESPONSE,
                                     VMBP_MSG_OFFER_CHANNEL,
                                     VMBP_MSG_ALL_OFFERS_DELIVERED,
                                     VMBP_MSG_RESCIND_CHANNEL_OFFER,
                                     VMBP_MSG_OPEN_CHANNEL_RESULT,
                                     VMBP_MSG_GPADL_CREATED,
                                     VMBP_MSG_GPADL_TORNDOWN,
                                     VMBP_MSG_MODIFY_CHANNEL_RESPONSE,
                                     VMBP_MSG_MODIFY_CONNECTION_RESPONSE,
                                     VMBP_MSG_PAUSE_RESPONSE,
                                     VMBP_MSG_UNLOAD_COMPLETE,
                                     VMBP_MSG_TL_CONNECT_RESULT,
                                     VMBP_MSG_CLOSE_RESERVED_RESPONSE};
    unsigned i;

    /* a whole life, host messages from the machine's own state */
    guest_up(&s, 0, 0x2f);
    offer(&s, 1, 1, 0);
    op(&s, FZC_G_HOST_MSG, 2, 0, 0, 0, 0); /* ALL_OFFERS_DELIVERED */
    op(&s, FZC_G_GPADL_CREATE, 0, 4, 1, 0, 0);
    op(&s, FZC_G_HOST_MSG, 5, 0, 0, 0, 0); /* GPADL_CREATED for it */
    op(&s, FZC_G_OPEN, 0, 0, 2, 5, 0);
    op(&s, FZC_G_HOST_MSG, 4, 0, 0, 0, 0); /* OPEN_CHANNEL_RESULT with its open ID */
    op(&s, FZC_G_MODIFY, 0, 2, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 7, 0, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 3, 0, 0, 0, 0); /* rescind */
    op(&s, FZC_G_CLOSE, 0, 0, 0, 0, 0);
    op(&s, FZC_G_RELEASE, 0, 0, 0, 0, 0);
    op(&s, FZC_G_UNLOAD, 0, 0, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 10, 0, 0, 0, 0);
    emit("conn_guest", "whole_life", &s);

    /* the host's monitor pages: unaligned (refused), then usable */
    s.n = 0;
    put(&s, FZC_GCFG_BOUNDARY);
    op(&s, FZC_G_CONNECT, 1, 0x40, 0, 0, 0);
    msg_init(&m, VMBP_MSG_VERSION_RESPONSE);
    m.variant = m.u.version_response.variant = VMBP_MSGV_VERSION_RESPONSE_MONITOR;
    m.u.version_response.version_supported = 1;
    m.u.version_response.msg_conn_id = 0x2001;
    m.u.version_response.supported_features = 0x40;
    m.u.version_response.child_to_parent_monitor_gpa = 0x6080;
    raw(&s, &m);
    m.u.version_response.child_to_parent_monitor_gpa = 0x6000;
    raw(&s, &m);
    op(&s, FZC_G_REQUEST_OFFERS, 0, 0, 0, 0, 0);
    emit("conn_guest", "monitor_pages", &s);

    /* every host message type, out of order, before and after the connection */
    s.n = 0;
    put(&s, 0);
    for (i = 0; i < sizeof(every) / sizeof(every[0]); i++)
        op(&s, FZC_G_HOST_MSG, (uint8_t)i, 0, 0, 0, 0);
    guest_up(&s, 0, 0x3f);
    for (i = 0; i < sizeof(every) / sizeof(every[0]); i++)
        op(&s, FZC_G_HOST_MSG, (uint8_t)i, (uint8_t)(i * 5), 1, 2, 0);
    emit("conn_guest", "every_type_anywhere", &s);

    /* duplicate IDs and instances, spurious answers */
    guest_up(&s, FZC_GCFG_SMALL, 0x2f);
    offer(&s, 1, 1, 0);
    offer(&s, 1, 2, 0);
    offer(&s, 2, 1, 0);
    offer(&s, 3, 3, 0);
    offer(&s, 4, 4, 0);
    relid_msg(&s, VMBP_MSG_RESCIND_CHANNEL_OFFER, 1);
    relid_msg(&s, VMBP_MSG_RESCIND_CHANNEL_OFFER, 1);
    msg_init(&m, VMBP_MSG_GPADL_TORNDOWN);
    m.u.gpadl_torndown.gpadl = VMBP_CONN_GPADL_HANDLE_FIRST;
    raw(&s, &m);
    msg_init(&m, VMBP_MSG_OPEN_CHANNEL_RESULT);
    m.u.open_result.child_relid = 3;
    raw(&s, &m);
    msg_init(&m, VMBP_MSG_UNLOAD_COMPLETE);
    raw(&s, &m);
    emit("conn_guest", "spurious_and_reused", &s);

    /* confidential offers against a confidential plan */
    guest_up(&s, FZC_GCFG_CONFIDENTIAL | FZC_GCFG_ISOLATED, 0x10);
    offer(&s, 1, 1, VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER);
    offer(&s, 2, 2, VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY);
    offer(&s, 3, 3,
          VMBP_OFFER_FLAG_CONFIDENTIAL_RING_BUFFER |
              VMBP_OFFER_FLAG_CONFIDENTIAL_EXTERNAL_MEMORY);
    op(&s, FZC_G_GPADL_CREATE, 0, 4, 1, 0, 0);
    op(&s, FZC_G_GPADL_CREATE, 0, 4, 0x31, 0, 0);
    emit("conn_guest", "confidential", &s);

    /* refusals and post failures during negotiation, then pause */
    s.n = 0;
    put(&s, FZC_GCFG_PROBE | FZC_GCFG_CONFIDENTIAL);
    op(&s, FZC_G_CONNECT, 3, 0x3f, 0, 0, 0);
    op(&s, FZC_G_CONTACT_FAILED, 2, 0, 0, 0, 0);
    op(&s, FZC_G_CONTACT_FAILED, 0, 0, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 0, 0, 2, 0, 0);
    op(&s, FZC_G_HOST_MSG, 0, 0, 1, 0, 0);
    op(&s, FZC_G_PAUSE, 0, 0, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 9, 0, 0, 0, 0);
    op(&s, FZC_G_RESUME, 0, 0, 0, 0, 0);
    emit("conn_guest", "negotiation", &s);

    /* replay mode: the guest's messages */
    s.n = 0;
    put(&s, FZC_GCFG_REPLAY);
    op(&s, FZC_G_CONNECT, 0, 0x2f, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 0, 0, 2, 0, 0);
    op(&s, FZC_G_CONNECT, 1, 0, 0, 0, 0);
    op(&s, FZC_G_HOST_MSG, 0, 0, 1, 0, 0);
    op(&s, FZC_G_REQUEST_OFFERS, 0, 0, 0, 0, 0);
    offer(&s, 1, 1, 0);
    op(&s, FZC_G_GPADL_CREATE, 0, 30, 0, 0, 0);
    op(&s, FZC_G_CONTACT_FAILED, 0, 0, 28, 0, 0);
    op(&s, FZC_G_HOST_MSG, 5, 0, 0, 0, 0);
    op(&s, FZC_G_OPEN, 0, 0, 1, 3, 0);
    emit("conn_guest", "replay", &s);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--check") == 0) {
        check_mode = 1;
        out_dir = argv[2];
    } else if (argc == 2 && argv[1][0] != '-') {
        out_dir = argv[1];
        if (mkdir(out_dir, 0777) != 0 && errno != EEXIST)
            die("cannot create the output directory");
    } else {
        fprintf(stderr, "usage: %s DIR | --check DIR\n", argv[0]);
        return 2;
    }
    pair_seeds();
    guest_seeds();
    if (check_mode) {
        check_extra();
        printf("gen_conn_seeds: %u seeds checked, %d problem(s)\n", nnames, problems);
        return problems != 0;
    }
    printf("gen_conn_seeds: %d seeds written to %s\n", written, out_dir);
    return 0;
}
