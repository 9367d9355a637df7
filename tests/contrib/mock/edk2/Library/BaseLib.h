/* SPDX-License-Identifier: MIT */
/* Mock of EDK2's MdePkg/Include/Library/BaseLib.h: the functions the prelude uses. */
#ifndef MOCK_EDK2_BASELIB_H
#define MOCK_EDK2_BASELIB_H
UINT64 EFIAPI LShiftU64(UINT64 Operand, UINTN Count);
UINT64 EFIAPI RShiftU64(UINT64 Operand, UINTN Count);
#endif
