/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect's GPADL views: the ranges of GPADL_HEADER's range data (byte count, byte
 * offset, the PFNs each range spans), and "msg --gpadl", which feeds a header and its bodies
 * to the library's reassembler (msg_gpadl.h, vmbp_gpadl_reasm_*) and prints the complete
 * GPADL or the first message that breaks it.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>

/* PFNs text output shows per range before it elides the rest (JSON shows them all). */
#define VMBPI_PFNS_SHOWN 8u

/* A PFN list: every PFN in JSON, the first VMBPI_PFNS_SHOWN and a count in text. */
static void pfn_list(struct vmbpi_out *o, const char *key, const uint64_t *pfns, uint32_t n)
{
    uint32_t j;

    if (o->json) {
        vmbpi_arr_begin(o, key);
        for (j = 0; j < n; j++)
            vmbpi_hex(o, NULL, pfns[j], 1);
        vmbpi_arr_end(o);
    } else {
        char line[32 + VMBPI_PFNS_SHOWN * 20];
        size_t used = 0;

        line[0] = 0;
        for (j = 0; j < n && j < VMBPI_PFNS_SHOWN; j++)
            used += (size_t)snprintf(line + used, sizeof(line) - used, "%s0x%llx", j ? " " : "",
                                     (unsigned long long)pfns[j]);
        if (n > VMBPI_PFNS_SHOWN)
            snprintf(line + used, sizeof(line) - used, " ... (%u more)", n - VMBPI_PFNS_SHOWN);
        vmbpi_str(o, key, n ? line : "(none)");
    }
}

/* One range: its header word's fields, the PFNs present of the `pages` it spans, and the
 * decoder's objection to it, if any. */
static void one_range(struct vmbpi_out *o, uint32_t index, uint32_t count, uint32_t offset,
                      uint64_t pages, const uint64_t *pfns, uint32_t present,
                      const char *problem)
{
    char label[32];

    snprintf(label, sizeof(label), "range %u", index);
    vmbpi_obj_begin(o, o->json ? NULL : label);
    if (o->json)
        vmbpi_u64(o, "index", index);
    vmbpi_u64(o, "byte_count", count);
    vmbpi_u64(o, "byte_offset", offset);
    vmbpi_u64(o, "pfn_count", pages);
    if (present < pages)
        vmbpi_u64(o, "pfns_present", present);
    pfn_list(o, "pfns", pfns, present);
    if (problem)
        vmbpi_str(o, "problem", problem);
    vmbpi_obj_end(o);
}

void vmbpi_gpadl_ranges(struct vmbpi_out *o, const uint64_t *words, uint32_t have,
                        uint32_t total, uint32_t rangecount, uint32_t bad, const char *problem)
{
    uint32_t pos = 0, r;
    char note[128];

    note[0] = 0;
    vmbpi_arr_begin(o, "ranges");
    for (r = 0; r < rangecount; r++) {
        uint64_t w, pages;
        uint32_t count, offset, present;

        if (pos >= have || pos >= total) {
            if (pos >= total)
                snprintf(note, sizeof(note), "range_buflen ends before range %u of %u", r,
                         rangecount);
            else if (r + 1 == rangecount)
                snprintf(note, sizeof(note), "range %u follows in GPADL_BODY messages", r);
            else
                snprintf(note, sizeof(note), "ranges %u to %u follow in GPADL_BODY messages", r,
                         rangecount - 1);
            break;
        }
        w = words[pos];
        count = (uint32_t)(w & 0xFFFFFFFFu);
        offset = (uint32_t)(w >> 32);
        pages = vmbp_gpa_range_pages(offset, count);
        present = have - pos - 1u;
        if ((uint64_t)present > pages)
            present = (uint32_t)pages;
        one_range(o, r, count, offset, pages, words + pos + 1, present,
                  bad >= pos && (uint64_t)(bad - pos) <= pages ? problem : NULL);
        if (pages > (uint64_t)(total - pos - 1u)) {
            snprintf(note, sizeof(note), "range %u spans more pages than range_buflen holds",
                     r);
            break;
        }
        if (present < pages) {
            snprintf(note, sizeof(note), "%llu more PFNs follow in GPADL_BODY messages",
                     (unsigned long long)(pages - present) +
                         (unsigned long long)(total - pos - 1u - pages));
            if (r + 2 == rangecount)
                snprintf(note, sizeof(note),
                         "the rest of range %u and range %u follow in GPADL_BODY messages", r,
                         r + 1);
            else if (r + 1 < rangecount)
                snprintf(note, sizeof(note),
                         "the rest of range %u and ranges %u to %u follow in GPADL_BODY "
                         "messages",
                         r, r + 1, rangecount - 1);
            break;
        }
        pos += 1u + (uint32_t)pages;
    }
    vmbpi_arr_end(o);
    if (note[0])
        vmbpi_str(o, "ranges_note", note);
}

/*
 * The range data of GPADL_HEADER, decoded: from the library's decoder when the message is
 * valid; otherwise read as far as the message goes, to show what it holds. The verdict is the
 * decoder's: a fault on a word of the range data marks the range that holds it.
 */
void vmbpi_gpadl_header_data(struct vmbpi_out *o, const uint8_t *p, size_t n,
                             const struct vmbp_ctx *ctx, const struct vmbp_msg_fault *fault)
{
    const size_t fixed = sizeof(struct vmbp_gpadl_header_wire);
    uint64_t words[VMBP_GPADL_HEADER_MAX_WORDS];
    struct vmbp_gpadl_header h;
    uint32_t bad = UINT32_MAX;
    char problem[300];
    size_t i, have;

    if (vmbp_msg_gpadl_header_decode(p, n, ctx, &h) == VMBP_OK) {
        vmbpi_gpadl_ranges(o, h.words, h.nwords, h.range_buflen / 8u, h.rangecount, bad, NULL);
        return;
    }
    if (n < fixed)
        return;
    problem[0] = 0;
    if (fault && fault->check && fault->field &&
        fault->field->kind == (uint8_t)VMBP_MSG_FIELD_WORDS) {
        bad = fault->index;
        snprintf(problem, sizeof(problem), "word %u: %s (%s)", (unsigned)fault->index,
                 fault->check->allowed, fault->rule);
    }
    h.range_buflen = vmbp_load_le16(p + offsetof(struct vmbp_gpadl_header_wire, range_buflen));
    h.rangecount = vmbp_load_le16(p + offsetof(struct vmbp_gpadl_header_wire, rangecount));
    have = (n - fixed) / 8u;
    if (have > h.range_buflen / 8u)
        have = h.range_buflen / 8u;
    if (have > VMBP_GPADL_HEADER_MAX_WORDS)
        have = VMBP_GPADL_HEADER_MAX_WORDS;
    for (i = 0; i < have; i++)
        words[i] = vmbp_load_le64(p + fixed + 8u * i);
    vmbpi_gpadl_ranges(o, words, (uint32_t)have, h.range_buflen / 8u, h.rangecount, bad,
                       problem);
}

/* GPADL_BODY's PFNs: the range data it continues. */
void vmbpi_gpadl_body_data(struct vmbpi_out *o, const uint8_t *p, size_t n)
{
    const size_t fixed = sizeof(struct vmbp_gpadl_body_wire);
    uint64_t words[VMBP_GPADL_BODY_MAX_WORDS];
    size_t i, have;

    if (n < fixed)
        return;
    have = (n - fixed) / 8u;
    if (have > VMBP_GPADL_BODY_MAX_WORDS)
        have = VMBP_GPADL_BODY_MAX_WORDS;
    for (i = 0; i < have; i++)
        words[i] = vmbp_load_le64(p + fixed + 8u * i);
    pfn_list(o, "pfns", words, (uint32_t)have);
    vmbpi_str(o, "pfns_note",
              "range data continued from GPADL_HEADER (msg --gpadl reassembles "
              "it)");
}

/* The channel message of record k: the record itself, or the payload of the SynIC slot it
 * is. Returns NULL (and says why in err) if it is neither GPADL_HEADER nor GPADL_BODY. */
static const uint8_t *message_of(const struct vmbpi_gpadl_msg *m,
                                 const struct vmbpi_msg_opts *opts,
                                 struct vmbp_synic_message *slot, size_t *len, char *why,
                                 size_t whylen)
{
    const uint8_t *p = m->p;
    size_t n = m->n;
    uint32_t type = 0;

    if (!opts->body && (opts->slot || vmbpi_msg_is_slot(p, n))) {
        if (n != VMBP_SYNIC_MESSAGE_SIZE) {
            snprintf(why, whylen, "%zu bytes: a SynIC message slot is 256 bytes", n);
            return NULL;
        }
        if (vmbp_synic_slot_snapshot(p, slot) != VMBP_OK ||
            slot->type != VMBP_SYNIC_MSG_TYPE_VMBUS) {
            snprintf(why, whylen, "a SynIC slot that holds no VMBus message");
            return NULL;
        }
        p = slot->payload;
        n = slot->payload_size;
    }
    if (vmbp_msg_header_type(p, n, &type) != VMBP_OK) {
        snprintf(why, whylen, "%zu bytes: too short for the 8-byte message header", n);
        return NULL;
    }
    if (type != VMBP_MSG_GPADL_HEADER && type != VMBP_MSG_GPADL_BODY) {
        const char *tn = vmbp_msg_type_name(type);

        snprintf(why, whylen, "%s%s%u, not GPADL_HEADER or GPADL_BODY", tn ? tn : "",
                 tn ? ", type " : "type ", (unsigned)type);
        return NULL;
    }
    *len = n;
    return p;
}

/* The check GPADL_HEADER's decoder makes on its range data that gives status st: the
 * reassembler applies the same walk to the words of all the messages. */
static const struct vmbp_msg_check *range_data_check(enum vmbp_status st)
{
    size_t n = 0, i;
    const struct vmbp_msg_check *c = vmbp_msg_checks(VMBP_MSGV_GPADL_HEADER, &n);

    for (i = 0; c && i < n; i++)
        if (c[i].status == (uint16_t)st && strcmp(c[i].field, "words") == 0)
            return &c[i];
    return NULL;
}

/* A reassembly failure: out of sequence (VMBP-GPADL-008), range data that breaks a rule of
 * the header's (the check's rule and allowed values), or messages that end too soon. */
static void fail_status(struct vmbpi_out *o, enum vmbp_status st, const char *rule,
                        const char *detail)
{
    const struct vmbp_msg_check *c = rule ? NULL : range_data_check(st);

    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_obj_begin(o, "error");
    vmbpi_str(o, "status", vmbp_status_name(st));
    vmbpi_str(o, "meaning", vmbp_status_text(st));
    if (rule || c)
        vmbpi_str(o, "rule", rule ? rule : c->rule);
    vmbpi_str(o, "step", "reassembly");
    if (c) {
        vmbpi_str(o, "field", c->field);
        vmbpi_str(o, "allowed", c->allowed);
    }
    vmbpi_str(o, "detail", detail);
    vmbpi_obj_end(o);
}

int vmbpi_gpadl(struct vmbpi_out *o, const struct vmbpi_gpadl_msg *msgs, size_t nmsgs,
                const struct vmbpi_msg_opts *opts, FILE *err)
{
    struct vmbp_gpadl_reasm ra;
    struct vmbp_msg_fault fault;
    struct vmbp_synic_message *slots;
    uint64_t *words;
    struct vmbp_ctx ctx;
    enum vmbp_status st = VMBP_E_PENDING;
    size_t k, bad = 0;
    char buf[200];

    /* every record must be a GPADL message before anything is printed */
    slots = (struct vmbp_synic_message *)calloc(nmsgs ? nmsgs : 1, sizeof(*slots));
    words = (uint64_t *)calloc(VMBP_GPADL_MAX_WORDS, sizeof(*words));
    if (!slots || !words) {
        free(slots);
        free(words);
        fprintf(err, "vmbp-inspect: out of memory\n");
        return VMBPI_EXIT_USAGE;
    }
    for (k = 0; k < nmsgs; k++) {
        size_t n;

        if (!message_of(&msgs[k], opts, &slots[k], &n, buf, sizeof(buf))) {
            fprintf(err, "vmbp-inspect: message %zu (line %lu): %s\n", k + 1, msgs[k].line,
                    buf);
            free(slots);
            free(words);
            return VMBPI_EXIT_USAGE;
        }
    }
    ctx.version = opts->version;
    ctx.features = opts->features;
    if (vmbp_gpadl_reasm_init(&ra, words, VMBP_GPADL_MAX_WORDS) != VMBP_OK) {
        fprintf(err, "vmbp-inspect: cannot start a GPADL reassembly\n");
        free(slots);
        free(words);
        return VMBPI_EXIT_USAGE;
    }

    vmbpi_doc_begin(o);
    vmbpi_str(o, "kind", "gpadl");
    if (opts->input)
        vmbpi_str(o, "input", opts->input);
    if (opts->version)
        snprintf(buf, sizeof(buf), "%u.%u", (unsigned)VMBP_VERSION_MAJOR(opts->version),
                 (unsigned)VMBP_VERSION_MINOR(opts->version));
    else
        snprintf(buf, sizeof(buf), "none");
    vmbpi_str(o, "negotiated_version", buf);
    vmbpi_hex(o, "negotiated_features", opts->features, 8);
    vmbpi_u64(o, "message_count", nmsgs);
    vmbpi_arr_begin(o, "messages");
    for (k = 0; k < nmsgs; k++) {
        size_t n = 0;
        const uint8_t *p = message_of(&msgs[k], opts, &slots[k], &n, buf, sizeof(buf));
        uint32_t type = vmbp_load_le32(p), before = ra.state;
        char label[48];

        snprintf(label, sizeof(label), "message %zu", k + 1);
        vmbpi_obj_begin(o, o->json ? NULL : label);
        if (o->json)
            vmbpi_u64(o, "message", k + 1);
        if (msgs[k].line)
            vmbpi_u64(o, "line", msgs[k].line);
        vmbpi_u64(o, "length", n);
        vmbpi_str(o, "type_name", vmbp_msg_type_name(type));
        st = vmbp_msg_validate_fault(p, n, &ctx, (enum vmbp_dir)opts->dir, &fault);
        if (st != VMBP_OK) {
            /* the message itself: the decoder's report, and what a header holds */
            if (type == VMBP_MSG_GPADL_HEADER)
                vmbpi_gpadl_header_data(o, p, n, &ctx, &fault);
            vmbpi_str(o, "status", vmbp_status_name(st));
            vmbpi_msg_error(o, &fault, p, n, &ctx, opts->dir, NULL);
            vmbpi_obj_end(o);
            bad = k + 1;
            break;
        }
        if (type == VMBP_MSG_GPADL_HEADER) {
            struct vmbp_gpadl_header h;

            st = vmbp_msg_gpadl_header_decode(p, n, &ctx, &h);
            if (st == VMBP_OK) {
                vmbpi_u64(o, "child_relid", h.child_relid);
                vmbpi_hex(o, "gpadl", h.gpadl, 8);
                vmbpi_u64(o, "range_buflen", h.range_buflen);
                vmbpi_u64(o, "rangecount", h.rangecount);
                vmbpi_u64(o, "words", h.nwords);
                st = vmbp_gpadl_reasm_header(&ra, &h);
            }
        } else {
            struct vmbp_gpadl_body b;

            before = ra.state;
            st = vmbp_msg_gpadl_body_decode(p, n, &ctx, &b);
            if (st == VMBP_OK) {
                vmbpi_hex(o, "gpadl", b.gpadl, 8);
                vmbpi_u64(o, "words", b.nwords);
                if (ra.state == VMBP_GPADL_REASM_COLLECTING && ra.nwords - ra.have < b.nwords)
                    vmbpi_u64(o, "words_used", ra.nwords - ra.have);
                st = vmbp_gpadl_reasm_body(&ra, &b);
            }
        }
        if (st == VMBP_OK || st == VMBP_E_PENDING) {
            vmbpi_u64(o, "words_reassembled", ra.have);
            vmbpi_u64(o, "words_expected", ra.nwords);
            vmbpi_obj_end(o);
            continue;
        }
        if (st == VMBP_E_GPADL_SEQUENCE && type == VMBP_MSG_GPADL_HEADER)
            snprintf(buf, sizeof(buf), "a second GPADL_HEADER");
        else if (st == VMBP_E_GPADL_SEQUENCE && before == VMBP_GPADL_REASM_COLLECTING)
            snprintf(buf, sizeof(buf), "its handle 0x%08x is not the header's 0x%08x",
                     vmbp_load_le32(p + offsetof(struct vmbp_gpadl_body_wire, gpadl)),
                     ra.gpadl);
        else if (st == VMBP_E_GPADL_SEQUENCE)
            snprintf(buf, sizeof(buf), "GPADL_BODY %s",
                     before == VMBP_GPADL_REASM_COMPLETE ? "after the GPADL was complete"
                                                         : "before GPADL_HEADER");
        else
            snprintf(buf, sizeof(buf),
                     "in the range data reassembled so far (the reassembler does not name the "
                     "word)");
        fail_status(o, st, st == VMBP_E_GPADL_SEQUENCE ? "VMBP-GPADL-008" : NULL, buf);
        vmbpi_obj_end(o);
        bad = k + 1;
        break;
    }
    vmbpi_arr_end(o);
    if (bad) {
        vmbpi_str(o, "status", vmbp_status_name(st));
        vmbpi_u64(o, "failed_message", bad);
        if (msgs[bad - 1].line)
            vmbpi_u64(o, "failed_line", msgs[bad - 1].line);
        vmbpi_doc_end(o);
        free(slots);
        free(words);
        return VMBPI_EXIT_INVALID;
    }
    if (ra.state != VMBP_GPADL_REASM_COMPLETE) {
        snprintf(buf, sizeof(buf),
                 ra.state == VMBP_GPADL_REASM_EMPTY
                     ? "no GPADL_HEADER"
                     : "the messages end before the GPADL: range_buflen announces %u words, "
                       "%u arrived",
                 ra.nwords, ra.have);
        fail_status(o, VMBP_E_PENDING, "VMBP-GPADL-008", buf);
        vmbpi_doc_end(o);
        free(slots);
        free(words);
        return VMBPI_EXIT_INVALID;
    }
    vmbpi_obj_begin(o, "gpadl");
    vmbpi_u64(o, "child_relid", ra.child_relid);
    vmbpi_hex(o, "gpadl", ra.gpadl, 8);
    vmbpi_u64(o, "range_buflen", ra.range_buflen);
    vmbpi_u64(o, "rangecount", ra.rangecount);
    vmbpi_u64(o, "words", ra.nwords);
    {
        uint64_t bytes = 0;
        uint32_t r;

        vmbpi_arr_begin(o, "ranges");
        for (r = 0; r < ra.rangecount; r++) {
            struct vmbp_gpa_range g;
            uint64_t pages;

            if (vmbp_gpadl_reasm_range(&ra, r, &g) != VMBP_OK)
                break; /* complete: cannot happen */
            pages = vmbp_gpa_range_pages(g.byte_offset, g.byte_count);
            one_range(o, r, g.byte_count, g.byte_offset, pages, g.pfns, (uint32_t)pages, NULL);
            bytes += g.byte_count;
        }
        vmbpi_arr_end(o);
        vmbpi_u64(o, "total_bytes", bytes);
    }
    vmbpi_obj_end(o);
    vmbpi_str(o, "status", "OK");
    vmbpi_doc_end(o);
    free(slots);
    free(words);
    return VMBPI_EXIT_VALID;
}
