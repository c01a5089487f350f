//! A meeting's seats on disk (issue 12), through the real file system: each seat's own
//! file (join, rejoin, one seat per name, leave) and what a hostile folder plants (links,
//! hard links, a fifo, another user's files). The chair's files and the permissions are
//! in tests/meeting_files.rs.

#![cfg(unix)]

#[path = "common/meeting.rs"]
mod meeting;

use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;

use meeting::*;
use styr::store::{self, JoinOutcome, SeatEntry, chair_path, seat_path};

// ---- Seats: join, one per name, rejoin, leave ------------------------------------------

#[test]
fn a_name_is_one_seat_until_it_leaves() {
    let (dir, doc) = doc(0o644);
    let (ida, earlier) = joined(&doc, "Ida");
    assert!(earlier.is_empty(), "a new seat has nothing before");
    assert_eq!(ida.by(), "Ida");
    assert_eq!(ida.path(), dir.path().join(".plan.ron.styr-seat-Ida"));
    // The file says whose seat it is, and that it joined, before join returns.
    let text = fs::read_to_string(ida.path()).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(r#"(styr_seat:1,by:"Ida")"#));
    assert!(lines.next().unwrap().starts_with("Joined("), "{text}");

    // The same name again — in this very process, on an open file of its own — is refused.
    assert!(matches!(
        store::join(&doc, "Ida", true).unwrap(),
        JoinOutcome::InUse
    ));
    let (knut, _) = match store::join(&doc, "Knut", false).unwrap() {
        JoinOutcome::Joined { seat, earlier } => (seat, earlier),
        other => panic!("{other:?}"),
    };

    let seen = store::seats(&doc).unwrap();
    let who: Vec<_> = seen
        .iter()
        .map(|s| (s.by.as_str(), s.present, s.rates))
        .collect();
    assert_eq!(who, [("Ida", true, true), ("Knut", true, false)]);
    assert!(seen.iter().all(|s| s.owner.is_none() && s.unreadable == 0));

    ida.leave(true).unwrap();
    assert!(!dir.path().join(".plan.ron.styr-seat-Ida").exists());
    // Gone and removed: the name is free, and starts afresh.
    let (ida, earlier) = joined(&doc, "Ida");
    assert!(earlier.is_empty());
    drop(ida);
    knut.leave(false).unwrap();
    let knut_seen = store::seats(&doc)
        .unwrap()
        .into_iter()
        .find(|s| s.by == "Knut")
        .unwrap();
    assert!(!knut_seen.present, "a seat that left is not in the meeting");
    assert_eq!(knut_seen.entries.last(), Some(&SeatEntry::Left));
}

#[test]
fn what_a_seat_appended_is_there_when_it_rejoins() {
    let (_dir, doc) = doc(0o644);
    let (mut seat, _) = joined(&doc, "Aisha");
    let scores = [rate("T-01", "goals", 4), rate("T-01", "cost", 2)];
    for e in &scores {
        seat.append(e).unwrap();
    }
    // Dropped without leaving, as a killed seat or a dropped connection does.
    drop(seat);
    let (mut seat, earlier) = joined(&doc, "Aisha");
    assert_eq!(earlier.len(), 3, "{earlier:?}");
    assert!(
        matches!(earlier[0], SeatEntry::Joined { pid, rates: true, .. } if pid == std::process::id())
    );
    assert_eq!(earlier[1..], scores);
    seat.append(&rate("T-02", "goals", 5)).unwrap();

    // Another process sees the same, on disk: two joins, three scores.
    let seen = store::seats(&doc).unwrap();
    assert_eq!(seen.len(), 1);
    let e = &seen[0].entries;
    assert_eq!(e.len(), 5, "{e:?}");
    assert!(matches!(e[3], SeatEntry::Joined { .. }));
    assert_eq!(e[4], rate("T-02", "goals", 5));
    assert!(seen[0].present);
}

#[test]
fn a_torn_last_line_is_cut_off_at_rejoin_and_a_broken_one_counted() {
    let (_dir, doc) = doc(0o644);
    let (mut seat, _) = joined(&doc, "Ida");
    seat.append(&rate("T-01", "goals", 3)).unwrap();
    let path = seat.path().to_path_buf();
    drop(seat);
    // A crash in the middle of a write, after a line nobody wrote whole.
    let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
    f.write_all(b"garbage(\nRate(project:\"T-09\",da").unwrap();
    drop(f);
    let seen = store::seats(&doc).unwrap();
    assert_eq!(seen[0].unreadable, 1);
    assert_eq!(seen[0].entries.len(), 2);

    let (_seat, earlier) = joined(&doc, "Ida");
    assert_eq!(earlier.len(), 2, "{earlier:?}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("T-09"), "{text}");
    assert!(
        text.ends_with(")\n"),
        "the new Joined is a line of its own: {text}"
    );
    assert!(text.lines().last().unwrap().starts_with("Joined("));
}

#[test]
fn a_file_at_a_seats_name_that_styr_did_not_write_is_left_alone() {
    let (dir, doc) = doc(0o644);
    // Something else at the name: not styr's, not replaced, not joined.
    let path = seat_path(&doc, "Ida");
    fs::write(&path, "my notes\n").unwrap();
    let e = store::join(&doc, "Ida", true).unwrap_err();
    assert!(e.to_string().contains("not a seat's file"), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "my notes\n");
    // An empty one (a seat that died as it was made) is taken over.
    fs::write(&path, "").unwrap();
    let (seat, earlier) = joined(&doc, "Ida");
    assert!(earlier.is_empty());
    drop(seat);
    // A seat of another name at this name (a header that does not match) is refused.
    fs::write(&path, "(styr_seat:1,by:\"Knut\")\n").unwrap();
    let e = store::join(&doc, "Ida", true).unwrap_err();
    assert!(e.to_string().contains("another name"), "{e}");
    assert!(store::seats(&doc).unwrap().iter().any(|s| s.by == "Knut"));
    // A file that is not a seat's is not listed as one.
    fs::write(dir.path().join(".plan.ron.styr-seat-Notes"), "x\n").unwrap();
    assert!(!store::seats(&doc).unwrap().iter().any(|s| s.by == "Notes"));
}

#[test]
fn any_name_is_a_safe_file_name_and_different_names_different_files() {
    let (dir, doc) = doc(0o644);
    let names_in = [
        "Ida",
        "ida",
        "Åse Ødegård",
        "../../etc/passwd",
        ".hidden",
        "",
        "\u{1b}[2J\u{202e}",
        "100%",
        "100%25",
        &"x".repeat(400),
        &format!("{}y", "x".repeat(399)),
    ];
    let mut files = std::collections::HashSet::new();
    for (i, by) in names_in.iter().enumerate() {
        let p = seat_path(&doc, by);
        assert_eq!(p.parent(), Some(dir.path()), "{by:?} stays in the folder");
        let name = p.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 255, "{by:?}: {name}");
        assert!(
            !name.chars().any(|c| c.is_control() || c == '/'),
            "{name:?}"
        );
        let part = name.strip_prefix(".plan.ron.styr-seat-").unwrap();
        assert!(!part.is_empty() && !part.starts_with('.'), "{name}");
        assert!(
            files.insert(p.clone()),
            "{by:?} shares a file with another name"
        );
        let (mut seat, _) = joined(&doc, by);
        seat.append(&rate("T-01", "goals", (i % 5 + 1) as i64))
            .unwrap();
        std::mem::forget(seat); // keep it held, as a live seat
    }
    // Every name reads back as it was given, whatever its file is called.
    let seen: Vec<String> = store::seats(&doc)
        .unwrap()
        .into_iter()
        .map(|s| s.by)
        .collect();
    let mut want: Vec<String> = names_in.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(seen, want);
}

// ---- A hostile folder ---------------------------------------------------------------------

#[test]
fn a_link_at_a_seats_or_the_chairs_name_is_never_written_through() {
    let (dir, doc) = doc(0o644);
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let victim_mode = mode_of(&victim);
    symlink(&victim, seat_path(&doc, "Ida")).unwrap();
    let e = store::join(&doc, "Ida", true).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    symlink(&victim, chair_path(&doc)).unwrap();
    let e = store::write_chair(&doc, &state(1, None), true).unwrap_err();
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert!(
        store::read_chair(&doc).is_err(),
        "a link is not read either"
    );
    assert!(store::remove_chair(&doc).is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(mode_of(&victim), victim_mode);
    // The link is no seat.
    assert!(store::seats(&doc).unwrap().is_empty());

    // A dangling link does not create its target.
    let gone = dir.path().join("gone.txt");
    symlink(&gone, seat_path(&doc, "Knut")).unwrap();
    assert!(store::join(&doc, "Knut", true).is_err());
    assert!(!gone.exists());

    // A hard link at a seat's name is not appended to.
    fs::hard_link(&victim, seat_path(&doc, "Aisha")).unwrap();
    let e = store::join(&doc, "Aisha", true).unwrap_err();
    assert!(e.to_string().contains("other names"), "{e}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // A fifo neither hangs a join nor the reading of the seats.
    let fifo = seat_path(&doc, "Per");
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `c` is a NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    assert!(store::join(&doc, "Per", true).is_err());
    assert!(store::seats(&doc).unwrap().is_empty());
}

#[test]
fn another_users_seat_and_chair_files_are_read_but_never_written() {
    if !is_root() {
        return;
    }
    let (_dir, doc) = doc(0o644);
    let (mut seat, _) = joined(&doc, "Knut");
    seat.append(&rate("T-01", "goals", 4)).unwrap();
    let path = seat.path().to_path_buf();
    drop(seat);
    std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
    let before = fs::read(&path).unwrap();
    match store::join(&doc, "Knut", true).unwrap() {
        JoinOutcome::NotYours { owner } => {
            assert_eq!(owner, store::sidecar::user_name(NOBODY));
        }
        other => panic!("joined into another user's file: {other:?}"),
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    let seen = store::seats(&doc).unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].by, "Knut");
    assert_eq!(seen[0].owner, Some(store::sidecar::user_name(NOBODY)));
    assert_eq!(seen[0].entries[1], rate("T-01", "goals", 4));

    // A chair file a previous chair of another user left.
    store::write_chair(&doc, &state(2, None), false).unwrap();
    let chair = chair_path(&doc);
    std::os::unix::fs::chown(&chair, Some(NOBODY), Some(NOBODY)).unwrap();
    let before = fs::read(&chair).unwrap();
    let e = store::write_chair(&doc, &state(3, None), true).unwrap_err();
    assert!(e.to_string().contains("earlier chair"), "{e}");
    assert!(
        e.to_string().contains(&store::sidecar::user_name(NOBODY)),
        "{e}"
    );
    assert!(store::remove_chair(&doc).is_err());
    assert_eq!(fs::read(&chair).unwrap(), before);
    assert_eq!(store::read_chair(&doc).unwrap(), Some(state(2, None)));
}
