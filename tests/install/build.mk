# tests/install/: make install PREFIX=... (and DESTDIR) puts one working tool and the
# protocol header where a user's build finds them.
TEST_SUITES += tests/install/install.sh
