/* SPDX-License-Identifier: MIT */
/* A consumer of the library: decodes a little-endian word and checks a status string. */
#include <vmbus_proto/vmbus_proto.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    static const unsigned char wire[4] = {0x00, 0x00, 0x06, 0x00};

    if (vmbp_load_le32(wire) != 0x00060000u) {
        puts("consumer: wrong decode");
        return 1;
    }
    if (strncmp(vmbp_status_str(VMBP_E_TRUNCATED), "E_TRUNCATED", 11) != 0) {
        puts("consumer: wrong status string");
        return 1;
    }
    printf("consumer: vmbus_proto API 0x%08x works\n", (unsigned)VMBP_API_VERSION);
    return 0;
}
