/* hello.h: the example kernel's parts. */
#ifndef HELLO_H
#define HELLO_H

#include <stdint.h>

#include "console.h"
#include "elfboot.h"

void print_boot_info(const struct elfboot_info *info);    /* bootinfo.c */
void draw_greeting(const struct elfboot_framebuffer *fb); /* draw.c */

#endif
