/* SPDX-License-Identifier: MIT */
/**
 * @file endian.h
 * @brief Little-endian loads and stores at any alignment, on any host byte order.
 *
 * Every VMBus wire value is little-endian (spec/conventions.md, VMBP-CONV-001). The codec
 * never dereferences a wire struct field; it reads and writes bytes through these helpers,
 * so it neither depends on the host's byte order nor on the buffer's alignment. Compilers
 * turn each helper into one (possibly byte-swapping) load or store.
 */
#ifndef VMBP_ENDIAN_H
#define VMBP_ENDIAN_H

#include "port.h"

/*
 * Where port.h knows the host byte order from the compiler, load and store through a
 * fixed-size copy (one unaligned access) and swap on big-endian hosts. Elsewhere, and when
 * VMBP_ENDIAN_BYTEWISE is defined (static analysers), assemble bytes one by one; both give
 * the same results, which the tests check on little- and big-endian hosts.
 */
/** @cond VMBP_INTERNAL */
#if defined(VMBP_PRIV_BYTEORDER_BIG)
#define VMBP_PRIV_ENDIAN_BUILTIN 1
#define VMBP_PRIV_SWAP16(x) VMBP_PRIV_BSWAP16(x)
#define VMBP_PRIV_SWAP32(x) VMBP_PRIV_BSWAP32(x)
#define VMBP_PRIV_SWAP64(x) VMBP_PRIV_BSWAP64(x)
#elif defined(VMBP_PRIV_BYTEORDER_LITTLE)
#define VMBP_PRIV_ENDIAN_BUILTIN 1
#define VMBP_PRIV_SWAP16(x) (x)
#define VMBP_PRIV_SWAP32(x) (x)
#define VMBP_PRIV_SWAP64(x) (x)
#endif
/** @endcond */

/** @defgroup vmbp_endian Byte order
 *  @brief vmbp_load_le16() and friends.
 *  @{
 */

#if defined(__cplusplus)
extern "C" {
#endif

/**
 * @brief Load a little-endian 16-bit value.
 * @param p first byte (any alignment)
 * @return the value in host order
 */
VMBP_INLINE uint16_t vmbp_load_le16(const void *p)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint16_t v;

    VMBP_PRIV_COPY_FIXED(&v, p, sizeof(v));
    return VMBP_PRIV_SWAP16(v);
#else
    const uint8_t *b = (const uint8_t *)p;

    return (uint16_t)(b[0] | (b[1] << 8));
#endif
}

/**
 * @brief Load a little-endian 32-bit value.
 * @param p first byte (any alignment)
 * @return the value in host order
 */
VMBP_INLINE uint32_t vmbp_load_le32(const void *p)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint32_t v;

    VMBP_PRIV_COPY_FIXED(&v, p, sizeof(v));
    return VMBP_PRIV_SWAP32(v);
#else
    const uint8_t *b = (const uint8_t *)p;

    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) |
           ((uint32_t)b[3] << 24);
#endif
}

/**
 * @brief Load a little-endian 64-bit value.
 * @param p first byte (any alignment)
 * @return the value in host order
 */
VMBP_INLINE uint64_t vmbp_load_le64(const void *p)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint64_t v;

    VMBP_PRIV_COPY_FIXED(&v, p, sizeof(v));
    return VMBP_PRIV_SWAP64(v);
#else
    const uint8_t *b = (const uint8_t *)p;

    return (uint64_t)vmbp_load_le32(b) | ((uint64_t)vmbp_load_le32(b + 4) << 32);
#endif
}

/**
 * @brief Store a 16-bit value little-endian.
 * @param p first byte (any alignment)
 * @param v value in host order
 */
VMBP_INLINE void vmbp_store_le16(void *p, uint16_t v)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint16_t le = (uint16_t)VMBP_PRIV_SWAP16(v);

    VMBP_PRIV_COPY_FIXED(p, &le, sizeof(le));
#else
    uint8_t *b = (uint8_t *)p;

    b[0] = (uint8_t)(v & 0xFFu);
    b[1] = (uint8_t)(v >> 8);
#endif
}

/**
 * @brief Store a 32-bit value little-endian.
 * @param p first byte (any alignment)
 * @param v value in host order
 */
VMBP_INLINE void vmbp_store_le32(void *p, uint32_t v)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint32_t le = VMBP_PRIV_SWAP32(v);

    VMBP_PRIV_COPY_FIXED(p, &le, sizeof(le));
#else
    uint8_t *b = (uint8_t *)p;

    b[0] = (uint8_t)(v & 0xFFu);
    b[1] = (uint8_t)((v >> 8) & 0xFFu);
    b[2] = (uint8_t)((v >> 16) & 0xFFu);
    b[3] = (uint8_t)(v >> 24);
#endif
}

/**
 * @brief Store a 64-bit value little-endian.
 * @param p first byte (any alignment)
 * @param v value in host order
 */
VMBP_INLINE void vmbp_store_le64(void *p, uint64_t v)
{
#if defined(VMBP_PRIV_ENDIAN_BUILTIN)
    uint64_t le = VMBP_PRIV_SWAP64(v);

    VMBP_PRIV_COPY_FIXED(p, &le, sizeof(le));
#else
    uint8_t *b = (uint8_t *)p;

    vmbp_store_le32(b, (uint32_t)(v & 0xFFFFFFFFu));
    vmbp_store_le32(b + 4, (uint32_t)(v >> 32));
#endif
}

/**
 * @brief Convert a 32-bit value loaded natively from little-endian memory to host order.
 *
 * For values that must be read as one native access (a ring index loaded with acquire
 * semantics through shared.h), the load yields the memory's bytes in host order; this
 * reinterprets them as little-endian. The identity on little-endian hosts.
 * @param raw value as loaded natively from little-endian memory
 * @return the value in host order
 */
VMBP_INLINE uint32_t vmbp_le32_to_cpu(uint32_t raw)
{
    return vmbp_load_le32(&raw);
}

/**
 * @brief Convert a host-order 32-bit value to the native representation whose memory bytes
 * are its little-endian encoding (inverse of vmbp_le32_to_cpu()).
 * @param v value in host order
 * @return the native value whose memory bytes are the little-endian encoding of @p v
 */
VMBP_INLINE uint32_t vmbp_cpu_to_le32(uint32_t v)
{
    uint32_t raw;

    vmbp_store_le32(&raw, v);
    return raw;
}

/**
 * @brief 16-bit variant of vmbp_le32_to_cpu().
 * @param raw value as loaded natively from little-endian memory
 * @return the value in host order
 */
VMBP_INLINE uint16_t vmbp_le16_to_cpu(uint16_t raw)
{
    return vmbp_load_le16(&raw);
}

/**
 * @brief 16-bit variant of vmbp_cpu_to_le32().
 * @param v value in host order
 * @return the native value whose memory bytes are the little-endian encoding of @p v
 */
VMBP_INLINE uint16_t vmbp_cpu_to_le16(uint16_t v)
{
    uint16_t raw;

    vmbp_store_le16(&raw, v);
    return raw;
}

/**
 * @brief 64-bit variant of vmbp_le32_to_cpu().
 * @param raw value as loaded natively from little-endian memory
 * @return the value in host order
 */
VMBP_INLINE uint64_t vmbp_le64_to_cpu(uint64_t raw)
{
    return vmbp_load_le64(&raw);
}

/**
 * @brief 64-bit variant of vmbp_cpu_to_le32().
 * @param v value in host order
 * @return the native value whose memory bytes are the little-endian encoding of @p v
 */
VMBP_INLINE uint64_t vmbp_cpu_to_le64(uint64_t v)
{
    uint64_t raw;

    vmbp_store_le64(&raw, v);
    return raw;
}

/**
 * @brief Whether the host stores integers most-significant byte first.
 * @return true on big-endian hosts
 */
VMBP_INLINE bool vmbp_host_is_big_endian(void)
{
    return vmbp_cpu_to_le16(1) != 1;
}

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_ENDIAN_H */
