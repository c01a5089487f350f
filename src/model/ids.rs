//! A new item's id, following the file's own pattern: `HA-17` after `HA-16`, `R3`
//! after `R1` and `R2`, `klima.d3` after `klima.d2`, `P-010` after `P-009`.

/// The id after the most numerous family of `ids` (same text before a trailing
/// number; the last id's family on a tie): its highest number plus one, as wide as
/// that number was written. `None` when no id ends in a number.
pub fn next_id<'a>(ids: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let ids: Vec<&str> = ids.into_iter().collect();
    let split = |id: &'a str| -> Option<(&'a str, &'a str)> {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        (digits > 0 && digits <= 18).then(|| id.split_at(id.len() - digits))
    };
    let numbered: Vec<(&str, &str)> = ids.iter().filter_map(|id| split(id)).collect();
    let (last_prefix, _) = *numbered.last()?;
    let count = |p: &str| numbered.iter().filter(|(q, _)| *q == p).count();
    let prefix = numbered
        .iter()
        .map(|(p, _)| *p)
        .max_by_key(|p| (count(p), *p == last_prefix))?;
    let family = numbered.iter().filter(|(p, _)| *p == prefix);
    let (width, max) = family
        .map(|(_, n)| (n.len(), n.parse::<u64>().unwrap_or(0)))
        .max_by_key(|(_, n)| *n)?;
    let padded = numbered
        .iter()
        .any(|(p, n)| *p == prefix && n.len() > 1 && n.starts_with('0'));
    let mut n = max + 1;
    loop {
        let id = if padded {
            format!("{prefix}{n:0width$}")
        } else {
            format!("{prefix}{n}")
        };
        if !ids.contains(&id.as_str()) {
            return Some(id);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::next_id;

    #[test]
    fn the_next_id_follows_the_files_pattern() {
        assert_eq!(
            next_id(["HA-01", "HA-16", "HA-02"]).as_deref(),
            Some("HA-17")
        );
        assert_eq!(next_id(["R1", "R2"]).as_deref(), Some("R3"));
        assert_eq!(next_id(["P-009"]).as_deref(), Some("P-010"));
        assert_eq!(
            next_id(["klima.d1", "klima.d2"]).as_deref(),
            Some("klima.d3")
        );
        // The most common family wins over a stray id.
        assert_eq!(
            next_id(["T-01", "T-02", "X9", "T-03"]).as_deref(),
            Some("T-04")
        );
        assert_eq!(next_id(["A", "B"]), None);
        assert_eq!(next_id([]), None);
        // Never one that is taken (a padded and an unpadded id side by side).
        assert_eq!(next_id(["R9", "R10"]).as_deref(), Some("R11"));
        assert_eq!(
            next_id(["N-1", "N-2", "N-3x", "N-3"]).as_deref(),
            Some("N-4")
        );
    }
}
