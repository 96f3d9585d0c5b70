/* messages.h: the words both loaders fail with, so that a user sees one shape whatever
 * the firmware (README.md, "When something goes wrong", quotes them; the failure tests
 * in tests/boot/ expect them).
 *
 *   elfboot: error: WHAT
 *   elfboot: stopped; power off or reset the machine.
 *
 * WHAT names the file (`kernel /boot/kernel.elf: ...`, `module: file not found: PATH`),
 * the config line (the core's `elfboot.cfg line N: ...`), the address (the core's
 * `kernel segment at physical 0x...`) or the firmware's status (`BIOS status 0x01`, an
 * EFI status), as it applies. Nothing else is printed after the second line: the loader
 * halts (never returns to the firmware, which would boot the next device).
 */
#ifndef EB_MESSAGES_H
#define EB_MESSAGES_H

#define EB_MSG_ERROR "elfboot: error: "
#define EB_MSG_STOPPED "elfboot: stopped; power off or reset the machine."

/* A file the config names that is not on the boot partition: WHAT ("config", "kernel",
 * "module"), then the path. */
#define EB_MSG_FILE_NOT_FOUND "%s: file not found: %s"

/* A file larger than the free memory: WHAT, path, size (eb_format_size), and why. */
#define EB_MSG_FILE_TOO_BIG "%s %s (%s) does not fit in memory%s"

/* No framebuffer, and why; the kernel gets none (phys 0) and the boot goes on. */
#define EB_MSG_NO_FRAMEBUFFER "video: no framebuffer: "

/* The mode the config or the kernel asked for does not exist: width, height, then the
 * largest size eb_pick_video_mode takes instead. */
#define EB_MSG_NO_SUCH_MODE "video: no %ux%u mode; using the largest up to %ux%u"

#endif /* EB_MESSAGES_H */
