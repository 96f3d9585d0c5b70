#!/usr/bin/env bash
# Turns the C blocks of the protocol text (docs/protocol.md) into a header of
# `proto_`-prefixed copies, plus X-macro lists of every struct field and constant, so
# that test_header.c can compare the text with include/elfboot.h by offsetof and value.
set -euo pipefail
exec perl -0777 -ne '
    my $code = join "\n", /```c\n(.*?)```/gs;
    $code =~ s{/\*.*?\*/}{}gs;
    $code =~ s/\bstruct\s+elfboot_/struct proto_elfboot_/g;
    $code =~ s/\bELFBOOT_/PROTO_ELFBOOT_/g;
    print "/* Generated from docs/protocol.md by tests/core/protocol-structs.sh */\n";
    print "#include <stdint.h>\n$code\n";
    my @fields;
    while ($code =~ /struct\s+proto_(\w+)\s*\{(.*?)\};/gs) {
        my ($name, $body) = ($1, $2);
        for my $decl (split /;/, $body) {
            $decl =~ s/^\s+|\s+$//g;
            next unless length $decl;
            $decl =~ s/^(?:struct\s+)?\w+\s+//;          # the type
            for my $f (split /\s*,\s*/, $decl) {
                $f =~ s/\[.*\]//;
                push @fields, "X($name, $f)";
            }
        }
    }
    my %seen;
    my @consts = grep { !$seen{$_}++ } ($code =~ /\bPROTO_(ELFBOOT_\w+)\b/g);
    print "#define PROTO_FIELDS(X) \\\n    ", join(" \\\n    ", @fields), "\n";
    print "#define PROTO_CONSTS(X) \\\n    ", join(" \\\n    ", map {"X($_)"} @consts), "\n";
' "$1"
