/* SPDX-License-Identifier: MIT */
/**
 * @file vmbus_proto.h
 * @brief Umbrella header: includes every header of vmbus_proto.
 *
 * Including single headers is fine too: each one is self-contained (checked by the
 * header-check tests). A test checks that this list names every header in the directory.
 */
#ifndef VMBP_VMBUS_PROTO_H
#define VMBP_VMBUS_PROTO_H

#include "port.h"
#include "status.h"
#include "endian.h"
#include "bits.h"
#include "hvdef.h"
#include "shared.h"
#include "version.h"
#include "features.h"
#include "synic.h"
#include "hypercall.h"
#include "cpuid.h"
#include "confidential.h"
#include "packet.h"
#include "ring.h"
#include "msg.h"
#include "msg_connect.h"
#include "msg_offer.h"
#include "msg_channel.h"
#include "msg_gpadl.h"
#include "msg_hvsock.h"
#include "msg_dispatch.h"
#include "devices.h"

#endif /* VMBP_VMBUS_PROTO_H */
