//! `e` in a real terminal: styr hands the terminal to `$VISUAL` at the item's line and
//! takes it back after. The editor is a small shell script that writes down how it was
//! started (its arguments, the terminal's mode) and changes the file with `sed -i`, as
//! a user would in vi. The harness is tests/common/pty.rs.

#![cfg(unix)]

#[path = "common/pty.rs"]
mod pty;
use pty::*;

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use styr::model::locate::{index, locate};
use styr::model::parse;

const DATE: &str = "2026-11-26";
const MARK: &str = "STAND-IN-EDITOR-RUNNING";

/// A stand-in editor in `dir`: on run N it writes its arguments to `args.N` and
/// `stty -a` to `stty.N`, prints [`MARK`], sends SIGINT and SIGQUIT to its whole process
/// group (as Ctrl-C and Ctrl-\ in a terminal would, styr included) and then runs
/// `edit N FILE` (shell code).
fn stand_in_editor(dir: &Path, edit: &str) -> PathBuf {
    let script = dir.join("editor.sh");
    let text = format!(
        r#"#!/bin/sh
dir=$(dirname "$0")
n=$(cat "$dir/runs" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$dir/runs"
printf '%s\n' "$@" > "$dir/args.$n"
stty -a > "$dir/stty.$n" 2>&1
printf '{MARK}\r\n'
trap '' INT QUIT
kill -INT 0
kill -QUIT 0
sleep 0.2
for file; do :; done
edit() {{
{edit}
}}
edit "$n" "$file"
"#
    );
    fs::write(&script, text).unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// The line `Project(` of project `id` stands on, as styr's own scanner finds it.
fn project_line(path: &Path, id: &str) -> usize {
    let text = fs::read_to_string(path).unwrap();
    let p = parse(&text).unwrap();
    let i = p.projects.iter().position(|p| p.id == id).unwrap();
    let at = index(".projects", i);
    let wanted: HashSet<String> = [at.clone()].into();
    let line = locate(&text, &wanted)[&at].line;
    assert!(text.lines().nth(line - 1).unwrap().contains("Project("));
    line
}

fn args(lang: &str) -> Vec<&str> {
    vec!["hamar.ron", "--date", DATE, "--lang", lang]
}

#[test]
fn e_opens_the_editor_at_the_projects_line_and_shows_the_change_on_the_same_project() {
    let (dir, path) = copy_of("hamar.ron");
    let line = project_line(&path, "HA-04");
    let editor = stand_in_editor(
        dir.path(),
        r#"sed -i 's/Videreutvikle vertskapsrollen/Vertskap ENDRET/' "$2""#,
    );
    let mut t = start!(
        Run::new(dir.path(), &args("en"))
            .size(80, 24)
            .env("VISUAL", format!("{} --wait", editor.display()))
            .env("EDITOR", "false")
    );
    t.wait_text("HA-01");
    // HA-04's detail, with no filter left: at 80×24 the detail is all there is.
    t.send("/HA-04\r");
    t.wait_status("search «HA-04»");
    t.send("\x1b");
    t.wait_status("Filter cleared");
    t.send("\r");
    t.wait_text("Videreutvikle vertskapsrollen");
    t.send("e");
    t.wait_status("Reloaded after editing");

    // The editor was started as `$VISUAL` says, split on whitespace, at HA-04's line.
    let got = fs::read_to_string(dir.path().join("args.1")).unwrap();
    let file = fs::canonicalize(&path).unwrap();
    assert_eq!(
        got.lines().collect::<Vec<_>>(),
        ["--wait", &format!("+{line}"), file.to_str().unwrap()]
    );
    // It had the terminal as a shell leaves it: line editing and echo on (raw mode off).
    let stty = fs::read_to_string(dir.path().join("stty.1")).unwrap();
    assert!(
        stty.contains(" icanon") && !stty.contains("-icanon"),
        "{stty}"
    );
    assert!(
        stty.contains(" echo ") && !stty.contains("-echo "),
        "{stty}"
    );
    // styr left the alternate screen and showed the cursor before it, and took the
    // screen back after.
    let out = String::from_utf8_lossy(&t.out).into_owned();
    let at = out
        .find(MARK)
        .expect("the editor's output reached the terminal");
    let (before, after) = out.split_at(at);
    let left = before
        .rfind(LEAVE_ALT)
        .expect("the alternate screen was left");
    assert!(before.rfind(ENTER_ALT) < Some(left), "left after entering");
    assert!(before[left..].contains(SHOW_CURSOR), "the cursor shown");
    assert!(
        after.contains(ENTER_ALT),
        "the alternate screen was taken back"
    );

    // Ctrl-C and Ctrl-\ in the editor were the editor's: styr is still here, on the
    // same project, with the new name.
    assert!(!t.exited(), "styr ended on the editor's Ctrl-C");
    let screen = t.text();
    assert!(screen.contains("HA-04"), "{screen}");
    assert!(screen.contains("Vertskap ENDRET"), "{screen}");
    assert!(!screen.contains("Videreutvikle"), "{screen}");
    assert!(t.screen().alternate_screen());
    assert!(t.raw_mode());

    t.send("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status}");
    t.assert_restored();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("Vertskap ENDRET"));
    let left: Vec<String> = folder(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert!(
        !left.iter().any(|n| n.contains(".styr-")),
        "styr left {left:?}"
    );
}

#[test]
fn a_file_the_editor_leaves_broken_shows_its_errors_and_esc_keeps_the_last_good_state() {
    for lang in ["en", "nb"] {
        let (dir, path) = copy_of("hamar.ron");
        let wrong = fs::read_to_string(&path)
            .unwrap()
            .replacen("health: Amber", "health: Ambr", 1);
        let bad_line = wrong.lines().position(|l| l.contains("Ambr")).unwrap() + 1;
        // Run 1 breaks the file; run 2 ("edit again") leaves it as it is.
        let editor = stand_in_editor(
            dir.path(),
            r#"[ "$1" = 1 ] && sed -i '0,/health: Amber/s//health: Ambr/' "$2"; true"#,
        );
        let mut t = start!(
            Run::new(dir.path(), &args(lang))
                .size(80, 24)
                .env("EDITOR", editor.display().to_string())
        );
        t.wait_text("HA-01");
        t.send("e");
        let (title, good) = match lang {
            "en" => ("The file has errors", "Showing the last good state"),
            _ => ("Filen har feil", "Viser siste gode versjon"),
        };
        t.wait_text(title);
        let place = format!("hamar.ron:{bad_line}:");
        assert!(t.text().contains(&place), "{place} in\n{}", t.text());
        assert!(t.text().contains("Ambr"), "the message quotes the word");
        assert_eq!(fs::read_to_string(&path).unwrap(), wrong);

        // `e` again: the editor opens at the error this time.
        t.send("e");
        t.wait_for("the second run", |_| dir.path().join("args.2").exists());
        t.wait_text(title);
        let got = fs::read_to_string(dir.path().join("args.2")).unwrap();
        assert_eq!(got.lines().next(), Some(format!("+{bad_line}").as_str()));

        // Esc: the last good state stays on screen, the file as the editor left it.
        t.send("\x1b");
        t.wait_status(good);
        assert!(!t.text().contains(title));
        assert!(t.text().contains("HA-01"));
        assert_eq!(fs::read_to_string(&path).unwrap(), wrong);
        // And saving does not write over it without asking.
        t.send("s");
        t.wait_text(match lang {
            "en" => "The file changed on disk",
            _ => "Filen er endret på disk",
        });
        t.send("\x1b");
        t.settle();
        assert_eq!(fs::read_to_string(&path).unwrap(), wrong);

        t.send("q");
        let status = t.wait_exit();
        assert!(status.success(), "{lang}: {status}");
        t.assert_restored();
    }
}

#[test]
fn read_only_does_not_open_the_editor() {
    let (dir, _) = copy_of("hamar.ron");
    let editor = stand_in_editor(dir.path(), "true");
    let mut a = args("en");
    a.push("--read-only");
    let mut t = start!(
        Run::new(dir.path(), &a)
            .size(80, 24)
            .env("VISUAL", editor.display().to_string())
    );
    t.wait_text("HA-01");
    t.send("e");
    t.wait_status("Read-only: nothing is changed");
    assert!(!dir.path().join("runs").exists(), "the editor ran");
    t.send("q");
    assert!(t.wait_exit().success());
    t.assert_restored();
}
