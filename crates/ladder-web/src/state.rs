//! What every request shares: the store and the login limiter (messages and templates are static).

use crate::auth::{LoginLimiter, SessionCache};
use crate::error::WebError;
use ladder_store::Store;
use std::sync::{Arc, Mutex};

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// Mark cookies `Secure` (only sent over HTTPS): set it when users reach the app through HTTPS.
    pub secure_cookies: bool,
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) limiter: Arc<LoginLimiter>,
    pub(crate) sessions: Arc<SessionCache>,
    pub(crate) options: WebOptions,
    /// The dashboard's figures, with the scoring they were computed for.
    pub(crate) dashboard: DashboardCache,
    /// The reports page's figures, with the scoring they were computed for.
    pub(crate) reports: ReportsCache,
}

pub(crate) type DashboardCache = Arc<Mutex<Option<(String, Arc<crate::pages::dashboard::Dashboard>)>>>;
pub(crate) type ReportsCache = Arc<Mutex<Option<(String, Arc<crate::pages::reports::Reports>)>>>;

impl AppState {
    /// The state over `store`.
    pub fn new(store: Arc<dyn Store>, options: WebOptions) -> Self {
        Self {
            store,
            limiter: Arc::default(),
            sessions: Arc::default(),
            options,
            dashboard: Arc::default(),
            reports: Arc::default(),
        }
    }

    /// Runs `work` with the store on the blocking pool: the store is synchronous.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, WebError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await
            .map_err(|e| WebError::Internal(format!("a task failed: {e}")))?
    }
}
