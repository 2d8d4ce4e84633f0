//! What every request shares: the app (the store and the clock), the jobs running in this process, and
//! the login limiter (messages and templates are static).

use crate::auth::{LoginLimiter, SessionCache};
use crate::error::WebError;
use chrono::NaiveDate;
use ladder_app::App;
use ladder_app::campaigns::CampaignReport;
use ladder_app::jobs::worker::LiveJobs;
use ladder_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How the server runs.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    /// Mark cookies `Secure` (only sent over HTTPS): set it when users reach the app through HTTPS.
    pub secure_cookies: bool,
    /// Proxies in front of the app whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: crate::auth::TrustedProxies,
    /// Whether users may reset a forgotten password by email (a mail server and the public address
    /// are set).
    pub password_reset: bool,
}

/// Shared by every request; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) app: App,
    /// How far the jobs this process's workers run have got.
    pub(crate) live: Arc<LiveJobs>,
    pub(crate) limiter: Arc<LoginLimiter>,
    pub(crate) sessions: Arc<SessionCache>,
    pub(crate) options: WebOptions,
    /// The dashboard's figures.
    pub(crate) dashboard: Arc<PerScoring<crate::pages::dashboard::Dashboard>>,
    /// The reports page's figures.
    pub(crate) reports: Arc<PerScoring<crate::pages::reports::Reports>>,
    /// Every campaign's figures, for the campaign pages and the API.
    pub(crate) campaigns: Arc<CampaignFigures>,
    /// Exact counts of lists and segments.
    pub(crate) counts: Arc<ExactCounts>,
}

/// How long campaign figures are shown after orders or scores changed (a web shop posting orders would
/// otherwise have them computed again on every view): a change to a campaign or its costs shows at once.
const CAMPAIGNS_FRESH_ENOUGH: Duration = Duration::from_secs(60);

/// Every campaign's report for one day, kept until a campaign or a cost changes, or until orders or
/// scores changed and the figures are a minute old. Over a million customers they take seconds (each
/// campaign reads the whole histories of the customers its codes reached); one request computes them
/// while the others wait for the result.
#[derive(Default)]
pub(crate) struct CampaignFigures {
    slot: tokio::sync::Mutex<Option<CachedCampaigns>>,
}

struct CachedCampaigns {
    as_of: NaiveDate,
    campaigns_changed: Option<chrono::DateTime<chrono::Utc>>,
    data_changed: (Option<chrono::DateTime<chrono::Utc>>, Option<chrono::DateTime<chrono::Utc>>),
    computed: Instant,
    reports: Arc<Vec<CampaignReport>>,
}

impl CampaignFigures {
    /// The reports of every campaign counting orders up to `as_of`.
    pub(crate) async fn get(&self, state: &AppState, as_of: NaiveDate) -> Result<Arc<Vec<CampaignReport>>, WebError> {
        let mut slot = self.slot.lock().await;
        let (campaigns_changed, data_changed) = state
            .with_store(|s| {
                let marks = s.shop_state()?;
                Ok((marks.campaigns_changed_at, (marks.data_changed_at, marks.scored_at)))
            })
            .await?;
        if let Some(cached) = slot.as_ref()
            && cached.as_of == as_of
            && cached.campaigns_changed == campaigns_changed
            && (cached.data_changed == data_changed || cached.computed.elapsed() < CAMPAIGNS_FRESH_ENOUGH)
        {
            return Ok(cached.reports.clone());
        }
        let reports =
            state.with_store(move |s| ladder_app::campaigns::reports(s, as_of).map_err(WebError::internal)).await?;
        let reports = Arc::new(reports);
        *slot = Some(CachedCampaigns {
            as_of,
            campaigns_changed,
            data_changed,
            computed: Instant::now(),
            reports: reports.clone(),
        });
        Ok(reports)
    }
}

/// Exact counts of customer lists and segments ("20,000 customers", never "more than 1,000"), kept per
/// filter until the data or the scores change: counting a filter over a million customers takes a
/// moment once, then nothing until something changes. At most [`EXACT_COUNTS_KEPT`] filters are kept.
#[derive(Default)]
pub(crate) struct ExactCounts {
    slot: Mutex<(String, HashMap<String, u64>)>,
}

const EXACT_COUNTS_KEPT: usize = 512;

impl ExactCounts {
    /// How many customers match `query` (its sort and page aside).
    pub(crate) fn of(&self, store: &dyn Store, query: &ladder_store::CustomerQuery) -> Result<u64, WebError> {
        let marks = store.shop_state()?;
        let version = format!("{:?}/{:?}", marks.data_changed_at, marks.scored_at);
        let filter = ladder_store::CustomerQuery {
            limit: 0,
            offset: 0,
            sort: ladder_store::CustomerSort::default(),
            ..query.clone()
        };
        let key = format!("{filter:?}");
        {
            let slot = self.slot.lock().expect("count cache lock");
            if slot.0 == version
                && let Some(n) = slot.1.get(&key)
            {
                return Ok(*n);
            }
        }
        let n = store.count_customers(&filter, u64::MAX)?;
        let mut slot = self.slot.lock().expect("count cache lock");
        if slot.0 != version || slot.1.len() >= EXACT_COUNTS_KEPT {
            *slot = (version, HashMap::new());
        }
        slot.1.insert(key, n);
        Ok(n)
    }
}

/// Figures that change only when the shop is scored (they come from the scores), computed once per
/// scoring and kept with the time of the scoring they belong to. Over a million customers they take
/// seconds; a page then costs a template render.
pub(crate) struct PerScoring<T> {
    slot: Mutex<Option<(String, Arc<T>)>>,
}

impl<T> Default for PerScoring<T> {
    fn default() -> Self {
        Self { slot: Mutex::new(None) }
    }
}

impl<T: Send + Sync + 'static> PerScoring<T> {
    /// The figures of the last scoring, computed by `compute` if that scoring has none yet.
    pub(crate) async fn get(
        self: &Arc<Self>,
        state: &AppState,
        compute: fn(&dyn Store) -> Result<T, WebError>,
    ) -> Result<Arc<T>, WebError> {
        let this = self.clone();
        state
            .with_store(move |store| {
                let key = format!("{:?}", store.shop_state()?.scored_at);
                if let Some((cached, data)) = this.slot.lock().expect("cache lock").as_ref()
                    && *cached == key
                {
                    return Ok(data.clone());
                }
                let data = Arc::new(compute(store)?);
                *this.slot.lock().expect("cache lock") = Some((key, data.clone()));
                Ok(data)
            })
            .await
    }
}

impl AppState {
    /// The state over an app; `live` is where this process's workers tell how far their jobs have got.
    pub fn new(app: App, live: Arc<LiveJobs>, options: WebOptions) -> Self {
        Self {
            app,
            live,
            limiter: Arc::default(),
            sessions: Arc::default(),
            options,
            dashboard: Arc::default(),
            reports: Arc::default(),
            campaigns: Arc::default(),
            counts: Arc::default(),
        }
    }

    /// Runs `work` with the store on the blocking pool, for reads: the store is synchronous.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, WebError> + Send + 'static,
    {
        self.with_app(move |app| work(app.store())).await
    }

    /// Runs `work` with the app on the blocking pool: every change goes through `ladder_app`.
    pub(crate) async fn with_app<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&App) -> Result<T, WebError> + Send + 'static,
    {
        let app = self.app.clone();
        tokio::task::spawn_blocking(move || work(&app)).await.map_err(WebError::internal)?
    }
}
