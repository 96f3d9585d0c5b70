# rust/: the `elfboot` crate for Rust kernels (rust/elfboot/), the Rust example kernel
# (examples/rust-kernel/) and their suites. Cargo builds them (offline, everything under
# $(BUILD)/rust); the suites say "skipped" when cargo is missing. docs/rust.md explains.

RUST_SUITES := tests/rust/crate.sh tests/rust/example.sh tests/rust/bootimage.sh \
               tests/rust/docs.sh
TEST_SUITES += $(RUST_SUITES)

RUST_CARGO_ENV := CARGO_HOME=$(abspath $(BUILD))/rust/cargo-home CARGO_NET_OFFLINE=true

# `make rust`: the crate and the example kernel, as `cargo build` makes them.
.PHONY: rust
rust:
	cd rust/elfboot && $(RUST_CARGO_ENV) CARGO_TARGET_DIR=$(abspath $(BUILD))/rust/crate-target \
	    cargo build --offline
	cd examples/rust-kernel && $(RUST_CARGO_ENV) \
	    CARGO_TARGET_DIR=$(abspath $(BUILD))/rust/kernel-target cargo build --offline
