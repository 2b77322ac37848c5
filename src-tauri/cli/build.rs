//! A release build for x86_64 Linux lays out the code that creating a
//! database and exporting the sample run as one stretch of the binary, in
//! the order of `hot-code.txt` (written by `scripts/hot-code.sh`). Spread
//! over the whole `.text`, those functions kept ~10 MiB of code resident,
//! because the kernel maps up to 64 KiB of cached pages around each page a
//! run touches; laid out together they keep ~4 MiB.
//!
//! The file names functions as this toolchain and this lock file mangle
//! them. A name the binary no longer has is skipped, so a stale file costs
//! memory, never a failed link; `scripts/hot-code.sh --check` says how much
//! of it still matches. Only LLD reads the file. rustup's toolchains link
//! with their own LLD on this target; another linker, or a toolchain
//! without it, gets the default layout.

use std::env;
use std::path::Path;
use std::process::Command;

const TARGET: &str = "x86_64-unknown-linux-gnu";

fn main() {
    println!("cargo::rerun-if-changed=hot-code.txt");
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    let here = env::var("TARGET").is_ok_and(|t| t == TARGET) && env::var("HOST").is_ok_and(|h| h == TARGET);
    if release && here && links_with_rusts_lld() {
        let file = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("hot-code.txt");
        println!(
            "cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}",
            file.display()
        );
        println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
    }
}

/// Whether rustc links with the LLD it ships: no linker or linker flags
/// are configured, and the toolchain has its `gcc-ld/ld.lld`.
fn links_with_rusts_lld() -> bool {
    if env::var_os("RUSTC_LINKER").is_some() || env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|f| f.contains("link")) {
        return false;
    }
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(out) = Command::new(rustc).args(["--print", "sysroot"]).output() else {
        return false;
    };
    let sysroot = String::from_utf8_lossy(&out.stdout);
    Path::new(sysroot.trim())
        .join(format!("lib/rustlib/{TARGET}/bin/gcc-ld/ld.lld"))
        .is_file()
}
