//! How far a long load, check or save has come: counts that the work updates on any
//! thread and whoever shows them (the interactive view's progress line, the command
//! line's bar) reads, in the reader's language. Nothing here draws anything.

use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use crate::text::{Lang, Noun};

/// What is being done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Nothing (finished, or not begun).
    Idle,
    /// Reading the file's bytes.
    File,
    /// Parsing the projects.
    Reading,
    /// Checking them against FORMAT.md's rules.
    Checking,
    /// Working out what the view shows (figures, orders, the search index).
    Preparing,
    /// Saving: the new text checked to load back, project by project.
    Saving,
    /// Saving: the new text written and synced.
    Writing,
}

const STAGES: [Stage; 7] = [
    Stage::Idle,
    Stage::File,
    Stage::Reading,
    Stage::Checking,
    Stage::Preparing,
    Stage::Saving,
    Stage::Writing,
];

/// The counts of one piece of work. `total` is 0 while it is not known yet (the
/// projects are counted as they are read).
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Nanoseconds each [`Progress::advance`] waits (0: none). For tests that need a
    /// load slow enough to watch; see [`Progress::set_pace`].
    pace_ns: AtomicU64,
}

/// What [`Progress::get`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Snapshot {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// Counts nobody reads: for the callers that show no progress.
pub static NOBODY: Progress = Progress::new();

impl Progress {
    pub const fn new() -> Progress {
        Progress {
            stage: AtomicU8::new(0),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            pace_ns: AtomicU64::new(0),
        }
    }

    /// A new stage, with nothing done of `total` (0: not known yet).
    pub fn begin(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Release);
    }

    /// The total, once it is known.
    pub fn set_total(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// `n` more done.
    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
        let pace = self.pace_ns.load(Ordering::Relaxed);
        if pace > 0 {
            std::thread::sleep(Duration::from_nanos(pace.saturating_mul(n as u64)));
        }
    }

    /// Finished: nothing to show any more.
    pub fn finish(&self) {
        self.begin(Stage::Idle, 0);
    }

    /// Make each step of the work take at least `per_step` (tests only: the session sets
    /// it from `STYR_TEST_PACE_US` in debug builds).
    pub fn set_pace(&self, per_step: Duration) {
        let ns = u64::try_from(per_step.as_nanos()).unwrap_or(u64::MAX);
        self.pace_ns.store(ns, Ordering::Relaxed);
    }

    pub fn get(&self) -> Snapshot {
        let stage = STAGES
            .get(self.stage.load(Ordering::Acquire) as usize)
            .copied()
            .unwrap_or(Stage::Idle);
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        Snapshot {
            stage,
            // Never more than the total: a count may run ahead of a total set late.
            done: if total > 0 { done.min(total) } else { done },
            total,
        }
    }
}

impl Snapshot {
    /// What is being done, in words: "Leser prosjekter" / "Reading projects".
    pub fn what(&self, lang: Lang) -> &'static str {
        match self.stage {
            Stage::Idle => "",
            Stage::File => lang.pick("Leser filen", "Reading the file"),
            Stage::Reading => lang.pick("Leser prosjekter", "Reading projects"),
            Stage::Checking => lang.pick("Sjekker prosjekter", "Checking projects"),
            Stage::Preparing => lang.pick("Gjør klar visningen", "Preparing the view"),
            Stage::Saving => lang.pick("Lagrer prosjekter", "Saving projects"),
            Stage::Writing => lang.pick("Skriver filen", "Writing the file"),
        }
    }

    /// How far, in words: "41 000 / 100 000" / "41,000 / 100,000"; "41 000 prosjekter"
    /// while the total is not known; empty for a stage without counts.
    pub fn count(&self, lang: Lang) -> String {
        let counted = matches!(self.stage, Stage::Reading | Stage::Checking | Stage::Saving);
        let n = |v: usize| lang.amount(i64::try_from(v).unwrap_or(i64::MAX));
        match (counted, self.total) {
            (false, _) => String::new(),
            (true, 0) => format!(
                "{} {}",
                n(self.done),
                lang.noun(self.done as i64, Noun::PROJECT)
            ),
            (true, total) => format!("{} / {}", n(self.done), n(total)),
        }
    }

    /// The whole line: "Leser prosjekter · 41 000 / 100 000" / "Reading projects ·
    /// 41,000 / 100,000"; "Skriver filen …" for a stage without counts.
    pub fn line(&self, lang: Lang) -> String {
        let count = self.count(lang);
        if count.is_empty() {
            format!("{} …", self.what(lang))
        } else {
            format!("{} · {count}", self.what(lang))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_the_stage_and_the_count_in_both_languages() {
        let p = Progress::new();
        assert_eq!(p.get().stage, Stage::Idle);
        p.begin(Stage::Reading, 0);
        p.advance(41_000);
        assert_eq!(
            p.get().line(Lang::Nb),
            "Leser prosjekter · 41\u{a0}000 prosjekter"
        );
        assert_eq!(p.get().line(Lang::En), "Reading projects · 41,000 projects");
        p.set_total(100_000);
        assert_eq!(
            p.get().line(Lang::Nb),
            "Leser prosjekter · 41\u{a0}000 / 100\u{a0}000"
        );
        assert_eq!(
            p.get().line(Lang::En),
            "Reading projects · 41,000 / 100,000"
        );
        p.begin(Stage::Writing, 0);
        assert_eq!(p.get().line(Lang::Nb), "Skriver filen …");
        assert_eq!(p.get().line(Lang::En), "Writing the file …");
        p.begin(Stage::Saving, 3);
        p.advance(5);
        assert_eq!(p.get().count(Lang::En), "3 / 3", "never past the total");
        p.finish();
        assert_eq!(p.get().stage, Stage::Idle);
    }
}
