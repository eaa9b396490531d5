//! Tells the code whether it is built for size (opt-level "s" or "z", as
//! the browser's score part and the other parts are): the JSON writer then
//! copies text as slices, a `memory.copy` each in wasm, where a build for
//! speed copies it eight bytes at a time. At "z" an 8-byte append is not
//! inlined but a call that copies, so words would cost more than slices.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(opt_size)");
    println!("cargo::rerun-if-changed=build.rs");
    if matches!(std::env::var("OPT_LEVEL").as_deref(), Ok("s" | "z")) {
        println!("cargo::rustc-cfg=opt_size");
    }
}
