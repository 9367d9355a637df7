/* SPDX-License-Identifier: MIT */
/**
 * @file hvdef.h
 * @brief Hypervisor facts every layer uses: the hypervisor's page.
 *
 * Hyper-V counts guest memory in 4 KiB pages on every architecture, whatever page size the
 * guest itself runs with (64 KiB on some arm64 kernels): SynIC pages and their GPNs, the PFNs
 * of GPADLs and of GPA-direct ranges, and ring buffers are all in these pages.
 *
 * Sources: Linux `include/hyperv/hvgdk.h` (`HV_HYP_PAGE_SHIFT`, `HV_HYP_PAGE_SIZE`); OpenVMM
 * `vm/hv1/hvdef/src/lib.rs` (`HV_PAGE_SHIFT`, `HV_PAGE_SIZE`).
 */
#ifndef VMBP_HVDEF_H
#define VMBP_HVDEF_H

/** @defgroup vmbp_hvdef Hypervisor page
 *  @brief VMBP_HV_PAGE_SIZE and VMBP_HV_PAGE_SHIFT.
 *  @{
 */

/** @brief Bytes of a hypervisor page (Linux `HV_HYP_PAGE_SIZE`). */
#define VMBP_HV_PAGE_SIZE 4096u
/** @brief log2 of VMBP_HV_PAGE_SIZE (Linux `HV_HYP_PAGE_SHIFT`). */
#define VMBP_HV_PAGE_SHIFT 12u

/** @} */

#endif /* VMBP_HVDEF_H */
