/* SPDX-License-Identifier: MIT */
/* Mock of EDK2's MdePkg/Include/Library/BaseMemoryLib.h: CopyMem and SetMem. */
#ifndef MOCK_EDK2_BASEMEMORYLIB_H
#define MOCK_EDK2_BASEMEMORYLIB_H
VOID *EFIAPI CopyMem(VOID *DestinationBuffer, CONST VOID *SourceBuffer, UINTN Length);
VOID *EFIAPI SetMem(VOID *Buffer, UINTN Length, UINT8 Value);
#endif
