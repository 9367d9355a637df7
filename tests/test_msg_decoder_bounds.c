/* SPDX-License-Identifier: MIT */
/*
 * The decoders' own length checks. The selection in msg.h refuses a message shorter than
 * its variant, or longer than 240 bytes, before any decoder runs (VMBP-MSG-001, -003); each
 * decoder checks the length again against the wire struct it reads, so that a wrong row of
 * the table cannot make it read past a message. Through the public entry points those second
 * checks never fire. This suite builds the headers with VMBP_PRIV_SELECT_CHECKS_LENGTH 0, the
 * selection then leaving the length alone, and drives each of them: every variant at every
 * length short of its size, from a heap copy of exactly that length (a read past it is an
 * AddressSanitizer report), is refused with VMBP_E_TRUNCATED by its decoder; GPADL messages
 * longer than 240 bytes are cut to the words their decoded struct holds.
 */
#define VMBP_PRIV_SELECT_CHECKS_LENGTH 0
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
    static const uint32_t versions[] = {
#define VMBP_T_VERSION(sfx, maj, min, win, lnx, ovmm) VMBP_VERSION_##sfx,
        VMBP_VERSION_LIST(VMBP_T_VERSION)
#undef VMBP_T_VERSION
    };
    struct vmbp_vec_set set;
    unsigned char exercised[VMBP_MSGV_COUNT] = {0};
    unsigned long refused = 0, by_decoder = 0;
    size_t i, L;
    unsigned w, n_exercised = 0;

    ck_assert_int_eq(VMBP_PRIV_SELECT_CHECKS_LENGTH, 0);
    vmbp_vec_load(&set, "msg");
    for (i = 0; i < set.n; i++) {
        const struct vmbp_vec *v = &set.v[i];
        enum vmbp_dir dir = vec_dir(v);
        struct vmbp_ctx ctx;
        unsigned k;

        if (strcmp(vmbp_vec_get(v, "status"), "OK") != 0)
            continue;
        ctx.features = (uint32_t)vmbp_vec_num(vmbp_vec_get(v, "features"));
        /* the vector's version, then every version: an older one takes an older form */
        for (k = 0; k <= sizeof(versions) / sizeof(versions[0]); k++) {
            enum vmbp_msg_variant pick = VMBP_MSGV_NONE, got;
            size_t size;

            ctx.version =
                k == 0 ? vmbp_vec_version(vmbp_vec_get(v, "version")) : versions[k - 1];
            /* without the length, a size-selected type takes the newest form the state
             * allows: possibly longer than the vector, whose bytes are then zero-extended */
            if (vmbp_msg_select(v->bytes, v->len, &ctx, dir, &pick) != VMBP_OK)
                continue;
            size = vmbp_msg_variant_size(pick);
            exercised[pick] = 1;
            for (L = VMBP_MSG_HEADER_SIZE; L < size; L++) {
                uint8_t *b = exact_copy(v->bytes, v->len, L);
                struct vmbp_msg m;
                enum vmbp_status sel, st;

                got = VMBP_MSGV_NONE;
                sel = vmbp_msg_select(b, L, &ctx, dir, &got);
                /* the selection reads the requested version and flags of a content-selected
                 * type (bytes 8-23) and nothing else of the body */
                ck_assert_msg(sel == VMBP_OK || (sel == VMBP_E_TRUNCATED && L < 24),
                              "%s at %zu: selection %s", v->name, L, vmbp_status_str(sel));
                st = vmbp_msg_validate(b, L, &ctx, dir);
                ck_assert_msg(st == VMBP_E_TRUNCATED, "%s (%s) at %zu bytes: validate %s",
                              v->name, vmbp_msg_variant_name(pick), L, vmbp_status_str(st));
                memset(&m, 0x5A, sizeof(m));
                st = vmbp_msg_decode(b, L, &ctx, dir, &m);
                ck_assert_msg(st == VMBP_E_TRUNCATED, "%s (%s) at %zu bytes: decode %s",
                              v->name, vmbp_msg_variant_name(pick), L, vmbp_status_str(st));
                ck_assert_uint_eq(m.type, 0x5A5A5A5Au); /* nothing written */
                if (sel == VMBP_OK) {
                    ck_assert_int_eq(got, pick);
                    by_decoder++;
                }
                refused++;
                free(b);
            }
        }
    }
    /* Every variant has a valid vector, so every decoder's checks are reached. The two
     * shorter forms of VERSION_RESPONSE are told from the longest by length alone, at every
     * version: without the length the longest is taken, and its decoder's checks at 16, 20
     * and 40 bytes are the ones the shorter forms would meet. */
    for (w = 1; w < (unsigned)VMBP_MSGV_COUNT; w++) {
        if (w == VMBP_MSGV_VERSION_RESPONSE || w == VMBP_MSGV_VERSION_RESPONSE_FEATURES)
            ck_assert_uint_eq(exercised[w], 0);
        else
            ck_assert_msg(exercised[w], "%s never reached",
                          vmbp_msg_variant_name((enum vmbp_msg_variant)w));
        n_exercised += exercised[w];
    }
    ck_assert_uint_eq(n_exercised, (unsigned)VMBP_MSGV_COUNT - 3u);
    ck_assert_uint_gt(by_decoder, refused / 2);
    printf(
        "decoder bounds: %lu short messages of %u variants refused, %lu by the decoder's own "
        "check\n",
        refused, n_exercised, by_decoder);
    vmbp_vec_free(&set);
}
END_TEST

/* covers: VMBP-GPADL-001 */
START_TEST(gpadl_words_are_bounded_by_the_struct_not_the_length)
{
    /* 400 bytes: past 240 the selection (checks off) lets them through to the decoder */
    static const size_t lens[] = {240, 248, 400};
    struct vmbp_ctx ctx = {VMBP_VERSION_5_3, 0};
    size_t k, j;

    for (k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
        size_t L = lens[k];
        uint8_t *b = calloc(1, L);
        struct vmbp_gpadl_header h;
        struct vmbp_gpadl_body body;

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
        memset(&h, 0, sizeof(h));
        ck_assert_int_eq(vmbp_msg_gpadl_header_decode(b, L, &ctx, &h), VMBP_OK);
        ck_assert_uint_eq(h.nwords, VMBP_GPADL_HEADER_MAX_WORDS);
        ck_assert_uint_eq(h.words[VMBP_GPADL_HEADER_MAX_WORDS - 1], 0x100 + 20 + 8 * 26);

        /* GPADL_BODY: words to the end of the message, 28 at most */
        memset(b, 0, L);
        vmbp_store_le32(b, VMBP_MSG_GPADL_BODY);
        vmbp_store_le32(b + 12, 0x1000);
        for (j = 16; j + 8 <= L; j += 8)
            vmbp_store_le64(b + j, 0x200 + j);
        memset(&body, 0, sizeof(body));
        ck_assert_int_eq(vmbp_msg_gpadl_body_decode(b, L, &ctx, &body), VMBP_OK);
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
