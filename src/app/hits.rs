//! What the last frame drew where: the tabs, the panes, the rows of the lists, the
//! matrix cells and the entries of an open picker or palette. The drawing code records
//! each as it draws it (a `RefCell`, so drawing stays `&App`), and a click looks up what
//! is under it ([`super::mouse`]). Recording what was drawn, rather than working the
//! layout out again, means a click always means what the user saw there.

use std::cell::RefCell;

use super::Pane;

/// Something a click can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A pane's tab in the top bar.
    Tab(Pane),
    /// Anywhere in a pane (what is more precise is recorded over it).
    Pane(Pane),
    /// Row `n` of the goal tree (an index into `App::goal_rows`).
    Goal(usize),
    /// Row `n` of the project list (an index into `App::visible`).
    Project(usize),
    /// Row `n` of the risk register (an index into `App::risk_rows`).
    Risk(usize),
    /// A matrix cell: (probability, consequence).
    Cell(i64, i64),
    /// Criterion `n` of the score sheet.
    Criterion(usize),
    /// Entry `n` of the open picker, palette or follow-up list.
    Entry(usize),
}

/// A rectangle of the screen: columns `x..x + w`, rows `y..y + h`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Area {
    x: u16,
    y: u16,
    w: u16,
    h: u16,
}

impl Area {
    fn contains(&self, col: u16, row: u16) -> bool {
        col >= self.x
            && row >= self.y
            && u32::from(col) < u32::from(self.x) + u32::from(self.w)
            && u32::from(row) < u32::from(self.y) + u32::from(self.h)
    }
}

/// The hit areas of the last frame, in the order they were drawn.
#[derive(Debug, Default)]
pub struct HitMap {
    areas: RefCell<Vec<(Area, Hit)>>,
}

impl HitMap {
    /// A new frame begins: forget the last one.
    pub fn clear(&self) {
        self.areas.borrow_mut().clear();
    }

    /// `hit` was drawn at `x, y`, `w` columns wide and `h` rows high.
    pub fn add(&self, x: u16, y: u16, w: u16, h: u16, hit: Hit) {
        if w > 0 && h > 0 {
            self.areas.borrow_mut().push((Area { x, y, w, h }, hit));
        }
    }

    /// What is at `col, row`: the last drawn of what is there (an overlay is drawn over
    /// the panes, a row over its pane).
    pub fn at(&self, col: u16, row: u16) -> Option<Hit> {
        self.areas
            .borrow()
            .iter()
            .rev()
            .find(|(a, _)| a.contains(col, row))
            .map(|(_, h)| *h)
    }

    /// The pane at `col, row`, whatever in it is there.
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        self.areas.borrow().iter().rev().find_map(|(a, h)| match h {
            Hit::Pane(p) if a.contains(col, row) => Some(*p),
            _ => None,
        })
    }

    /// Where `hit` was drawn (its first column and row), if it was: for tests, which
    /// click where the user would.
    pub fn find(&self, hit: Hit) -> Option<(u16, u16)> {
        self.areas
            .borrow()
            .iter()
            .find(|(_, h)| *h == hit)
            .map(|(a, _)| (a.x, a.y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_drawn_wins_and_the_pane_is_found_under_its_rows() {
        let m = HitMap::default();
        m.add(0, 0, 40, 10, Hit::Pane(Pane::Projects));
        m.add(1, 2, 38, 1, Hit::Project(0));
        m.add(10, 1, 10, 5, Hit::Entry(3));
        m.add(0, 0, 0, 5, Hit::Tab(Pane::Goals)); // nothing drawn: not recorded
        assert_eq!(m.at(2, 2), Some(Hit::Project(0)));
        assert_eq!(m.at(12, 2), Some(Hit::Entry(3)));
        assert_eq!(m.at(2, 3), Some(Hit::Pane(Pane::Projects)));
        assert_eq!(m.pane_at(2, 2), Some(Pane::Projects));
        assert_eq!(m.at(40, 0), None);
        assert_eq!(m.at(0, 0), Some(Hit::Pane(Pane::Projects)));
        assert_eq!(m.find(Hit::Project(0)), Some((1, 2)));
        m.clear();
        assert_eq!(m.at(2, 2), None);
        // The far edge of the screen does not overflow.
        m.add(u16::MAX - 1, u16::MAX - 1, 5, 5, Hit::Entry(0));
        assert_eq!(m.at(u16::MAX, u16::MAX), Some(Hit::Entry(0)));
    }
}
