//! One behaviour suite for every backend of [`ladder_store::Store`].
//!
//! Each case is a plain function over `&dyn Store` that panics on a failure. A backend crate runs them
//! all with one line in its tests, which gives one `#[test]` per case:
//!
//! ```ignore
//! ladder_store_conformance::conformance_tests!(|| Some(Fixture::new(Box::new(open_a_fresh_store()), ())));
//! ```
//!
//! The suite depends only on the trait crate, so backend crates can use it as a dev-dependency without
//! a dependency cycle.
#![deny(missing_docs)]

pub mod cases;

use ladder_store::Store;

/// Says that a test did not run for want of a real part (a PostgreSQL server, a browser), in the test
/// run's own output: the line goes straight to standard error, past the test harness's capture, so a
/// skipped test cannot pass for one that ran. Under `CI=true` a skip fails the test instead: a green CI
/// run means every real part ran.
///
/// # Panics
///
/// When the environment variable `CI` is `true`.
pub fn skip(test: &str, reason: &str) {
    use std::io::Write;
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test} cannot run: {reason}; under CI=true every real part must be there");
    }
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {reason}");
}

/// A fresh, empty store for one case, and whatever must live as long as it (a temporary folder, a
/// throwaway database).
pub struct Fixture {
    /// The store under test.
    pub store: Box<dyn Store>,
    _guard: Box<dyn std::any::Any>,
}

impl Fixture {
    /// Wraps a store and its guard.
    pub fn new(store: Box<dyn Store>, guard: impl std::any::Any) -> Self {
        Self { store, _guard: Box::new(guard) }
    }
}

/// Expands to one `#[test]` per conformance case, each on a fresh store from `$fresh` (a closure or
/// function returning `Option<Fixture>`; `None` skips the case, when the backend's server is not
/// reachable — `$fresh` prints why).
#[macro_export]
macro_rules! conformance_tests {
    ($fresh:expr) => {
        $crate::conformance_tests!(@cases $fresh;
            customers_round_trip_every_field_and_script,
            reimporting_a_customer_changes_nothing,
            consent_evidence_is_kept_until_the_answer_changes,
            orders_round_trip_with_lines_and_totals,
            reimporting_an_order_changes_nothing_and_line_changes_update_the_total,
            an_order_never_moves_to_another_customer,
            an_order_for_an_unknown_customer_is_refused,
            a_dropped_import_writes_nothing,
            batches_of_customers_and_orders_report_what_changed,
            interactions_are_recorded_once,
            scoring_facts_count_completed_orders_up_to_the_end_of_as_of,
            scoring_facts_know_referrals_interactions_and_recommendations,
            scores_and_history_round_trip,
            a_dropped_scoring_writes_nothing,
            scorings_run_one_at_a_time,
            customer_lists_filter_search_sort_and_page,
            totals_by_dimension_and_purchase_milestones,
            settings_round_trip_and_clear_empties_everything,
            money_and_timestamps_at_their_edges,
            analytics_reads_aggregate_orders_and_scores,
            users_are_unique_by_email_and_the_last_owner_stays,
            sessions_expire_and_stop_with_a_disabled_user,
            api_tokens_record_their_last_use_and_can_be_revoked,
            the_audit_log_pages_newest_first,
            segments_are_saved_under_unique_names,
            customer_lists_filter_by_consent_and_value_and_count_up_to_a_cap,
            search_folds_letter_variants_vowel_marks_and_case,
            customers_are_counted_by_value_between_edges,
            campaigns_keep_codes_costs_and_their_customers_histories,
            campaign_histories_bring_coded_interactions_placements_and_any_script,
        );
    };
    (@cases $fresh:expr; $($case:ident),+ $(,)?) => {
        $(
            #[test]
            fn $case() {
                let fixture: Option<$crate::Fixture> = ($fresh)();
                if let Some(fixture) = fixture {
                    $crate::cases::$case(fixture.store.as_ref());
                }
            }
        )+
    };
}
