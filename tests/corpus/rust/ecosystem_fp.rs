// Shapes of a real HTTP library's C API that the raw-slice rule misread.
use std::os::raw::c_int;

// The C caller hands over a buffer and its length; the unsafe fn's contract is that they match.
unsafe fn raw_name_value(name: *const u8, name_len: usize) -> Vec<u8> {
    let name = std::slice::from_raw_parts(name, name_len); // ok: rust-from-raw-parts-length
    name.to_vec()
}

extern "C" fn concat(vec: *mut Vec<u8>, value: *const u8, value_len: usize) -> c_int {
    unsafe {
        let value = std::slice::from_raw_parts(value, value_len); // ok: rust-from-raw-parts-length
        (*vec).extend(value);
    }
    0
}

// A safe fn promises its callers nothing can go wrong: any length is reported.
pub fn view(ptr: *const u8, len: usize) -> &'static [u8] {
    unsafe { std::slice::from_raw_parts(ptr, len) } // expect: rust-from-raw-parts-length
}

// A length read from a header is not the pointer's own, even in an unsafe fn.
pub struct Header {
    pub len: u32,
}

unsafe fn payload(data: *const u8, hdr: &Header) -> &'static [u8] {
    std::slice::from_raw_parts(data, hdr.len as usize) // expect: rust-from-raw-parts-length
}

// An HTTP client's own tests, against the local test server's self-signed certificate.
#[cfg(feature = "__rustls")]
#[tokio::test]
#[ignore = "Needs TLS support in the test server"]
async fn http2_upgrade() {
    let res = reqwest::Client::builder() // ok: rust-tls-verify-disabled
        .danger_accept_invalid_certs(true)
        .build();
}

#[test]
fn blocking_self_signed() {
    let client = reqwest::blocking::Client::builder().danger_accept_invalid_certs(true); // ok: rust-tls-verify-disabled
}

// Production code next to the tests is still reported.
#[inline]
pub fn insecure_client() -> reqwest::Client {
    reqwest::Client::builder() // expect: rust-tls-verify-disabled
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap()
}
