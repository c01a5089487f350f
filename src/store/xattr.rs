//! Extended attributes (`user.*`, ACLs, SELinux labels): a save writes a new file, so it
//! copies them from the old one, where the file system has them. Best effort: an
//! attribute the system will not set on the new file (a security label this user may not
//! set) is left out, and a file system without them is fine.

use std::fs::File;
use std::path::Path;

/// Copy the extended attributes of the file at `from` (not following a link) onto `to`.
#[cfg(target_os = "linux")]
pub fn copy(from: &Path, to: &File) {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;

    let Ok(from) = CString::new(from.as_os_str().as_bytes()) else {
        return;
    };
    for name in list(&from) {
        let Some(value) = get(&from, &name) else {
            continue;
        };
        // SAFETY: `name` is NUL-terminated, `value` is a live buffer of its length, and
        // the descriptor is open for the lifetime of `to`.
        unsafe {
            libc::fsetxattr(
                to.as_raw_fd(),
                name.as_ptr(),
                value.as_ptr().cast(),
                value.len(),
                0,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn copy(_from: &Path, _to: &File) {}

/// The attribute names of `path`.
#[cfg(target_os = "linux")]
fn list(path: &std::ffi::CStr) -> Vec<std::ffi::CString> {
    // SAFETY: a null buffer of size 0 asks for the size only.
    let n = unsafe { libc::llistxattr(path.as_ptr(), std::ptr::null_mut(), 0) };
    if n <= 0 {
        return Vec::new();
    }
    let mut buf = vec![0u8; n as usize];
    // SAFETY: `buf` has room for `buf.len()` bytes.
    let n = unsafe { libc::llistxattr(path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if n <= 0 {
        return Vec::new();
    }
    buf.truncate(n as usize);
    buf.split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .filter_map(|s| std::ffi::CString::new(s).ok())
        .collect()
}

/// The value of attribute `name` of `path`.
#[cfg(target_os = "linux")]
fn get(path: &std::ffi::CStr, name: &std::ffi::CStr) -> Option<Vec<u8>> {
    // SAFETY: as in `list`.
    let n = unsafe { libc::lgetxattr(path.as_ptr(), name.as_ptr(), std::ptr::null_mut(), 0) };
    if n < 0 {
        return None;
    }
    let mut buf = vec![0u8; n as usize];
    // SAFETY: `buf` has room for `buf.len()` bytes.
    let n = unsafe {
        libc::lgetxattr(
            path.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr().cast(),
            buf.len(),
        )
    };
    if n < 0 {
        return None;
    }
    buf.truncate(n as usize);
    Some(buf)
}
