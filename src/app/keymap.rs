//! The one table of key bindings. It drives the key handling, the help overlay, the
//! status-line hints and the command palette, so they can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use std::sync::LazyLock;

use super::{Action, Pane};
use crate::text::Lang;

/// Where a binding applies. Lookups try the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Global,
    /// A pane with the focus (its own keys: [`super::panes::PaneKind::keys`]).
    Pane(Pane),
    /// The project detail, in pane 2.
    Detail,
    /// Pane 4 after `Enter`: the digits score until `Esc` (see [`super::scoring`]).
    Scoring,
    Triage,
    /// A picker (decision, health, status, a risk's values, the filter menu).
    Picker,
    /// A project's follow-up list (`A`).
    FollowUps,
    /// A scoring round's sheet, while it is shown (see [`super::room`]).
    Round,
}

impl Ctx {
    pub fn title(self, l: Lang) -> &'static str {
        match self {
            Ctx::Global => l.pick("Overalt", "Everywhere"),
            Ctx::Pane(p) => p.title(l),
            Ctx::Detail => l.pick("Prosjektdetaljer", "Project detail"),
            Ctx::Scoring => l.pick(
                "Evaluering — vurdering (etter Enter)",
                "Evaluation — scoring (after Enter)",
            ),
            Ctx::Triage => l.pick("Gjennomgang (triage)", "Triage"),
            Ctx::Picker => l.pick(
                "Valglister (vedtak, helse, status, risiko, filter)",
                "Pickers (decision, health, status, risk, filter)",
            ),
            Ctx::FollowUps => l.pick("Oppfølgingspunktene (A)", "The follow-up list (A)"),
            Ctx::Round => l.pick(
                "Vurderingsrunde (R, flere deltakere)",
                "Scoring round (R, many seats)",
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyPress {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(crate) const fn ch(c: char) -> KeyPress {
    KeyPress {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
pub(crate) const fn ctrl(c: char) -> KeyPress {
    KeyPress {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
pub(crate) const fn key(code: KeyCode) -> KeyPress {
    KeyPress { code, ctrl: false }
}

/// One binding: where, which keys, what it does, and how it is described.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub keys: &'static [KeyPress],
    /// The keys as shown in help and hints, e.g. "j/↓".
    pub shown: &'static str,
    pub action: Action,
    pub nb: &'static str,
    pub en: &'static str,
    /// Shown in the status line's hints for this context.
    pub hint: bool,
}

impl Binding {
    pub fn describe(&self, l: Lang) -> &'static str {
        l.pick(self.nb, self.en)
    }
}

/// One binding: `b!(context, [keys], "shown", action, "bokmål", "English", hint)`.
#[macro_export]
macro_rules! b {
    ($ctx:expr, [$($k:expr),*], $shown:expr, $action:expr, $nb:expr, $en:expr, $hint:expr) => {
        $crate::app::keymap::Binding { ctx: $ctx, keys: &[$($k),*], shown: $shown, action: $action, nb: $nb, en: $en, hint: $hint }
    };
}

use Action as A;
use KeyCode as K;

// One binding a line: a table is easier to read and to review as one.
#[rustfmt::skip]
static SHARED: &[Binding] = &[
    // Triage: one project per screen.
    b!(Ctx::Triage, [ch(' '), key(K::Enter)], "Space/Enter", A::TriageNext, "neste prosjekt", "next project", true),
    b!(Ctx::Triage, [key(K::Backspace)], "Backspace", A::TriagePrev, "forrige prosjekt", "previous project", true),
    // `[`/`]` are the previous and next project everywhere; in triage, on the agenda.
    b!(Ctx::Triage, [ch(']')], "]", A::TriageNext, "neste prosjekt", "next project", false),
    b!(Ctx::Triage, [ch('[')], "[", A::TriagePrev, "forrige prosjekt", "previous project", false),
    b!(Ctx::Triage, [ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], "1–5", A::Score(0), "gi score og gå videre", "score and move on", true),
    b!(Ctx::Triage, [ch('0')], "0", A::ClearScore, "fjern score", "clear score", false),
    b!(Ctx::Triage, [ch('j'), key(K::Down)], "j/↓", A::Down, "neste kriterium", "next criterion", false),
    b!(Ctx::Triage, [ch('k'), key(K::Up)], "k/↑", A::Up, "forrige kriterium", "previous criterion", false),
    b!(Ctx::Triage, [ch('d')], "d", A::OpenDecisionPicker, "vedtak", "decision", true),
    b!(Ctx::Triage, [ch('n')], "n", A::EditNote, "notat", "note", true),
    b!(Ctx::Triage, [ch('H')], "H", A::OpenHealthPicker, "helse", "health", false),
    b!(Ctx::Triage, [ch('S')], "S", A::OpenStatusPicker, "status", "status", false),
    b!(Ctx::Triage, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", true),
    b!(Ctx::Triage, [ch('A')], "A", A::OpenFollowUps, "oppfølgingspunktene", "the follow-ups", false),
    b!(Ctx::Triage, [key(K::Esc), ch('t')], "Esc/t", A::Back, "avslutt gjennomgang", "leave triage", true),
    // A scoring round's sheet (many seats).
    b!(Ctx::Round, [ch('1'), ch('2'), ch('3'), ch('4'), ch('5')], "1–5", A::Score(0), "gi score", "score", true),
    b!(Ctx::Round, [ch('0'), key(K::Backspace)], "0", A::ClearScore, "fjern score", "clear score", false),
    b!(Ctx::Round, [ch('j'), key(K::Down)], "j/↓", A::Down, "neste kriterium", "next criterion", false),
    b!(Ctx::Round, [ch('k'), key(K::Up)], "k/↑", A::Up, "forrige kriterium", "previous criterion", false),
    b!(Ctx::Round, [key(K::Enter)], "Enter", A::TakeMedian, "ordstyrer: medianen som gruppens score", "chair: the median as the group's score", false),
    b!(Ctx::Round, [ch('R')], "R", A::Round, "ordstyrer: vis alle / avslutt runden", "chair: reveal / end the round", true),
    b!(Ctx::Round, [ch('d')], "d", A::OpenDecisionPicker, "ordstyrer: vedtak", "chair: decision", false),
    b!(Ctx::Round, [ch('n')], "n", A::EditNote, "ordstyrer: notat", "chair: note", false),
    b!(Ctx::Round, [key(K::Esc)], "Esc", A::Back, "skjul arket (R viser det igjen)", "hide the sheet (R shows it again)", true),
    b!(Ctx::Round, [ch('q')], "q", A::Quit, "avslutt", "quit", false),
    // Everywhere.
    b!(Ctx::Global, [key(K::Tab)], "Tab", A::NextPane, "neste rute", "next pane", false),
    b!(Ctx::Global, [key(K::BackTab)], "Shift-Tab", A::PrevPane, "forrige rute", "previous pane", false),
];

/// Everywhere, after the panes' number keys.
#[rustfmt::skip]
static SHARED_TAIL: &[Binding] = &[
    b!(Ctx::Global, [ch('j'), key(K::Down)], "j/↓", A::Down, "ned", "down", false),
    b!(Ctx::Global, [ch('k'), key(K::Up)], "k/↑", A::Up, "opp", "up", false),
    b!(Ctx::Global, [ch('g'), key(K::Home)], "g/Home", A::Top, "til toppen", "to the top", false),
    b!(Ctx::Global, [ch('G'), key(K::End)], "G/End", A::Bottom, "til bunnen", "to the bottom", false),
    b!(Ctx::Global, [key(K::PageUp)], "PgUp", A::PageUp, "side opp", "page up", false),
    b!(Ctx::Global, [key(K::PageDown)], "PgDn", A::PageDown, "side ned", "page down", false),
    b!(Ctx::Global, [ch('[')], "[", A::PrevProject, "forrige prosjekt", "previous project", false),
    b!(Ctx::Global, [ch(']')], "]", A::NextProject, "neste prosjekt", "next project", false),
    b!(Ctx::Global, [ch('/')], "/", A::StartSearch, "søk", "search", true),
    b!(Ctx::Global, [ch('f')], "f", A::OpenFilterMenu, "filter", "filter", true),
    b!(Ctx::Global, [key(K::Esc)], "Esc", A::Back, "lukk / fjern filter", "close / clear filter", false),
    b!(Ctx::Global, [ch('C')], "C", A::ShowMoved, "endringer: bare det som er endret siden sist (--since)", "changes: only what moved since last time (--since)", false),
    b!(Ctx::Global, [ch('R')], "R", A::Round, "vurderingsrunde: ordstyrer starter / viser alle; deltaker henter arket", "scoring round: the chair starts / reveals; a seat brings the sheet back", false),
    b!(Ctx::Global, [ch('F')], "F", A::Follow, "følg ordstyreren (en deltaker)", "follow the chair (a seat)", false),
    b!(Ctx::Global, [ch('M')], "M", A::OpenMeeting, "møtereferat: hvem var der", "meeting record: who was there", false),
    b!(Ctx::Global, [ch('t')], "t", A::StartTriage, "gjennomgang (triage)", "triage", true),
    b!(Ctx::Global, [ch('z')], "z", A::ToggleZoom, "zoom ruten", "zoom the pane", false),
    b!(Ctx::Global, [ch('e')], "e", A::EditInEditor, "rediger i editoren ($EDITOR), last inn på nytt", "edit in the editor ($EDITOR), then reload", false),
    b!(Ctx::Global, [ch('s'), ctrl('s')], "s/Ctrl-S", A::Save, "lagre", "save", true),
    b!(Ctx::Global, [ch('u')], "u", A::Undo, "angre", "undo", false),
    b!(Ctx::Global, [ctrl('r')], "Ctrl-R", A::Redo, "gjør om", "redo", false),
    b!(Ctx::Global, [ch(':')], ":", A::OpenPalette, "kommandopalett", "command palette", false),
    b!(Ctx::Global, [ch('?')], "?", A::ToggleHelp, "hjelp", "help", true),
    b!(Ctx::Global, [ch('q')], "q", A::Quit, "avslutt", "quit", true),
    b!(Ctx::Global, [ctrl('c')], "Ctrl-C", A::ForceQuit, "avslutt straks", "quit at once", false),
    // Pickers: the digits choose (see `key_to_action`: in the filters 0 is "(all)", so a
    // value has the same number in every picker), the rest from here.
    b!(Ctx::Picker, [ch('0'), ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], "1–9, 0", A::Pick(0), "velg med tallet; 0 er «alle» i filtrene", "choose by its number; 0 is (all) in the filters", false),
    b!(Ctx::Picker, [ch('j'), key(K::Down)], "j/↓", A::Down, "ned", "down", false),
    b!(Ctx::Picker, [ch('k'), key(K::Up)], "k/↑", A::Up, "opp", "up", false),
    b!(Ctx::Picker, [key(K::Enter)], "Enter", A::Enter, "velg", "choose", true),
    b!(Ctx::Picker, [key(K::Esc)], "Esc", A::Back, "avbryt", "cancel", true),
    b!(Ctx::Picker, [ch('q')], "q", A::Quit, "avslutt", "quit", false),
    // The follow-up list.
    b!(Ctx::FollowUps, [ch('j'), key(K::Down)], "j/↓", A::Down, "ned", "down", false),
    b!(Ctx::FollowUps, [ch('k'), key(K::Up)], "k/↑", A::Up, "opp", "up", false),
    b!(Ctx::FollowUps, [ch('g'), key(K::Home)], "g/Home", A::Top, "til toppen", "to the top", false),
    b!(Ctx::FollowUps, [ch('G'), key(K::End)], "G/End", A::Bottom, "til bunnen", "to the bottom", false),
    b!(Ctx::FollowUps, [ch('x')], "x", A::ToggleDone, "merk utført (igjen: åpne)", "mark done (again: reopen)", true),
    b!(Ctx::FollowUps, [key(K::Enter)], "Enter", A::Enter, "rediger", "edit", true),
    b!(Ctx::FollowUps, [ch('a')], "a", A::AddFollowUp, "nytt oppfølgingspunkt", "add a follow-up", true),
    b!(Ctx::FollowUps, [ch('-')], "-", A::RemoveHere, "fjern oppfølgingspunktet", "remove the follow-up", false),
    b!(Ctx::FollowUps, [key(K::Esc), ch('A')], "Esc/A", A::Back, "lukk listen", "close the list", true),
    b!(Ctx::FollowUps, [ch('q')], "q", A::Quit, "avslutt", "quit", false),
];

/// The one table: triage's keys, each pane's (in the order of [`Pane::ALL`]), the keys
/// every pane shares with the panes' number keys among them, the pickers' and the
/// follow-up list's. Help, the hints, the palette and the key handling all read it.
pub static BINDINGS: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    let panes = || Pane::ALL.into_iter().flat_map(|p| p.kind().keys());
    let (triage, tabs): (Vec<&Binding>, Vec<&Binding>) =
        SHARED.iter().partition(|b| b.ctx == Ctx::Triage);
    triage
        .into_iter()
        .chain(panes().filter(|b| b.ctx != Ctx::Global))
        .chain(tabs)
        .chain(panes().filter(|b| b.ctx == Ctx::Global))
        .chain(SHARED_TAIL)
        .copied()
        .collect()
});

/// The contexts that apply to the app as it is now, most specific first: triage's, or
/// the focused pane's (see [`super::panes::PaneKind::contexts`]), then everywhere's.
pub fn contexts_now(app: &super::App) -> Vec<Ctx> {
    if app.room.sheet_shown() {
        return vec![Ctx::Round, Ctx::Global];
    }
    if app.triage.is_some() {
        return vec![Ctx::Triage, Ctx::Global];
    }
    let mut v = app.pane.kind().contexts(app);
    v.push(Ctx::Global);
    v
}

/// The contexts whose keys the status line hints at: where the cursor is, or the open
/// picker or follow-up list (whose keys are their own); none over the other overlays,
/// which show their keys themselves (and where `?` is typed, not help).
pub fn hint_contexts(app: &super::App) -> Vec<Ctx> {
    use super::Overlay;
    match app.overlay {
        None => contexts_now(app),
        Some(Overlay::Picker { .. }) => vec![Ctx::Picker],
        Some(Overlay::FollowUps { .. }) => vec![Ctx::FollowUps],
        Some(_) => Vec::new(),
    }
}

/// Whether binding `b` is shadowed in `ctxs`: a context before its own binds one of its
/// keys (in scoring, `1` scores: "1 go to Goals" does not apply).
pub fn shadowed(ctxs: &[Ctx], b: &Binding) -> bool {
    let Some(at) = ctxs.iter().position(|c| *c == b.ctx) else {
        return false;
    };
    BINDINGS
        .iter()
        .filter(|e| ctxs[..at].contains(&e.ctx))
        .any(|e| e.keys.iter().any(|k| b.keys.contains(k)))
}

/// What triage has no use for: it shows one project on the whole screen, its agenda is
/// fixed when it starts, so switching or zooming panes, searching and filtering would
/// change nothing that shows. Their keys do nothing there, and help says so.
const NOT_IN_TRIAGE: [Action; 5] = [
    Action::NextPane,
    Action::PrevPane,
    Action::ToggleZoom,
    Action::StartSearch,
    Action::OpenFilterMenu,
];

/// Whether binding `b` does what it says in `ctxs`: it is not [`shadowed`], and not one of
/// the global keys triage has no use for. The key map, the hints, help and the palette
/// all ask this.
pub fn applies(ctxs: &[Ctx], b: &Binding) -> bool {
    if shadowed(ctxs, b) {
        return false;
    }
    !(ctxs.contains(&Ctx::Triage) && b.ctx == Ctx::Global && NOT_IN_TRIAGE.contains(&b.action))
}

/// The order help lists the contexts in: those that apply now first (most specific
/// first), then the others.
pub fn help_order(now: &[Ctx]) -> Vec<Ctx> {
    let mut all = vec![Ctx::Global];
    for p in Pane::ALL {
        all.push(Ctx::Pane(p));
        match p {
            Pane::Projects => all.push(Ctx::Detail),
            Pane::Evaluation => all.push(Ctx::Scoring),
            _ => {}
        }
    }
    all.extend([Ctx::Triage, Ctx::Round, Ctx::Picker, Ctx::FollowUps]);
    let mut out = now.to_vec();
    out.extend(all.into_iter().filter(|c| !now.contains(c)));
    out
}

fn matches(kp: &KeyPress, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if kp.ctrl != ctrl {
        return false;
    }
    match (kp.code, ev.code) {
        // Letters: compare as typed (Shift gives the capital).
        (KeyCode::Char(a), KeyCode::Char(b)) if kp.ctrl => a.eq_ignore_ascii_case(&b),
        (a, b) => a == b,
    }
}

/// The action a key press means in these contexts.
pub fn lookup(ctxs: &[Ctx], ev: &KeyEvent) -> Option<Action> {
    for ctx in ctxs {
        for b in BINDINGS.iter().filter(|b| b.ctx == *ctx) {
            if b.keys.iter().any(|k| matches(k, ev)) {
                if !applies(ctxs, b) {
                    return None;
                }
                // The digit bindings carry their digit.
                return Some(match (b.action, ev.code) {
                    (Action::Score(_), KeyCode::Char(c)) => {
                        Action::Score(c.to_digit(10).map_or(0, i64::from))
                    }
                    (a, _) => a,
                });
            }
        }
    }
    None
}

/// The hints for the status line in these contexts. A binding whose key a more specific
/// context takes over is left out (in triage, `t` leaves triage: no "t triage" hint).
pub fn hints(ctxs: &[Ctx]) -> Vec<&'static Binding> {
    ctxs.iter()
        .flat_map(|c| {
            BINDINGS
                .iter()
                .filter(move |b| b.ctx == *c && b.hint && applies(ctxs, b))
        })
        .collect()
}

/// The key presses a key event stands for. A terminal sends Alt+key as Esc and the key, so
/// an `Esc` typed just before a key (or joined to it by a slow link) arrives as Alt+key:
/// outside a text field that is `Esc`, then the key — never the key alone, or `Esc 3`
/// leaving scoring would score a 3.
pub fn unjoin(app: &super::App, ev: &KeyEvent) -> Vec<KeyEvent> {
    use super::Overlay;
    let typing = app.searching.is_some()
        || matches!(
            app.overlay,
            Some(Overlay::Palette { .. })
                | Some(Overlay::Note { .. })
                | Some(Overlay::SaveAs { .. })
                | Some(Overlay::Form(_))
        );
    let typing = typing || pane_typing(app);
    let m = ev.modifiers;
    if typing || !m.contains(KeyModifiers::ALT) || m.contains(KeyModifiers::CONTROL) {
        return vec![*ev];
    }
    vec![
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
        KeyEvent::new(ev.code, m - KeyModifiers::ALT),
    ]
}

/// What a key press means now: text fields and pickers first, then the bindings.
pub fn key_to_action(app: &super::App, ev: &KeyEvent) -> Action {
    use super::Overlay;
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(ev.code, KeyCode::Char('c') | KeyCode::Char('C')) {
        return Action::ForceQuit;
    }
    if let Some(Overlay::Form(_)) = &app.overlay {
        return match ev.code {
            KeyCode::Tab => Action::NextPane,
            KeyCode::BackTab => Action::PrevPane,
            KeyCode::Up => Action::Up,
            KeyCode::Down => Action::Down,
            _ => text_key(ev, ctrl, false),
        };
    }
    let text_open = app.searching.is_some()
        || matches!(
            app.overlay,
            Some(Overlay::Palette { .. })
                | Some(Overlay::Note { .. })
                | Some(Overlay::SaveAs { .. })
        );
    if text_open {
        // The palette's list and the note's rows (see `super::wrap`) take ↑ and ↓.
        let rows = matches!(
            app.overlay,
            Some(Overlay::Palette { .. }) | Some(Overlay::Note { .. })
        );
        return text_key(ev, ctrl, rows);
    }
    match &app.overlay {
        Some(Overlay::FollowUps { .. }) => {
            return lookup(&[Ctx::FollowUps], ev).unwrap_or(Action::Noop);
        }
        Some(Overlay::Picker { kind, .. }) => {
            if let KeyCode::Char(c) = ev.code
                && let Some(d) = c.to_digit(10)
            {
                // Entry i has the number i + first: 1 Green in every health picker.
                let first = super::picker::first_number(*kind);
                return (d as usize)
                    .checked_sub(first)
                    .map_or(Action::Noop, Action::Pick);
            }
            return lookup(&[Ctx::Picker], ev).unwrap_or(Action::Noop);
        }
        Some(Overlay::Question(_)) => {
            return match ev.code {
                KeyCode::Char(c) => Action::Answer(c.to_ascii_lowercase()),
                KeyCode::Esc => Action::Answer('\u{1b}'),
                KeyCode::Enter => Action::Answer('\r'),
                _ => Action::Noop,
            };
        }
        Some(Overlay::Help { .. }) => {
            return match ev.code {
                KeyCode::Char('j') | KeyCode::Down => Action::Down,
                KeyCode::Char('k') | KeyCode::Up => Action::Up,
                KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
                KeyCode::PageUp => Action::PageUp,
                KeyCode::Char('g') | KeyCode::Home => Action::Top,
                KeyCode::Char('G') | KeyCode::End => Action::Bottom,
                KeyCode::Char('q') => Action::Quit,
                _ => Action::Back,
            };
        }
        _ => {}
    }
    if pane_typing(app) {
        // A pane's own field (the what-if's budget): `Tab` leaves it, as in a form.
        return match ev.code {
            KeyCode::Tab => Action::NextPane,
            KeyCode::BackTab => Action::PrevPane,
            _ => text_key(ev, ctrl, false),
        };
    }
    lookup(&contexts_now(app), ev).unwrap_or(Action::Noop)
}

/// The focused pane has a text field with the keys (nothing over it).
fn pane_typing(app: &super::App) -> bool {
    app.overlay.is_none()
        && app.searching.is_none()
        && app.triage.is_none()
        && app.pane.kind().takes_text(app)
}

/// A key in a text field (`rows`: ↑ and ↓ move the palette's list or the note's rows).
fn text_key(ev: &KeyEvent, ctrl: bool, rows: bool) -> Action {
    match ev.code {
        KeyCode::Enter => Action::TextAccept,
        KeyCode::Esc => Action::TextCancel,
        KeyCode::Backspace => Action::TextBackspace,
        KeyCode::Delete => Action::TextDelete,
        KeyCode::Left => Action::TextLeft,
        KeyCode::Right => Action::TextRight,
        KeyCode::Home => Action::TextHome,
        KeyCode::End => Action::TextEnd,
        KeyCode::Up if rows => Action::Up,
        KeyCode::Down if rows => Action::Down,
        KeyCode::Char('a') if ctrl => Action::TextHome,
        KeyCode::Char('e') if ctrl => Action::TextEnd,
        KeyCode::Char('w') if ctrl => Action::TextDeleteWord,
        KeyCode::Char('u') if ctrl => Action::TextDeleteToStart,
        KeyCode::Char('k') if ctrl => Action::TextDeleteToEnd,
        KeyCode::Char(c) if !ctrl => Action::TextInput(c),
        _ => Action::Noop,
    }
}
