//! Stepping over whole values without reading them: the byte scan that makes the
//! syntax index cost one quick pass over a file of 100,000 projects. Brackets are
//! matched; strings, raw strings, chars and comments are stepped over.

use super::{Scan, Scanner, is_ident_byte};

impl Scanner<'_> {
    /// Past a quoted string or char whose opening quote is at `at`.
    pub(super) fn skip_quoted(&mut self) -> Scan {
        let quote = self.bytes[self.at];
        let b = self.bytes;
        let mut i = self.at + 1;
        loop {
            // Eight bytes at a time while none of them is the quote or a backslash.
            while let Some(w) = word_at(b, i) {
                if has_byte(w, quote) || has_byte(w, b'\\') {
                    break;
                }
                i += 8;
            }
            while i < b.len() && b[i] != quote && b[i] != b'\\' {
                i += 1;
            }
            match b.get(i) {
                None => return Err(()),
                Some(b'\\') => i += 2,
                Some(_) => {
                    self.at = i + 1;
                    return Ok(());
                }
            }
        }
    }

    /// `r"…"` or `r#"…"#` at `at`: past it. `Ok(false)` if `r` does not start a raw string.
    fn skip_raw(&mut self) -> Result<bool, ()> {
        let b = self.bytes;
        let mut i = self.at + 1;
        while b.get(i) == Some(&b'#') {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            return Ok(false);
        }
        let hashes = i - self.at - 1;
        i += 1;
        loop {
            match b[i..].iter().position(|&c| c == b'"') {
                None => return Err(()),
                Some(k) => {
                    let q = i + k;
                    let end = q + 1 + hashes;
                    if b.get(q + 1..end)
                        .is_some_and(|h| h.iter().all(|&c| c == b'#'))
                    {
                        self.at = end;
                        return Ok(true);
                    }
                    i = q + 1;
                }
            }
        }
    }

    /// Past one whole value without recording anything: brackets are matched, strings and
    /// comments stepped over.
    pub(super) fn skip_value(&mut self) -> Scan {
        let b = self.bytes;
        match self.peek_byte().ok_or(())? {
            b'"' | b'\'' => return self.skip_quoted(),
            b'b' if b.get(self.at + 1) == Some(&b'"') => {
                self.at += 1;
                return self.skip_quoted();
            }
            b'r' if matches!(b.get(self.at + 1), Some(b'"' | b'#')) && self.skip_raw()? => {
                return Ok(());
            }
            b'(' | b'[' | b'{' => {}
            c if is_ident_byte(c) && !c.is_ascii_digit() => {
                if self.ident().is_empty() {
                    return Err(());
                }
                self.skip_ws();
                if self.peek_byte() != Some(b'(') {
                    return Ok(());
                }
            }
            c if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => {
                while self.peek_byte().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b'+')
                }) {
                    self.at += 1;
                }
                return Ok(());
            }
            _ => return Err(()),
        }
        // Brackets, from the opening one at `at`.
        let mut depth = 0usize;
        loop {
            let c = *b.get(self.at).ok_or(())?;
            match c {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.at += 1;
                }
                b')' | b']' | b'}' => {
                    self.at += 1;
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                b'"' => match self.raw_start() {
                    Some(r) => {
                        self.at = r;
                        if !self.skip_raw()? {
                            return Err(());
                        }
                    }
                    None => self.skip_quoted()?,
                },
                b'\'' => self.skip_quoted()?,
                b'/' if b.get(self.at + 1) == Some(&b'/') => self.skip_until_after(b'\n'),
                b'/' if b.get(self.at + 1) == Some(&b'*') => {
                    self.at += 2;
                    self.skip_block_comment();
                }
                _ => {
                    // Step over the rest of a plain run in one go.
                    let mut i = self.at + 1;
                    // Indentation: eight spaces at a time.
                    while word_at(b, i) == Some(u64::from_le_bytes([b' '; 8])) {
                        i += 8;
                    }
                    while i < b.len() && !SPECIAL[b[i] as usize] {
                        i += 1;
                    }
                    self.at = i;
                }
            }
        }
    }

    /// At a `"`: if it opens a raw string (`r"`, `r#"` with `r` not ending a longer
    /// identifier), the offset of its `r`. Raw strings take no escapes, so they must not
    /// be skipped as plain ones.
    fn raw_start(&self) -> Option<usize> {
        let b = self.bytes;
        let mut p = self.at;
        while p > 0 && b[p - 1] == b'#' {
            p -= 1;
        }
        let r = p.checked_sub(1)?;
        (b[r] == b'r' && !r.checked_sub(1).is_some_and(|q| is_ident_byte(b[q]))).then_some(r)
    }
}

/// The eight bytes at `i`, if there are eight.
fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let w: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// Does any byte of `w` equal `c`?
fn has_byte(w: u64, c: u8) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let x = w ^ (ONES * u64::from(c));
    (x.wrapping_sub(ONES) & !x & (ONES << 7)) != 0
}

/// Bytes the bracket skipper must look at: brackets, quotes and `/` (comments).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let specials = *b"()[]{}\"'/";
    let mut i = 0;
    while i < specials.len() {
        t[specials[i] as usize] = true;
        i += 1;
    }
    t
};
