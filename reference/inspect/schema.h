/* SPDX-License-Identifier: MIT */
/*
 * vmbp-inspect schema: the library's lists as the JSON (cmd_schema.c) and Markdown
 * (schema_md.c) writers share them, and the descriptions of a field both print.
 */
#ifndef VMBPI_SCHEMA_H
#define VMBPI_SCHEMA_H

#include "inspect.h"

#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/synic.h>
#include <vmbus_proto/version.h>

#define VMBPI_N(a) (sizeof(a) / sizeof((a)[0]))

/* VMBP_VERSION_LIST, expanded. */
struct version_row {
    unsigned major, minor;
    const char *windows, *linux_name, *openvmm;
};
extern const struct version_row vmbpi_versions[VMBP_VERSION_COUNT];

/* VMBP_FEATURE_LIST and VMBP_OFFER_FLAG_LIST, expanded. */
struct flag_row {
    const char *name;
    uint32_t mask;
    const char *openvmm; /* features only */
    const char *meaning;
};
#define VMBPI_FEATURES 8
extern const struct flag_row vmbpi_features[VMBPI_FEATURES];

/* The SynIC registers in MSR order (SINT once). */
#define VMBPI_SYNIC_REGS 7
extern const enum vmbp_synic_register vmbpi_synic_regs[VMBPI_SYNIC_REGS];

/* A field's wire type: "u8" .. "u64", "guid", "bytes", "u64[]". */
const char *vmbpi_wire_type(const struct vmbp_msg_field *f);
/* The values a field's kind allows, in words ("0", "0, 1", "bits 0xfe zero"); false if the
 * table says nothing. */
bool vmbpi_allowed_text(const struct vmbp_msg_field *f, uint32_t type, char *buf, size_t cap);
/* "version", "size" or "content" (enum vmbp_msg_select). */
const char *vmbpi_select_name(uint8_t sel);
/* Whether a variant ends in a list of words (GPADL_HEADER, GPADL_BODY). */
bool vmbpi_variant_has_words(enum vmbp_msg_variant v);
/* The family (spec page) of a variant: "connect", "offer", "channel", "gpadl", "hvsock". */
const char *vmbpi_family_of(enum vmbp_msg_variant v);

#endif /* VMBPI_SCHEMA_H */
