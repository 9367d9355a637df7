/* SPDX-License-Identifier: MIT */
/* vmbp-inspect: decode VMBus messages, registers and ring images (see vmbp-inspect(1)). */
#include <stdio.h>

#include "inspect.h"

int main(int argc, char **argv)
{
    return vmbpi_main(argc, argv, stdout, stderr);
}
