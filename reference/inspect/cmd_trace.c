/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect trace: check a recorded sequence of channel messages against the connection
 * state machine (vmbp_conn.h, spec/conn.md). A guest machine in replay mode takes
 * the host's messages as received and the guest's as the actions they stand for; each record
 * is printed with the state it moved, and each refusal with its status and rule.
 *
 * Input, text (one record a line; '#' starts a comment):
 *     guest 0e000000 00000000 0d000000 ...
 *     host  0f000000 00000000 01 00 0000 ...
 * or binary: records of one direction byte (1 guest to host, 2 host to guest), one length
 * byte and that many message bytes.
 *
 * Exit status as every command: 0 every record accepted, 1 a record refused (the first is
 * named), 2 unusable input or usage.
 */
#include "inspect.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include <vmbus_proto/vmbp_conn.h>

#define TRACE_MAX_BYTES (16u * 1024u * 1024u)
#define TRACE_MAX_RECORDS 100000u
#define TRACE_GPADLS 4096u

struct trace_record {
    uint8_t dir; /* enum vmbp_dir: GUEST_TO_HOST or HOST_TO_GUEST */
    uint8_t len;
    uint8_t data[255];
    unsigned line; /* text: line number; binary: record offset */
};

struct trace_opts {
    bool confidential; /* the guest runs a confidential (and isolated) connection */
    bool isolated;     /* the guest is in an isolated VM */
};

/* ---- parsing ------------------------------------------------------------------------------ */

static bool is_text(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!(p[i] == '\n' || p[i] == '\r' || p[i] == '\t' || (p[i] >= 0x20 && p[i] < 0x7F)))
            return false;
    return true;
}

/* The message of a text record: plain hexadecimal as every command reads it (input.h), bytes
 * in memory order, 1 to 255 of them. Returns 1, or -1 with a message in err. */
static int parse_hex(const char *s, size_t n, struct trace_record *r, char *err, size_t errlen)
{
    static const char name[] = "message";
    struct vmbpi_load_opts o;
    struct vmbpi_input in;
    char msg[160]; /* fits the caller's line message */
    const char *why = msg;

    memset(&o, 0, sizeof(o));
    o.fmt = VMBPI_FMT_HEX;
    o.order = VMBPI_ORDER_MEMORY;
    o.max = sizeof(r->data);
    if (vmbpi_input_parse(&in, name, (const uint8_t *)s, n, &o, msg, sizeof(msg)) != 0) {
        /* the reader saw this line alone: its name and line number say nothing here */
        if (strncmp(why, name, sizeof(name) - 1) == 0 && why[sizeof(name) - 1] == ':')
            why += sizeof(name) + 1; /* "message: " */
        if (strncmp(why, "line 1: ", 8) == 0)
            why += 8;
        if (strcmp(why, "empty input") == 0)
            why = "no message bytes";
        if (strncmp(why, "input too large", 15) == 0)
            why = "more than 255 message bytes";
        snprintf(err, errlen, "%s", why);
        return -1;
    }
    memcpy(r->data, in.data, in.len);
    r->len = (uint8_t)in.len;
    vmbpi_input_free(&in);
    return 1;
}

/* One text line: "guest|host[:] hex..." or blank/comment. Returns 1 for a record, 0 for
 * nothing, -1 with a message in err. */
static int parse_line(const char *s, size_t n, struct trace_record *r, char *err, size_t errlen)
{
    size_t i = 0, w;

    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (i == n || s[i] == '#')
        return 0;
    for (w = i; w < n && s[w] != ' ' && s[w] != '\t' && s[w] != ':'; w++)
        ;
    if (w - i == 5 && strncmp(s + i, "guest", 5) == 0) {
        r->dir = (uint8_t)VMBP_DIR_GUEST_TO_HOST;
    } else if (w - i == 4 && strncmp(s + i, "host", 4) == 0) {
        r->dir = (uint8_t)VMBP_DIR_HOST_TO_GUEST;
    } else {
        snprintf(err, errlen, "a record starts with guest or host, not '%.*s'", (int)(w - i),
                 s + i);
        return -1;
    }
    if (w < n && s[w] == ':')
        w++;
    return parse_hex(s + w, n - w, r, err, errlen);
}

/* The records of the input, malloc'd in *out. Returns 0, or -1 with a message in err. */
static int parse(const uint8_t *p, size_t n, struct trace_record **out, size_t *count,
                 char *err, size_t errlen)
{
    struct trace_record *recs = NULL;
    size_t cap = 0, k = 0, i = 0;
    bool text = is_text(p, n);
    unsigned line = 1;

    while (i < n) {
        struct trace_record r;
        int got;

        memset(&r, 0, sizeof(r));
        if (text) {
            size_t e = i;
            char msg[200];

            while (e < n && p[e] != '\n')
                e++;
            got = parse_line((const char *)p + i, e - i, &r, msg, sizeof(msg));
            if (got < 0) {
                snprintf(err, errlen, "line %u: %s", line, msg);
                free(recs);
                return -1;
            }
            r.line = line++;
            i = e + 1;
        } else {
            if (n - i < 2 ||
                (p[i] != VMBP_DIR_GUEST_TO_HOST && p[i] != VMBP_DIR_HOST_TO_GUEST) ||
                p[i + 1] == 0 || (size_t)p[i + 1] > n - i - 2) {
                snprintf(err, errlen,
                         "binary record at offset %zu: a direction byte (1 or 2), a "
                         "length byte and that many bytes",
                         i);
                free(recs);
                return -1;
            }
            r.dir = p[i];
            r.len = p[i + 1];
            memcpy(r.data, p + i + 2, r.len);
            r.line = (unsigned)i;
            i += 2u + r.len;
            got = 1;
        }
        if (got == 0)
            continue;
        if (k == cap) {
            struct trace_record *grown;

            if (cap >= TRACE_MAX_RECORDS) {
                snprintf(err, errlen, "more than %u records", TRACE_MAX_RECORDS);
                free(recs);
                return -1;
            }
            cap = cap ? cap * 2 : 64;
            grown = (struct trace_record *)realloc(recs, cap * sizeof(*recs));
            if (!grown) {
                snprintf(err, errlen, "out of memory");
                free(recs);
                return -1;
            }
            recs = grown;
        }
        recs[k++] = r;
    }
    if (k == 0) {
        snprintf(err, errlen, "no record in the trace");
        free(recs);
        return -1;
    }
    *out = recs;
    *count = k;
    return 0;
}

/* ---- annotation --------------------------------------------------------------------------- */

/* The channel and GPADL a message names (0 when none). */
static void names_of(const struct vmbp_msg *m, uint32_t *relid, uint32_t *gpadl)
{
    *relid = 0;
    *gpadl = 0;
    switch (m->type) {
    case VMBP_MSG_OFFER_CHANNEL:
        *relid = m->u.offer.child_relid;
        break;
    case VMBP_MSG_RESCIND_CHANNEL_OFFER:
    case VMBP_MSG_CLOSE_CHANNEL:
    case VMBP_MSG_RELID_RELEASED:
        *relid = m->u.rescind.child_relid;
        break;
    case VMBP_MSG_OPEN_CHANNEL:
        *relid = m->u.open_channel.child_relid;
        break;
    case VMBP_MSG_OPEN_CHANNEL_RESULT:
        *relid = m->u.open_result.child_relid;
        break;
    case VMBP_MSG_MODIFY_CHANNEL:
        *relid = m->u.modify_channel.child_relid;
        break;
    case VMBP_MSG_MODIFY_CHANNEL_RESPONSE:
        *relid = m->u.modify_channel_response.child_relid;
        break;
    case VMBP_MSG_GPADL_HEADER:
        *relid = m->u.gpadl_header.child_relid;
        *gpadl = m->u.gpadl_header.gpadl;
        break;
    case VMBP_MSG_GPADL_BODY:
        *gpadl = m->u.gpadl_body.gpadl;
        break;
    case VMBP_MSG_GPADL_CREATED:
        *relid = m->u.gpadl_created.child_relid;
        *gpadl = m->u.gpadl_created.gpadl;
        break;
    case VMBP_MSG_GPADL_TEARDOWN:
        *relid = m->u.gpadl_teardown.child_relid;
        *gpadl = m->u.gpadl_teardown.gpadl;
        break;
    case VMBP_MSG_GPADL_TORNDOWN:
        *gpadl = m->u.gpadl_torndown.gpadl;
        break;
    default:
        break;
    }
}

static void chan_state(const struct vmbp_conn_guest *g, uint32_t relid, char *buf, size_t n)
{
    struct vmbp_conn_chan_info ci;

    if (vmbp_conn_guest_chan(g, relid, &ci) != VMBP_OK) {
        snprintf(buf, n, "none");
        return;
    }
    snprintf(buf, n, "%s%s%s", vmbp_conn_chan_state_name((enum vmbp_conn_chan_state)ci.state),
             (ci.flags & VMBP_CONN_CHAN_F_RESCINDED) ? "+RESCINDED" : "",
             (ci.flags & VMBP_CONN_CHAN_F_MODIFYING) ? "+MODIFYING" : "");
}

static void gpadl_state(const struct vmbp_conn_guest *g, uint32_t handle, char *buf, size_t n)
{
    struct vmbp_conn_gpadl_info gi;

    if (vmbp_conn_guest_gpadl(g, handle, &gi) != VMBP_OK)
        snprintf(buf, n, "none");
    else
        snprintf(buf, n, "%s",
                 vmbp_conn_gpadl_state_name((enum vmbp_conn_gpadl_state)gi.state));
}

static void conn_state(const struct vmbp_conn_guest *g, char *buf, size_t n)
{
    int p = vmbp_conn_guest_paused(g);

    snprintf(buf, n, "%s%s", vmbp_conn_state_name(vmbp_conn_guest_state(g)),
             p == 2   ? "+PAUSED"
             : p == 1 ? "+PAUSING"
                      : "");
}

/* The events of one record, "CONNECTED 6.0 0x2f; OFFER 1". */
static void events_text(const struct vmbp_conn_out *out, char *buf, size_t n)
{
    size_t used = 0;
    uint32_t i;

    buf[0] = 0;
    for (i = 0; i < out->nevents && used + 1 < n; i++) {
        const struct vmbp_conn_event *e = &out->events[i];
        const char *name = vmbp_conn_event_name((enum vmbp_conn_event_kind)e->kind);
        int w;

        switch (e->kind) {
        case VMBP_CONN_EV_CONNECTED:
            w = snprintf(buf + used, n - used, "%s%s %u.%u features 0x%x", i ? "; " : "", name,
                         (unsigned)VMBP_VERSION_MAJOR(e->value),
                         (unsigned)VMBP_VERSION_MINOR(e->value), e->features);
            break;
        case VMBP_CONN_EV_VERSION_REFUSED:
        case VMBP_CONN_EV_CONNECT_FAILED:
        case VMBP_CONN_EV_CONTACT_FALLBACK:
            w = snprintf(buf + used, n - used, "%s%s %u.%u", i ? "; " : "", name,
                         (unsigned)VMBP_VERSION_MAJOR(e->value),
                         (unsigned)VMBP_VERSION_MINOR(e->value));
            break;
        case VMBP_CONN_EV_CANCELLED:
            w = snprintf(buf + used, n - used, "%s%s %s %u", i ? "; " : "", name,
                         vmbp_conn_request_name((enum vmbp_conn_request)e->request), e->relid);
            break;
        case VMBP_CONN_EV_OPEN_RESULT:
        case VMBP_CONN_EV_GPADL_CREATED:
        case VMBP_CONN_EV_MODIFY_CHANNEL_RESULT:
            w = snprintf(buf + used, n - used, "%s%s %u status 0x%x", i ? "; " : "", name,
                         e->relid, e->status);
            break;
        default:
            w = e->relid
                    ? snprintf(buf + used, n - used, "%s%s %u", i ? "; " : "", name, e->relid)
                    : snprintf(buf + used, n - used, "%s%s", i ? "; " : "", name);
            break;
        }
        if (w < 0)
            break;
        used += (size_t)w < n - used ? (size_t)w : n - used - 1;
    }
}

/* ---- the check ---------------------------------------------------------------------------- */

/* printf at the end of the string in buf, truncating. */
static void append(char *buf, size_t n, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used + 1 >= n)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(buf + used, n - used, fmt, ap);
    va_end(ap);
}

static int run(struct vmbpi_out *o, const struct trace_record *recs, size_t count,
               const struct trace_opts *opts, FILE *err)
{
    struct vmbp_conn_gchan *chans =
        (struct vmbp_conn_gchan *)calloc(VMBP_CONN_CHANNELS_MAX, sizeof(*chans));
    struct vmbp_conn_ggpadl *gpadls =
        (struct vmbp_conn_ggpadl *)calloc(TRACE_GPADLS, sizeof(*gpadls));
    struct vmbp_conn_event *events = (struct vmbp_conn_event *)calloc(
        VMBP_CONN_GUEST_EVENTS_MAX(VMBP_CONN_CHANNELS_MAX, TRACE_GPADLS), sizeof(*events));
    struct vmbp_conn_msg *msgs = (struct vmbp_conn_msg *)calloc(1, sizeof(*msgs));
    struct vmbp_confidential_plan plan;
    struct vmbp_conn_guest_config cfg;
    struct vmbp_conn_guest g;
    size_t i, refused = 0, first = 0;
    int width;
    enum vmbp_status first_st = VMBP_OK;
    const char *first_rule = NULL;
    struct vmbp_msg_fault first_fault;
    struct vmbp_ctx first_ctx;
    bool first_faulted = false;

    if (!chans || !gpadls || !events || !msgs) {
        free(chans);
        free(gpadls);
        free(events);
        free(msgs);
        fprintf(err, "vmbp-inspect: out of memory\n");
        return VMBPI_EXIT_USAGE;
    }
    memset(&plan, 0, sizeof(plan));
    plan.isolated = opts->isolated || opts->confidential;
    plan.confidential = opts->confidential;
    plan.request_confidential_channels = opts->confidential;
    plan.mode = (uint8_t)(opts->confidential ? VMBP_CONFIDENTIAL_MODE_CONFIDENTIAL
                                             : VMBP_CONFIDENTIAL_MODE_RELAY);
    memset(&cfg, 0, sizeof(cfg));
    cfg.channels = chans;
    cfg.nchannels = VMBP_CONN_CHANNELS_MAX;
    cfg.gpadls = gpadls;
    cfg.ngpadls = TRACE_GPADLS;
    cfg.plan = plan.isolated ? &plan : NULL;
    cfg.flags = VMBP_CONN_GUEST_F_REPLAY;
    if (vmbp_conn_guest_init(&g, &cfg) != VMBP_OK) {
        /* the configuration above is valid: not reached */
        free(chans);
        free(gpadls);
        free(events);
        free(msgs);
        fprintf(err, "vmbp-inspect: cannot set up the connection machine\n");
        return VMBPI_EXIT_USAGE;
    }

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", "message trace");
    vmbpi_str(o, "guest",
              opts->confidential ? "confidential, isolated"
              : opts->isolated   ? "isolated"
                                 : "not isolated");
    vmbpi_u64(o, "records", count);
    for (width = 1, i = count; i >= 10; i /= 10) /* the record numbers line up */
        width++;
    vmbpi_arr_begin(o, "trace");
    for (i = 0; i < count; i++) {
        const struct trace_record *r = &recs[i];
        bool from_guest = r->dir == VMBP_DIR_GUEST_TO_HOST;
        struct vmbp_conn_out out;
        struct vmbp_msg m;
        char before[48], after[48], cb[48] = "", ca[48] = "", ev[512], line[900] = "", what[64];
        uint32_t type = 0, relid = 0, gpadl = 0;
        const char *tname, *rule;
        enum vmbp_status st, dec;
        struct vmbp_msg_fault fault;
        struct vmbp_ctx ctx = *vmbp_conn_guest_ctx(&g);
        enum vmbp_dir dir = from_guest ? VMBP_DIR_GUEST_TO_HOST : VMBP_DIR_HOST_TO_GUEST;
        bool faulted;

        vmbp_conn_out_init(&out, msgs, 1, events,
                           VMBP_CONN_GUEST_EVENTS_MAX(VMBP_CONN_CHANNELS_MAX, TRACE_GPADLS));
        if (vmbp_msg_header_type(r->data, r->len, &type) != VMBP_OK)
            type = 0; /* too short for a header: no type to name */
        tname = vmbp_msg_type_name(type);
        dec = vmbp_msg_decode(r->data, r->len, vmbp_conn_guest_ctx(&g),
                              from_guest ? VMBP_DIR_GUEST_TO_HOST : VMBP_DIR_HOST_TO_GUEST, &m);
        if (dec == VMBP_OK)
            names_of(&m, &relid, &gpadl);
        /* the decoder's own report of the message, when it is what refused the record */
        faulted = vmbp_msg_validate_fault(r->data, r->len, &ctx, dir, &fault) != VMBP_OK;
        conn_state(&g, before, sizeof(before));
        if (gpadl)
            gpadl_state(&g, gpadl, cb, sizeof(cb));
        else if (relid)
            chan_state(&g, relid, cb, sizeof(cb));
        if (from_guest)
            st = dec == VMBP_OK ? vmbp_conn_guest_replay(&g, &m, &out) : dec;
        else
            st = vmbp_conn_guest_receive_bytes(&g, r->data, r->len, &out);
        rule = st == VMBP_OK                  ? NULL
               : from_guest && dec != VMBP_OK ? "VMBP-CONN-101"
                                              : vmbp_conn_guest_last_rule(&g);
        conn_state(&g, after, sizeof(after));
        if (gpadl)
            gpadl_state(&g, gpadl, ca, sizeof(ca));
        else if (relid)
            chan_state(&g, relid, ca, sizeof(ca));
        events_text(&out, ev, sizeof(ev));
        if (gpadl)
            snprintf(what, sizeof(what), "GPADL 0x%x", gpadl);
        else if (relid)
            snprintf(what, sizeof(what), "channel %u", relid);
        else
            what[0] = 0;
        faulted = faulted && st == fault.status;
        if (st != VMBP_OK && refused++ == 0) {
            first = i;
            first_st = st;
            first_rule = rule;
            first_faulted = faulted;
            first_fault = fault;
            first_ctx = ctx;
        }
        if (o->json) {
            vmbpi_obj_begin(o, NULL);
            vmbpi_u64(o, "record", i + 1);
            vmbpi_str(o, "from", from_guest ? "guest" : "host");
            vmbpi_str(o, "type", tname ? tname : "unknown");
            vmbpi_u64(o, "length", r->len);
            vmbpi_str(o, "state_before", before);
            vmbpi_str(o, "state_after", after);
            if (what[0]) {
                vmbpi_str(o, "object", what);
                vmbpi_str(o, "object_before", cb);
                vmbpi_str(o, "object_after", ca);
            }
            vmbpi_str(o, "events", ev);
            vmbpi_str(o, "status", vmbp_status_name(st));
            if (st != VMBP_OK) {
                vmbpi_str(o, "rule", rule ? rule : "");
                vmbpi_str(o, "meaning", vmbp_status_text(st));
            }
            if (faulted)
                vmbpi_msg_error(o, &fault, r->data, r->len, &ctx, (int)dir, NULL);
            vmbpi_obj_end(o);
            continue;
        }
        append(line, sizeof(line), "#%-*zu %-5s %-26s %s -> %s", width, i + 1,
               from_guest ? "guest" : "host", tname ? tname : "unknown", before, after);
        if (what[0])
            append(line, sizeof(line), "; %s %s -> %s", what, cb, ca);
        if (ev[0])
            append(line, sizeof(line), "; %s", ev);
        if (st != VMBP_OK)
            append(line, sizeof(line), "; REFUSED %s (%s)", vmbp_status_name(st),
                   rule ? rule : "no rule");
        if (faulted) {
            char why[400];

            vmbpi_msg_fault_line(&fault, why, sizeof(why));
            append(line, sizeof(line), ": %s", why);
        }
        vmbpi_str(o, NULL, line);
    }
    vmbpi_arr_end(o);
    vmbpi_bool(o, "valid", refused == 0);
    vmbpi_u64(o, "refused", refused);
    if (refused) {
        char where[96];
        const struct trace_record *r = &recs[first];
        uint32_t type = 0;
        const char *tname;

        if (vmbp_msg_header_type(r->data, r->len, &type) != VMBP_OK)
            type = 0; /* too short for a header: no type to name */
        tname = vmbp_msg_type_name(type);
        vmbpi_obj_begin(o, "first_violation");
        vmbpi_u64(o, "record", first + 1);
        snprintf(where, sizeof(where), "%s %s",
                 r->dir == VMBP_DIR_GUEST_TO_HOST ? "guest" : "host",
                 tname ? tname : "unknown message");
        vmbpi_str(o, "message", where);
        vmbpi_str(o, "status", vmbp_status_name(first_st));
        vmbpi_str(o, "rule", first_rule ? first_rule : "");
        vmbpi_str(o, "meaning", vmbp_status_text(first_st));
        if (first_faulted)
            vmbpi_msg_error(o, &first_fault, r->data, r->len, &first_ctx, (int)r->dir, NULL);
        vmbpi_obj_end(o);
    }
    vmbpi_doc_end(o);
    free(chans);
    free(gpadls);
    free(events);
    free(msgs);
    return refused ? VMBPI_EXIT_INVALID : VMBPI_EXIT_VALID;
}

int vmbpi_trace_main(int argc, char **argv, FILE *out, FILE *err);

/* vmbp-inspect trace FILE [--confidential | --isolated] [--json] */
int vmbpi_trace_main(int argc, char **argv, FILE *out, FILE *err)
{
    struct trace_opts opts;
    struct vmbpi_load_opts lo;
    struct vmbpi_input in;
    struct vmbpi_out o;
    struct trace_record *recs = NULL;
    const char *file = NULL;
    bool json = false;
    char msg[256];
    size_t count = 0;
    int i, rc;

    memset(&opts, 0, sizeof(opts));
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--confidential") == 0) {
            opts.confidential = true;
        } else if (strcmp(argv[i], "--isolated") == 0) {
            opts.isolated = true;
        } else if (argv[i][0] == '-' && argv[i][1] != 0) {
            fprintf(err, "vmbp-inspect: unknown option: %s\n", argv[i]);
            return VMBPI_EXIT_USAGE;
        } else if (!file) {
            file = argv[i];
        } else {
            fprintf(err, "vmbp-inspect: more than one input: %s\n", argv[i]);
            return VMBPI_EXIT_USAGE;
        }
    }
    if (!file) {
        fprintf(err, "vmbp-inspect: trace needs a FILE (or - for standard input)\n");
        return VMBPI_EXIT_USAGE;
    }
    memset(&lo, 0, sizeof(lo));
    lo.fmt = VMBPI_FMT_RAW; /* text or binary records: parse() tells them apart */
    lo.max = TRACE_MAX_BYTES;
    if (vmbpi_input_load(&in, file, &lo, msg, sizeof(msg)) != 0) {
        fprintf(err, "vmbp-inspect: %s\n", msg);
        return VMBPI_EXIT_USAGE;
    }
    if (parse(in.data, in.len, &recs, &count, msg, sizeof(msg)) != 0) {
        vmbpi_input_free(&in);
        fprintf(err, "vmbp-inspect: %s\n", msg);
        return VMBPI_EXIT_USAGE;
    }
    vmbpi_input_free(&in);
    vmbpi_out_init(&o, out, json);
    rc = run(&o, recs, count, &opts, err);
    free(recs);
    return rc;
}
