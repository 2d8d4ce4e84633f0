//! Dates typed in the reader's calendar: a Persian owner types Jalali dates, in Persian digits or not,
//! and sees them so in the forms; everyone else types Gregorian dates, and a file's year before 1900 is
//! refused naming the calendar expected.

use super::*;

/// A Persian-speaking owner of the shared demo shop, signed in.
fn persian_owner() -> Browser {
    static ADDED: OnceLock<()> = OnceLock::new();
    ADDED.get_or_init(|| {
        let add = ladder(&server().dir)
            .args(["user", "add", "farsi@demo.shop", "--role", "owner", "--language", "fa"])
            .env("LADDER_PASSWORD", "farsi-password-1")
            .output()
            .expect("add a Persian owner");
        assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    });
    let mut b = Browser::new("fa");
    assert_eq!(b.sign_in("farsi@demo.shop", "farsi-password-1").status, 303);
    b
}

#[test]
fn a_persian_owner_types_jalali_dates_and_sees_them_so() {
    let mut b = persian_owner();
    let form = b.get("/customers/new");
    assert!(form.body.contains(r#"placeholder="۱۴۰۵-۰۹-۰۲""#), "the example is a Jalali date");
    let csrf = hidden(&form.body, "csrf");
    let added = b.post(
        "/customers/new",
        &[("csrf", &csrf), ("customer_id", "FA-SARA"), ("first_name", "سارا"), ("birthday", "۱۳۶۴-۰۱-۲۳")],
    );
    assert_eq!(added.status, 303, "{}", added.body);
    let shown = cli_json(server(), &["customer", "show", "FA-SARA", "--format", "json"]);
    assert_eq!(shown["birthday"], "1985-04-12", "23 Farvardin 1364 is 12 April 1985");
    let page = b.get("/customers/FA-SARA");
    assert!(page.body.contains(r#"name="birthday" value="۱۳۶۴-۰۱-۲۳""#), "the form shows it as typed");
    // The order form offers a text field with today's Jalali date, and reads Jalali with slashes too.
    assert!(page.body.contains(r#"type="text" name="ordered_on""#), "no Gregorian date picker");
    let csrf = hidden(&page.body, "csrf");
    let order = b.post(
        "/customers/FA-SARA/orders",
        &[("csrf", &csrf), ("order_id", "FA-ORDER-1"), ("ordered_on", "1405/9/2"), ("sku_0", "TEA"), ("price_0", "10")],
    );
    assert_eq!(order.status, 303, "{}", order.body);
    let shown = cli_json(server(), &["customer", "show", "FA-SARA", "--format", "json"]);
    assert!(shown["orders"].to_string().contains("2026-11-23"), "2 Azar 1405 is 23 November 2026: {shown}");
    let wrong = b.post(
        "/customers/FA-SARA/orders",
        &[
            ("csrf", &csrf),
            ("order_id", "FA-ORDER-2"),
            ("ordered_on", "1404-12-30"),
            ("sku_0", "TEA"),
            ("price_0", "1"),
        ],
    );
    assert_eq!(wrong.status, 422, "30 Esfand of a common year is no day");
    assert!(wrong.body.contains("۱۴۰۵-۰۹-۰۲"), "the problem shows the form to use");
}

#[test]
fn a_campaign_cost_typed_as_a_jalali_date_is_stored_on_its_gregorian_day() {
    let mut b = persian_owner();
    let page = b.get("/campaigns/WELCOME");
    assert!(page.body.contains(r#"type="text" name="spent_on""#), "{}", page.body.len());
    let csrf = hidden(&page.body, "csrf");
    let cost = b.post(
        "/campaigns/WELCOME/costs",
        &[("csrf", &csrf), ("spent_on", "۱۴۰۵-۰۹-۰۲"), ("amount", "12"), ("note", "jalali-typed")],
    );
    assert_eq!(cost.status, 303, "{}", cost.body);
    let english = owner().get("/campaigns/WELCOME");
    let costs = english.body.split(r#"id="costs""#).nth(1).expect("costs card");
    let line = costs.split("jalali-typed").next().expect("the cost");
    assert!(line.rsplit("<tr").next().is_some_and(|row| row.contains("23 Nov 2026")), "{line}");
}

#[test]
fn a_gregorian_reader_typing_a_jalali_year_is_told_the_calendar() {
    let mut b = owner();
    let page = b.get("/campaigns/WELCOME");
    assert!(page.body.contains(r#"type="date" name="spent_on""#), "the browser's date picker");
    let csrf = hidden(&page.body, "csrf");
    let refused = b.post("/campaigns/WELCOME/costs", &[("csrf", &csrf), ("spent_on", "1405-09-02"), ("amount", "12")]);
    assert_eq!(refused.status, 422);
    assert!(unescape(&refused.body).contains("dates here are Gregorian"), "{}", refused.body);
    // A file's Jalali date is refused by line, naming the calendar.
    let file =
        "customer_id,order_id,ordered_at,sku,quantity,unit_price,currency\nC0000001,JAL-1,1405-09-02,TEA,1,5.00,USD\n";
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("orders.csv");
    std::fs::write(&path, file).expect("write");
    let out = ladder(&server().dir).args(["import", "orders", path.to_str().expect("path")]).output().expect("import");
    let said = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(said.contains("line 2") && said.contains("ordered_at") && said.contains("Gregorian"), "{said}");
}

#[test]
fn persian_readers_see_cohorts_and_month_tiles_in_jalali_months() {
    let rows = |html: &str| -> Vec<String> {
        let table =
            html.split(r#"id="cohorts""#).nth(1).and_then(|t| t.split("</section>").next()).expect("the cohort table");
        table.split(r#"<th scope="row">"#).skip(1).map(|c| c.split("</th>").next().unwrap_or("").to_owned()).collect()
    };
    let persian = rows(&persian_owner().get("/reports").body);
    let english = rows(&owner().get("/reports").body);
    assert!(!persian.is_empty() && !english.is_empty());
    assert!(persian.iter().all(|m| m.contains("۱۴۰")), "Jalali years: {persian:?}");
    assert!(!persian.iter().any(|m| m.contains("دسامبر") || m.contains("۲۰۲")), "no Gregorian month: {persian:?}");
    assert!(english.iter().all(|m| m.contains("202")), "{english:?}");
    // The month to date is the Jalali month's: from 1 Azar (22 November) rather than 1 December.
    let revenue = |html: &str| -> f64 {
        let tile = html.split(r#"id="tile-revenue""#).nth(1).expect("tile").split("</p>").next().expect("figure");
        let figure = ladder_domain::date::ascii_digits(tile.rsplit('>').next().unwrap_or_default());
        let digits: String = figure.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '٫').collect();
        digits.replace('٫', ".").parse().expect("a figure")
    };
    let (fa, en) = (revenue(&persian_owner().get("/").body), revenue(&owner().get("/").body));
    // The demo is scored today: whichever month began days earlier holds more days of orders.
    let today = chrono::Utc::now().date_naive();
    let days = |c: ladder_domain::date::Calendar| (today - c.month_to_date(today)[0].0).num_days();
    let (jalali_days, gregorian_days) =
        (days(ladder_domain::date::Calendar::Jalali), days(ladder_domain::date::Calendar::Gregorian));
    if jalali_days > gregorian_days + 3 {
        assert!(fa > en, "{jalali_days} days of the Jalali month against {gregorian_days}: {fa} against {en}");
    } else if gregorian_days > jalali_days + 3 {
        assert!(en > fa, "{gregorian_days} days of the Gregorian month against {jalali_days}: {en} against {fa}");
    }
    // Jalali months do not start with Gregorian ones, so the cohorts are counted anew, not relabelled.
    // The newest cohort is this Jalali month's or the one before (the demo is scored today).
    let jalali = ladder_domain::date::Calendar::Jalali;
    let this_month = jalali.month_index(chrono::Utc::now().date_naive());
    let label = |index: i32| {
        ladder_i18n::format::format_month(
            ladder_i18n::Locale::Fa,
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
        )
    };
    let newest = persian.last().cloned().unwrap_or_default();
    assert!(newest == label(this_month) || newest == label(this_month - 1), "{newest} in {persian:?}");
}
