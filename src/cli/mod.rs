//! The non-interactive commands: check, report, minutes, export. Each returns its output as a
//! string (or its findings), so `main` alone decides what goes to stdout and the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod fmt;
pub mod html;
pub mod minutes;
pub mod progress;
pub mod report;
pub mod tables;
pub mod xlsx;

use crate::model::msg::{Msg, msg};
use crate::model::progress::{NOBODY, Progress, Stage};
use crate::model::{Diagnostic, Portfolio, load_bytes_with};
use crate::text::Lang;

/// Exit status for a file that is refused (or cannot be read).
pub const EXIT_REFUSED: i32 = 2;

/// Read and load a file for a command that needs a good portfolio, with a progress bar
/// on stderr when it is a terminal and the load takes a while ([`progress`]). On
/// failure, the messages to print (already rendered with the file name, in `lang`).
pub fn open(path: &str, lang: Lang) -> Result<(Portfolio, Vec<String>), Vec<String>> {
    let bar = progress::Bar::start(path, lang);
    bar.progress().begin(Stage::File, 0);
    let bytes = read(path).map_err(|d| vec![d.render_in(path, lang)])?;
    load_counting(path, &bytes, lang, bar.progress())
}

/// Load a file's bytes; the findings rendered with the file name `path`, in `lang`.
pub fn load(path: &str, bytes: &[u8], lang: Lang) -> Result<(Portfolio, Vec<String>), Vec<String>> {
    load_counting(path, bytes, lang, &NOBODY)
}

/// [`load`], counting the projects read and checked in `progress`.
pub fn load_counting(
    path: &str,
    bytes: &[u8],
    lang: Lang,
    progress: &Progress,
) -> Result<(Portfolio, Vec<String>), Vec<String>> {
    let loaded = load_bytes_with(bytes, progress);
    let mut messages: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.render_in(path, lang))
        .collect();
    match loaded.portfolio {
        Some(p) => Ok((p, messages)),
        None => {
            messages.extend(interrupted_save(path, lang));
            Err(messages)
        }
    }
}

/// When a file does not load: a save of a file with several names that died half-way
/// kept the whole new text beside it. Where it is, and what to do.
pub fn interrupted_save(path: &str, lang: Lang) -> Option<String> {
    let copy = crate::store::atomic::saving_copy_path(&std::fs::canonicalize(path).ok()?);
    copy.is_file().then(|| {
        let copy = copy.display();
        let m = msg!(
            "{path}: a save was interrupted while writing this file; the whole saved text is in {copy} — check it with `styr check` and move it over the file",
            "{path}: en lagring ble avbrutt mens denne filen ble skrevet; hele den lagrede teksten ligger i {copy} — sjekk den med `styr check` og flytt den over filen"
        );
        m.get(lang).to_string()
    })
}

/// Read a file's bytes through the store's one bounded reader (regular files only, size
/// checked before reading); a failure is a finding without a place.
pub fn read(path: &str) -> Result<Vec<u8>, Diagnostic> {
    crate::store::read::read_portfolio_file(std::path::Path::new(path))
        .map(|(bytes, _)| bytes)
        .map_err(|e| Diagnostic::error(None, io_message(&e)))
}

/// What a failure to read a file means, and what to do.
pub fn io_message(e: &std::io::Error) -> Msg {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            msg!(
                "no such file; check the path",
                "filen finnes ikke; sjekk stien"
            )
        }
        std::io::ErrorKind::PermissionDenied => msg!(
            "permission denied; check the file's permissions",
            "ingen tilgang; sjekk filens tillatelser"
        ),
        std::io::ErrorKind::IsADirectory => msg!(
            "is a folder; give the path of a portfolio file (.ron)",
            "er en mappe; oppgi stien til en porteføljefil (.ron)"
        ),
        // The store's own refusals (not a regular file, too large) say it all.
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            refusal(&e.to_string())
        }
        _ => msg!("cannot read the file: {e}", "kan ikke lese filen: {e}"),
    }
}

/// The store's refusal of a file that is not a regular one or is too large
/// (`store::read`), in both languages; anything else as it is.
fn refusal(words: &str) -> Msg {
    const NOT_REGULAR: &str = ", not a regular file; styr reads a portfolio only from a file — save it to a .ron file and give that file's path";
    const TOO_LARGE: &str = "; styr reads portfolios up to ";
    if let Some(kind) = words
        .strip_prefix("is ")
        .and_then(|w| w.strip_suffix(NOT_REGULAR))
    {
        let nb = match kind {
            "a character device" => "en tegnenhet",
            "a block device" => "en blokkenhet",
            "a fifo (named pipe)" => "en fifo (navngitt rør)",
            "a socket" => "en socket",
            _ => "ikke en fil",
        };
        return Msg::new(
            words,
            format!(
                "er {nb}, ikke en vanlig fil; styr leser en portefølje bare fra en fil — lagre den i en .ron-fil og oppgi stien til den"
            ),
        );
    }
    if let Some((size, limit)) = words
        .strip_prefix("the file is ")
        .and_then(|w| w.split_once(TOO_LARGE))
        .and_then(|(size, rest)| {
            Some((
                size,
                rest.strip_suffix(" — split it into smaller portfolios")?,
            ))
        })
    {
        let size = size.replace("more than", "mer enn");
        return Msg::new(
            words,
            format!(
                "filen er på {size}; styr leser porteføljer på opptil {limit} — del den i mindre porteføljer"
            ),
        );
    }
    Msg::same(words)
}

/// Escape text for a Markdown table cell or line: untrusted text is cleaned, and `|`,
/// `*`, `_`, `` ` ``, `[`, `<` are escaped so a name cannot break the layout.
pub fn md(s: &str) -> String {
    let clean = crate::sanitize::inert(s);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_failures_are_said_in_both_languages() {
        let missing = read("/no/such/styr/file.ron").expect_err("no such file");
        assert_eq!(
            missing.render_in("f.ron", Lang::Nb),
            "f.ron: feil: filen finnes ikke; sjekk stien"
        );
        let folder = read("/").expect_err("a folder");
        assert!(folder.message.nb.starts_with("er en mappe"), "{folder:?}");
        #[cfg(target_os = "linux")]
        {
            let device = read("/dev/null").expect_err("a device");
            assert!(
                device
                    .message
                    .en
                    .starts_with("is a character device, not a regular file"),
                "{device:?}"
            );
            assert!(
                device
                    .message
                    .nb
                    .starts_with("er en tegnenhet, ikke en vanlig fil"),
                "{device:?}"
            );
        }
        let big = refusal(
            "the file is more than 512 MiB; styr reads portfolios up to 512 MiB — split it into smaller portfolios",
        );
        assert_eq!(
            big.nb,
            "filen er på mer enn 512 MiB; styr leser porteføljer på opptil 512 MiB — del den i mindre porteføljer"
        );
    }
}
