//! The events analysis built natively as a Node addon, so that
//! bench/events.mjs can run it in the same Node process as the wasm build and
//! DuckDB-Wasm, on the same typed arrays: the native ceiling.
//!
//! A minimal hand-written Node-API binding (no binding crate): the few
//! `napi_*` functions it needs are declared below from Node's
//! `js_native_api.h`; on Linux they stay undefined in the shared object and
//! are resolved from the `node` binary when it loads the addon (as napi-rs
//! addons are). Exports:
//!
//! - `analyzeEvents(userIds: Uint32Array, timestamps: Float64Array,
//!   optionsJson?: string): string`: `analyze_events` on the typed arrays'
//!   own memory (borrowed, not copied), options read as the wasm build reads
//!   them (`RawValue` + `EventsConfig::from_raw`), the result as a JSON string
//!   (`serde_json`); errors are thrown as JS `Error`s;
//! - `analyzeEventColumns(userIds: Uint32Array, timestamps: Float64Array,
//!   codes: Uint32Array | null, dictionaryJson: string | null,
//!   sessionIds: Uint32Array | null, optionsJson?: string): string`: the
//!   object form, `analyze_event_columns` (event names as codes into a
//!   dictionary given as a JSON array of strings, session ids with
//!   0xFFFFFFFF for none); the typed arrays are read in place and copied into
//!   the `Vec`s that `EventColumns` owns (the core compacts them in place),
//!   as the wasm build copies them into its memory; the result as JSON;
//! - `heapCurrentBytes(): number`, `heapPeakBytes(): number`,
//!   `resetHeapPeak(): void`: the bytes of Rust heap this addon holds now and
//!   at most since the last reset, counted by its global allocator.
//!
//! Build and load:
//!
//! ```text
//! cargo build --profile bench-native --example node_addon
//! node -e "const m = { exports: {} }; process.dlopen(m, 'target/bench-native/examples/libnode_addon.so'); console.log(m.exports)"
//! ```
//!
//! Panics are caught at the boundary (never unwound into Node) with the
//! `bench-native` profile (`panic = "unwind"`); with `release`
//! (`panic = "abort"`) a panic aborts the process instead.
use market_validation::events::{
    analyze_event_columns, analyze_events, EventColumns, EventNames, EventsConfig,
};
use market_validation::RawValue;
use std::alloc::{GlobalAlloc, Layout, System};
use std::ffi::{c_char, c_int, c_void, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicUsize, Ordering};

// ------------------------------------------------------------ the counting allocator

/// The system allocator, counting the bytes of live blocks and their peak.
struct CountingAllocator;

/// Bytes of live heap blocks now.
static CURRENT: AtomicUsize = AtomicUsize::new(0);
/// The most `CURRENT` has been since the last `resetHeapPeak()`.
static PEAK: AtomicUsize = AtomicUsize::new(0);

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn count_added(bytes: usize) {
    let now = CURRENT.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn count_removed(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method hands its arguments unchanged to `System` and returns
// what `System` returns; the counting touches only the two atomics (it never
// allocates), so the `GlobalAlloc` contract is `System`'s.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `alloc`'s contract (a non-zero size),
        // which is `System.alloc`'s.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count_added(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            count_added(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller passes a block this allocator (that is, `System`)
        // gave out, with the layout it was allocated with.
        unsafe { System.dealloc(ptr, layout) };
        count_removed(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `realloc`'s contract (a block from this
        // allocator, its layout, a valid non-zero new size), `System`'s too.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            // Failed: the old block is untouched.
        } else if p != ptr {
            // Moved: both blocks existed while the contents were copied.
            count_added(new_size);
            count_removed(layout.size());
        } else if new_size >= layout.size() {
            count_added(new_size - layout.size());
        } else {
            count_removed(layout.size() - new_size);
        }
        p
    }
}

// ------------------------------------------------------------ Node-API declarations

/// `napi_env`: an opaque pointer.
type NapiEnv = *mut c_void;
/// `napi_value`: an opaque pointer.
type NapiValue = *mut c_void;
/// `napi_callback_info`: an opaque pointer.
type NapiCallbackInfo = *mut c_void;
/// `napi_status`: a C enum (an `int`); 0 is `napi_ok`.
type NapiStatus = c_int;
/// `napi_callback`.
type NapiCallback = unsafe extern "C" fn(env: NapiEnv, info: NapiCallbackInfo) -> NapiValue;

const NAPI_OK: NapiStatus = 0;
// `napi_valuetype`.
const NAPI_UNDEFINED: c_int = 0;
const NAPI_NULL: c_int = 1;
const NAPI_STRING: c_int = 4;
// `napi_typedarray_type`.
const NAPI_UINT32_ARRAY: c_int = 6;
const NAPI_FLOAT64_ARRAY: c_int = 8;

// Signatures as in Node's js_native_api.h (Node-API version 1); every
// function returns a `napi_status`.
unsafe extern "C" {
    fn napi_get_cb_info(
        env: NapiEnv,
        cbinfo: NapiCallbackInfo,
        argc: *mut usize,
        argv: *mut NapiValue,
        this_arg: *mut NapiValue,
        data: *mut *mut c_void,
    ) -> NapiStatus;
    fn napi_typeof(env: NapiEnv, value: NapiValue, result: *mut c_int) -> NapiStatus;
    fn napi_get_typedarray_info(
        env: NapiEnv,
        typedarray: NapiValue,
        kind: *mut c_int,
        length: *mut usize,
        data: *mut *mut c_void,
        arraybuffer: *mut NapiValue,
        byte_offset: *mut usize,
    ) -> NapiStatus;
    fn napi_get_value_string_utf8(
        env: NapiEnv,
        value: NapiValue,
        buf: *mut c_char,
        bufsize: usize,
        result: *mut usize,
    ) -> NapiStatus;
    fn napi_create_string_utf8(
        env: NapiEnv,
        str: *const c_char,
        length: usize,
        result: *mut NapiValue,
    ) -> NapiStatus;
    fn napi_create_double(env: NapiEnv, value: f64, result: *mut NapiValue) -> NapiStatus;
    fn napi_get_undefined(env: NapiEnv, result: *mut NapiValue) -> NapiStatus;
    fn napi_create_function(
        env: NapiEnv,
        utf8name: *const c_char,
        length: usize,
        cb: Option<NapiCallback>,
        data: *mut c_void,
        result: *mut NapiValue,
    ) -> NapiStatus;
    fn napi_set_named_property(
        env: NapiEnv,
        object: NapiValue,
        utf8name: *const c_char,
        value: NapiValue,
    ) -> NapiStatus;
    fn napi_throw_error(env: NapiEnv, code: *const c_char, msg: *const c_char) -> NapiStatus;
}

/// Turns a `napi_status` into a `Result` naming the call that failed.
fn check(status: NapiStatus, what: &str) -> Result<(), String> {
    if status == NAPI_OK {
        Ok(())
    } else {
        Err(format!("{what} failed (napi_status {status})"))
    }
}

/// Runs a callback's body, turning an error or a panic into a thrown JS
/// `Error` (and a null return, which JS sees as undefined): nothing unwinds
/// across the FFI boundary.
///
/// # Safety
///
/// `env` must be the environment Node passed to the running callback.
unsafe fn guard(env: NapiEnv, body: impl FnOnce() -> Result<NapiValue, String>) -> NapiValue {
    let message = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(value)) => return value,
        Ok(Err(message)) => message,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            format!("node_addon panicked: {what}")
        }
    };
    let message = CString::new(message.replace('\0', " ")).unwrap_or_default();
    // SAFETY: `env` is the callback's environment (the caller's promise);
    // `message` is a NUL-terminated string that outlives the call, and a null
    // `code` is allowed.
    unsafe { napi_throw_error(env, ptr::null(), message.as_ptr()) };
    ptr::null_mut()
}

/// The callback's arguments, up to `N` (missing ones are `undefined`).
///
/// # Safety
///
/// `env` and `info` must be those Node passed to the running callback.
unsafe fn arguments<const N: usize>(
    env: NapiEnv,
    info: NapiCallbackInfo,
) -> Result<[NapiValue; N], String> {
    let mut argv = [ptr::null_mut(); N];
    let mut argc = N;
    // SAFETY: `argv` has room for `argc` values; `this_arg` and `data` may be null.
    let status = unsafe {
        napi_get_cb_info(
            env,
            info,
            &mut argc,
            argv.as_mut_ptr(),
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    check(status, "napi_get_cb_info")?;
    Ok(argv)
}

/// A typed array's elements, borrowed from its ArrayBuffer.
///
/// # Safety
///
/// `env` must be the running callback's environment and `value` a value of
/// it. The slice is valid only while no JavaScript runs (JS could detach,
/// resize or write the buffer), that is until the callback next calls into
/// Node in a way that can run JS or allocate JS objects; the caller must not
/// keep it beyond that. `T` must be the element type that `kind` names.
unsafe fn typed_array<'a, T>(
    env: NapiEnv,
    value: NapiValue,
    kind: c_int,
    name: &str,
    expected: &str,
) -> Result<&'a [T], String> {
    let mut actual = -1;
    let mut length = 0usize;
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: all out-pointers point at locals; `arraybuffer` and
    // `byte_offset` may be null. A value that is not a typed array gives
    // `napi_invalid_arg`, not undefined behaviour.
    let status = unsafe {
        napi_get_typedarray_info(
            env,
            value,
            &mut actual,
            &mut length,
            &mut data,
            ptr::null_mut(),
            ptr::null_mut(),
        )
    };
    if status != NAPI_OK || actual != kind {
        return Err(format!("{name} must be a {expected}"));
    }
    if length == 0 {
        return Ok(&[]);
    }
    if data.is_null() || data.align_offset(std::mem::align_of::<T>()) != 0 {
        return Err(format!("{name}: its data is not aligned for a {expected}"));
    }
    // SAFETY: Node reports `length` elements of type `T` (checked through
    // `kind`) at `data`, non-null and aligned (checked above), inside the
    // typed array's ArrayBuffer, whose backing store stays put and alive while
    // the value is reachable from the callback's handle scope and no JS runs
    // (the caller's promise). Shared reads only: nothing writes it meanwhile.
    Ok(unsafe { std::slice::from_raw_parts(data.cast::<T>(), length) })
}

/// The optional options argument: `undefined`/`null` or a JSON string.
///
/// # Safety
///
/// `env` must be the running callback's environment and `value` a value of it.
unsafe fn options_json(env: NapiEnv, value: NapiValue) -> Result<Option<String>, String> {
    let mut kind = -1;
    // SAFETY: `kind` is a local out-pointer.
    check(unsafe { napi_typeof(env, value, &mut kind) }, "napi_typeof")?;
    match kind {
        NAPI_UNDEFINED | NAPI_NULL => return Ok(None),
        NAPI_STRING => {}
        _ => return Err("optionsJson must be a string (JSON) or undefined".to_string()),
    }
    let mut len = 0usize;
    // SAFETY: a null buffer asks for the length in bytes (without the NUL).
    let status = unsafe { napi_get_value_string_utf8(env, value, ptr::null_mut(), 0, &mut len) };
    check(status, "napi_get_value_string_utf8")?;
    let mut buf = vec![0u8; len + 1];
    let mut written = 0usize;
    // SAFETY: `buf` has `len + 1` bytes, room for the string and its NUL.
    let status = unsafe {
        napi_get_value_string_utf8(
            env,
            value,
            buf.as_mut_ptr().cast::<c_char>(),
            buf.len(),
            &mut written,
        )
    };
    check(status, "napi_get_value_string_utf8")?;
    buf.truncate(written);
    String::from_utf8(buf)
        .map(Some)
        .map_err(|e| format!("optionsJson: {e}"))
}

/// Whether a value is `undefined` or `null`.
///
/// # Safety
///
/// `env` must be the running callback's environment and `value` a value of it.
unsafe fn is_nullish(env: NapiEnv, value: NapiValue) -> Result<bool, String> {
    let mut kind = -1;
    // SAFETY: `kind` is a local out-pointer.
    check(unsafe { napi_typeof(env, value, &mut kind) }, "napi_typeof")?;
    Ok(kind == NAPI_UNDEFINED || kind == NAPI_NULL)
}

/// The options as the wasm build reads them, from an optional JSON string.
///
/// # Safety
///
/// `env` must be the running callback's environment and `value` a value of it.
unsafe fn events_config(env: NapiEnv, value: NapiValue) -> Result<EventsConfig, String> {
    // SAFETY: the caller's promise.
    match unsafe { options_json(env, value) }? {
        None => Ok(EventsConfig::default()),
        Some(text) => {
            let raw = RawValue::from_json_str(&text)
                .map_err(|e| format!("optionsJson is not JSON: {e}"))?;
            EventsConfig::from_raw(&raw).map_err(|e| e.to_string())
        }
    }
}

/// A JS string of `text`.
///
/// # Safety
///
/// `env` must be the running callback's environment.
unsafe fn js_string(env: NapiEnv, text: &str) -> Result<NapiValue, String> {
    let mut out = ptr::null_mut();
    // SAFETY: `text` is `text.len()` bytes of UTF-8 (an explicit length, so
    // no NUL is needed); `out` is a local out-pointer.
    let status =
        unsafe { napi_create_string_utf8(env, text.as_ptr().cast(), text.len(), &mut out) };
    check(status, "napi_create_string_utf8")?;
    Ok(out)
}

/// A JS number.
///
/// # Safety
///
/// `env` must be the running callback's environment.
unsafe fn js_number(env: NapiEnv, value: f64) -> Result<NapiValue, String> {
    let mut out = ptr::null_mut();
    // SAFETY: `out` is a local out-pointer.
    check(
        unsafe { napi_create_double(env, value, &mut out) },
        "napi_create_double",
    )?;
    Ok(out)
}

// ------------------------------------------------------------ the exported functions

/// `analyzeEvents(userIds, timestamps, optionsJson?)`: the analysis as JSON.
unsafe extern "C" fn analyze_events_js(env: NapiEnv, info: NapiCallbackInfo) -> NapiValue {
    // SAFETY: `env` and `info` are the ones Node passed to this callback.
    unsafe {
        guard(env, || {
            let [ids, times, options] = arguments::<3>(env, info)?;
            let config = events_config(env, options)?;
            // The two slices are used only inside this block, during which
            // nothing calls into Node (see `typed_array`).
            let json = {
                let ids: &[u32] =
                    typed_array(env, ids, NAPI_UINT32_ARRAY, "userIds", "Uint32Array")?;
                let times: &[f64] =
                    typed_array(env, times, NAPI_FLOAT64_ARRAY, "timestamps", "Float64Array")?;
                let result = analyze_events(ids, times, &config).map_err(|e| e.to_string())?;
                serde_json::to_string(&result).map_err(|e| format!("serde_json: {e}"))?
            };
            js_string(env, &json)
        })
    }
}

/// `analyzeEventColumns(userIds, timestamps, codes, dictionaryJson,
/// sessionIds, optionsJson?)`: the object form of `analyzeEvents` as JSON.
unsafe extern "C" fn analyze_event_columns_js(env: NapiEnv, info: NapiCallbackInfo) -> NapiValue {
    // SAFETY: `env` and `info` are the ones Node passed to this callback.
    unsafe {
        guard(env, || {
            let [ids, times, codes, dictionary, sessions, options] = arguments::<6>(env, info)?;
            let config = events_config(env, options)?;
            // Every call into Node that reads a value comes before the
            // slices are borrowed (see `typed_array`).
            let dictionary: Option<Vec<String>> = match options_json(env, dictionary) {
                Ok(None) => None,
                Ok(Some(text)) => Some(
                    serde_json::from_str(&text)
                        .map_err(|e| format!("dictionaryJson: not a JSON array of strings: {e}"))?,
                ),
                Err(_) => return Err("dictionaryJson must be a string (JSON) or null".to_string()),
            };
            let has_codes = !is_nullish(env, codes)?;
            let has_sessions = !is_nullish(env, sessions)?;
            if has_codes != dictionary.is_some() {
                return Err("codes and dictionaryJson go together".to_string());
            }
            let json = {
                let ids: &[u32] =
                    typed_array(env, ids, NAPI_UINT32_ARRAY, "userIds", "Uint32Array")?;
                let times: &[f64] =
                    typed_array(env, times, NAPI_FLOAT64_ARRAY, "timestamps", "Float64Array")?;
                let names = match dictionary {
                    Some(dictionary) => {
                        let codes: &[u32] =
                            typed_array(env, codes, NAPI_UINT32_ARRAY, "codes", "Uint32Array")?;
                        Some(EventNames {
                            codes: codes.to_vec(),
                            dictionary,
                        })
                    }
                    None => None,
                };
                let session_ids = match has_sessions {
                    true => {
                        let s: &[u32] = typed_array(
                            env,
                            sessions,
                            NAPI_UINT32_ARRAY,
                            "sessionIds",
                            "Uint32Array",
                        )?;
                        Some(s.to_vec())
                    }
                    false => None,
                };
                let columns = EventColumns {
                    user_ids: ids.to_vec(),
                    timestamps_ms: times.to_vec(),
                    names,
                    session_ids,
                };
                let result =
                    analyze_event_columns(columns, None, &config).map_err(|e| e.to_string())?;
                serde_json::to_string(&result).map_err(|e| format!("serde_json: {e}"))?
            };
            js_string(env, &json)
        })
    }
}

/// `heapCurrentBytes()`: bytes of Rust heap the addon holds now.
unsafe extern "C" fn heap_current_js(env: NapiEnv, _info: NapiCallbackInfo) -> NapiValue {
    // SAFETY: `env` is the one Node passed to this callback.
    unsafe {
        guard(env, || {
            js_number(env, CURRENT.load(Ordering::Relaxed) as f64)
        })
    }
}

/// `heapPeakBytes()`: the most Rust heap held since the last reset.
unsafe extern "C" fn heap_peak_js(env: NapiEnv, _info: NapiCallbackInfo) -> NapiValue {
    // SAFETY: `env` is the one Node passed to this callback.
    unsafe { guard(env, || js_number(env, PEAK.load(Ordering::Relaxed) as f64)) }
}

/// `resetHeapPeak()`: the peak becomes the current figure.
unsafe extern "C" fn reset_heap_peak_js(env: NapiEnv, _info: NapiCallbackInfo) -> NapiValue {
    PEAK.store(CURRENT.load(Ordering::Relaxed), Ordering::Relaxed);
    // SAFETY: `env` is the one Node passed to this callback.
    unsafe {
        guard(env, || {
            let mut out = ptr::null_mut();
            check(napi_get_undefined(env, &mut out), "napi_get_undefined")?;
            Ok(out)
        })
    }
}

/// Node-API's module entry point: fills `exports` with the functions above.
///
/// # Safety
///
/// Called by Node only, once per environment that loads the addon, with that
/// environment and its `exports` object.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(env: NapiEnv, exports: NapiValue) -> NapiValue {
    let functions: [(&str, NapiCallback); 5] = [
        ("analyzeEvents", analyze_events_js),
        ("analyzeEventColumns", analyze_event_columns_js),
        ("heapCurrentBytes", heap_current_js),
        ("heapPeakBytes", heap_peak_js),
        ("resetHeapPeak", reset_heap_peak_js),
    ];
    // SAFETY: `env` and `exports` come from Node (the caller's promise).
    unsafe {
        guard(env, || {
            for (name, callback) in functions {
                let cname = CString::new(name).map_err(|e| e.to_string())?;
                let mut function = ptr::null_mut();
                check(
                    napi_create_function(
                        env,
                        cname.as_ptr(),
                        name.len(),
                        Some(callback),
                        ptr::null_mut(),
                        &mut function,
                    ),
                    "napi_create_function",
                )?;
                check(
                    napi_set_named_property(env, exports, cname.as_ptr(), function),
                    "napi_set_named_property",
                )?;
            }
            Ok(exports)
        })
    }
}
