/* SPDX-License-Identifier: MIT */
/** @file
  Runs vmbus_proto's self-test in UEFI: the rings and SynIC pages live in pages from
  AllocatePages(), shared memory is accessed through the EDK2 prelude (volatile accesses
  with fences, InterlockedCompareExchange32, CopyMem/SetMem).
**/
#include <Uefi.h>
#include <Library/MemoryAllocationLib.h>
#include <Library/UefiLib.h>

#include "vmbp_selftest.h"

STATIC
VOID VmbpSelfTestPrint(IN VOID *Context, IN CONST CHAR8 *Line)
{
    Print(L"%a\n", Line);
}

/**
  Entry point: run the self-test once.

  @param[in] ImageHandle  The image handle of this application.
  @param[in] SystemTable  The EFI system table.

  @retval EFI_SUCCESS           Every check passed.
  @retval EFI_ABORTED           A check failed.
  @retval EFI_OUT_OF_RESOURCES  No memory for the rings.
**/
EFI_STATUS
EFIAPI
VmbpSelfTestMain(IN EFI_HANDLE ImageHandle, IN EFI_SYSTEM_TABLE *SystemTable)
{
    struct vmbp_selftest_result Result;
    VOID *Mem;

    Mem = AllocatePages(EFI_SIZE_TO_PAGES(VMBP_SELFTEST_MEM_BYTES));
    if (Mem == NULL) {
        Print(L"vmbp selftest: no memory\n");
        return EFI_OUT_OF_RESOURCES;
    }

    vmbp_selftest_run(Mem, VMBP_SELFTEST_MEM_BYTES, VmbpSelfTestPrint, NULL, &Result);
    FreePages(Mem, EFI_SIZE_TO_PAGES(VMBP_SELFTEST_MEM_BYTES));
    return Result.failed == 0 ? EFI_SUCCESS : EFI_ABORTED;
}
