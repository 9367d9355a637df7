/* SPDX-License-Identifier: MIT */
/* Mock of EDK2's MdePkg/Include/Base.h: only what contrib/edk2/Include/vmbp_edk2_prelude.h uses. */
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
/* ProcessorBind.h and Base.h: the processor, and the object-like macros every EDK2 module
 * sees (a header using one of these names as an identifier breaks there) */
#if defined(_M_X64) || defined(__x86_64__)
#define MDE_CPU_X64
#elif defined(_M_IX86) || defined(__i386__)
#define MDE_CPU_IA32
#endif
#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define STATIC static
#define GLOBAL_REMOVE_IF_UNREFERENCED
#define EFIAPI
#define TRUE ((BOOLEAN)(1 == 1))
#define FALSE ((BOOLEAN)(0 == 1))
#define NULL ((VOID *)0)
#define OFFSET_OF(TYPE, Field) ((UINTN) __builtin_offsetof(TYPE, Field))
#endif
