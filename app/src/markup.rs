//! Text written inside elements whose content the renderer does not escape.
//!
//! Leptos 0.8's renderer (tachys 0.2) writes a `<textarea>`'s children into the page
//! unescaped (`ESCAPE_CHILDREN = false`; fixed upstream only in tachys 0.3). Stored words
//! put back into a form would then be markup: `</textarea><meta http-equiv=refresh …>` in a
//! young person's plan part would send their worker's browser anywhere. Every textarea that
//! shows stored words passes them through [`textarea_text`].

/// On the server, `text` with `&`, `<` and `>` as entities: the browser decodes them, so the
/// box shows exactly what was stored, and nothing can close the element. In the browser the
/// renderer sets the text itself (no markup is parsed), so it is left as it is.
pub fn textarea_text(text: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                other => out.push(other),
            }
        }
        out
    }
    #[cfg(not(feature = "ssr"))]
    {
        text.to_owned()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn nothing_stored_can_close_a_textarea() {
        let hostile = "</textarea><meta http-equiv=refresh content=\"0;url=https://x\"> & more";
        let written = textarea_text(hostile);
        assert!(
            !written.contains('<') && !written.contains('>'),
            "{written}"
        );
        assert_eq!(
            written,
            "&lt;/textarea&gt;&lt;meta http-equiv=refresh content=\"0;url=https://x\"&gt; &amp; more"
        );
        assert_eq!(textarea_text("plain words"), "plain words");
    }
}
