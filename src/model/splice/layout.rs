//! How text styr adds is laid out: the file's own habits ([`Style`]), how a value is
//! written where it goes ([`Layout`]), and small helpers over lines of the text.

use super::super::value::Value;

/// The file's own habits, for text styr adds.
#[derive(Debug, Clone)]
pub(super) struct Style {
    pub(super) newline: &'static str,
    pub(super) unit: String,
    /// Struct names written (`Portfolio(`, `Project(`).
    pub(super) names: bool,
}

impl Style {
    pub(super) fn of(text: &str) -> Style {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        // The first few thousand lines tell the indentation as well as all of them.
        let unit = text
            .lines()
            .take(4000)
            .filter_map(|l| {
                let ws = &l[..l.len() - l.trim_start().len()];
                (!ws.is_empty() && !l.trim().is_empty()).then_some(ws)
            })
            .min_by_key(|ws| ws.len())
            .map(|ws| {
                if ws.starts_with('\t') {
                    "\t".to_string()
                } else {
                    " ".repeat(ws.len().clamp(1, 8))
                }
            })
            .unwrap_or_else(|| "    ".into());
        let body = text.trim_start_matches('\u{feff}').trim_start();
        let names = body.starts_with(|c: char| c.is_alphabetic());
        Style {
            newline,
            unit,
            names,
        }
    }
}

/// How a value is written where it goes.
#[derive(Debug, Clone)]
pub(super) struct Layout<'a> {
    pub(super) style: &'a Style,
    /// The indentation of the line the value starts on.
    pub(super) indent: String,
    pub(super) names: bool,
    /// Structs one field per line (and lists of structs one item per line).
    pub(super) multiline: bool,
}

impl Layout<'_> {
    fn deeper(&self) -> Layout<'_> {
        Layout {
            indent: format!("{}{}", self.indent, self.style.unit),
            ..self.clone()
        }
    }

    /// `v` as text.
    pub(super) fn render(&self, v: &Value) -> String {
        let nl = self.style.newline;
        match v {
            Value::Scalar(s) => s.clone(),
            Value::None => "None".into(),
            Value::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", self.render(v)))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
            Value::Seq(items) if !self.multiline || items.iter().all(Value::is_scalar) => {
                let parts: Vec<String> = items.iter().map(|v| self.render(v)).collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Seq(items) => {
                if items.is_empty() {
                    return "[]".into();
                }
                let inner = self.deeper();
                let mut out = String::from("[");
                for item in items {
                    out.push_str(&format!("{nl}{}{},", inner.indent, inner.render(item)));
                }
                out.push_str(&format!("{nl}{}]", self.indent));
                out
            }
            Value::Struct(struct_name, fields) => {
                let name = if self.names { *struct_name } else { "" };
                let shown = fields
                    .iter()
                    .filter(|(k, v)| !is_empty(v) && !is_default(struct_name, k, v));
                if !self.multiline {
                    let parts: Vec<String> = shown
                        .map(|(k, v)| format!("{k}: {}", self.render(v)))
                        .collect();
                    return format!("{name}({})", parts.join(", "));
                }
                let inner = self.deeper();
                let mut out = format!("{name}(");
                for (k, v) in shown {
                    out.push_str(&format!("{nl}{}{k}: {},", inner.indent, inner.render(v)));
                }
                out.push_str(&format!("{nl}{})", self.indent));
                out
            }
        }
    }
}

/// Fields at their default value, which new text leaves out as the canonical writer
/// ([`crate::model::save`]) does: (struct, field, value).
const DEFAULTS: [(&str, &str, &str); 6] = [
    ("Project", "status", "Proposed"),
    ("Budget", "spent", "0"),
    ("Funding", "status", "Granted"),
    ("Result", "actual", "0"),
    ("Risk", "status", "Open"),
    ("Portfolio", "currency", "\"NOK\""),
];

fn is_default(name: &str, key: &str, v: &Value) -> bool {
    matches!(v, Value::Scalar(s) if DEFAULTS.contains(&(name, key, s.as_str())))
}

/// Left out of new text, as the canonical writer leaves them out.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::None => true,
        Value::Seq(items) => items.is_empty(),
        Value::Map(entries) => entries.is_empty(),
        _ => false,
    }
}

pub(super) fn line_start(t: &str, at: usize) -> usize {
    t[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The offset of the line break ending the line `at` is on (`\r\n` counts from `\r`).
pub(super) fn line_end(t: &str, at: usize) -> usize {
    let end = t[at..].find('\n').map_or(t.len(), |i| at + i);
    if end > at && t.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

pub(super) fn newline_len(t: &str, at: usize) -> usize {
    if t[at..].starts_with("\r\n") {
        2
    } else if t[at..].starts_with('\n') {
        1
    } else {
        0
    }
}

/// Only white space before `at` on its line?
pub(super) fn starts_line(t: &str, at: usize) -> bool {
    t[line_start(t, at)..at].trim().is_empty()
}

/// The white space that starts the line `at` is on.
pub(super) fn line_indent(t: &str, at: usize) -> &str {
    let ls = line_start(t, at);
    let line = &t[ls..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// Does a value's text start with a struct name (`Evaluation(`, or one inside `Some(`)?
pub(super) fn starts_with_name(v: &str) -> bool {
    let len = v
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(v.len());
    let (name, rest) = v.split_at(len);
    let Some(inner) = rest.trim_start().strip_prefix('(') else {
        return false;
    };
    match name {
        "" => false,
        "Some" => starts_with_name(inner.trim_start()),
        _ => true,
    }
}

/// Is a struct's text written one field per line (its first field on a new line)?
pub(super) fn fields_on_own_lines(v: &str) -> bool {
    match v.find('(') {
        Some(i) => v[i + 1..]
            .chars()
            .find(|c| !matches!(c, ' ' | '\t'))
            .is_some_and(|c| c == '\n' || c == '\r'),
        None => false,
    }
}
