/* SPDX-License-Identifier: MIT */
/* Mock of EDK2's MdePkg/Include/Base.h: only what contrib/edk2/vmbp_edk2_prelude.h uses. */
#ifndef MOCK_EDK2_BASE_H
#define MOCK_EDK2_BASE_H
typedef unsigned char UINT8;
typedef unsigned short UINT16;
typedef unsigned int UINT32;
typedef unsigned long long UINT64;
typedef int INT32;
#if defined(_WIN64) || defined(__x86_64__) || defined(__aarch64__)
typedef unsigned long long UINTN;
#else
typedef unsigned int UINTN;
#endif
typedef unsigned char BOOLEAN;
#define VOID void
#define CONST const
#define EFIAPI
#define TRUE ((BOOLEAN)(1 == 1))
#define FALSE ((BOOLEAN)(0 == 1))
#define NULL ((VOID *)0)
#define OFFSET_OF(TYPE, Field) ((UINTN)__builtin_offsetof(TYPE, Field))
#endif
