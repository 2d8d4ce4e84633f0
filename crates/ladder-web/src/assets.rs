//! Static files compiled into the binary (see `assets/README.md`), served with long caching: their
//! names carry their version, so a new build's files are new addresses.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../assets/app.css")),
    ("htmx-2.0.11.min.js", "text/javascript; charset=utf-8", include_bytes!("../assets/htmx-2.0.11.min.js")),
    ("htmx-LICENSE.txt", "text/plain; charset=utf-8", include_bytes!("../assets/htmx-LICENSE.txt")),
    ("ladder-1.js", "text/javascript; charset=utf-8", include_bytes!("../assets/ladder.js")),
];

pub(crate) async fn serve(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, kind, body)) => {
            ([(CONTENT_TYPE, *kind), (CACHE_CONTROL, "public, max-age=86400")], *body).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
