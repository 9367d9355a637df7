/* SPDX-License-Identifier: MIT */
/*
 * The headers in a freestanding program: no libc, no libgcc, no start files. Built with
 * -ffreestanding -nostdlib -fkeep-inline-functions, so every inline function of every
 * header is emitted and linked; a call to anything but the four memory functions below
 * (which GCC requires of every freestanding environment) fails the link. On i386 this also
 * proves that no 64-bit arithmetic needs a libgcc helper.
 * covers: VMBP-CONV-010
 */
#include <vmbus_proto/vmbus_proto.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

void *memcpy(void *dst, const void *src, size_t n)
{
    vmbp_copy_bytes(dst, src, n);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;

    if (d < s)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    vmbp_fill_bytes(dst, c, n);
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    size_t i;

    for (i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    return 0;
}

static int run_checks(void)
{
    unsigned char buf[8];
    uint32_t word = 0;

    vmbp_store_le64(buf, VMBP_U64(0x0123456789ABCDEF));
    if (vmbp_load_le32(buf) != 0x89ABCDEFu || buf[7] != 0x01)
        return 1;
    vmbp_shared_store32_release(&word, 7);
    if (vmbp_shared_load32_acquire(&word) != 7)
        return 2;
    if (vmbp_status_str(VMBP_E_TRUNCATED)[0] != 'E')
        return 3;
    return 0;
}

static void sys_exit(int code)
{
#if defined(__x86_64__)
    __asm__ volatile("syscall" : : "a"(60), "D"(code) : "rcx", "r11", "memory");
#elif defined(__i386__)
    __asm__ volatile("int $0x80" : : "a"(1), "b"(code) : "memory");
#else
#error "freestanding test: add the exit system call of this architecture"
#endif
    for (;;) {
    }
}

void _start(void);
void _start(void)
{
    sys_exit(run_checks());
}
