//! Server functions, one capability per file. Each checks its input at the edge and, from
//! the identity issue on, who is asking.

pub mod demo;
pub mod score_session;

#[cfg(feature = "ssr")]
pub(crate) mod server_side {
    use axum::http::{header, request::Parts, StatusCode};
    use leptos::prelude::*;
    use leptos_axum::ResponseOptions;

    use crate::error::AppError;
    use crate::store::SharedStore;

    pub fn store() -> Result<SharedStore, AppError> {
        use_context::<SharedStore>()
            .ok_or_else(|| AppError::internal(&"no store in the server function's context"))
    }

    /// A form posted by a browser without JavaScript: it wants a page back, not data.
    pub fn is_plain_form_post() -> bool {
        use_context::<Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false)
    }

    /// Gives an API client the HTTP status that matches the error (a 4xx for anything the
    /// client can fix). Also used during server rendering, where it sets the page's status.
    pub fn set_error_status(err: &AppError) {
        if let Some(res) = use_context::<ResponseOptions>() {
            let status =
                StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            res.set_status(status);
        }
    }
}
