/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect command line: option parsing, input loading, the command table, the demo over
 * the bundled samples. Every failure to use the input is one line on stderr and exit status 2.
 */
#include "inspect.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <vmbus_proto/hvdef.h>
#include <vmbus_proto/msg.h>
#include <vmbus_proto/ring.h>
#include <vmbus_proto/synic.h>

#include "input.h"

int vmbpi_trace_main(int argc, char **argv, FILE *out, FILE *err); /* cmd_trace.c */

/* Where the demo looks for the bundled samples: $VMBP_INSPECT_SAMPLES, then the installed
 * copy, then the source tree the program was built from. */
#ifndef VMBPI_SAMPLES_INSTALLED
#define VMBPI_SAMPLES_INSTALLED "/usr/local/share/vmbus_proto/samples"
#endif
#ifndef VMBPI_SAMPLES_SOURCE
#define VMBPI_SAMPLES_SOURCE "reference/inspect/samples"
#endif
#ifndef VMBPI_VERSION_STRING
#define VMBPI_VERSION_STRING "0.1.0"
#endif

static int fail(FILE *err, const char *msg, const char *arg)
{
    fprintf(err, "vmbp-inspect: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    return VMBPI_EXIT_USAGE;
}

static int parse_version(const char *s, uint32_t *v)
{
    unsigned long maj, min;
    char *end;

    if (strcasecmp(s, "none") == 0) {
        *v = 0;
        return 0;
    }
    errno = 0;
    maj = strtoul(s, &end, 10);
    if (errno || end == s || *end != '.')
        return -1;
    s = end + 1;
    min = strtoul(s, &end, 10);
    if (errno || end == s || *end || maj > 0xFFFF || min > 0xFFFF)
        return -1;
    *v = VMBP_MAKE_VERSION(maj, min);
    return vmbp_version_is_known(*v) ? 0 : -1;
}

static int parse_mask(const char *s, uint32_t *v)
{
    unsigned long long x;
    char *end;

    errno = 0;
    x = strtoull(s, &end, 0);
    if (errno || end == s || *end || x > 0xFFFFFFFFull || *s == '-')
        return -1;
    *v = (uint32_t)x;
    return 0;
}

/* Option with a value: "--opt V" */
#define OPTARG(name) (strcmp(argv[i], name) == 0 && (i + 1 < argc ? 1 : (missing = argv[i], 0)))

/*
 * The input options every decoding command takes: --hex, --raw, --group-order. Returns 1 if
 * argv[*i] was one (and consumed its value), 0 if not, -1 after a usage error.
 */
static int input_option(int argc, char **argv, int *i, struct vmbpi_load_opts *lo,
                        const char **missing, FILE *err)
{
    const char *a = argv[*i];

    if (strcmp(a, "--hex") == 0) {
        lo->fmt = VMBPI_FMT_HEX;
        return 1;
    }
    if (strcmp(a, "--raw") == 0) {
        lo->fmt = VMBPI_FMT_RAW;
        return 1;
    }
    if (strcmp(a, "--group-order") == 0) {
        const char *v;

        if (*i + 1 >= argc) {
            *missing = a;
            return 0;
        }
        v = argv[++*i];
        if (strcmp(v, "memory") == 0)
            lo->order = VMBPI_ORDER_MEMORY;
        else if (strcmp(v, "le") == 0)
            lo->order = VMBPI_ORDER_LE;
        else if (strcmp(v, "be") == 0)
            lo->order = VMBPI_ORDER_BE;
        else {
            fail(err, "--group-order wants memory, le or be", v);
            return -1;
        }
        return 1;
    }
    return 0;
}

static int cmd_msg(int argc, char **argv, FILE *out, FILE *err)
{
    struct vmbpi_msg_opts opts;
    struct vmbpi_out o;
    struct vmbpi_input in;
    struct vmbpi_load_opts lo;
    const char *file = NULL, *missing = NULL;
    bool json = false, gpadl = false;
    char msg[400];
    int i, rc;

    memset(&opts, 0, sizeof(opts));
    memset(&lo, 0, sizeof(lo));
    opts.version = VMBP_VERSION_6_0;
    opts.dir = VMBP_DIR_ANY;
    for (i = 2; i < argc; i++) {
        int io = input_option(argc, argv, &i, &lo, &missing, err);

        if (io < 0)
            return VMBPI_EXIT_USAGE;
        if (io > 0)
            continue;
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--slot") == 0) {
            opts.slot = true;
        } else if (strcmp(argv[i], "--body") == 0) {
            opts.body = true;
        } else if (strcmp(argv[i], "--gpadl") == 0) {
            gpadl = true;
        } else if (OPTARG("--version")) {
            if (parse_version(argv[++i], &opts.version) != 0)
                return fail(err, "--version wants a known version such as 5.3, or none",
                            argv[i]);
        } else if (OPTARG("--features")) {
            if (parse_mask(argv[++i], &opts.features) != 0)
                return fail(err, "--features wants a 32-bit mask", argv[i]);
        } else if (OPTARG("--from")) {
            i++;
            if (strcmp(argv[i], "guest") == 0)
                opts.dir = VMBP_DIR_GUEST_TO_HOST;
            else if (strcmp(argv[i], "host") == 0)
                opts.dir = VMBP_DIR_HOST_TO_GUEST;
            else if (strcmp(argv[i], "any") == 0)
                opts.dir = VMBP_DIR_ANY;
            else
                return fail(err, "--from wants guest, host or any", argv[i]);
        } else if (missing) {
            return fail(err, "option needs a value", missing);
        } else if (argv[i][0] == '-' && argv[i][1] != 0) {
            return fail(err, "unknown option", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return fail(err, "more than one input", argv[i]);
        }
    }
    if (missing)
        return fail(err, "option needs a value", missing);
    if (opts.slot && opts.body)
        return fail(err, "--slot and --body exclude each other", NULL);
    if (!vmbp_version_has_feature_flags(opts.version) && opts.features)
        return fail(err, "feature flags exist from version 6.0 only", NULL);
    if (gpadl) {
        struct vmbpi_gpadl_msg *msgs;
        size_t k;

        if (opts.body && lo.fmt == VMBPI_FMT_RAW)
            return fail(err,
                        "raw --gpadl input is a sequence of 256-byte SynIC slots: "
                        "--body needs hexadecimal text, one message a line",
                        NULL);
        lo.records = true;
        lo.raw_record = VMBP_SYNIC_MESSAGE_SIZE;
        lo.max = VMBPI_GPADL_INPUT_MAX;
        lo.max_records = VMBPI_GPADL_MSGS_MAX;
        if (vmbpi_input_load(&in, file ? file : "-", &lo, msg, sizeof(msg)) != 0)
            return fail(err, msg, NULL);
        msgs = (struct vmbpi_gpadl_msg *)calloc(in.nrecs, sizeof(*msgs));
        if (!msgs) {
            vmbpi_input_free(&in);
            return fail(err, "out of memory", NULL);
        }
        for (k = 0; k < in.nrecs; k++) {
            msgs[k].p = in.data + in.recs[k].off;
            msgs[k].n = in.recs[k].len;
            msgs[k].line = in.recs[k].line;
        }
        opts.input = in.form;
        vmbpi_out_init(&o, out, json);
        rc = vmbpi_gpadl(&o, msgs, in.nrecs, &opts, err);
        free(msgs);
        vmbpi_input_free(&in);
        return rc;
    }
    lo.max = VMBPI_MSG_MAX;
    if (vmbpi_input_load(&in, file ? file : "-", &lo, msg, sizeof(msg)) != 0)
        return fail(err, msg, NULL);
    if (!opts.slot && (opts.body || !vmbpi_msg_is_slot(in.data, in.len))) {
        /* Something to decode needs at least a header naming a known type. */
        uint32_t type = 0;

        if (in.len < VMBP_MSG_HEADER_SIZE) {
            snprintf(msg, sizeof(msg), "%zu bytes: too short for the 8-byte message header",
                     in.len);
            vmbpi_input_free(&in);
            return fail(err, msg, NULL);
        }
        if (vmbp_msg_header_type(in.data, in.len, &type) != VMBP_OK ||
            !vmbp_msg_type_name(type)) {
            snprintf(msg, sizeof(msg), "not a VMBus channel message: type %u", (unsigned)type);
            vmbpi_input_free(&in);
            return fail(err, msg, NULL);
        }
    }
    opts.input = in.form;
    vmbpi_out_init(&o, out, json);
    rc = vmbpi_msg(&o, in.data, in.len, &opts);
    vmbpi_input_free(&in);
    return rc;
}

static int cmd_ring(int argc, char **argv, FILE *out, FILE *err)
{
    struct vmbpi_ring_opts opts;
    struct vmbpi_out o;
    struct vmbpi_input in;
    struct vmbpi_load_opts lo;
    const char *file = NULL, *missing = NULL;
    bool json = false;
    char msg[400];
    int i, rc;

    memset(&opts, 0, sizeof(opts));
    memset(&lo, 0, sizeof(lo));
    opts.preview = 32;
    for (i = 2; i < argc; i++) {
        int io = input_option(argc, argv, &i, &lo, &missing, err);

        if (io < 0)
            return VMBPI_EXIT_USAGE;
        if (io > 0)
            continue;
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (strcmp(argv[i], "--pair") == 0) {
            opts.pair = true;
        } else if (strcmp(argv[i], "--legacy-types") == 0) {
            opts.legacy = true;
        } else if (strcmp(argv[i], "--any-size") == 0) {
            opts.any_size = true;
        } else if (OPTARG("--role")) {
            i++;
            if (strcmp(argv[i], "guest") == 0)
                opts.host = false;
            else if (strcmp(argv[i], "host") == 0)
                opts.host = true;
            else
                return fail(err, "--role wants guest or host", argv[i]);
        } else if (OPTARG("--preview")) {
            uint32_t n;

            if (parse_mask(argv[++i], &n) != 0 || n > 65536)
                return fail(err, "--preview wants a byte count up to 65536", argv[i]);
            opts.preview = n;
        } else if (missing) {
            return fail(err, "option needs a value", missing);
        } else if (argv[i][0] == '-' && argv[i][1] != 0) {
            return fail(err, "unknown option", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return fail(err, "more than one input", argv[i]);
        }
    }
    if (missing)
        return fail(err, "option needs a value", missing);
    if (!file)
        return fail(err, "ring needs a FILE (or - for standard input)", NULL);
    lo.max = VMBPI_RING_MAX;
    if (vmbpi_input_load(&in, file, &lo, msg, sizeof(msg)) != 0)
        return fail(err, msg, NULL);
    {
        /* Real rings are a control page and whole data pages (Linux, OpenVMM, mu_msvm), and
         * an image of another size is most likely cut short; --any-size takes any data area
         * the library accepts, as its tests use. */
        size_t ring = opts.pair ? in.len / 2 : in.len;
        bool bad = (opts.pair && in.len % 2 != 0) || ring <= VMBP_RING_CONTROL_SIZE ||
                   ring - VMBP_RING_CONTROL_SIZE > VMBP_RING_DATA_MAX;

        if (!bad && opts.any_size)
            bad = !vmbp_ring_size_valid((uint32_t)(ring - VMBP_RING_CONTROL_SIZE));
        else if (!bad)
            bad = ring % VMBP_HV_PAGE_SIZE != 0;
        if (bad) {
            snprintf(msg, sizeof(msg),
                     "%zu bytes: a ring image is a 4096-byte control page and %s%s", in.len,
                     opts.any_size ? "a data area of 32 bytes or more, a multiple of 8"
                                   : "whole 4096-byte data pages (--any-size: any data area "
                                     "the library accepts)",
                     opts.pair ? ", twice" : "");
            vmbpi_input_free(&in);
            return fail(err, msg, NULL);
        }
    }
    opts.input = in.form;
    vmbpi_out_init(&o, out, json);
    rc = vmbpi_ring(&o, in.data, in.len, &opts);
    vmbpi_input_free(&in);
    return rc;
}

static int cmd_reg(int argc, char **argv, FILE *out, FILE *err)
{
    struct vmbpi_out o;
    const char *name = NULL, *value = NULL, *missing = NULL;
    bool json = false, arm64 = false;
    int i;

    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = true;
        } else if (OPTARG("--arch")) {
            i++;
            if (strcmp(argv[i], "x64") == 0)
                arm64 = false;
            else if (strcmp(argv[i], "arm64") == 0)
                arm64 = true;
            else
                return fail(err, "--arch wants x64 or arm64", argv[i]);
        } else if (missing) {
            return fail(err, "option needs a value", missing);
        } else if (argv[i][0] == '-' && argv[i][1] != 0 && name && value) {
            return fail(err, "unknown option", argv[i]);
        } else if (!name) {
            name = argv[i];
        } else if (!value) {
            value = argv[i];
        } else {
            return fail(err, "reg takes NAME and VALUE only", argv[i]);
        }
    }
    if (missing)
        return fail(err, "option needs a value", missing);
    if (!name || !value)
        return fail(err, "reg needs NAME and VALUE", NULL);
    vmbpi_out_init(&o, out, json);
    return vmbpi_reg(&o, name, value, arm64, err);
}

static void write_hex(FILE *f, const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        fprintf(f, "%02x%s", p[i],
                (i % 16 == 15 || i + 1 == n) ? "\n" : (i % 4 == 3 ? "  " : " "));
}

static int cmd_gen(int argc, char **argv, FILE *out, FILE *err)
{
    const char *kind = NULL, *file = NULL, *missing = NULL;
    bool hex = false;
    uint8_t *buf = NULL;
    size_t len = 0, record = 0;
    int i, rc;
    FILE *f;

    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--hex") == 0) {
            hex = true;
        } else if (OPTARG("-o")) {
            file = argv[++i];
        } else if (missing) {
            return fail(err, "option needs a value", missing);
        } else if (argv[i][0] == '-' && argv[i][1] != 0) {
            return fail(err, "unknown option", argv[i]);
        } else if (!kind) {
            kind = argv[i];
        } else {
            return fail(err, "gen takes one KIND", argv[i]);
        }
    }
    if (missing)
        return fail(err, "option needs a value", missing);
    if (!kind)
        return fail(err, "gen needs a KIND (see --help)", NULL);
    rc = vmbpi_gen(kind, &buf, &len, &record, err);
    if (rc != 0)
        return rc;
    if (!file && !hex && isatty(fileno(out)))
        hex = true; /* never binary to a terminal */
    f = file ? fopen(file, "wb") : out;
    if (!f) {
        free(buf);
        return fail(err, strerror(errno), file);
    }
    if (hex && record == VMBP_SYNIC_MESSAGE_SIZE) {
        /* a sequence of SynIC slots: each slot's message on a line of its own */
        size_t off;

        for (off = 0; off + record <= len; off += record) {
            size_t k, n = buf[off + offsetof(struct vmbp_synic_message_wire, payload_size)];
            const uint8_t *m = buf + off + offsetof(struct vmbp_synic_message_wire, payload);

            for (k = 0; k < n; k++)
                fprintf(f, "%02x%s", m[k], k + 1 == n ? "\n" : "");
        }
    } else if (hex) {
        write_hex(f, buf, len);
    } else if (fwrite(buf, 1, len, f) != len) {
        rc = fail(err, "write failed", file);
    }
    if (file && fclose(f) != 0)
        rc = fail(err, "write failed", file);
    free(buf);
    return rc;
}

static int cmd_schema(int argc, char **argv, FILE *out, FILE *err)
{
    bool markdown = false;
    int i;

    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            markdown = false;
        else if (strcmp(argv[i], "--markdown") == 0)
            markdown = true;
        else
            return fail(err, "schema takes --json or --markdown", argv[i]);
    }
    return markdown ? vmbpi_schema_markdown(out) : vmbpi_schema_json(out);
}

/* The commands: name, handler, synopsis (its continuation lines are indented under the
 * options), and what it does, for --help. A new command is one row here and its handler. */
struct vmbpi_command {
    const char *name;
    int (*run)(int argc, char **argv, FILE *out, FILE *err);
    const char *synopsis;
    const char *help;
};

static const struct vmbpi_command commands[] = {
    {"msg", cmd_msg,
     "msg [FILE|-] [--hex|--raw] [--group-order memory|le|be]\n"
     "[--slot|--body] [--gpadl] [--version X.Y]\n"
     "[--features MASK] [--from guest|host|any] [--json]",
     "a channel message, or a 256-byte SynIC slot holding one; --version\n"
     "and --features give the negotiated state (default: 6.0 with no\n"
     "features; 'none' means before negotiation), --from who sent it\n"
     "(default: any); --gpadl reassembles a GPADL from its GPADL_HEADER and\n"
     "GPADL_BODY messages: one a line (plain hex), one a dump (separated by\n"
     "a blank line or an offset that starts over), or one a 256-byte SynIC\n"
     "slot (raw); a rejected message is reported with its rule, the field,\n"
     "its offset, size and value, and what was allowed"},
    {"ring", cmd_ring,
     "ring FILE [--role guest|host] [--pair] [--legacy-types] [--any-size]\n"
     "[--preview N] [--hex|--raw] [--group-order memory|le|be]\n"
     "[--json]",
     "a ring image: 4096-byte control page then the data area; --pair for a\n"
     "uio_hv_generic ring file (send ring then receive ring); --any-size for\n"
     "a data area that is not whole pages (test rings); the first rule\n"
     "broken is reported with the control word or packet field, its file\n"
     "offset, its value and what was allowed"},
    {"reg", cmd_reg, "reg NAME VALUE [--arch x64|arm64] [--json]",
     "NAME is SCONTROL, SVERSION, SIEFP, SIMP, EOM, SIRBP, SINT0..SINT15,\n"
     "HCALL_CONTROL, HCALL_RESULT or CPUID.<leaf> (VALUE: EAX[,EBX[,ECX[,EDX]]])"},
    {"schema", cmd_schema, "schema [--json|--markdown]",
     "the protocol as data, from the library's tables: message types,\n"
     "variants and fields, versions, feature and offer flags, SynIC\n"
     "registers, ring layout and packet types; --markdown prints the\n"
     "layout tables spec/ embeds"},
    {"trace", vmbpi_trace_main, "trace FILE [--confidential|--isolated] [--json]",
     "a recorded message sequence checked against the guest connection\n"
     "machine (spec/conn.md): one record a line, 'guest' or 'host' then\n"
     "the message in hex, or binary records (direction byte 1 guest or 2\n"
     "host, length byte, message); each record is shown with the state it\n"
     "moved, the first one refused with its status and rule; --confidential\n"
     "or --isolated for a guest in a confidential or an isolated VM"},
    {"gen", cmd_gen, "gen KIND [-o FILE] [--hex]", "write a sample; KIND is one of:"},
};

static void usage(FILE *f)
{
    size_t i, k;

    fputs("usage: vmbp-inspect [--demo]\n", f);
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        const char *s;

        fputs("       vmbp-inspect ", f);
        for (s = commands[i].synopsis; *s; s++) {
            fputc(*s, f);
            if (*s == '\n')
                fprintf(f, "%*s", (int)(21 + strlen(commands[i].name)), "");
        }
        fputc('\n', f);
    }
    fputs("       vmbp-inspect --help | --version\n"
          "\n"
          "Decode Hyper-V VMBus channel messages, SynIC message slots, ring buffer images,\n"
          "SynIC registers, hypercall words and CPUID leaves, and check them against the\n"
          "protocol rules of vmbus_proto. Input is raw bytes or hexadecimal text: plain, or\n"
          "a dump of xxd, hexdump -C, od -tx1, print_hex_dump, gdb x/xb or WinDbg db\n"
          "(detected; --group-order says how multi-byte groups hold their bytes).\n",
          f);
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        const char *s;

        fprintf(f, "\n%-7s", commands[i].name);
        for (s = commands[i].help; *s; s++) {
            fputc(*s, f);
            if (*s == '\n')
                fputs("       ", f);
        }
    }
    for (i = 40, k = 0; vmbpi_gen_kinds[k]; k++) {
        size_t w = strlen(vmbpi_gen_kinds[k]) + 2;

        if (i + w > 80) {
            fputs(k ? ",\n      " : "\n      ", f);
            i = 6;
        } else if (k) {
            fputc(',', f);
        }
        fprintf(f, " %s", vmbpi_gen_kinds[k]);
        i += w;
    }
    fputs("\n\nexit status: 0 valid, 1 decoded but invalid, 2 unusable input or usage\n", f);
}

/* The bundled samples (reference/inspect/samples/, written by "gen"), decoded one after
 * another: the main job of the README. */
static int demo(FILE *out, FILE *err)
{
    static const struct {
        const char *title;
        const char *args[7]; /* command, sample file, options; NULL-terminated */
        int expect;          /* the exit status the sample is made for */
    } items[] = {
        {"OFFER_CHANNEL of a SCSI controller with a confidential ring and external memory",
         {"msg", "offer.hex", "--from", "host", "--features", "0x10", NULL},
         VMBPI_EXIT_VALID},
        {"INITIATE_CONTACT proposing 6.0 and asking for confidential channels",
         {"msg", "initiate-contact.hex", "--version", "none", NULL},
         VMBPI_EXIT_VALID},
        {"a SynIC message slot holding the host's VERSION_RESPONSE",
         {"msg", "slot.hex", "--version", "none", NULL},
         VMBPI_EXIT_VALID},
        {"GPADL_HEADER describing six pages",
         {"msg", "gpadl-header.hex", "--from", "guest", NULL},
         VMBPI_EXIT_VALID},
        {"a GPADL of two ranges split over GPADL_HEADER and two GPADL_BODY messages",
         {"msg", "gpadl-split.hex", "--gpadl", "--from", "guest", NULL},
         VMBPI_EXIT_VALID},
        {"a host-to-guest ring: in-band, completion, transfer-page and GPA-direct packets",
         {"ring", "ring.bin", NULL},
         VMBPI_EXIT_VALID},
        {"a ring in which the host broke a rule",
         {"ring", "ring-corrupt.bin", NULL},
         VMBPI_EXIT_INVALID},
    };
    const char *dirs[3];
    const char *dir = NULL;
    size_t i, valid = 0, rejected = 0, unexpected = 0;

    dirs[0] = getenv("VMBP_INSPECT_SAMPLES");
    dirs[1] = VMBPI_SAMPLES_INSTALLED;
    dirs[2] = VMBPI_SAMPLES_SOURCE;
    for (i = 0; i < 3 && !dir; i++) {
        char probe[1024];

        if (!dirs[i])
            continue;
        snprintf(probe, sizeof(probe), "%s/%s", dirs[i], items[0].args[1]);
        if (access(probe, R_OK) == 0)
            dir = dirs[i];
    }
    if (!dir)
        return fail(err, "the bundled samples are not installed (set VMBP_INSPECT_SAMPLES)",
                    NULL);
    for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
        char path[1024];
        char *argv[9];
        int argc = 0, k, rc;

        snprintf(path, sizeof(path), "%s/%s", dir, items[i].args[1]);
        fprintf(out, "%s== %s\n$ vmbp-inspect", i ? "\n" : "", items[i].title);
        argv[argc++] = (char *)"vmbp-inspect";
        for (k = 0; items[i].args[k]; k++) {
            fprintf(out, " %s", items[i].args[k]);
            argv[argc++] = k == 1 ? path : (char *)items[i].args[k];
        }
        argv[argc] = NULL;
        fputc('\n', out);
        rc = vmbpi_main(argc, argv, out, err);
        if (rc == VMBPI_EXIT_USAGE)
            return rc; /* a missing or unreadable sample is a broken installation */
        fprintf(out, "(exit status %d: %s%s)\n", rc,
                rc == VMBPI_EXIT_VALID ? "valid" : "decoded, breaks a rule",
                rc == items[i].expect ? (rc == VMBPI_EXIT_VALID ? "" : ", as it is made to")
                                      : "; NOT what the sample is made for");
        valid += rc == VMBPI_EXIT_VALID;
        rejected += rc != VMBPI_EXIT_VALID;
        unexpected += rc != items[i].expect;
    }
    fprintf(out, "\n%zu samples: %zu valid, %zu rejected; %s\n", valid + rejected, valid,
            rejected, unexpected ? "SOME RESULTS ARE NOT THE EXPECTED ONES" : "as expected");
    return unexpected ? VMBPI_EXIT_INVALID : VMBPI_EXIT_VALID;
}

int vmbpi_main(int argc, char **argv, FILE *out, FILE *err)
{
    size_t i;

    if (argc < 2 || strcmp(argv[1], "--demo") == 0)
        return demo(out, err);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(out);
        return VMBPI_EXIT_VALID;
    }
    if (strcmp(argv[1], "--version") == 0) {
        fprintf(out, "vmbp-inspect %s (VMBus protocol 0.13 to %u.%u)\n", VMBPI_VERSION_STRING,
                (unsigned)VMBP_VERSION_MAJOR(VMBP_VERSION_LATEST),
                (unsigned)VMBP_VERSION_MINOR(VMBP_VERSION_LATEST));
        return VMBPI_EXIT_VALID;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc, argv, out, err);
    fprintf(err, "vmbp-inspect: unknown command '%s' (try --help)\n", argv[1]);
    return VMBPI_EXIT_USAGE;
}
