//! End to end, a meeting's record: the built binary in a pseudo-terminal, triage with a
//! follow-up on each of two projects, SIGKILL, recovery, save, and `styr minutes` hands
//! out both follow-ups with their owners and due dates.
//!
//! Where no pty can be had, the test prints "skipped: no pty (…)" and passes.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

use std::fs;
use std::process::Command;

use styr::model::parse;

const DATE: &str = "2026-11-26";

#[test]
fn triage_two_follow_ups_sigkill_recover_save_and_the_minutes_list_both() {
    let (dir, path) = copy_of("hamar.ron");
    let untouched = fs::read(&path).unwrap();
    let args = [
        "hamar.ron",
        "--date",
        DATE,
        "--lang",
        "en",
        "--by",
        "Kari Referent",
    ];
    {
        let mut t = start!(Run::new(dir.path(), &args));
        t.wait_text("HA-01");
        t.send("t");
        t.wait_text("Triage 1/");
        t.send("a");
        t.wait_text("New follow-up");
        t.send("Ring Interreg-sekretariatet\tOla Nordmann\t+2w\r");
        t.wait_status("unsaved (1)");
        t.send(" ");
        t.wait_text("Triage 2/");
        t.send("a");
        t.wait_text("New follow-up");
        t.send("Legg fram revidert budsjett\tMarit Holmstad\t2026-12-31\r");
        t.wait_status("unsaved (2)");
        t.signal(libc::SIGKILL);
        assert!(t.wait_exit().signal().is_some());
    }
    assert_eq!(fs::read(&path).unwrap(), untouched, "nothing was saved");

    let mut t = start!(Run::new(dir.path(), &args));
    t.wait_text("Unsaved changes from an earlier session");
    t.send("y");
    t.wait_status("Recovered 2 changes");
    t.send("s");
    t.wait_status("Saved hamar.ron");
    t.send("q");
    assert!(t.wait_exit().success());
    t.assert_restored();

    let saved = parse(&fs::read_to_string(&path).unwrap()).unwrap();
    let follow_ups: Vec<(&str, &str)> = saved
        .projects
        .iter()
        .flat_map(|p| {
            p.follow_ups
                .iter()
                .map(move |f| (p.id.as_str(), f.text.as_str()))
        })
        .collect();
    assert_eq!(follow_ups.len(), 2, "{follow_ups:?}");
    let out = Command::new(BIN)
        .args(["minutes", "hamar.ron", "--date", DATE, "--lang", "en"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let minutes = String::from_utf8(out.stdout).unwrap();
    for (text, owner, due) in [
        ("Ring Interreg-sekretariatet", "Ola Nordmann", "2026-12-10"),
        (
            "Legg fram revidert budsjett",
            "Marit Holmstad",
            "2026-12-31",
        ),
    ] {
        let line = minutes
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("the minutes list «{text}»:\n{minutes}"));
        assert!(line.contains(owner) && line.contains(due), "{line}");
    }
}
