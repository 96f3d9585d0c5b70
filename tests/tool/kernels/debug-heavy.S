/* debug-heavy.S: a few loaded bytes and 1 MiB of debug information: `elfboot check`
 * warns that the file is mostly debug sections (strip it to make images smaller). */
    .section .debug_info, "", @progbits
    .fill 1048576, 1, 0x5a
    .section .note.GNU-stack, "", @progbits
