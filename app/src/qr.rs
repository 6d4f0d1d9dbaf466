//! QR codes, drawn on the server as SVG so they show without JavaScript: invitation links
//! for a young person's phone, and authenticator-app set-up for staff.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG image of `text`, or `None` if it is too long for a QR code. The SVG carries its
/// own accessible name; the same text is always shown beside it for people who type it.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Give the picture a role and name for screen readers.
    let label = label.replace(['<', '>', '&', '"'], "");
    Some(image.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{label}\" "),
        1,
    ))
}
