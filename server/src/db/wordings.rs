//! SQL for reading a programme's words in the page's language: the Welsh where there is
//! some, else the English row itself. Both engines share these (plain correlated
//! subqueries), and English needs no special case: no wording row is ever in English.

/// A session's topic; `ps` is the `programme_sessions` row and `$language` the bound tag.
pub fn topic(language: usize) -> String {
    format!(
        "COALESCE((SELECT w.topic FROM programme_session_wordings w
                   WHERE w.programme_id = ps.programme_id AND w.number = ps.number
                     AND w.language = ${language}), ps.topic)"
    )
}

/// An objective's words; `o` is the `session_objectives` row.
pub fn objective(language: usize) -> String {
    format!(
        "COALESCE((SELECT w.text FROM session_objective_wordings w
                   WHERE w.programme_id = o.programme_id AND w.session_number = o.session_number
                     AND w.position = o.position AND w.language = ${language}), o.text)"
    )
}

/// A programme's name or summary (`column`); `p` is the `programmes` row.
pub fn programme(column: &str, language: usize) -> String {
    format!(
        "COALESCE((SELECT w.{column} FROM programme_wordings w
                   WHERE w.programme_id = p.id AND w.language = ${language}), p.{column})"
    )
}
