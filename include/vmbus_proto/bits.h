/* SPDX-License-Identifier: MIT */
/**
 * @file bits.h
 * @brief Register and flag fields as `_SHIFT`/`_WIDTH` pairs, without bit-fields.
 *
 * A field `F` of a register is described by two object-like macros, `F_SHIFT` and
 * `F_WIDTH` (so bindgen and assemblers can use them), and read or written with
 * VMBP_FIELD_GET64(F, v) / VMBP_FIELD_SET64(F, v, x). Bit-field structs are not used
 * anywhere: their layout is implementation-defined, differs between MSVC and GCC, follows
 * the host byte order, and 64-bit bit-fields make MSVC IA32 call CRT shift helpers.
 *
 * Each register header asserts that its fields and reserved masks are disjoint and cover
 * all 64 bits (VMBP_POPCOUNT64() makes that a constant expression).
 */
#ifndef VMBP_BITS_H
#define VMBP_BITS_H

#include "port.h"
#include "status.h"

/** @defgroup vmbp_bits Bit fields
 *  @brief Field masks, get/set/fits helpers and constant-expression popcount.
 *  @{
 */

/** @brief An unsigned 64-bit integer constant (`x` with the `ULL` suffix; never `UL`). */
#define VMBP_U64(x) x##ULL

/** @brief Mask of the low @p w bits of a 64-bit value, for 1 <= w <= 64. */
#define VMBP_LOWBITS64(w) (~VMBP_U64(0) >> (64 - (w)))

/** @brief Mask of the low @p w bits of a 32-bit value, for 1 <= w <= 32. */
#define VMBP_LOWBITS32(w) (0xFFFFFFFFu >> (32 - (w)))

/** @brief In-place mask of field @p F (uses `F##_SHIFT` and `F##_WIDTH`). */
#define VMBP_FIELD_MASK64(F) (VMBP_LOWBITS64(F##_WIDTH) << (F##_SHIFT))

/** @brief Value of field @p F in @p v. */
#define VMBP_FIELD_GET64(F, v) (((uint64_t)(v) >> (F##_SHIFT)) & VMBP_LOWBITS64(F##_WIDTH))

/**
 * @brief @p v with field @p F replaced by @p x; every other bit, reserved ones included, is
 * kept. Bits of @p x beyond the field's width are dropped: check VMBP_FIELD_FITS64() first
 * where that matters.
 */
#define VMBP_FIELD_SET64(F, v, x)                                                              \
    (((uint64_t)(v) & ~VMBP_FIELD_MASK64(F)) |                                                 \
     (((uint64_t)(x)&VMBP_LOWBITS64(F##_WIDTH)) << (F##_SHIFT)))

/** @brief True if @p x fits in field @p F. */
#define VMBP_FIELD_FITS64(F, x) (((uint64_t)(x) & ~VMBP_LOWBITS64(F##_WIDTH)) == 0)

/** @brief 32-bit variant of VMBP_FIELD_MASK64(). */
#define VMBP_FIELD_MASK32(F) (VMBP_LOWBITS32(F##_WIDTH) << (F##_SHIFT))

/** @brief 32-bit variant of VMBP_FIELD_GET64(). */
#define VMBP_FIELD_GET32(F, v) (((uint32_t)(v) >> (F##_SHIFT)) & VMBP_LOWBITS32(F##_WIDTH))

/** @brief 32-bit variant of VMBP_FIELD_SET64(). */
#define VMBP_FIELD_SET32(F, v, x)                                                              \
    (((uint32_t)(v) & ~VMBP_FIELD_MASK32(F)) |                                                 \
     (((uint32_t)(x)&VMBP_LOWBITS32(F##_WIDTH)) << (F##_SHIFT)))

/** @brief 32-bit variant of VMBP_FIELD_FITS64(). */
#define VMBP_FIELD_FITS32(F, x) (((uint32_t)(x) & ~VMBP_LOWBITS32(F##_WIDTH)) == 0)

/** @brief Single-bit mask `1 << n` as a 64-bit value, 0 <= n <= 63. */
#define VMBP_BIT64(n) (VMBP_U64(1) << (n))

/** @brief Single-bit mask `1 << n` as a 32-bit value, 0 <= n <= 31. */
#define VMBP_BIT32(n) (1u << (n))

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_PC1(x) ((x) - (((x) >> 1) & VMBP_U64(0x5555555555555555)))
#define VMBP_PRIV_PC2(x)                                                                       \
    (((x)&VMBP_U64(0x3333333333333333)) + (((x) >> 2) & VMBP_U64(0x3333333333333333)))
#define VMBP_PRIV_PC4(x) (((x) + ((x) >> 4)) & VMBP_U64(0x0F0F0F0F0F0F0F0F))
/** @endcond */

/**
 * @brief Number of set bits of a 64-bit value, usable in constant expressions
 * (static assertions). Evaluates @p x several times: pass constants only.
 */
#define VMBP_POPCOUNT64(x)                                                                     \
    ((VMBP_PRIV_PC4(VMBP_PRIV_PC2(VMBP_PRIV_PC1((uint64_t)(x)))) *                             \
      VMBP_U64(0x0101010101010101)) >>                                                         \
     56)

/**
 * @def VMBP_SHL64(v, n)
 * @brief `v << n` on 64-bit values with a run-time @p n. Override for MSVC IA32 firmware,
 * where the operator becomes a call to the CRT helper `__allshl` (EDK2: `LShiftU64`).
 */
#if !defined(VMBP_SHL64)
#define VMBP_SHL64(v, n) ((uint64_t)(v) << (n))
#endif

/**
 * @def VMBP_SHR64(v, n)
 * @brief `v >> n` on 64-bit values with a run-time @p n (EDK2: `RShiftU64`).
 */
#if !defined(VMBP_SHR64)
#define VMBP_SHR64(v, n) ((uint64_t)(v) >> (n))
#endif

/**
 * @brief Constant expression: the fields of a register, listed by the X-macro @p LIST, and
 * the reserved mask @p rsvd cover the low @p bits bits of the register exactly once (their
 * OR is all ones and their popcounts add up to @p bits, so no two overlap).
 *
 * @p LIST is `LIST(X)` expanding `X(F, "name", "meaning")` once per field `F` (with
 * `F##_SHIFT` and `F##_WIDTH` defined); the same list builds the register's description
 * (VMBP_REG_FIELD_INIT()), so the assertion and the tools can never disagree.
 */
#define VMBP_REG_COVERS(LIST, rsvd, bits)                                                      \
    (((VMBP_U64(0) LIST(VMBP_PRIV_REG_OR)) | (uint64_t)(rsvd)) == VMBP_LOWBITS64(bits) &&      \
     (0 LIST(VMBP_PRIV_REG_POP)) + VMBP_POPCOUNT64(rsvd) == (bits))

/** @cond VMBP_INTERNAL */
#define VMBP_PRIV_REG_OR(F, name, meaning) | VMBP_FIELD_MASK64(F)
#define VMBP_PRIV_REG_POP(F, name, meaning) +VMBP_POPCOUNT64(VMBP_FIELD_MASK64(F))
/** @endcond */

/**
 * @brief One field of a register, for tools and tests (vmbp-inspect prints registers from
 * these): name, lowest bit, width, meaning.
 */
struct vmbp_reg_field {
    const char *name;    /**< field name, e.g. "masked" */
    unsigned shift;      /**< lowest bit */
    unsigned width;      /**< number of bits, 1..64 */
    const char *meaning; /**< one line */
};

/** @brief A register: its fields, lowest first, and its reserved bits. */
struct vmbp_reg_desc {
    const char *name;                    /**< register name, e.g. "SINT (x64)" */
    unsigned bits;                       /**< register width: 32 or 64 */
    const struct vmbp_reg_field *fields; /**< the fields (NULL when @c nfields is 0) */
    size_t nfields;                      /**< number of fields */
    uint64_t rsvdz;                      /**< reserved bits that must be zero */
    uint64_t rsvdp;                      /**< reserved bits to preserve */
};

/** @brief Initializer of one struct vmbp_reg_field from an X-macro field list entry. */
#define VMBP_REG_FIELD_INIT(F, name, meaning) {name, F##_SHIFT, F##_WIDTH, meaning},

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Value of one described field in a register value.
 * @param f field description (width 1..64, shift below 64)
 * @param v register value
 * @return the field, shifted down; 0 for a malformed description
 */
VMBP_INLINE uint64_t vmbp_reg_field_get(const struct vmbp_reg_field *f, uint64_t v)
{
    if (f->width == 0 || f->width > 64 || f->shift >= 64)
        return 0;
    return VMBP_SHR64(v, f->shift) & VMBP_SHR64(~VMBP_U64(0), 64u - f->width);
}

/**
 * @brief Check a register value against its description: no must-be-zero bit set and no bit
 * beyond the register's width.
 * @param d register description
 * @param v register value
 * @return VMBP_OK, VMBP_E_RSVD_NONZERO, or VMBP_E_FIELD_RANGE for bits above @c d->bits
 */
VMBP_INLINE VMBP_MUST_CHECK enum vmbp_status vmbp_reg_check(const struct vmbp_reg_desc *d,
                                                            uint64_t v)
{
    if (d->bits < 64 && VMBP_SHR64(v, d->bits) != 0)
        return VMBP_E_FIELD_RANGE;
    if ((v & d->rsvdz) != 0)
        return VMBP_E_RSVD_NONZERO;
    return VMBP_OK;
}

#if defined(__cplusplus)
}
#endif

VMBP_STATIC_ASSERT(VMBP_POPCOUNT64(0) == 0, vmbp_bits_popcount_zero);
VMBP_STATIC_ASSERT(VMBP_POPCOUNT64(~VMBP_U64(0)) == 64, vmbp_bits_popcount_all);
VMBP_STATIC_ASSERT(VMBP_LOWBITS64(64) == ~VMBP_U64(0), vmbp_bits_lowbits_64);

/** @} */

#endif /* VMBP_BITS_H */
