//! Import: upload a CSV file, read a check of every row before anything is written, then import it.
//!
//! Both the check and the import are jobs: the upload is kept with the check's job in the database, the
//! page returns at once and the job's page shows how far it has got, then the report. The check is the
//! import itself in a transaction that is rolled back, so it reports exactly what the import would do;
//! the import reads the file kept with the check. While an upload arrives it is written to a private
//! folder of the server under a random name, then kept with the job and removed; the browser never names
//! a path.

use crate::auth::{Viewer, random_token};
use crate::error::WebError;
use crate::pages::{Frame, page, text};
use crate::state::AppState;
use axum::Form;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::response::{Html, IntoResponse, Response};
use ladder_app::column_pairs;
use ladder_app::import::{CUSTOMER_COLUMNS, ImportKind, ImportStop, ImportSummary, RejectedRow};
use ladder_app::jobs::{ImportPayload, ImportResult};
use ladder_domain::Channel;
use ladder_domain::access::Permission;
use ladder_i18n::Arg;
use ladder_store::{JobId, JobStatus};
use serde::{Deserialize, Serialize};
use std::ops::Not;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// The largest upload: a shop's history of several hundred thousand orders fits; bigger files belong to
/// `ladder import`, which shows progress.
const MAX_UPLOAD_MB: usize = 200;
/// Bad rows listed in a report; all are counted.
const SHOWN_ROWS: usize = 200;
/// A temporary upload older than this was left by a request that died; it is swept away.
const KEEP_UPLOADS: Duration = Duration::from_secs(3600);

/// The body limit of the upload route only; every other route keeps axum's small default.
pub(crate) fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_UPLOAD_MB * 1024 * 1024)
}

const KINDS: [(&str, ImportKind); 3] =
    [("customers", ImportKind::Customers), ("orders", ImportKind::Orders), ("interactions", ImportKind::Interactions)];

fn kind_of(name: &str) -> Option<(&'static str, ImportKind)> {
    KINDS.iter().copied().find(|(n, _)| *n == name)
}

/// A kind's columns, as the upload form lists them.
#[derive(Serialize)]
struct Columns {
    kind: &'static str,
    required: &'static [&'static str],
    optional: Vec<String>,
}

fn columns() -> Vec<Columns> {
    KINDS
        .iter()
        .map(|&(kind, k)| {
            let optional = match k {
                ImportKind::Customers => {
                    let mut optional: Vec<String> = CUSTOMER_COLUMNS
                        .iter()
                        .filter(|c| !k.required().contains(c))
                        .map(|c| (*c).to_owned())
                        .collect();
                    optional.extend(Channel::ALL.iter().map(|c| format!("consent_{}", c.as_str())));
                    optional.extend(["consent_…_at".to_owned(), "consent_…_source".to_owned()]);
                    optional
                }
                ImportKind::Orders => {
                    ["product_name", "category", "status", "campaign_code", "one_off"].map(str::to_owned).to_vec()
                }
                ImportKind::Interactions => vec!["note".to_owned()],
            };
            Columns { kind, required: k.required(), optional }
        })
        .collect()
}

/// What a check or an import found, as the page shows it.
#[derive(Serialize)]
struct Outcome {
    /// A check (nothing written) rather than an import.
    checked: bool,
    name: String,
    kind: &'static str,
    /// The check's job, whose kept file the import reads.
    check: Option<i64>,
    summary: ImportSummary,
    rows: Vec<RejectedRow>,
}

fn import_page(
    viewer: &Viewer,
    status: StatusCode,
    kind: &str,
    problem: Option<String>,
    outcome: Option<Outcome>,
) -> Result<Response, WebError> {
    import_page_with(viewer, status, kind, problem, outcome, None)
}

fn import_page_with(
    viewer: &Viewer,
    status: StatusCode,
    kind: &str,
    problem: Option<String>,
    outcome: Option<Outcome>,
    job: Option<crate::pages::jobs::JobView>,
) -> Result<Response, WebError> {
    let running = job.as_ref().is_some_and(|j| j.finished.not());
    let html: Html<String> = page(
        "import.html",
        Frame::new(viewer, "import", None),
        minijinja::context! {
            kinds => KINDS.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            columns => columns(),
            kind, problem, outcome, job, running, shown_rows => SHOWN_ROWS, max_mb => MAX_UPLOAD_MB,
        },
    )?;
    Ok((status, html).into_response())
}

/// The page of an import job: its progress while it runs, then its report (or why it stopped).
pub(crate) fn job_page(
    viewer: &Viewer,
    job: crate::pages::jobs::JobView,
    payload: Option<ImportPayload>,
    result: Option<ImportResult>,
) -> Result<Response, WebError> {
    let kind = payload.as_ref().and_then(|p| KINDS.iter().find(|(_, k)| *k == p.kind)).map_or("customers", |k| k.0);
    let name = payload.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    let checked = payload.as_ref().is_some_and(|p| p.dry_run);
    let (problem, outcome) = match result {
        Some(ImportResult::Imported(report)) => {
            let check = (checked && report.summary.read > 0).then_some(job.id);
            let outcome = Outcome { checked, name, kind, check, summary: report.summary, rows: report.rejected_rows };
            (None, Some(outcome))
        }
        Some(ImportResult::Stopped(stop)) => (Some(stop_text(viewer, &stop)), None),
        None => (None, None),
    };
    let status = if problem.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    import_page_with(viewer, status, kind, problem, outcome, Some(job))
}

pub(crate) async fn show(viewer: Viewer) -> Result<Response, WebError> {
    viewer.require(Permission::ImportData)?;
    import_page(&viewer, StatusCode::OK, "customers", None, None)
}

/// The private folder of waiting uploads: `ladder-uploads` in the system's temporary folder when this
/// user owns it and nobody else may enter, else a new folder of this process.
fn upload_dir() -> std::io::Result<&'static Path> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    if let Some(dir) = DIR.get() {
        return Ok(dir);
    }
    let shared = std::env::temp_dir().join("ladder-uploads");
    let dir = if private_dir(&shared)? {
        shared
    } else {
        let own = std::env::temp_dir().join(format!("ladder-uploads-{}-{}", std::process::id(), &random_token()[..8]));
        create_private(&own)?;
        own
    };
    Ok(DIR.get_or_init(|| dir))
}

#[cfg(unix)]
fn create_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_private(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir(dir)
}

/// Whether `dir` is (or now is) a real folder of this user's that nobody else can enter.
fn private_dir(dir: &Path) -> std::io::Result<bool> {
    match create_private(dir) {
        Ok(()) => return Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(_) => return Ok(false),
    }
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Ok(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        if meta.permissions().mode() & 0o077 != 0 {
            return Ok(false);
        }
        // A file's owner is whoever made it: a probe made here tells whether the folder is ours.
        let probe = dir.join(format!(".probe-{}", random_token()));
        let mine = match std::fs::File::create_new(&probe) {
            Ok(file) => file.metadata()?.uid() == meta.uid(),
            Err(_) => false,
        };
        let _ = std::fs::remove_file(&probe);
        Ok(mine)
    }
    #[cfg(not(unix))]
    Ok(true)
}

/// Deletes the temporary uploads older than an hour (left by requests that died on the way).
pub(crate) fn sweep() {
    let Ok(dir) = upload_dir() else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let old =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|a| a > KEEP_UPLOADS));
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Sweeps old uploads every ten minutes while the server runs.
pub(crate) async fn sweep_forever() {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        let _ = tokio::task::spawn_blocking(sweep).await;
    }
}

/// The name a browser gave the file, without any folder, for showing and for the audit log.
fn clean_name(name: Option<&str>) -> String {
    let base = name.unwrap_or_default().rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if cleaned.trim().is_empty() { "upload.csv".to_owned() } else { cleaned }
}

/// The words of an import's stop, in the viewer's language.
fn stop_text(viewer: &Viewer, stop: &ImportStop) -> String {
    let t = |s: &str| Arg::Text(s.to_owned());
    match stop {
        ImportStop::MissingColumns { missing, found } => text(
            viewer,
            "import-missing-columns",
            &[("missing", t(&missing.join(", "))), ("found", t(&found.join(", ")))],
        ),
        ImportStop::Unreadable { line: Some(line), message } => text(
            viewer,
            "import-unreadable-line",
            &[("line", Arg::Number(i64::try_from(*line).unwrap_or(i64::MAX))), ("message", t(message))],
        ),
        ImportStop::Unreadable { line: None, message } => text(viewer, "import-unreadable", &[("message", t(message))]),
        ImportStop::Invalid { line, column, value, problem } => text(
            viewer,
            "import-invalid-row",
            &[
                ("line", Arg::Number(i64::try_from(*line).unwrap_or(i64::MAX))),
                ("column", t(column)),
                ("value", t(value)),
                ("problem", Arg::Text(crate::pages::problem_text(viewer, problem))),
            ],
        ),
        ImportStop::Failed { message } => text(viewer, "import-unreadable", &[("message", t(message))]),
    }
}

/// Reads the upload form, the file streamed to a private temporary file: its kind, its name and that
/// file (which the caller removes once the job keeps the content), or the problem.
async fn receive(
    viewer: &Viewer,
    dir: &Path,
    mut form: Multipart,
) -> Result<Result<(ImportKind, String, PathBuf), String>, WebError> {
    let part = dir.join(format!("{}-{}.part", viewer.user.id, random_token()));
    let result = receive_into(viewer, &part, &mut form).await;
    let refused = |problem: String| async {
        let _ = tokio::fs::remove_file(&part).await;
        Ok(Err(problem))
    };
    let (csrf, kind, name, bytes) = match result {
        Ok(fields) => fields,
        Err(problem) => return refused(problem).await,
    };
    if let Err(forged) = viewer.check_csrf(&csrf) {
        let _ = tokio::fs::remove_file(&part).await;
        return Err(forged);
    }
    let Some((_, kind)) = kind_of(&kind) else { return refused(text(viewer, "import-choose-kind", &[])).await };
    if bytes == 0 {
        return refused(text(viewer, "import-no-file", &[])).await;
    }
    Ok(Ok((kind, name, part)))
}

/// The form's fields, the file streamed to `part`: (csrf, kind, file name, bytes), or the problem.
async fn receive_into(
    viewer: &Viewer,
    part: &Path,
    form: &mut Multipart,
) -> Result<(String, String, String, u64), String> {
    let too_large = || text(viewer, "import-too-large", &[("megabytes", Arg::Number(MAX_UPLOAD_MB as i64))]);
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            text(viewer, "import-unreadable", &[("message", Arg::Text(e.body_text()))])
        }
    };
    let (mut csrf, mut kind, mut name, mut bytes) = (String::new(), String::new(), None, 0u64);
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.map_err(unreadable)?,
            "kind" => kind = field.text().await.map_err(unreadable)?,
            "file" if name.is_none() => {
                name = Some(clean_name(field.file_name()));
                let mut file = tokio::fs::File::create_new(part).await.map_err(|e| e.to_string())?;
                while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                    file.write_all(&chunk).await.map_err(|e| e.to_string())?;
                    bytes += chunk.len() as u64;
                }
                file.flush().await.map_err(|e| e.to_string())?;
            }
            _ => {}
        }
    }
    Ok((csrf, kind, name.unwrap_or_default(), bytes))
}

/// POST /import/check: keeps the upload with a job that checks it, and shows that job.
pub(crate) async fn check(
    State(state): State<AppState>,
    viewer: Viewer,
    mut form: Multipart,
) -> Result<Response, WebError> {
    if let Err(refused) = viewer.require(Permission::ImportData) {
        // Read what the browser is still sending (within the upload limit), so that it shows the
        // refusal instead of a connection cut in the middle of the upload.
        while let Ok(Some(field)) = form.next_field().await {
            let _ = field.bytes().await;
        }
        return Err(refused);
    }
    let _ = tokio::task::spawn_blocking(sweep).await;
    let dir = upload_dir().map_err(|e| WebError::internal(format!("no folder for uploads: {e}")))?;
    let (kind, name, path) = match receive(&viewer, dir, form).await? {
        Ok(received) => received,
        Err(problem) => {
            return import_page(&viewer, StatusCode::UNPROCESSABLE_ENTITY, "customers", Some(problem), None);
        }
    };
    // A file with its own column names first goes through the pairing step; the upload waits for it.
    let header = tokio::task::spawn_blocking({
        let path = path.clone();
        move || column_pairs::header_of(&path)
    })
    .await
    .map_err(WebError::internal)?;
    if let Ok(header) = header
        && column_pairs::needs_pairing(kind, &header)
    {
        let pending = PendingUpload::of(&viewer, &path, kind, name);
        return pairing_page(&state, &viewer, StatusCode::OK, &pending, None, None).await;
    }
    queue_check(&state, &viewer, kind, name, path, Vec::new()).await
}

/// An upload that waits for its columns to be paired, named by the random part of its file name.
#[derive(Serialize, Deserialize)]
pub(crate) struct PendingUpload {
    token: String,
    kind: String,
    name: String,
}

impl PendingUpload {
    fn of(viewer: &Viewer, path: &Path, kind: ImportKind, name: String) -> Self {
        let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let token = file.strip_prefix(&format!("{}-", viewer.user.id)).unwrap_or(&file).trim_end_matches(".part");
        Self { token: token.to_owned(), kind: column_pairs::kind_name(kind).to_owned(), name }
    }

    /// The waiting file, when the token is one of this person's uploads (only the token's URL-safe
    /// letters, digits, `-` and `_` reach the file system: no dot, no slash).
    fn path(&self, viewer: &Viewer) -> Option<PathBuf> {
        if self.token.is_empty() || !self.token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return None;
        }
        let path = upload_dir().ok()?.join(format!("{}-{}.part", viewer.user.id, self.token));
        path.is_file().then_some(path)
    }
}

/// One column of the pairing step: the file's name, its first value and what it is taken as.
#[derive(Serialize)]
struct PairRow {
    theirs: String,
    sample: String,
    ours: String,
}

/// The pairing step: each of the file's columns with its first value and a choice of Ladder's column,
/// offered as last time for this source or by name.
async fn pairing_page(
    state: &AppState,
    viewer: &Viewer,
    status: StatusCode,
    pending: &PendingUpload,
    chosen: Option<Vec<(String, String)>>,
    problem: Option<String>,
) -> Result<Response, WebError> {
    let Some((_, kind)) = kind_of(&pending.kind) else { return Err(WebError::NotFound(viewer.locale)) };
    let Some(path) = pending.path(viewer) else {
        let gone = text(viewer, "import-upload-gone", &[]);
        return import_page(viewer, StatusCode::UNPROCESSABLE_ENTITY, "customers", Some(gone), None);
    };
    let (header, samples) = tokio::task::spawn_blocking(move || {
        let header = column_pairs::header_of(&path).unwrap_or_default();
        (header, first_values(&path))
    })
    .await
    .map_err(WebError::internal)?;
    let read_header = header.clone();
    let (offered, remembered) = state.with_store(move |s| Ok(column_pairs::offered(s, kind, &read_header)?)).await?;
    let pairs = chosen.unwrap_or(offered);
    let rows: Vec<PairRow> = header
        .iter()
        .enumerate()
        .map(|(i, theirs)| PairRow {
            theirs: theirs.clone(),
            sample: samples.get(i).cloned().unwrap_or_default(),
            ours: pairs.iter().find(|(t, _)| t == theirs).map(|(_, o)| o.clone()).unwrap_or_default(),
        })
        .collect();
    let mut choices = column_pairs::ladder_columns(kind);
    if kind == ImportKind::Customers {
        choices.push(column_pairs::CUSTOM_FIELD.to_owned());
    }
    choices.push(ladder_app::import::LEFT_OUT.to_owned());
    let html: Html<String> = page(
        "import_pairs.html",
        Frame::new(viewer, "import", None),
        minijinja::context! {
            pending, rows, choices, remembered, problem,
            required => kind.required(),
            custom => column_pairs::CUSTOM_FIELD, left_out => ladder_app::import::LEFT_OUT,
        },
    )?;
    Ok((status, html).into_response())
}

/// The first data row's values, for recognising the columns (none when the file has no rows).
fn first_values(path: &Path) -> Vec<String> {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else { return Vec::new() };
    let mut input = std::io::BufReader::new(file);
    let separator = match input.fill_buf() {
        Ok(head) => ladder_app::import::separator_for(head),
        Err(_) => return Vec::new(),
    };
    let mut csv = csv::ReaderBuilder::new().has_headers(true).flexible(true).delimiter(separator).from_reader(input);
    csv.records()
        .next()
        .and_then(Result::ok)
        .map(|r| r.iter().map(|v| v.chars().take(40).collect()).collect())
        .unwrap_or_default()
}

/// POST /import/pair: the pairing chosen — remembered for the next file from this source — and the check
/// of the waiting upload under it.
pub(crate) async fn pair(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    viewer.check_csrf(&field("csrf"))?;
    viewer.require(Permission::ImportData)?;
    let pending = PendingUpload { token: field("token"), kind: field("kind"), name: field("name") };
    let Some((_, kind)) = kind_of(&pending.kind) else { return Err(WebError::NotFound(viewer.locale)) };
    let Some(path) = pending.path(&viewer) else {
        let gone = text(&viewer, "import-upload-gone", &[]);
        return import_page(&viewer, StatusCode::UNPROCESSABLE_ENTITY, "customers", Some(gone), None);
    };
    let header = tokio::task::spawn_blocking({
        let path = path.clone();
        move || column_pairs::header_of(&path)
    })
    .await
    .map_err(WebError::internal)?
    .unwrap_or_default();
    let pairs: Vec<(String, String)> =
        header.iter().enumerate().map(|(i, theirs)| (theirs.clone(), field(&format!("column_{i}")))).collect();
    let (actor, chosen, read_header) = (viewer.actor(), pairs.clone(), header.clone());
    let remembered =
        state.with_app(move |app| Ok(column_pairs::remember(app, &actor, kind, &read_header, &chosen))).await?;
    match remembered {
        Ok(()) => {}
        Err(ladder_app::AppError::Invalid(e)) => {
            let said = crate::pages::problem_text(&viewer, &e.problem);
            let column = Arg::Text(e.field.clone());
            let problem = text(&viewer, "import-pair-problem", &[("column", column), ("problem", Arg::Text(said))]);
            return pairing_page(
                &state,
                &viewer,
                StatusCode::UNPROCESSABLE_ENTITY,
                &pending,
                Some(pairs),
                Some(problem),
            )
            .await;
        }
        Err(e) => return Err(viewer.fail(e)),
    }
    queue_check(&state, &viewer, kind, pending.name, path, column_pairs::as_import_columns(&pairs)).await
}

/// Keeps the upload with a job that checks it (under `columns`, when paired), removes the upload, and
/// shows the job.
async fn queue_check(
    state: &AppState,
    viewer: &Viewer,
    kind: ImportKind,
    name: String,
    path: PathBuf,
    columns: Vec<(String, String)>,
) -> Result<Response, WebError> {
    let payload = ImportPayload {
        actor: viewer.actor(),
        kind,
        name,
        skip_invalid: true,
        dry_run: true,
        file_from: None,
        columns,
    };
    let (actor, kept) = (viewer.actor(), path.clone());
    let queued = state
        .with_app(move |app| {
            let mut file = std::fs::File::open(&kept).map_err(WebError::internal)?;
            Ok(ladder_app::jobs::queue_import(app, &actor, payload, Some(&mut file)))
        })
        .await;
    let _ = tokio::fs::remove_file(&path).await;
    let id = queued?.map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct RunForm {
    csrf: String,
    check: i64,
    skip_invalid: Option<String>,
}

/// POST /import/run: imports a checked upload (the file kept with the check's job), all or nothing (or
/// without its bad rows, when asked), as a job.
pub(crate) async fn run(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<RunForm>,
) -> Result<Response, WebError> {
    viewer.check_csrf(&form.csrf)?;
    viewer.require(Permission::ImportData)?;
    let check = state.with_store(move |s| Ok(s.job(JobId(form.check))?)).await?;
    let checked: Option<ImportPayload> = check
        .filter(|j| j.status == JobStatus::Done && j.kind == ladder_app::jobs::kind::IMPORT)
        .and_then(|j| serde_json::from_str::<ImportPayload>(&j.payload).ok())
        .filter(|p| p.dry_run && p.actor.user_id() == Some(viewer.user.id));
    let Some(checked) = checked else {
        let gone = text(&viewer, "import-upload-gone", &[]);
        return import_page(&viewer, StatusCode::UNPROCESSABLE_ENTITY, "customers", Some(gone), None);
    };
    let payload = ImportPayload {
        skip_invalid: form.skip_invalid.is_some(),
        dry_run: false,
        file_from: Some(form.check),
        ..checked
    };
    let actor = viewer.actor();
    let id = state
        .with_app(move |app| Ok(ladder_app::jobs::queue_import(app, &actor, payload, None)))
        .await?
        .map_err(|e| viewer.fail(e))?;
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_reach_the_file_system() {
        assert_eq!(clean_name(Some("C:\\Users\\dana\\orders.csv")), "orders.csv");
        assert_eq!(clean_name(Some("../x/customers\n.csv")), "customers.csv");
        assert_eq!(clean_name(None), "upload.csv");
    }

    #[test]
    fn the_upload_folder_is_private() {
        let dir = upload_dir().expect("a folder");
        assert!(dir.is_dir());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(dir).expect("metadata").permissions().mode() & 0o077, 0);
        }
    }
}
