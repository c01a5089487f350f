//! What styr keeps aside rather than throw away unseen: a damaged journal
//! (`.FILE.styr-journal.damaged`) and the edits that no longer fit the file after a
//! recovery or a reload (`.FILE.styr-journal.not-applied`, until the user dismisses them).
//! Both are private to this user, and written only as this module's sidecars are
//! ([`super::sidecar`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::journal::{journal_path, remove_if_there};
use super::{atomic, canonical_new, sidecar, sidecar_path};
use crate::model::edit::Edit;

/// `.FILE.styr-journal.not-applied` beside `doc_path`.
pub fn not_applied_path(doc_path: &Path) -> PathBuf {
    sidecar_path(doc_path, ".styr-journal.not-applied")
}

/// Set the journal beside `doc_path` aside under a free name `.FILE.styr-journal.damaged`
/// (`.damaged.2`, … when one is there already) and return that name. With `whole`, the
/// journal itself is moved there (nothing in it to recover; a rename costs nothing,
/// however large it is); otherwise it is copied (it is read for recovery, so it is
/// within [`super::journal::MAX_JOURNAL_BYTES`]) and stays as it is.
pub fn keep_damaged(doc_path: impl AsRef<Path>, whole: bool) -> io::Result<PathBuf> {
    let doc = canonical_new(doc_path.as_ref())?;
    let journal = journal_path(&doc);
    let bytes = if whole {
        Vec::new()
    } else {
        sidecar::read(&journal, super::journal::MAX_JOURNAL_BYTES)?
            .map(|(b, _)| b)
            .unwrap_or_default()
    };
    for n in 1..100 {
        let suffix = match n {
            1 => ".styr-journal.damaged".to_string(),
            n => format!(".styr-journal.damaged.{n}"),
        };
        let path = sidecar_path(&doc, &suffix);
        if whole {
            if std::fs::symlink_metadata(&path).is_ok() {
                continue;
            }
            if let Ok(meta) = std::fs::symlink_metadata(&journal) {
                sidecar::check_replaceable(&journal, &meta)?;
            }
            // A hard link, then the old name removed: never over a file that is there.
            match std::fs::hard_link(&journal, &path) {
                Ok(()) => {
                    std::fs::remove_file(&journal)?;
                    atomic::sync_dir(&path);
                    return Ok(path);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(_) => {
                    // No hard links here: a rename, having looked first.
                    std::fs::rename(&journal, &path)?;
                    atomic::sync_dir(&path);
                    return Ok(path);
                }
            }
        }
        match sidecar::create_new(&path, 0o600) {
            Ok(mut f) => {
                f.write_all(&bytes).and_then(|()| f.sync_all())?;
                atomic::sync_dir(&path);
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(
        "too many damaged journals are kept already",
    ))
}

/// Keep `edits` (that no longer fit the file) beside `doc_path`, after those kept
/// already; returns the file's path.
pub fn keep_not_applied(doc_path: impl AsRef<Path>, edits: &[Edit]) -> io::Result<PathBuf> {
    let doc = canonical_new(doc_path.as_ref())?;
    let path = not_applied_path(&doc);
    let mut all = read_not_applied(&doc)?;
    all.extend(edits.iter().cloned());
    let mut text = String::new();
    for e in &all {
        let line = ron::to_string(e).map_err(io::Error::other)?;
        text.push_str(&line);
        text.push('\n');
    }
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        sidecar::check_replaceable(&path, &meta)?;
    }
    // A new temporary file is private (0600), and so is the file it becomes.
    atomic::replace(&path, text.as_bytes(), None)?;
    Ok(path)
}

/// The edits kept by [`keep_not_applied`] (none when there is no such file). Lines that
/// cannot be read are left out.
pub fn read_not_applied(doc_path: impl AsRef<Path>) -> io::Result<Vec<Edit>> {
    let doc = canonical_new(doc_path.as_ref())?;
    let Some((bytes, meta)) = sidecar::read(&not_applied_path(&doc), 64 << 20)? else {
        return Ok(Vec::new());
    };
    if sidecar::owner_if_not_me(&meta).is_some() {
        // Another user's: not edits this user made, and not theirs to dismiss.
        return Ok(Vec::new());
    }
    let text = String::from_utf8_lossy(&bytes);
    Ok(text
        .lines()
        .filter_map(|l| ron::from_str::<Edit>(l).ok())
        .collect())
}

/// The user has seen the edits that no longer fit: remove the file that kept them.
pub fn dismiss_not_applied(doc_path: impl AsRef<Path>) -> io::Result<()> {
    let doc = canonical_new(doc_path.as_ref())?;
    remove_if_there(&not_applied_path(&doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn not_applied_edits_are_kept_added_to_and_dismissed() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        std::fs::write(&doc, "x").unwrap();
        let a = Edit::Note {
            project: "P-9".into(),
            date: Date::parse("2026-11-22").unwrap(),
            note: Some("line\nbreak".into()),
        };
        let b = Edit::RiskProbability {
            project: "P-8".into(),
            risk: "R1".into(),
            value: 4,
        };
        let path = keep_not_applied(&doc, std::slice::from_ref(&a)).unwrap();
        keep_not_applied(&doc, std::slice::from_ref(&b)).unwrap();
        assert_eq!(read_not_applied(&doc).unwrap(), [a, b]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        dismiss_not_applied(&doc).unwrap();
        assert!(!path.exists());
        assert!(read_not_applied(&doc).unwrap().is_empty());
    }

    #[test]
    fn damaged_journals_are_copied_to_free_names() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("p.ron");
        std::fs::write(&doc, "x").unwrap();
        let journal = journal_path(&std::fs::canonicalize(&doc).unwrap());
        std::fs::write(&journal, b"\0\0garbage").unwrap();
        let one = keep_damaged(&doc, false).unwrap();
        let two = keep_damaged(&doc, false).unwrap();
        assert!(
            one.to_string_lossy()
                .ends_with(".p.ron.styr-journal.damaged")
        );
        assert!(
            two.to_string_lossy()
                .ends_with(".p.ron.styr-journal.damaged.2")
        );
        assert_eq!(std::fs::read(&two).unwrap(), b"\0\0garbage");
        assert!(journal.exists());
        // Set aside whole: moved, under the next free name.
        let three = keep_damaged(&doc, true).unwrap();
        assert!(three.to_string_lossy().ends_with(".damaged.3"));
        assert_eq!(std::fs::read(&three).unwrap(), b"\0\0garbage");
        assert!(!journal.exists());
    }
}
