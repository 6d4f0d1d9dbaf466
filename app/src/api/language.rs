//! Choosing the language of the pages: a form on every page, so it works without
//! JavaScript, before and after signing in.

use leptos::prelude::*;

use crate::error::AppError;

/// Where to go back to after choosing: a path on this site, and nothing that could lead
/// elsewhere (`//host`, a scheme, a backslash that some browsers read as a slash).
pub fn path_back(back: Option<&str>) -> String {
    match back.map(str::trim) {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Sets the language of every page from now on: on this phone or computer (a cookie) and,
/// for someone signed in, on their record, so it follows them to another phone.
#[server(prefix = "/api", endpoint = "set_language")]
pub async fn set_language(language: String, back: Option<String>) -> Result<(), AppError> {
    use crate::api::server_side::{finish_form, set_language_cookie, store, viewer};
    use crate::language::Language;
    let back = path_back(back.as_deref());
    let result = async {
        // An unknown tag (an old page, a typed address) leaves the language as it was.
        let Some(language) = Language::parse(&language) else {
            return Ok(());
        };
        set_language_cookie(language);
        match viewer().await {
            Ok(viewer) => store()?.set_language(viewer.person, language).await?,
            Err(AppError::SignedOut) => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }
    .await;
    finish_form(&result, &back, Some(&back));
    result
}

#[cfg(test)]
mod tests {
    use super::path_back;

    #[test]
    fn only_a_path_on_this_site_is_gone_back_to() {
        assert_eq!(path_back(Some("/me?saved=1#x")), "/me?saved=1#x");
        for elsewhere in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "me",
            "",
            "/a\nSet-Cookie: x",
        ] {
            assert_eq!(path_back(Some(elsewhere)), "/", "{elsewhere:?}");
        }
        assert_eq!(path_back(None), "/");
    }
}
