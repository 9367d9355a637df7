/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect schema --markdown: the tables spec/ embeds, from the library's tables, each
 * between markers naming it:
 *   <!-- BEGIN GENERATED NAME (vmbp-inspect schema --markdown) -->
 *   <!-- END GENERATED NAME -->
 * tests/inspect/spec_tables.py copies them into spec/ and checks in CI that spec/ has them.
 */
#include "schema.h"

#include <string.h>

/* One table row: each cell with its '|' escaped; an empty cell is "| |". */
static void md_row(FILE *f, const char *const *cells, size_t n)
{
    size_t i;

    fputc('|', f);
    for (i = 0; i < n; i++) {
        const char *c = cells[i] ? cells[i] : "";

        if (*c)
            fputc(' ', f);
        for (; *c; c++) {
            if (*c == '|')
                fputc('\\', f);
            fputc(*c, f);
        }
        fputs(" |", f);
    }
    fputc('\n', f);
}

static void md_begin(FILE *f, const char *name)
{
    fprintf(f, "<!-- BEGIN GENERATED %s (vmbp-inspect schema --markdown) -->\n", name);
}

static void md_end(FILE *f, const char *name)
{
    fprintf(f, "<!-- END GENERATED %s -->\n", name);
}

/* The type table of spec/msg.md. */
static void md_types(FILE *f)
{
    uint32_t t;

    md_begin(f, "msg-types");
    fputs("| type | name | dir | variant | select | min version | features | size |\n"
          "|-----:|------|-----|---------|--------|-------------|----------|-----:|\n",
          f);
    for (t = 1; t <= (uint32_t)VMBP_MSG_TYPE_MAX; t++) {
        const struct vmbp_msg_type_info *ti = vmbp_msg_type_lookup(t);
        unsigned v, first = ti->first_variant, count = 0;

        for (v = first; v < (unsigned)VMBP_MSGV_COUNT &&
                        vmbp_msg_variant_type((enum vmbp_msg_variant)v) == t;
             v++)
            count++;
        for (v = first; v < first + count; v++) {
            const struct vmbp_msg_variant_info *vi =
                vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);
            bool content = vi->select == VMBP_MSG_SELECT_CONTENT;
            char minv[32], feat[64], size[32], num[16];
            uint32_t bit;
            size_t used = 0;

            if (vi->min_version)
                snprintf(minv, sizeof(minv), "%s%u.%u", content ? "requests " : "",
                         (unsigned)VMBP_VERSION_MAJOR(vi->min_version),
                         (unsigned)VMBP_VERSION_MINOR(vi->min_version));
            else
                snprintf(minv, sizeof(minv), "any");
            feat[0] = 0;
            for (bit = 1; bit != 0 && bit <= vi->features; bit <<= 1)
                if (vi->features & bit)
                    used += (size_t)snprintf(feat + used, sizeof(feat) - used, "%s0x%02x",
                                             used ? " or " : (content ? "requests " : ""),
                                             (unsigned)bit);
            if (vmbpi_variant_has_words((enum vmbp_msg_variant)v))
                snprintf(size, sizeof(size), "%u + data", vi->size);
            else
                snprintf(size, sizeof(size), "%u", vi->size);
            snprintf(num, sizeof(num), "%u", (unsigned)t);
            {
                const char *cells[] = {v == first ? num : "",
                                       v == first ? ti->name : "",
                                       v != first                          ? ""
                                       : ti->dir == VMBP_DIR_GUEST_TO_HOST ? "G2H"
                                                                           : "H2G",
                                       count > 1 ? vi->name : "",
                                       vmbpi_select_name(vi->select),
                                       minv,
                                       feat,
                                       size};

                md_row(f, cells, VMBPI_N(cells));
            }
        }
    }
    md_end(f, "msg-types");
}

/* A field's row of a layout table: what is allowed is what the decoder's checks of the field
 * allow, each with its rule (vmbp_msg_checks()), else what the field's kind implies. */
static void md_field_row(FILE *f, const struct vmbp_msg_field *fd, uint32_t type,
                         const struct vmbp_msg_check *checks, size_t nc, size_t index)
{
    char off[16], size[16], name[64], wtype[48], allowed[512];
    const char *cells[6];
    size_t i, used = 0;

    allowed[0] = 0;
    for (i = 0; i < nc && used < sizeof(allowed); i++)
        if (checks[i].field_index == index)
            used += (size_t)snprintf(allowed + used, sizeof(allowed) - used, "%s%s (%s)",
                                     used ? "; " : "", checks[i].allowed, checks[i].rule);
    if (used == 0 && !vmbpi_allowed_text(fd, type, allowed, sizeof(allowed)))
        allowed[0] = 0;
    snprintf(off, sizeof(off), "%u", (unsigned)fd->offset);
    if (fd->kind == VMBP_MSG_FIELD_WORDS)
        snprintf(size, sizeof(size), "8·n");
    else
        snprintf(size, sizeof(size), "%u", (unsigned)fd->size);
    snprintf(name, sizeof(name), "`%s`", fd->name);
    if (fd->mask)
        snprintf(wtype, sizeof(wtype), "%s, bits 0x%x", vmbpi_wire_type(fd),
                 (unsigned)fd->mask);
    else
        snprintf(wtype, sizeof(wtype), "%s", vmbpi_wire_type(fd));
    cells[0] = off;
    cells[1] = size;
    cells[2] = name;
    cells[3] = wtype;
    cells[4] = allowed;
    cells[5] = fd->doc;
    md_row(f, cells, 6);
}

static void md_table_head(FILE *f)
{
    fputs("| offset | size | field | type | allowed | meaning |\n"
          "|-------:|-----:|-------|------|---------|---------|\n",
          f);
}

/* The layouts of one family's variants (spec/msg_<family>.md). */
static void md_family(FILE *f, const char *family)
{
    char name[48];
    unsigned v;

    snprintf(name, sizeof(name), "layout-%s", family);
    md_begin(f, name);
    for (v = 1; v < (unsigned)VMBP_MSGV_COUNT; v++) {
        const struct vmbp_msg_variant_info *vi =
            vmbp_msg_variant_lookup((enum vmbp_msg_variant)v);
        size_t nf = 0, nc = 0, i;
        const struct vmbp_msg_field *tab = vmbp_msg_fields((enum vmbp_msg_variant)v, &nf);
        const struct vmbp_msg_check *checks = vmbp_msg_checks((enum vmbp_msg_variant)v, &nc);

        if (strcmp(vmbpi_family_of((enum vmbp_msg_variant)v), family) != 0)
            continue;
        fprintf(f, "\n**%s** (type %u, %u bytes%s):\n\n", vi->name, (unsigned)vi->type,
                vi->size,
                vmbpi_variant_has_words((enum vmbp_msg_variant)v) ? " and the data" : "");
        md_table_head(f);
        for (i = 0; tab && i < nf; i++)
            md_field_row(f, &tab[i], vi->type, checks, nc, i);
    }
    if (strcmp(family, "offer") == 0 || strcmp(family, "hvsock") == 0) {
        enum vmbp_msg_overlay which =
            strcmp(family, "offer") == 0 ? VMBP_MSG_OVERLAY_PIPE : VMBP_MSG_OVERLAY_HVSOCK;
        size_t nf = 0, nc = 0, i;
        const struct vmbp_msg_field *tab = vmbp_msg_overlay_fields(which, &nf);
        const struct vmbp_msg_check *checks = vmbp_msg_overlay_checks(which, &nc);

        fprintf(f, "\n**%s overlay** of OFFER_CHANNEL's user data (offer flag %s):\n\n",
                strcmp(family, "offer") == 0 ? "Named-pipe" : "hv_sock",
                strcmp(family, "offer") == 0 ? "NAMED_PIPE_MODE" : "TLNPI_PROVIDER");
        md_table_head(f);
        for (i = 0; i < nf; i++)
            md_field_row(f, &tab[i], VMBP_MSG_OFFER_CHANNEL, checks, nc, i);
    }
    fputc('\n', f);
    md_end(f, name);
}

static void md_versions(FILE *f)
{
    size_t i;

    md_begin(f, "versions");
    fputs("| version | value | Windows release | Linux name | OpenVMM name |\n"
          "|---------|-------|-----------------|------------|--------------|\n",
          f);
    for (i = 0; i < VMBPI_N(vmbpi_versions); i++)
        fprintf(f, "| %u.%u | 0x%08X | %s | %s | %s |\n", vmbpi_versions[i].major,
                vmbpi_versions[i].minor,
                (unsigned)VMBP_MAKE_VERSION(vmbpi_versions[i].major, vmbpi_versions[i].minor),
                vmbpi_versions[i].windows, vmbpi_versions[i].linux_name,
                vmbpi_versions[i].openvmm);
    md_end(f, "versions");
}

static void md_features(FILE *f)
{
    size_t i;

    md_begin(f, "features");
    fputs("| bit | mask | name | meaning |\n"
          "|-----|------|------|---------|\n",
          f);
    for (i = 0; i < VMBPI_N(vmbpi_features); i++) {
        unsigned bit = 0;

        while (bit < 31 && !(vmbpi_features[i].mask & (1u << bit)))
            bit++;
        fprintf(f, "| %u | 0x%02x | %s | %s |\n", bit, (unsigned)vmbpi_features[i].mask,
                vmbpi_features[i].name, vmbpi_features[i].meaning);
    }
    md_end(f, "features");
}

static void md_range(char *buf, size_t cap, unsigned lo, unsigned width)
{
    if (width == 1)
        snprintf(buf, cap, "%u", lo);
    else
        snprintf(buf, cap, "%u-%u", lo, lo + width - 1);
}

/* Reserved bits of a register as ranges, "1-11, 13". */
static void md_reserved(char *buf, size_t cap, uint64_t mask)
{
    size_t used = 0;
    unsigned b = 0;

    buf[0] = 0;
    while (b < 64 && used < cap) {
        unsigned e;

        if (!((mask >> b) & 1u)) {
            b++;
            continue;
        }
        e = b;
        while (e + 1 < 64 && ((mask >> (e + 1)) & 1u))
            e++;
        if (e > b)
            used += (size_t)snprintf(buf + used, cap - used, "%s%u-%u", used ? ", " : "", b, e);
        else
            used += (size_t)snprintf(buf + used, cap - used, "%s%u", used ? ", " : "", b);
        b = e + 1;
    }
}

static void md_synic(FILE *f)
{
    size_t i;

    md_begin(f, "synic-registers");
    fputs("| register | x64 MSR | nested x64 MSR | arm64 register name |\n"
          "|----------|---------|----------------|---------------------|\n",
          f);
    for (i = 0; i < VMBPI_N(vmbpi_synic_regs); i++) {
        enum vmbp_synic_register r = vmbpi_synic_regs[i];
        uint32_t msr = vmbp_synic_msr(r, 0);

        if (r == VMBP_SYNIC_SINT)
            fprintf(f, "| SINT0..15 | 0x%08X..%X | 0x%08X..%X | 0x%08X..%02X |\n", msr,
                    (unsigned)(vmbp_synic_msr(r, 15) & 0xFFu), vmbp_synic_msr_nested(msr),
                    (unsigned)(vmbp_synic_msr_nested(vmbp_synic_msr(r, 15)) & 0xFFu),
                    vmbp_synic_reg_name(r, 0), (unsigned)(vmbp_synic_reg_name(r, 15) & 0xFFu));
        else
            fprintf(f, "| %s | 0x%08X | 0x%08X | 0x%08X |\n",
                    vmbp_synic_reg_desc(r, false)->name, msr, vmbp_synic_msr_nested(msr),
                    vmbp_synic_reg_name(r, 0));
    }
    md_end(f, "synic-registers");

    md_begin(f, "synic-register-fields");
    fputs("| register | bits | field | meaning |\n"
          "|----------|------|-------|---------|\n",
          f);
    for (i = 0; i < VMBPI_N(vmbpi_synic_regs) + 1; i++) {
        const struct vmbp_reg_desc *d = i < VMBPI_N(vmbpi_synic_regs)
                                            ? vmbp_synic_reg_desc(vmbpi_synic_regs[i], false)
                                            : vmbp_synic_reg_desc(VMBP_SYNIC_SINT, true);
        size_t k;
        char bits[16], rsv[128], name[48];

        for (k = 0; k < d->nfields; k++) {
            const char *cells[4];

            md_range(bits, sizeof(bits), d->fields[k].shift, d->fields[k].width);
            snprintf(name, sizeof(name), "`%s`", d->fields[k].name);
            cells[0] = k == 0 ? d->name : "";
            cells[1] = bits;
            cells[2] = name;
            cells[3] = d->fields[k].meaning;
            md_row(f, cells, 4);
        }
        if (d->rsvdp) {
            const char *cells[] = {d->nfields ? "" : d->name, rsv, "RsvdP",
                                   "reserved, preserved on write"};

            md_reserved(rsv, sizeof(rsv), d->rsvdp);
            md_row(f, cells, 4);
        }
        if (d->rsvdz) {
            const char *cells[] = {d->nfields ? "" : d->name, rsv, "RsvdZ",
                                   "reserved, written as zero"};

            md_reserved(rsv, sizeof(rsv), d->rsvdz);
            md_row(f, cells, 4);
        }
    }
    md_end(f, "synic-register-fields");
}

int vmbpi_schema_markdown(FILE *f)
{
    static const char *const families[] = {"connect", "offer", "channel", "gpadl", "hvsock"};
    size_t i;

    md_versions(f);
    md_features(f);
    md_types(f);
    for (i = 0; i < VMBPI_N(families); i++)
        md_family(f, families[i]);
    md_synic(f);
    return ferror(f) ? VMBPI_EXIT_USAGE : VMBPI_EXIT_VALID;
}
