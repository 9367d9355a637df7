/* SPDX-License-Identifier: MIT */
/* Mock of EDK2's MdePkg/Include/Library/SynchronizationLib.h: what the prelude uses. */
#ifndef MOCK_EDK2_SYNCHRONIZATIONLIB_H
#define MOCK_EDK2_SYNCHRONIZATIONLIB_H
UINT32 EFIAPI InterlockedCompareExchange32(volatile UINT32 *Value, UINT32 CompareValue,
                                           UINT32 ExchangeValue);
#endif
