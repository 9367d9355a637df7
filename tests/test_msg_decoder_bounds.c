/* SPDX-License-Identifier: MIT */
/*
 * The decoders' own length checks. The selection refuses a message shorter than its
 * variant, or longer than 240 bytes, before any decoder runs (VMBP-MSG-001, -003); each
 * variant's decoder checks the length again against the wire struct it reads, so that a
 * wrong row of the table cannot make it read past a message. Through vmbp_msg_validate()
 * and vmbp_msg_decode() those second checks never fire; vmbp_msg_decode_variant() runs a
 * variant's decoder without the selection, and drives each of them here: every variant at
 * every length short of its size, from a heap copy of exactly that length (a read past it is
 * an AddressSanitizer report), is refused with VMBP_E_TRUNCATED by its decoder, and so is
 * the same message through the public entry points; GPADL messages longer than 240 bytes are
 * cut to the words their decoded struct holds.
 */
#include <vmbus_proto/msg_dispatch.h>

#include "unit.h"
#include "vectors.h"

static enum vmbp_dir vec_dir(const struct vmbp_vec *v)
{
    const char *s = vmbp_vec_get(v, "direction");

    if (strcmp(s, "guest-to-host") == 0)
        return VMBP_DIR_GUEST_TO_HOST;
    if (strcmp(s, "host-to-guest") == 0)
        return VMBP_DIR_HOST_TO_GUEST;
    return VMBP_DIR_ANY;
}

/* The first L bytes of a message, zero-extended past its end, in a buffer of exactly L. */
static uint8_t *exact_copy(const uint8_t *bytes, size_t n, size_t L)
{
    uint8_t *b = malloc(L ? L : 1);

    ck_assert_ptr_nonnull(b);
    memset(b, 0, L);
    memcpy(b, bytes, n < L ? n : L);
    return b;
}

/* covers: VMBP-MSG-003 */
START_TEST(every_decoder_refuses_every_short_length_by_itself)
{
    struct vmbp_vec_set set;
    unsigned char exercised[VMBP_MSGV_COUNT] = {0};
    unsigned long by_decoder = 0, by_selection = 0;
    size_t i, L;
    unsigned w, n_exercised = 0;

    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        enum vmbp_dir dir = vec_dir(v);
        struct vmbp_ctx ctx;
        struct vmbp_msg m;
        size_t size;

        if (strcmp(vmbp_vec_get(v, "status"), "OK") != 0)
            continue;
        ctx.features = (uint32_t)vmbp_vec_num(vmbp_vec_get(v, "features"));
        ctx.version = vmbp_vec_version(vmbp_vec_get(v, "version"));
        ck_assert_int_eq(vmbp_msg_decode(v->bytes, v->len, &ctx, dir, &m), VMBP_OK);
        if (exercised[m.variant])
            continue;
        exercised[m.variant] = 1;
        size = vmbp_msg_variant_size(m.variant);
        for (L = 0; L < size; L++) {
            uint8_t *b = exact_copy(v->bytes, v->len, L);
            struct vmbp_msg out;
            enum vmbp_status st;

            memset(&out, 0x5A, sizeof(out));
            st = vmbp_msg_decode_variant(m.variant, b, L, &ctx, &out);
            ck_assert_msg(st == VMBP_E_TRUNCATED, "%s at %zu bytes: the decoder says %s",
                          vmbp_msg_variant_name(m.variant), L, vmbp_status_str(st));
            ck_assert_uint_eq(out.type, 0x5A5A5A5Au); /* nothing written */
            by_decoder++;
            /* the public entry points refuse it in the framing or the selection, or (types
             * whose form the length selects) decode the shorter form that fits */
            if (L >= VMBP_MSG_HEADER_SIZE) {
                st = vmbp_msg_decode(b, L, &ctx, dir, &out);
                if (st == VMBP_OK) {
                    ck_assert_int_ne(out.variant, m.variant);
                    ck_assert_uint_le(vmbp_msg_variant_size(out.variant), L);
                    ck_assert_uint_eq(out.type, vmbp_msg_variant_type(m.variant));
                } else {
                    ck_assert_int_eq(st, VMBP_E_TRUNCATED);
                    ck_assert_uint_eq(out.type, 0x5A5A5A5Au);
                    ck_assert_int_eq(vmbp_msg_validate(b, L, &ctx, dir), VMBP_E_TRUNCATED);
                    by_selection++;
                }
            }
            free(b);
        }
        /* at its size it decodes, as the whole message did */
        ck_assert_int_eq(vmbp_msg_decode_variant(m.variant, v->bytes, size, &ctx, NULL),
                         VMBP_OK);
    }
    /* every variant has a valid vector, so every decoder's own check is driven */
    for (w = 1; w < (unsigned)VMBP_MSGV_COUNT; w++) {
        ck_assert_msg(exercised[w], "%s has no valid vector",
                      vmbp_msg_variant_name((enum vmbp_msg_variant)w));
        n_exercised += exercised[w];
    }
    ck_assert_uint_eq(n_exercised, (unsigned)VMBP_MSGV_COUNT - 1u);
    /* and nothing but a variant is decoded */
    ck_assert_int_eq(vmbp_msg_decode_variant(VMBP_MSGV_NONE, set.v[0].bytes, set.v[0].len,
                                             &(struct vmbp_ctx){0, 0}, NULL),
                     VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_decode_variant(VMBP_MSGV_COUNT, set.v[0].bytes, set.v[0].len,
                                             &(struct vmbp_ctx){0, 0}, NULL),
                     VMBP_E_INVAL);
    ck_assert_int_eq(
        vmbp_msg_decode_variant(VMBP_MSGV_UNLOAD, NULL, 8, &(struct vmbp_ctx){0, 0}, NULL),
        VMBP_E_INVAL);
    ck_assert_int_eq(vmbp_msg_decode_variant(VMBP_MSGV_UNLOAD, set.v[0].bytes, 8, NULL, NULL),
                     VMBP_E_INVAL);
    printf("decoder bounds: %lu short messages of %u variants refused by their decoder, "
           "%lu of them by the selection too\n",
           by_decoder, n_exercised, by_selection);
    vmbp_vec_free(&set);
}
END_TEST

/* covers: VMBP-GPADL-001 */
START_TEST(gpadl_words_are_bounded_by_the_struct_not_the_length)
{
    /* 400 bytes: past 240 only vmbp_msg_decode_variant() lets them through to the decoder */
    static const size_t lens[] = {240, 248, 400};
    struct vmbp_ctx ctx = {VMBP_VERSION_5_3, 0};
    size_t k, j;

    for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
        size_t L = lens[k];
        uint8_t *b = calloc(1, L);
        struct vmbp_gpadl_header h;
        struct vmbp_gpadl_body body;
        struct vmbp_msg m;

        ck_assert_ptr_nonnull(b);
        /* GPADL_HEADER: one range of 60 pages, range_buflen for all of it */
        vmbp_store_le32(b, VMBP_MSG_GPADL_HEADER);
        vmbp_store_le32(b + 8, 7);
        vmbp_store_le32(b + 12, 0x1000);
        vmbp_store_le16(b + 16, 8 * 61);
        vmbp_store_le16(b + 18, 1);
        vmbp_store_le64(b + 20, (uint64_t)60 * 4096u); /* the range: offset 0, 60 pages */
        for (j = 28; j + 8 <= L; j += 8)
            vmbp_store_le64(b + j, 0x100 + j);
        memset(&m, 0, sizeof(m));
        ck_assert_int_eq(vmbp_msg_decode_variant(VMBP_MSGV_GPADL_HEADER, b, L, &ctx, &m),
                         VMBP_OK);
        h = m.u.gpadl_header;
        ck_assert_uint_eq(h.nwords, VMBP_GPADL_HEADER_MAX_WORDS);
        ck_assert_uint_eq(h.words[VMBP_GPADL_HEADER_MAX_WORDS - 1], 0x100 + 20 + 8 * 26);

        /* GPADL_BODY: words to the end of the message, 28 at most */
        memset(b, 0, L);
        vmbp_store_le32(b, VMBP_MSG_GPADL_BODY);
        vmbp_store_le32(b + 12, 0x1000);
        for (j = 16; j + 8 <= L; j += 8)
            vmbp_store_le64(b + j, 0x200 + j);
        memset(&m, 0, sizeof(m));
        ck_assert_int_eq(vmbp_msg_decode_variant(VMBP_MSGV_GPADL_BODY, b, L, &ctx, &m),
                         VMBP_OK);
        body = m.u.gpadl_body;
        ck_assert_uint_eq(body.nwords, VMBP_GPADL_BODY_MAX_WORDS);
        ck_assert_uint_eq(body.words[VMBP_GPADL_BODY_MAX_WORDS - 1], 0x200 + 16 + 8 * 27);
        free(b);
    }
}
END_TEST

static Suite *msg_decoder_bounds_suite(void)
{
    Suite *s = suite_create("msg_decoder_bounds");
    TCase *tc = tcase_create("decoders");

    tcase_add_test(tc, every_decoder_refuses_every_short_length_by_itself);
    tcase_add_test(tc, gpadl_words_are_bounded_by_the_struct_not_the_length);
    suite_add_tcase(s, tc);
    return s;
}

VMBP_TEST_MAIN(msg_decoder_bounds_suite)
