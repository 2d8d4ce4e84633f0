// Drives Ladder's web app in a real headless Chromium: sign-in, the dashboard and its charts, a customer
// search, a customer page, an edit with its anti-forgery token, Hebrew and Persian pages laid out right to
// left, and a refusal for a role that may not edit. Screenshots go to the folder given.
//
// node browser.mjs BASE_URL OWNER_EMAIL OWNER_PASSWORD SCREENSHOT_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, email, password, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
let failures = 0;

function check(condition, what) {
  if (condition) {
    console.log(`ok: ${what}`);
  } else {
    failures += 1;
    console.log(`FAILED: ${what}`);
  }
}

async function signIn(page, email, secret) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', secret);
  await Promise.all([page.waitForURL(`${base}/`), page.click('#sign-in')]);
}

try {
  // English: sign in, dashboard with charts.
  const owner = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  const page = await owner.newPage();
  await signIn(page, email, password);
  check(await page.locator('#funnel .bar').count() === 6, 'the funnel has a bar per rung');
  const widths = await page.locator('#funnel .bar').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().width));
  check(widths.every((w) => w > 0) && Math.max(...widths) > Math.min(...widths), 'funnel bars have lengths by size');
  check(await page.locator('#states .bar').count() >= 4, 'the states chart is drawn');
  check(await page.locator('#contact-today li').count() > 0, 'someone to contact today');
  await page.screenshot({ path: `${shots}/dashboard-en.png`, fullPage: true });

  // Search as you type (htmx replaces the results only).
  await page.click('a[href="/customers"]');
  const before = await page.locator('#result-count').innerText();
  const first = await page.locator('#results tbody tr td a').first().innerText();
  const word = first.split(' ')[0];
  await page.fill('#search', word);
  // The results are replaced without reloading the page: fewer customers, the searched one among them.
  await page.waitForFunction(([w, b]) => {
    const count = document.querySelector('#result-count');
    const names = [...document.querySelectorAll('#results tbody tr td:first-child a')].map((a) => a.innerText);
    return count && count.innerText !== b && names.some((n) => n.toLowerCase().includes(w.toLowerCase()));
  }, [word, before], { timeout: 5000 }).then(() => check(true, `search for "${word}" narrows the list`),
    () => check(false, `search for "${word}" narrows the list`));
  check(page.url().includes(`q=${encodeURIComponent(word)}`), 'the search is in the address');
  await page.screenshot({ path: `${shots}/customers-en.png` });

  // A customer page, and an edit through the form (with its anti-forgery token).
  await page.locator('#results tbody tr td a').first().click();
  check(await page.locator('#placement').isVisible(), 'the customer page shows the placement');
  await page.fill('#profile-form input[name=city]', 'תל אביב');
  await page.selectOption('#profile-form select[name=consent_sms]', 'yes');
  await Promise.all([page.waitForURL(/done=saved/), page.click('#save-profile')]);
  check((await page.locator('#contact').innerText()).includes('תל אביב'), 'the edit is saved and shown');
  await page.screenshot({ path: `${shots}/customer-en.png`, fullPage: true });

  // Campaigns: the list with ROI and cost per acquisition, and one campaign's page with its charts.
  await page.goto(`${base}/campaigns`);
  const rows = await page.locator('table.campaigns tbody tr').count();
  check(rows >= 2, 'the campaign list shows the demo campaigns');
  check(await page.locator('#chart-cpa .bar').count() === rows, 'a cost-per-acquisition bar per campaign');
  await page.screenshot({ path: `${shots}/campaigns-en.png`, fullPage: true });
  await page.click('#campaign-WELCOME a');
  check(await page.locator('#versus').isVisible(), 'the campaign page sets expected beside actual');
  check(await page.locator('#acquired tbody tr').count() > 0, 'the campaign page lists the customers it brought');
  await page.screenshot({ path: `${shots}/campaign-en.png`, fullPage: true });

  // Hebrew: the same owner switches language; the page turns right to left.
  await page.goto(`${base}/`);
  await Promise.all([page.waitForLoadState('load'), page.selectOption('select[name=language]', 'he')]);
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  check(await page.evaluate(() => document.documentElement.lang) === 'he', 'the page is in Hebrew');
  const menu = await page.locator('.menu').boundingBox();
  const brand = await page.locator('.brand').boundingBox();
  check(brand.x > menu.x, 'the layout is mirrored: the brand is on the right');
  await page.screenshot({ path: `${shots}/dashboard-he.png`, fullPage: true });
  await page.selectOption('select[name=language]', 'en');

  // Persian: a viewer whose language is Persian; Jalali dates and Persian digits; a refused edit.
  const viewer = await browser.newContext({ locale: 'fa-IR', viewport: { width: 1280, height: 900 } });
  const vpage = await viewer.newPage();
  await vpage.goto(`${base}/login`);
  check(await vpage.evaluate(() => document.documentElement.dir) === 'rtl', 'a Persian browser gets a right-to-left login page');
  await vpage.screenshot({ path: `${shots}/login-fa.png` });
  await signIn(vpage, 'viewer@demo.shop', 'viewer-password-1');
  const text = await vpage.locator('main').innerText();
  check(/[۰-۹]/.test(text), 'Persian digits on the dashboard');
  // A middle dot between figures reads as the Persian zero: none may stand beside a Persian digit.
  check(!/[۰-۹]\s*·|·\s*[۰-۹]/.test(text), 'no middle dot between Persian figures');
  await vpage.screenshot({ path: `${shots}/dashboard-fa.png`, fullPage: true });
  await vpage.goto(`${base}/customers`);
  await vpage.locator('#results tbody tr td a').first().click();
  check(await vpage.locator('#profile-form').count() === 0, 'a viewer sees no edit form');
  const status = await vpage.evaluate(async () => {
    const csrf = document.querySelector('input[name=csrf]').value;
    const response = await fetch(location.pathname + '/interactions', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf, kind: 'call', note: 'x' }),
    });
    return response.status;
  });
  check(status === 403, 'the server refuses a viewer’s change');
  await vpage.screenshot({ path: `${shots}/customer-fa.png`, fullPage: true });
  await vpage.goto(`${base}/campaigns/FLASH`);
  check(await vpage.locator('#versus').isVisible(), 'a viewer reads a campaign in Persian');
  check(await vpage.locator('#edit').count() === 0, 'a viewer gets no campaign form');
  await vpage.screenshot({ path: `${shots}/campaign-fa.png`, fullPage: true });

  // Acting from the pages: add a customer, give them an order with two lines, merge a duplicate.
  await page.goto(`${base}/customers`);
  await Promise.all([page.waitForURL(/customers\/new/), page.click('#add-customer')]);
  await page.fill('#new-customer input[name=customer_id]', 'BROWSER-1');
  await page.fill('#new-customer input[name=first_name]', 'Tamar');
  await page.fill('#new-customer input[name=last_name]', 'Browser');
  await Promise.all([page.waitForURL(/done=created/), page.click('#create-customer')]);
  check((await page.locator('#done').innerText()).includes('added'), 'adding a customer is confirmed on the page');
  await page.click('#add-order summary');
  await page.fill('#order-form input[name=sku_0]', 'COF-ESP-250');
  await page.fill('#order-form input[name=quantity_0]', '2');
  await page.fill('#order-form input[name=price_0]', '12.50');
  await page.fill('#order-form input[name=sku_1]', 'MUG');
  await page.fill('#order-form input[name=price_1]', '8');
  await Promise.all([page.waitForURL(/done=order/), page.click('#save-order')]);
  check((await page.locator('#orders').innerText()).includes('$33.00'), 'the order with its two lines is on the page');
  await page.screenshot({ path: `${shots}/customer-order-en.png`, fullPage: true });
  await page.goto(`${base}/customers/new`);
  await page.fill('#new-customer input[name=customer_id]', 'BROWSER-2');
  await page.fill('#new-customer input[name=first_name]', 'Tamar');
  await Promise.all([page.waitForURL(/done=created/), page.click('#create-customer')]);
  await page.goto(`${base}/customers/BROWSER-1`);
  await page.fill('#merge-form input[name=absorbed]', 'BROWSER-2');
  page.once('dialog', (dialog) => dialog.accept());
  await Promise.all([page.waitForURL(/done=merged/), page.click('#merge-form button')]);
  check((await page.locator('#done').innerText()).includes('Merged'), 'a merge is confirmed after the question');

  // Messages: a Hebrew template's live preview appears as it is typed, right to left.
  await page.goto(`${base}/messages/templates/new`);
  await page.fill('#template-name', 'browser-winter');
  await page.selectOption('#template-language', 'he');
  await page.fill('#template-subject', 'פולי חורף');
  await page.fill('#template-body', 'שלום {{ first_name | default("לך") }}, הגיעו פולי החורף.');
  await page.waitForSelector('#preview-message', { timeout: 10000 });
  check(await page.locator('#preview-message').getAttribute('dir') === 'rtl', 'the live preview reads right to left');
  check((await page.locator('#preview-message').innerText()).includes('פולי החורף'), 'the preview shows the text merged');
  await page.screenshot({ path: `${shots}/template-preview-he.png`, fullPage: true });
  await Promise.all([page.waitForURL(/done=messages-template-saved/), page.click('#save-template')]);
  await page.screenshot({ path: `${shots}/messages-en.png`, fullPage: true });

  // A broadcast of it, composed on the form (waiting instead of skipping the capped), counted before it goes.
  await page.goto(`${base}/messages/broadcasts/new`);
  await page.selectOption('#broadcast-template', 'browser-winter|email');
  await page.check('#field-defer_capped');
  await Promise.all([page.waitForURL(/\/messages\/broadcasts\/\d+/), page.click('#create-broadcast')]);
  check(await page.locator('#forecast').isVisible(), 'the draft shows who will receive it before it is sent');
  check(await page.locator('#send-broadcast').isVisible(), 'and the button that sends it');
  check(await page.locator('#broadcast-deferring').isVisible(), 'it says that the capped will wait');
  await page.screenshot({ path: `${shots}/broadcast-en.png`, fullPage: true });

  // Today: the team's queue, a task snoozed in place; the playbooks, one tried on today.
  await page.goto(`${base}/today?who=shop`);
  const tasks = await page.locator('article.task').count();
  check(tasks > 0, `the team's queue has tasks (${tasks})`);
  await page.screenshot({ path: `${shots}/today-en.png`, fullPage: true });
  const firstTask = await page.locator('article.task').first().getAttribute('id');
  await Promise.all([page.waitForURL(/done=today-task-snoozed/), page.locator(`#${firstTask} .task-snooze button`).click()]);
  check(await page.locator(`#${firstTask}`).count() === 0, 'a snoozed task leaves the queue');
  await page.goto(`${base}/playbooks`);
  check(await page.locator('#playbooks tbody tr').count() === 13, 'the thirteen starter playbooks are listed');
  await page.screenshot({ path: `${shots}/playbooks-en.png`, fullPage: true });
  await page.goto(`${base}/playbooks/second_to_third`);
  await Promise.all([page.waitForURL(/try=1/), page.click('#playbook-try-link')]);
  check(await page.locator('#try-counts').isVisible(), 'the dry run says who would enter today');
  await page.screenshot({ path: `${shots}/playbook-en.png`, fullPage: true });
  await Promise.all([page.waitForLoadState('load'), page.selectOption('select[name=language]', 'he')]);
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.goto(`${base}/today?who=shop`);
  check((await page.locator('h1').innerText()) === 'היום', 'the queue in Hebrew, right to left');
  await page.screenshot({ path: `${shots}/today-he.png`, fullPage: true });
  await page.selectOption('select[name=language]', 'en');

  // A phone (390 px): the menu folds behind its button and nothing scrolls sideways.
  const phone = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
  const ppage = await phone.newPage();
  await signIn(ppage, email, password);
  for (const path of ['/', '/customers', '/customers/BROWSER-1', '/reports', '/messages', '/messages/templates/new',
    '/messages/broadcasts/new', '/settings/shop', '/today?who=shop', '/playbooks', '/playbooks/winback']) {
    await ppage.goto(`${base}${path}`);
    const wide = await ppage.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 390, `${path} fits a 390 px screen (${wide} px)`);
  }
  check(!(await ppage.locator('.menu').isVisible()), 'the menu is folded on a phone');
  await ppage.click('.menu-button');
  check(await ppage.locator('.menu a[href="/customers"]').isVisible(), 'the menu opens from its button');
  await ppage.screenshot({ path: `${shots}/menu-phone.png`, fullPage: true });
} catch (e) {
  failures += 1;
  console.log(`FAILED: ${e.stack}`);
} finally {
  await browser.close();
}
process.exit(failures === 0 ? 0 : 1);
