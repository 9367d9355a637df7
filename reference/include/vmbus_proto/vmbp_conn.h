/* SPDX-License-Identifier: MIT */
/**
 * @file vmbp_conn.h
 * @brief Connection and channel state machines of both roles, sans-IO: the guest (VMBus
 * client) and the host (VMBus server) sequencing of spec/conn.md.
 *
 * A machine is a caller-allocated struct with caller-provided tables, sized at init. It does
 * no I/O, no allocation and keeps no global state; every loop is bounded by a table size.
 * The caller feeds it every message received (decoded by the codec, or as bytes) and calls
 * the actions it wants; each call appends to a struct vmbp_conn_out the messages to post
 * (encoded, with the message connection ID to post them to) and the events to deliver, or
 * returns a status and changes nothing:
 *
 *     struct vmbp_conn_msg msgs[8];
 *     struct vmbp_conn_event evs[VMBP_CONN_GUEST_EVENTS_MAX(64, 128)];
 *     struct vmbp_conn_out out;
 *     vmbp_conn_out_init(&out, msgs, 8, evs, VMBP_CONN_GUEST_EVENTS_MAX(64, 128));
 *     st = vmbp_conn_guest_receive_bytes(&g, slot_copy, payload_size, &out);
 *     for (i = 0; i < out.nmsgs; i++)
 *         post(out.msgs[i].connection_id, out.msgs[i].data, out.msgs[i].len);
 *
 * A status of the sequence band (`VMBP_E_SEQ_*`) means the message or call is valid in
 * itself but not at this point; the codec's statuses mean it is not valid at all. Either
 * way the state, the tables and @c out are unchanged, and vmbp_conn_guest_last_rule() (or
 * the host's) names the rule of spec/conn.md that refused it. Nothing a host sends can
 * break the guest's invariants (vmbp_conn_guest_check()); nothing a guest sends can break
 * the host's.
 *
 * Concurrency: one thread at a time per machine. Message delivery is in order per direction
 * (SynIC message queues), which the machines assume and the protocol guarantees.
 *
 * The machines live in reference/ beside the ring, not in the header-only product:
 * spec/conn.md, "Placement", says why.
 */
#ifndef VMBP_VMBP_CONN_H
#define VMBP_VMBP_CONN_H

#include <vmbus_proto/confidential.h>
#include <vmbus_proto/msg.h>
#include <vmbus_proto/msg_channel.h>
#include <vmbus_proto/msg_connect.h>
#include <vmbus_proto/msg_dispatch.h>
#include <vmbus_proto/msg_gpadl.h>
#include <vmbus_proto/msg_offer.h>
#include <vmbus_proto/port.h>
#include <vmbus_proto/status.h>
#include <vmbus_proto/synic.h>
#include <vmbus_proto/version.h>

/** @defgroup vmbp_conn Connection state machines
 *  @brief `vmbp_conn_guest` and `vmbp_conn_host`: sequencing of both roles, sans-IO.
 *  @{
 */

#if defined(__cplusplus)
extern "C" {
#endif

/** @brief The first GPADL handle the guest allocates (Linux `next_gpadl_handle`, 0xE1E10). */
#define VMBP_CONN_GPADL_HANDLE_FIRST 0x000E1E10u

/** @brief Largest channel table: one slot per channel ID (1..2047). */
#define VMBP_CONN_CHANNELS_MAX VMBP_RELID_MAX

/** @brief Largest GPADL table a machine accepts. */
#define VMBP_CONN_GPADLS_MAX 65535u

/**
 * @brief Events one guest call can append at most, for tables of @p nchan channels and
 * @p ngpadl GPADLs: UNLOAD_COMPLETE cancels every pending request (an open and a modify per
 * channel, one per GPADL, a modify of the connection) and reports the disconnection.
 */
#define VMBP_CONN_GUEST_EVENTS_MAX(nchan, ngpadl) (2u * (nchan) + (ngpadl) + 3u)

/**
 * @brief Events one host call can append at most: a new INITIATE_CONTACT or UNLOAD ends
 * every open, pending open and GPADL of @p nchan channels and @p ngpadl GPADLs.
 */
#define VMBP_CONN_HOST_EVENTS_MAX(nchan, ngpadl) (2u * (nchan) + (ngpadl) + 3u)

/**
 * @brief Messages one host call can append at most: REQUEST_OFFERS sends every offer and
 * ALL_OFFERS_DELIVERED; a rescind fails every pending GPADL of the channel first.
 */
#define VMBP_CONN_HOST_MSGS_MAX(nchan, ngpadl) (((nchan) > (ngpadl) ? (nchan) : (ngpadl)) + 2u)

/**
 * @brief Messages one guest call appends at most, a GPADL aside: 1. A GPADL needs the
 * message count of its plan (struct vmbp_gpadl_plan @c nmsgs, at most
 * VMBP_CONN_GPADL_MSGS_MAX).
 */
#define VMBP_CONN_GUEST_MSGS_MAX 1u

/** @brief Messages of the largest GPADL: one header and 292 bodies (8191 words). */
#define VMBP_CONN_GPADL_MSGS_MAX 293u

/** @brief One message to post (HvPostMessage message type 1). */
struct vmbp_conn_msg {
    uint32_t connection_id;                       /**< message connection ID to post it to */
    uint32_t len;                                 /**< bytes in @c data */
    uint8_t data[VMBP_SYNIC_MESSAGE_PAYLOAD_MAX]; /**< the encoded channel message */
};

/** @brief What a machine reports (struct vmbp_conn_event @c kind). */
enum vmbp_conn_event_kind {
    VMBP_CONN_EV_NONE = 0, /**< not an event */
    /* guest */
    VMBP_CONN_EV_VERSION_REFUSED = 1,  /**< @c value refused; the next proposal follows */
    VMBP_CONN_EV_CONTACT_FALLBACK = 2, /**< PROBE refused: apply the FALLBACK plan, then post
                                            the INITIATE_CONTACT that comes with this event */
    VMBP_CONN_EV_CONNECTED = 3,        /**< @c value version, @c features negotiated */
    VMBP_CONN_EV_CONNECT_FAILED = 4,   /**< @c value last version; @c status the connection
                                            state, or the HV_STATUS of a failed post, or 0
                                            when every version was refused */
    VMBP_CONN_EV_OFFER = 5,            /**< channel @c relid offered */
    VMBP_CONN_EV_ALL_OFFERS_DELIVERED = 6,   /**< the boot-time offers are all in */
    VMBP_CONN_EV_RESCIND = 7,                /**< channel @c relid rescinded */
    VMBP_CONN_EV_OPEN_RESULT = 8,            /**< @c relid, @c status (NTSTATUS; 0 open) */
    VMBP_CONN_EV_GPADL_CREATED = 9,          /**< @c relid, @c gpadl, @c status (0 created) */
    VMBP_CONN_EV_GPADL_TORNDOWN = 10,        /**< @c relid, @c gpadl */
    VMBP_CONN_EV_MODIFY_CHANNEL_RESULT = 11, /**< @c relid, @c value VP, @c status */
    VMBP_CONN_EV_MODIFY_CONNECTION_RESULT = 12, /**< @c status connection state */
    VMBP_CONN_EV_PAUSED = 13,                   /**< the host stopped sending until RESUME */
    VMBP_CONN_EV_TL_CONNECT_RESULT = 14,        /**< hv_sock connect failed: @c status */
    VMBP_CONN_EV_CANCELLED = 15,    /**< request @c request (on @c relid, @c gpadl) will
                                            never be answered */
    VMBP_CONN_EV_DISCONNECTED = 16, /**< no connection (after UNLOAD, or reset) */
    /* host */
    VMBP_CONN_EV_CONTACT = 17,        /**< INITIATE_CONTACT for @c value: @c status 0
                                            accepted with @c features, else refused */
    VMBP_CONN_EV_OPEN_REQUEST = 18,   /**< open @c relid on ring @c gpadl, VP @c value;
                                            answer with vmbp_conn_host_open_complete() */
    VMBP_CONN_EV_CLOSE = 19,          /**< close @c relid (the device stops using its ring) */
    VMBP_CONN_EV_GPADL_READY = 20,    /**< @c gpadl of @c relid complete; answer with
                                            vmbp_conn_host_gpadl_complete() */
    VMBP_CONN_EV_GPADL_TEARDOWN = 21, /**< @c gpadl of @c relid torn down (stop using it) */
    VMBP_CONN_EV_MODIFY_CHANNEL = 22, /**< move @c relid's interrupt to VP @c value */
    VMBP_CONN_EV_RELEASED = 23,       /**< the guest released @c relid */
    VMBP_CONN_EV_RESUMED = 24,        /**< the guest resumed the connection */
    VMBP_CONN_EV_TL_CONNECT_REQUEST = 25, /**< hv_sock connect request (the message) */
    VMBP_CONN_EV_MODIFY_CONNECTION = 26,  /**< new monitor pages (the message) */
    VMBP_CONN_EV_COUNT                    /**< one past the last kind */
};

/** @brief Requests that can be pending (struct vmbp_conn_event @c request). */
enum vmbp_conn_request {
    VMBP_CONN_REQ_NONE = 0,              /**< none */
    VMBP_CONN_REQ_CONTACT = 1,           /**< INITIATE_CONTACT */
    VMBP_CONN_REQ_OPEN = 2,              /**< OPEN_CHANNEL (guest), device open (host) */
    VMBP_CONN_REQ_GPADL_CREATE = 3,      /**< GPADL_HEADER (guest), device GPADL (host) */
    VMBP_CONN_REQ_GPADL_TEARDOWN = 4,    /**< GPADL_TEARDOWN */
    VMBP_CONN_REQ_MODIFY_CHANNEL = 5,    /**< MODIFY_CHANNEL */
    VMBP_CONN_REQ_MODIFY_CONNECTION = 6, /**< MODIFY_CONNECTION */
    VMBP_CONN_REQ_PAUSE = 7,             /**< PAUSE */
    VMBP_CONN_REQ_UNLOAD = 8             /**< UNLOAD */
};

/** @brief One event; which members mean something depends on @c kind. */
struct vmbp_conn_event {
    uint16_t kind;     /**< `enum vmbp_conn_event_kind` */
    uint16_t request;  /**< CANCELLED: `enum vmbp_conn_request` */
    uint32_t relid;    /**< channel ID, or 0 */
    uint32_t gpadl;    /**< GPADL handle, or 0 */
    uint32_t status;   /**< NTSTATUS, connection state or HV_STATUS (see the kind) */
    uint32_t value;    /**< version or VP (see the kind) */
    uint32_t features; /**< CONNECTED, CONTACT: negotiated feature flags */
};

/**
 * @brief Where a call appends its output. The caller owns the arrays; a call that does not
 * fit the space left returns VMBP_E_NOSPACE, sets @c msgs_needed and @c events_needed to
 * what it would append, and changes nothing.
 */
struct vmbp_conn_out {
    struct vmbp_conn_msg *msgs;     /**< messages to post, in order */
    uint32_t msgs_cap;              /**< entries at @c msgs */
    uint32_t nmsgs;                 /**< entries used */
    struct vmbp_conn_event *events; /**< events, in order */
    uint32_t events_cap;            /**< entries at @c events */
    uint32_t nevents;               /**< entries used */
    uint32_t msgs_needed;           /**< on VMBP_E_NOSPACE: messages the call needs */
    uint32_t events_needed;         /**< on VMBP_E_NOSPACE: events the call needs */
};

/**
 * @brief Prepare an output with empty arrays.
 * @param out        output to prepare
 * @param msgs       message array (may be NULL with @p msgs_cap 0)
 * @param msgs_cap   its entries
 * @param events     event array (may be NULL with @p events_cap 0)
 * @param events_cap its entries
 */
void vmbp_conn_out_init(struct vmbp_conn_out *out, struct vmbp_conn_msg *msgs,
                        uint32_t msgs_cap, struct vmbp_conn_event *events, uint32_t events_cap);

/**
 * @brief Empty an output (keep its arrays).
 * @param out output
 */
void vmbp_conn_out_reset(struct vmbp_conn_out *out);

/** @brief Connection states (both roles). */
enum vmbp_conn_state {
    VMBP_CONN_DISCONNECTED = 0, /**< no connection */
    VMBP_CONN_CONTACTING = 1,   /**< guest: a proposal is outstanding */
    VMBP_CONN_CONNECTED = 2,    /**< a version is agreed; offers not requested */
    VMBP_CONN_REQUESTING = 3,   /**< REQUEST_OFFERS done; ALL_OFFERS_DELIVERED not yet */
    VMBP_CONN_READY = 4,        /**< every boot-time offer delivered; hot add from now on */
    VMBP_CONN_UNLOADING = 5     /**< guest: UNLOAD sent, UNLOAD_COMPLETE not yet */
};

/** @brief Channel states (both roles). */
enum vmbp_conn_chan_state {
    VMBP_CONN_CHAN_FREE = 0,       /**< slot unused */
    VMBP_CONN_CHAN_OFFERED = 1,    /**< offered and closed */
    VMBP_CONN_CHAN_OPENING = 2,    /**< OPEN_CHANNEL sent (guest) or at the device (host) */
    VMBP_CONN_CHAN_OPEN = 3,       /**< open */
    VMBP_CONN_CHAN_REGISTERED = 4, /**< host: known, not offered on this connection */
    VMBP_CONN_CHAN_RELEASED = 5    /**< host: released by the guest without a rescind */
};

/** @brief Channel flags (struct vmbp_conn_chan_info @c flags). */
#define VMBP_CONN_CHAN_F_RESCINDED 0x01u    /**< the host rescinded it: release pending */
#define VMBP_CONN_CHAN_F_MODIFYING 0x02u    /**< a MODIFY_CHANNEL awaits its response */
#define VMBP_CONN_CHAN_F_NO_INTERRUPT 0x04u /**< opened with target VP 0xFFFFFFFF */

/** @brief GPADL states (both roles). */
enum vmbp_conn_gpadl_state {
    VMBP_CONN_GPADL_FREE = 0,         /**< slot unused */
    VMBP_CONN_GPADL_CREATING = 1,     /**< header sent (guest) or being reassembled (host) */
    VMBP_CONN_GPADL_CREATED = 2,      /**< created */
    VMBP_CONN_GPADL_TEARING_DOWN = 3, /**< GPADL_TEARDOWN sent, TORNDOWN not yet (guest) */
    VMBP_CONN_GPADL_DEVICE = 4        /**< host: complete, at the device for its answer */
};

/** @brief A guest channel slot; caller-allocated, members private. */
struct vmbp_conn_gchan {
    uint32_t relid;             /**< channel ID; 0: free */
    uint32_t connection_id;     /**< offer's connection ID (HvSignalEvent) */
    uint32_t open_id;           /**< open ID of the pending or accepted open */
    uint32_t ring_gpadl;        /**< ring GPADL of the pending or accepted open */
    uint32_t modify_vp;         /**< target VP of the pending modify */
    uint16_t offer_flags;       /**< offer flags as offered */
    uint16_t sub_channel_index; /**< 0: primary */
    uint8_t state;              /**< `enum vmbp_conn_chan_state` */
    uint8_t flags;              /**< VMBP_CONN_CHAN_F_* */
    struct vmbp_confidential_offer_memory mem; /**< memory decided at the offer */
    struct vmbp_guid interface_type;           /**< class */
    struct vmbp_guid interface_instance;       /**< instance */
};

/** @brief A guest GPADL slot; caller-allocated, members private. */
struct vmbp_conn_ggpadl {
    uint32_t handle;     /**< GPADL handle; 0: free */
    uint32_t relid;      /**< its channel */
    uint32_t pages;      /**< pages of a ring-shaped GPADL (one range at offset 0 of whole
                              pages), else 0 */
    uint32_t words_left; /**< replay: range words still to come in GPADL_BODY messages */
    uint8_t state;       /**< `enum vmbp_conn_gpadl_state` */
    uint8_t mem;         /**< `enum vmbp_confidential_mem` of the buffer (0: unknown,
                              replay) */
    uint8_t pad[2];      /**< zero */
};

/** @brief Guest flags (struct vmbp_conn_guest_config @c flags). */
/** @brief The machine observes a guest's messages (vmbp_conn_guest_replay()) instead of
 *  being the guest: proposals it makes after a refusal count as sent only when replayed. */
#define VMBP_CONN_GUEST_F_REPLAY 0x1u

/** @brief Tables and policy of a guest machine (vmbp_conn_guest_init()). */
struct vmbp_conn_guest_config {
    struct vmbp_conn_gchan *channels; /**< channel table */
    uint32_t nchannels;               /**< its slots, 1..VMBP_CONN_CHANNELS_MAX */
    struct vmbp_conn_ggpadl *gpadls;  /**< GPADL table */
    uint32_t ngpadls;                 /**< its slots, 1..VMBP_CONN_GPADLS_MAX */
    /** The Confidential VMBus plan in force (confidential.h): its mode, @c confidential,
     *  @c isolated and @c request_confidential_channels decide the features requested,
     *  the versions allowed and every offer's memory. NULL: a VM without isolation. */
    const struct vmbp_confidential_plan *plan;
    uint32_t flags; /**< VMBP_CONN_GUEST_F_* */
    /** Shared GPA boundary of an isolated VM (cpuid.h `shared_gpa_boundary`; 0 without
     *  vTOM or unknown): where host-provided monitor pages must lie (VMBP-CONF-015). A power
     *  of two or 0. */
    uint64_t shared_gpa_boundary;
};

/**
 * @brief A guest (VMBus client) machine. Caller-allocated; members private (use the
 * functions).
 */
struct vmbp_conn_guest {
    struct vmbp_conn_gchan *chans;         /**< channel table */
    struct vmbp_conn_ggpadl *gpadls;       /**< GPADL table */
    uint32_t nchans;                       /**< channel slots */
    uint32_t ngpadls;                      /**< GPADL slots */
    struct vmbp_ctx ctx;                   /**< negotiated version and features */
    uint32_t versions[VMBP_VERSION_COUNT]; /**< proposals, newest first */
    uint32_t nversions;                    /**< entries in @c versions */
    uint32_t vindex;                       /**< index of the outstanding proposal */
    uint32_t msg_conn_id;                  /**< connection ID of messages after the contact */
    uint32_t message_vp;                   /**< VP host messages arrive on */
    uint32_t next_gpadl;                   /**< next handle to try */
    uint32_t want_features;                /**< features the caller wants (before the plan) */
    uint32_t nchan_live;                   /**< channels in the table */
    uint32_t ngpadl_live;                  /**< GPADLs in the table */
    struct vmbp_initiate_contact contact;  /**< the proposal (re-posted on retry) */
    uint64_t boundary;                     /**< shared GPA boundary (config) */
    uint64_t monitor_page1;                /**< parent-to-child monitor page in use (or 0) */
    uint64_t monitor_page2;                /**< child-to-parent monitor page in use (or 0) */
    uint64_t modify_page1;                 /**< MODIFY_CONNECTION pending: its pages */
    uint64_t modify_page2;                 /**< MODIFY_CONNECTION pending: its pages */
    const char *rule;                      /**< rule of the last refusal, or NULL */
    uint8_t state;                         /**< `enum vmbp_conn_state` */
    uint8_t flags;                         /**< private VMBP_PRIV_CONN_G_* bits */
    uint8_t cfg_flags;                     /**< VMBP_CONN_GUEST_F_* */
    uint8_t plan_mode;                     /**< `enum vmbp_confidential_mode` (0: none) */
    uint8_t confidential;                  /**< the connection is confidential */
    uint8_t isolated;                      /**< the VM is isolated */
    uint8_t request_cc;                    /**< request CONFIDENTIAL_CHANNELS */
    uint8_t pad;                           /**< zero */
};

/** @brief Parameters of vmbp_conn_guest_connect(). */
struct vmbp_conn_connect {
    const uint32_t *versions;   /**< versions to propose, newest first, strictly decreasing;
                                    NULL: every version this library knows, 6.0 to 0.13 */
    uint32_t nversions;         /**< entries at @c versions (1..11) */
    uint32_t features;          /**< 6.0 features wanted (the plan adds or removes
                                    CONFIDENTIAL_CHANNELS, VMBP-CONF-013) */
    uint32_t target_vp;         /**< VP for host messages (honoured from 3.0) */
    uint8_t target_sint;        /**< from 5.0: SINT for host messages (2) */
    uint8_t target_vtl;         /**< from 5.0: VTL for host messages (0) */
    uint64_t interrupt_page;    /**< below 5.0: GPA of the interrupt page */
    uint64_t monitor_page1;     /**< parent-to-child monitor page GPA (or 0) */
    uint64_t monitor_page2;     /**< child-to-parent monitor page GPA (or 0) */
    struct vmbp_guid client_id; /**< with CLIENT_ID requested */
};

/** @brief What a GPADL is for (struct vmbp_conn_gpadl_params @c purpose). */
enum vmbp_conn_gpadl_purpose {
    VMBP_CONN_GPADL_RING = 1,  /**< the channel's ring buffers */
    VMBP_CONN_GPADL_BUFFER = 2 /**< another buffer (external memory) */
};

/** @brief Parameters of vmbp_conn_guest_gpadl_create(). */
struct vmbp_conn_gpadl_params {
    uint32_t relid;                      /**< channel */
    uint32_t handle;                     /**< handle to use; 0: the machine allocates one */
    const struct vmbp_gpa_range *ranges; /**< ranges (msg_gpadl.h); kept unchanged until
                                              the call returns */
    uint32_t nranges;                    /**< entries at @c ranges */
    uint8_t purpose;                     /**< `enum vmbp_conn_gpadl_purpose` */
    uint8_t mem;                         /**< `enum vmbp_confidential_mem` the buffer is
                                              in: PRIVATE, HOST_VISIBLE or ENCRYPTED */
};

/** @brief Parameters of vmbp_conn_guest_open(). */
struct vmbp_conn_open_params {
    uint32_t relid;             /**< channel */
    uint32_t open_id;           /**< echoed by the result (Linux uses the channel ID) */
    uint32_t ring_gpadl;        /**< created ring GPADL of this channel */
    uint32_t downstream_offset; /**< first page of the host-to-guest ring: 0 < it < pages */
    uint32_t target_vp;         /**< VP of the channel interrupt, or
                                      VMBP_VP_INDEX_DISABLE_INTERRUPT */
    uint8_t user_data[VMBP_OPEN_USER_DATA_SIZE]; /**< for the host's device */
    uint32_t connection_id; /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS, else 0 */
    uint16_t event_flag;    /**< with GUEST_SPECIFIED_SIGNAL_PARAMETERS, else 0 */
    uint16_t flags;         /**< VMBP_OPEN_FLAG_* with CHANNEL_INTERRUPT_REDIRECTION */
};

/** @brief A channel as the machine sees it (vmbp_conn_guest_chan(), vmbp_conn_host_chan()). */
struct vmbp_conn_chan_info {
    uint32_t relid;         /**< channel ID */
    uint8_t state;          /**< `enum vmbp_conn_chan_state` */
    uint8_t flags;          /**< VMBP_CONN_CHAN_F_* */
    uint16_t offer_flags;   /**< offer flags (host: as offered on this connection) */
    uint32_t connection_id; /**< the offer's connection ID */
    uint32_t ring_gpadl;    /**< ring GPADL of the open, or 0 */
    uint32_t open_id;       /**< open ID of the open, or 0 */
    struct vmbp_confidential_offer_memory mem; /**< guest: the memory the offer demands */
};

/** @brief A GPADL as the machine sees it. */
struct vmbp_conn_gpadl_info {
    uint32_t handle; /**< GPADL handle */
    uint32_t relid;  /**< its channel */
    uint8_t state;   /**< `enum vmbp_conn_gpadl_state` */
    uint8_t mem;     /**< guest: memory of the buffer */
    uint32_t pages;  /**< pages of a ring-shaped GPADL, else 0 */
};

/**
 * @brief Prepare a guest machine: DISCONNECTED, tables empty.
 * @param g   machine
 * @param cfg tables and policy (the tables are cleared; the plan is copied)
 * @return VMBP_OK; VMBP_E_INVAL for a NULL argument, a table of 0 slots or above its
 * maximum, or an unknown flag
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_init(struct vmbp_conn_guest *g,
                                                      const struct vmbp_conn_guest_config *cfg);

/**
 * @brief Forget everything and go DISCONNECTED, without a message or event (after the
 * caller gave up on a misbehaving host, or tore the connection down itself).
 * @param g machine
 */
void vmbp_conn_guest_reset(struct vmbp_conn_guest *g);

/**
 * @brief Propose the first version of @p c (VMBP-CONN-103): INITIATE_CONTACT posted to the
 * contact connection ID (VMBP-CONN-104). A refusal makes the machine propose the next.
 * @param g   machine, DISCONNECTED
 * @param c   proposal parameters
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE when not DISCONNECTED; VMBP_E_SEQ_VERSION_ORDER
 * for a list not newest first or with no version allowed (isolated VMs: 5.2 and later);
 * VMBP_E_INVAL for an unknown version or a NULL argument; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_connect(struct vmbp_conn_guest *g,
                                                         const struct vmbp_conn_connect *c,
                                                         struct vmbp_conn_out *out);

/**
 * @brief Posting the outstanding INITIATE_CONTACT failed with @p post_status (VMBP-CONN-105):
 * post it again (queue full), go on below 5.0 (INVALID_CONNECTION_ID from an older host),
 * fall back (PROBE), or give up.
 * @param g           machine, CONTACTING
 * @param post_status HV_STATUS HvPostMessage returned
 * @param out         output: the next INITIATE_CONTACT, or events
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE when no proposal is outstanding; VMBP_E_INVAL for
 * HV_STATUS_SUCCESS; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_contact_failed(struct vmbp_conn_guest *g,
                                                                uint16_t post_status,
                                                                struct vmbp_conn_out *out);

/**
 * @brief Send REQUEST_OFFERS (VMBP-CONN-109), once per connection.
 * @param g   machine, CONNECTED
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE; VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_request_offers(struct vmbp_conn_guest *g,
                                                                struct vmbp_conn_out *out);

/**
 * @brief Create a GPADL on a channel: GPADL_HEADER and its GPADL_BODY messages
 * (VMBP-CONN-121, VMBP-CONN-122, VMBP-CONN-124).
 * @param g      machine, connected
 * @param p      parameters
 * @param handle receives the handle used (may be NULL)
 * @param out    output: the plan's messages
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_RESCINDED, VMBP_E_SEQ_GPADL_HANDLE,
 * VMBP_E_SEQ_GPADL_MEMORY, VMBP_E_SEQ_CONN_STATE, VMBP_E_SEQ_PAUSED; the range statuses of
 * vmbp_gpadl_plan_init(); VMBP_E_NOSPACE when the GPADL table or @p out is full
 */
VMBP_MUST_CHECK enum vmbp_status
vmbp_conn_guest_gpadl_create(struct vmbp_conn_guest *g, const struct vmbp_conn_gpadl_params *p,
                             uint32_t *handle, struct vmbp_conn_out *out);

/**
 * @brief Tear a created GPADL down: GPADL_TEARDOWN (VMBP-CONN-123).
 * @param g      machine
 * @param relid  its channel
 * @param handle the GPADL
 * @param out    output: one message
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_UNKNOWN_GPADL,
 * VMBP_E_SEQ_GPADL_STATE, VMBP_E_SEQ_CONN_STATE, VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_gpadl_teardown(struct vmbp_conn_guest *g,
                                                                uint32_t relid, uint32_t handle,
                                                                struct vmbp_conn_out *out);

/**
 * @brief Open a channel: OPEN_CHANNEL in the form the features select (VMBP-CONN-118).
 * @param g   machine
 * @param p   parameters
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_RESCINDED, VMBP_E_SEQ_CHAN_STATE,
 * VMBP_E_SEQ_UNKNOWN_GPADL, VMBP_E_SEQ_GPADL_STATE, VMBP_E_SEQ_GPADL_MEMORY,
 * VMBP_E_SEQ_CONN_STATE, VMBP_E_SEQ_PAUSED; VMBP_E_FIELD_RANGE (downstream offset);
 * VMBP_E_FEATURE (signal parameters or flags without their feature); VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_open(struct vmbp_conn_guest *g,
                                                      const struct vmbp_conn_open_params *p,
                                                      struct vmbp_conn_out *out);

/**
 * @brief Close an open channel: CLOSE_CHANNEL, unless the host rescinded it (VMBP-CONN-120,
 * VMBP-CONN-116). The ring GPADL stays created until torn down.
 * @param g     machine
 * @param relid channel
 * @param out   output: at most one message
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_CHAN_STATE, VMBP_E_SEQ_CONN_STATE,
 * VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status
vmbp_conn_guest_close(struct vmbp_conn_guest *g, uint32_t relid, struct vmbp_conn_out *out);

/**
 * @brief Release a rescinded, closed channel: RELID_RELEASED (VMBP-CONN-116). Its GPADLs
 * are forgotten, a pending modify cancelled, and its ID may be offered again.
 * @param g     machine
 * @param relid channel
 * @param out   output: one message, a CANCELLED event for a pending modify
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_NOT_RESCINDED,
 * VMBP_E_SEQ_CHAN_STATE, VMBP_E_SEQ_PENDING, VMBP_E_SEQ_CONN_STATE, VMBP_E_SEQ_PAUSED;
 * VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status
vmbp_conn_guest_release(struct vmbp_conn_guest *g, uint32_t relid, struct vmbp_conn_out *out);

/**
 * @brief Move an open channel's interrupt: MODIFY_CHANNEL (VMBP-CONN-125).
 * @param g         machine
 * @param relid     channel
 * @param target_vp new VP (not VMBP_VP_INDEX_DISABLE_INTERRUPT)
 * @param out       output: one message
 * @return VMBP_OK; VMBP_E_VERSION below 4.1; VMBP_E_FIELD_RANGE; VMBP_E_SEQ_UNKNOWN_RELID,
 * VMBP_E_SEQ_RESCINDED, VMBP_E_SEQ_CHAN_STATE, VMBP_E_SEQ_PENDING, VMBP_E_SEQ_CONN_STATE,
 * VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_modify_channel(struct vmbp_conn_guest *g,
                                                                uint32_t relid,
                                                                uint32_t target_vp,
                                                                struct vmbp_conn_out *out);

/**
 * @brief Replace the monitor pages: MODIFY_CONNECTION (VMBP-CONN-126).
 * @param g             machine
 * @param monitor_page1 new parent-to-child monitor page GPA
 * @param monitor_page2 new child-to-parent monitor page GPA
 * @param out           output: one message
 * @return VMBP_OK; VMBP_E_FEATURE without MODIFY_CONNECTION; VMBP_E_SEQ_PENDING,
 * VMBP_E_SEQ_CONN_STATE, VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_modify_connection(struct vmbp_conn_guest *g,
                                                                   uint64_t monitor_page1,
                                                                   uint64_t monitor_page2,
                                                                   struct vmbp_conn_out *out);

/**
 * @brief Ask the host to stop sending messages: PAUSE (VMBP-CONN-127).
 * @param g   machine, connected and not paused
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_FEATURE without PAUSE_RESUME; VMBP_E_SEQ_CONN_STATE,
 * VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_pause(struct vmbp_conn_guest *g,
                                                       struct vmbp_conn_out *out);

/**
 * @brief Let the host send again: RESUME (VMBP-CONN-127).
 * @param g   machine, paused (PAUSE_RESPONSE received)
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE when not paused; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_resume(struct vmbp_conn_guest *g,
                                                        struct vmbp_conn_out *out);

/**
 * @brief End the connection: UNLOAD (VMBP-CONN-128); UNLOAD_COMPLETE ends it. Not at 0.13,
 * which has no UNLOAD_COMPLETE (reset the machine when the VM restarts instead).
 * @param g   machine, connected
 * @param out output: one message
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE; VMBP_E_VERSION at 0.13; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_unload(struct vmbp_conn_guest *g,
                                                        struct vmbp_conn_out *out);

/**
 * @brief Feed a message from the host, decoded by the codec with vmbp_conn_guest_ctx().
 *
 * The message's type and variant are checked again against the negotiated state and the
 * direction (VMBP-CONN-101), then against the connection and channel state.
 * @param g   machine
 * @param m   decoded message
 * @param out output
 * @return VMBP_OK; a codec status (VMBP_E_DIRECTION, VMBP_E_NOT_NEGOTIATED, VMBP_E_VERSION,
 * VMBP_E_FEATURE, VMBP_E_CONFIDENTIAL, ...); a sequence status; VMBP_E_NOSPACE. On any
 * failure nothing changed; vmbp_conn_guest_last_rule() names the rule.
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_receive(struct vmbp_conn_guest *g,
                                                         const struct vmbp_msg *m,
                                                         struct vmbp_conn_out *out);

/**
 * @brief Decode a message from the host (a private copy of the SynIC payload) with the
 * negotiated state and feed it (vmbp_conn_guest_receive()).
 * @param g   machine
 * @param buf message bytes
 * @param len bytes at @p buf
 * @param out output
 * @return as vmbp_conn_guest_receive(), and every status of vmbp_msg_decode()
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_receive_bytes(struct vmbp_conn_guest *g,
                                                               const void *buf, size_t len,
                                                               struct vmbp_conn_out *out);

/**
 * @brief Apply a message a guest sent, as the action that produces it (a monitor or a
 * trace checker observing a guest). The machine must have been initialised with
 * VMBP_CONN_GUEST_F_REPLAY. INITIATE_CONTACT connects (proposing its version, then every
 * older one) or, after a refusal, names the proposal the guest made (it must be older than
 * the refused one); GPADL_HEADER and GPADL_BODY create a GPADL whose memory is not known;
 * the other messages are the actions of the same name. No message is appended: the trace
 * holds them.
 * @param g   machine
 * @param m   the guest's message, decoded with vmbp_conn_guest_ctx()
 * @param out output (events)
 * @return VMBP_OK, or the status the action returns (VMBP_E_DIRECTION for a host message,
 * VMBP_E_UNSUPPORTED for types the machine does not follow: reserved channels)
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_replay(struct vmbp_conn_guest *g,
                                                        const struct vmbp_msg *m,
                                                        struct vmbp_conn_out *out);

/**
 * @brief The negotiated state, for decoding the host's messages (version 0 before).
 * @param g machine
 * @return the context (NULL for a NULL machine)
 */
const struct vmbp_ctx *vmbp_conn_guest_ctx(const struct vmbp_conn_guest *g);

/**
 * @brief The monitor pages the connection uses (VMBP-CONN-140): the guest's own from
 * vmbp_conn_guest_connect(), the host's when the VERSION_RESPONSE provided them
 * (SERVER_SPECIFIED_MONITOR_PAGES, checked by vmbp_confidential_monitor_pages_check()), or
 * those of the last MODIFY_CONNECTION the host accepted.
 * @param g               machine
 * @param parent_to_child receives the parent-to-child page GPA (or 0)
 * @param child_to_parent receives the child-to-parent page GPA (or 0: monitored
 *                        notification is not used)
 * @return VMBP_OK; VMBP_E_SEQ_CONN_STATE before a connection; VMBP_E_INVAL for a NULL
 * argument
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_monitor_pages(const struct vmbp_conn_guest *g,
                                                               uint64_t *parent_to_child,
                                                               uint64_t *child_to_parent);

/**
 * @brief The connection state.
 * @param g machine
 * @return `enum vmbp_conn_state` (DISCONNECTED for a NULL machine)
 */
enum vmbp_conn_state vmbp_conn_guest_state(const struct vmbp_conn_guest *g);

/**
 * @brief Whether the connection is paused: 0 no, 1 PAUSE sent, 2 PAUSE_RESPONSE received.
 * @param g machine
 * @return 0, 1 or 2 (0 for a NULL machine)
 */
int vmbp_conn_guest_paused(const struct vmbp_conn_guest *g);

/**
 * @brief The VP the host's messages arrive on: the proposal's target VP from 3.0, else 0
 * (OpenVMM `channels.rs`: "Originally, messages were always sent to processor zero").
 * @param g machine
 * @return VP index (0 for a NULL machine)
 */
uint32_t vmbp_conn_guest_message_vp(const struct vmbp_conn_guest *g);

/**
 * @brief Look a channel up.
 * @param g     machine
 * @param relid channel ID
 * @param info  receives the channel
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID; VMBP_E_INVAL
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_chan(const struct vmbp_conn_guest *g,
                                                      uint32_t relid,
                                                      struct vmbp_conn_chan_info *info);

/**
 * @brief Look a GPADL up.
 * @param g      machine
 * @param handle GPADL handle
 * @param info   receives the GPADL
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_GPADL; VMBP_E_INVAL
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_gpadl(const struct vmbp_conn_guest *g,
                                                       uint32_t handle,
                                                       struct vmbp_conn_gpadl_info *info);

/**
 * @brief The rule of spec/conn.md (or of the codec's pages) that refused the last call.
 * @param g machine
 * @return "VMBP-CONN-nnn" or another rule ID; NULL when the last call succeeded, or failed
 * for a reason that is not a rule (VMBP_E_INVAL, or VMBP_E_NOSPACE for a full output)
 */
const char *vmbp_conn_guest_last_rule(const struct vmbp_conn_guest *g);

/**
 * @brief Check the machine's invariants (VMBP-CONN-129): tables, counts and the links
 * between channels, GPADLs and pending requests.
 * @param g machine
 * @return VMBP_OK, or VMBP_E_STATE naming nothing more (a bug of this library)
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_guest_check(const struct vmbp_conn_guest *g);

/* ---- host ------------------------------------------------------------------------------ */

/** @brief A host channel slot; caller-allocated, members private. */
struct vmbp_conn_hchan {
    struct vmbp_offer offer; /**< the offer as registered (relid in @c child_relid) */
    uint32_t open_id;        /**< open ID of the open */
    uint32_t ring_gpadl;     /**< ring GPADL of the open */
    uint32_t target_vp;      /**< channel interrupt VP */
    uint8_t state;           /**< `enum vmbp_conn_chan_state` */
    uint8_t flags;           /**< VMBP_CONN_CHAN_F_* (RESCINDED: revoked) */
    uint8_t sent;            /**< offered on this connection */
    uint8_t pad;             /**< zero */
};

/** @brief A host GPADL slot; caller-allocated, members private. */
struct vmbp_conn_hgpadl {
    struct vmbp_gpadl_reasm reasm; /**< reassembly into the slot's word storage */
    uint32_t handle;               /**< GPADL handle; 0: free */
    uint32_t relid;                /**< its channel */
    uint8_t state;                 /**< `enum vmbp_conn_gpadl_state` */
    uint8_t pad[3];                /**< zero */
};

/** @brief Tables and policy of a host machine (vmbp_conn_host_init()). */
struct vmbp_conn_host_config {
    struct vmbp_conn_hchan *channels; /**< channel table */
    uint32_t nchannels;               /**< its slots, 1..VMBP_CONN_CHANNELS_MAX */
    struct vmbp_conn_hgpadl *gpadls;  /**< GPADL table */
    uint32_t ngpadls;                 /**< its slots, 1..VMBP_CONN_GPADLS_MAX */
    uint64_t *words;                  /**< range-data storage: @c words_per_gpadl words for
                                           each GPADL slot */
    uint32_t words_per_gpadl;         /**< 1..VMBP_GPADL_MAX_WORDS; larger GPADLs are
                                           refused (GPADL_CREATED with a failure) */
    uint32_t max_version;             /**< newest version accepted; 0: 6.0 */
    uint32_t min_version;             /**< oldest version accepted; 0: 0.13 */
    uint32_t features;                /**< 6.0 features supported (CONFIDENTIAL_CHANNELS
                                           only for a trusted contact) */
    uint32_t msg_conn_id;             /**< connection ID handed out from 5.0; 0: 1 */
    /** Monitor pages the host provides to a guest that requests SERVER_SPECIFIED_MONITOR_PAGES
     *  (VMBP-CONN-141): parent-to-child (may be 0) and child-to-parent GPAs, 4 KiB aligned
     *  and distinct. Child-to-parent 0: the feature is never granted. */
    uint64_t monitor_page1;
    uint64_t monitor_page2; /**< see @c monitor_page1 */
};

/** @brief A host (VMBus server) machine. Caller-allocated; members private. */
struct vmbp_conn_host {
    struct vmbp_conn_hchan *chans;   /**< channel table */
    struct vmbp_conn_hgpadl *gpadls; /**< GPADL table */
    uint64_t *words;                 /**< range-data storage */
    uint32_t nchans;                 /**< channel slots */
    uint32_t ngpadls;                /**< GPADL slots */
    uint32_t words_per_gpadl;        /**< words per GPADL slot */
    uint32_t max_version;            /**< newest version accepted */
    uint32_t min_version;            /**< oldest version accepted */
    uint32_t features;               /**< features supported */
    uint32_t msg_conn_id;            /**< connection ID handed out */
    uint64_t monitor_page1;          /**< parent-to-child page provided (config) */
    uint64_t monitor_page2;          /**< child-to-parent page provided (config; 0: none) */
    struct vmbp_ctx ctx;             /**< negotiated version and features */
    uint32_t nchan_live;             /**< channels in the table */
    uint32_t ngpadl_live;            /**< GPADLs in the table */
    const char *rule;                /**< rule of the last refusal, or NULL */
    uint8_t state;                   /**< `enum vmbp_conn_state` */
    uint8_t paused;                  /**< PAUSE answered, RESUME not yet */
    uint8_t trusted;                 /**< the contact was trusted */
    uint8_t pages_given;             /**< the contact was given the monitor pages */
};

/**
 * @brief Prepare a host machine: DISCONNECTED, no channel.
 * @param h   machine
 * @param cfg tables and policy
 * @return VMBP_OK; VMBP_E_INVAL for a NULL argument, bad sizes or versions
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_init(struct vmbp_conn_host *h,
                                                     const struct vmbp_conn_host_config *cfg);

/**
 * @brief Register a channel and offer it at once if the guest requested offers on this
 * connection, else at REQUEST_OFFERS (VMBP-CONN-132).
 * @param h     machine
 * @param offer the offer; @c child_relid 1..2047 not in use, or 0 to take the lowest free
 * @param relid receives the channel ID (may be NULL)
 * @param out   output: at most one message
 * @return VMBP_OK; VMBP_E_SEQ_RELID_IN_USE, VMBP_E_SEQ_DUPLICATE_OFFER, VMBP_E_SEQ_PAUSED;
 * VMBP_E_INVAL; VMBP_E_NOSPACE (table or output full)
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_offer(struct vmbp_conn_host *h,
                                                      const struct vmbp_offer *offer,
                                                      uint32_t *relid,
                                                      struct vmbp_conn_out *out);

/**
 * @brief Rescind a channel (VMBP-CONN-133): device GPADLs pending are failed first, a
 * pending open is dropped, then RESCIND_CHANNEL_OFFER; the ID stays taken until the guest
 * releases it. A channel not offered on this connection is just removed.
 * @param h     machine
 * @param relid channel
 * @param out   output
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID, VMBP_E_SEQ_RESCINDED, VMBP_E_SEQ_PAUSED;
 * VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status
vmbp_conn_host_rescind(struct vmbp_conn_host *h, uint32_t relid, struct vmbp_conn_out *out);

/**
 * @brief Answer an OPEN_REQUEST: OPEN_CHANNEL_RESULT with @p ntstatus (0 opens).
 * @param h        machine
 * @param relid    channel
 * @param ntstatus NTSTATUS
 * @param out      output: one message
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID; VMBP_E_SEQ_NO_REQUEST when no open is
 * pending (rescinded or unloaded since); VMBP_E_SEQ_PAUSED; VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_open_complete(struct vmbp_conn_host *h,
                                                              uint32_t relid, uint32_t ntstatus,
                                                              struct vmbp_conn_out *out);

/**
 * @brief Answer a GPADL_READY: GPADL_CREATED with @p ntstatus (0 creates).
 * @param h        machine
 * @param relid    channel
 * @param handle   GPADL
 * @param ntstatus NTSTATUS
 * @param out      output: one message
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_GPADL; VMBP_E_SEQ_NO_REQUEST; VMBP_E_SEQ_PAUSED;
 * VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_gpadl_complete(struct vmbp_conn_host *h,
                                                               uint32_t relid, uint32_t handle,
                                                               uint32_t ntstatus,
                                                               struct vmbp_conn_out *out);

/**
 * @brief Feed a message from the guest, decoded with vmbp_conn_host_ctx().
 *
 * Where the protocol has an answer for a refused request (GPADL_CREATED, OPEN_CHANNEL_RESULT
 * or MODIFY_CHANNEL_RESPONSE with STATUS_UNSUCCESSFUL, VERSION_RESPONSE refusing) the host
 * gives it, as OpenVMM does, and returns the status of the guest's violation; otherwise a
 * refused message gets no answer (VMBP-CONN-134).
 * @param h       machine
 * @param m       decoded message
 * @param trusted it came without host-visible mechanisms in a hardware-isolated VM
 * @param out     output
 * @return VMBP_OK; a codec or sequence status (the host's state unchanged); VMBP_E_NOSPACE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_receive(struct vmbp_conn_host *h,
                                                        const struct vmbp_msg *m, bool trusted,
                                                        struct vmbp_conn_out *out);

/**
 * @brief Decode a message from the guest with the negotiated state and feed it.
 * @param h       machine
 * @param buf     message bytes
 * @param len     bytes at @p buf
 * @param trusted see vmbp_conn_host_receive()
 * @param out     output
 * @return as vmbp_conn_host_receive(), and every status of vmbp_msg_decode()
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_receive_bytes(struct vmbp_conn_host *h,
                                                              const void *buf, size_t len,
                                                              bool trusted,
                                                              struct vmbp_conn_out *out);

/**
 * @brief The negotiated state, for decoding the guest's messages.
 * @param h machine
 * @return the context (NULL for a NULL machine)
 */
const struct vmbp_ctx *vmbp_conn_host_ctx(const struct vmbp_conn_host *h);

/**
 * @brief The connection state (DISCONNECTED, CONNECTED, REQUESTING not used: READY once
 * offers were requested).
 * @param h machine
 * @return `enum vmbp_conn_state` (DISCONNECTED for a NULL machine)
 */
enum vmbp_conn_state vmbp_conn_host_state(const struct vmbp_conn_host *h);

/**
 * @brief Look a channel up.
 * @param h     machine
 * @param relid channel ID
 * @param info  receives the channel
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_RELID; VMBP_E_INVAL
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_chan(const struct vmbp_conn_host *h,
                                                     uint32_t relid,
                                                     struct vmbp_conn_chan_info *info);

/**
 * @brief Look a GPADL up; for a created one, its reassembled ranges are read with
 * vmbp_conn_host_gpadl_ranges().
 * @param h      machine
 * @param relid  its channel
 * @param handle GPADL handle
 * @param info   receives the GPADL
 * @return VMBP_OK; VMBP_E_SEQ_UNKNOWN_GPADL; VMBP_E_INVAL
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_gpadl(const struct vmbp_conn_host *h,
                                                      uint32_t relid, uint32_t handle,
                                                      struct vmbp_conn_gpadl_info *info);

/**
 * @brief The reassembly of a complete GPADL (vmbp_gpadl_reasm_range() reads its ranges).
 * @param h      machine
 * @param relid  its channel
 * @param handle GPADL handle
 * @return the reassembler, or NULL when the GPADL does not exist or is not complete
 */
const struct vmbp_gpadl_reasm *vmbp_conn_host_gpadl_ranges(const struct vmbp_conn_host *h,
                                                           uint32_t relid, uint32_t handle);

/**
 * @brief The rule that refused the last call.
 * @param h machine
 * @return a rule ID, or NULL when the last call succeeded
 */
const char *vmbp_conn_host_last_rule(const struct vmbp_conn_host *h);

/**
 * @brief Check the host machine's invariants.
 * @param h machine
 * @return VMBP_OK or VMBP_E_STATE
 */
VMBP_MUST_CHECK enum vmbp_status vmbp_conn_host_check(const struct vmbp_conn_host *h);

/* ---- names ----------------------------------------------------------------------------- */

/**
 * @brief Name of a connection state, e.g. "CONTACTING".
 * @param s state
 * @return a static string; "?" for other values
 */
const char *vmbp_conn_state_name(enum vmbp_conn_state s);

/**
 * @brief Name of a channel state, e.g. "OPENING".
 * @param s state
 * @return a static string; "?" for other values
 */
const char *vmbp_conn_chan_state_name(enum vmbp_conn_chan_state s);

/**
 * @brief Name of a GPADL state, e.g. "TEARING_DOWN".
 * @param s state
 * @return a static string; "?" for other values
 */
const char *vmbp_conn_gpadl_state_name(enum vmbp_conn_gpadl_state s);

/**
 * @brief Name of an event kind, e.g. "OPEN_RESULT".
 * @param k kind
 * @return a static string; "?" for other values
 */
const char *vmbp_conn_event_name(enum vmbp_conn_event_kind k);

/**
 * @brief Name of a request kind, e.g. "GPADL_CREATE".
 * @param r request
 * @return a static string; "?" for other values
 */
const char *vmbp_conn_request_name(enum vmbp_conn_request r);

#if defined(__cplusplus)
}
#endif

/** @} */

#endif /* VMBP_VMBP_CONN_H */
