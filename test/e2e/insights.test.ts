import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTUP_MS, startDemo, type Demo } from './harness.ts';
import { checkAccessibleBasics, expectNoSidewaysScroll, shot, signInAs } from './page-checks.ts';

/**
 * "Your pay and hours" end to end: the demo member's insights page in real Chromium, against the
 * real server started by `steward serve --demo`. The figures on screen are checked against the
 * API's answer for the same query; screenshots go to test-results/ for a person to look at.
 */

// The browser's time zone in every context: the page's default, and the zone the API is asked for.
const ZONE = 'Europe/Berlin';

let demo: Demo | undefined;
let browser: Browser | undefined;
let base = '';
let demoPassword = '';
const checkPage = (page: Page) => checkAccessibleBasics(page, { uniqueIds: true });
const signIn = (page: Page, email: string) => signInAs(page, { url: base, password: demoPassword }, email);
const pageErrors: string[] = [];

async function newContext(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport, locale: 'en-US', timezoneId: ZONE, colorScheme, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  context.setDefaultTimeout(15_000);
  context.on('page', (p) => watch(p));
  return context;
}

function watch(page: Page): void {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[134]/.test(m.text())) pageErrors.push(`${page.url()}: console: ${m.text()}`);
  });
}

interface ApiMoney {
  currency: string;
  netMinor: number;
  netPerOnlineHourMinor: number | null;
  netPerEngagedHourMinor: number | null;
  commissionShare: number | null;
  netAfterExpensesMinor: number | null;
  expensesMinor: number | null;
}
interface ApiFigures {
  time: { onlineSeconds: number; engagedSeconds: number; waitingSeconds: number };
  tasks: { completed: number; cancelled: number; other: number };
  money: ApiMoney[];
  workplace: { atWorkplaceSeconds: number };
}
interface ApiInsights {
  period: 'week' | 'month';
  timeZone: string;
  periods: Array<ApiFigures & { key: string; from: string; to: string }>;
  totals: ApiFigures;
}

/** The API's answer for a query, fetched in the page (with its session), as the page asks it. */
async function apiInsights(page: Page, query: Record<string, string>): Promise<ApiInsights> {
  return page.evaluate(async (q) => {
    const res = await fetch(`/api/v1/collectives/demo/insights?${new URLSearchParams(q)}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`insights: HTTP ${res.status}`);
    return (await res.json()) as ApiInsights;
  }, query);
}

/** Money from minor units as the page's locale writes it (the browser's Intl, not Node's). */
function formatIn(page: Page, minor: number, currency: string): Promise<string> {
  return page.evaluate(([m, c]) => new Intl.NumberFormat(undefined, { style: 'currency', currency: c }).format(m / 100), [minor, currency] as const);
}

function shareIn(page: Page, share: number): Promise<string> {
  return page.evaluate((s) => new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s), share);
}

/** "€19,919.33" → 19919.33. */
function amount(text: string | null): number {
  return Number((text ?? '').replace(/[^\d.-]/g, ''));
}

/** A headline card by its label. */
function metric(page: Page, label: string): Locator {
  return page.getByRole('list', { name: 'Headline figures' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });
}

/** Waits until the four charts are drawn: a canvas of non-zero size in each. */
async function chartsDrawn(page: Page): Promise<Locator> {
  const charts = page.locator('figure.chart');
  await expect.poll(() => charts.count()).toBe(4);
  await expect
    .poll(() => page.evaluate(() => [...document.querySelectorAll('figure.chart')].filter((f) => [...f.querySelectorAll('canvas')].some((c) => c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0)).length))
    .toBe(4);
  return charts;
}

async function openInsights(page: Page): Promise<void> {
  await page.goto(`${base}/c/demo/insights`);
  await page.getByRole('heading', { level: 1, name: 'Your pay and hours' }).waitFor();
  await metric(page, 'Net earnings').waitFor();
}

/** Rows of the table of every period (the totals row first). */
function periodRows(page: Page): Locator {
  return page.getByRole('table', { name: /^Your pay and hours, (week by week|month by month)$/ }).locator('tbody tr');
}

beforeAll(async () => {
  demo = await startDemo('insights');
  base = demo.url;
  demoPassword = demo.password;
  browser = demo.browser;
}, STARTUP_MS + 20_000);

afterAll(async () => {
  await demo?.close();
});

describe('Your pay and hours, in Chromium against `steward serve --demo`', () => {
  let desktop: BrowserContext;
  let page: Page;
  let weeks: ApiInsights;

  beforeAll(async () => {
    desktop = await newContext({ width: 1280, height: 900 });
    page = await desktop.newPage();
  });
  afterAll(async () => {
    await desktop?.close();
  });

  it('the member home shows the last 4 weeks’ net and pay per hour logged in, and links to the page, as does the nav', async () => {
    await signIn(page, 'member@demo.example');
    await page.goto(`${base}/c/demo`);
    const card = page.getByRole('region', { name: 'Your pay and hours', exact: true });
    const headline = card.getByText(/^Last 4 weeks:/);
    await headline.waitFor();

    // The same sums from the API: the 4 calendar weeks up to the latest week with time online.
    weeks = await apiInsights(page, { period: 'week', timeZone: ZONE });
    expect(weeks.timeZone).toBe(ZONE);
    const lastWork = weeks.periods.findLast((p) => p.time.onlineSeconds > 0)!;
    const from = new Date(Date.parse(`${lastWork.from}T00:00:00Z`) - 21 * 86_400_000).toISOString().slice(0, 10);
    const recent = weeks.periods.filter((p) => p.from >= from && p.from <= lastWork.from);
    expect(recent.length).toBe(4);
    const currency = weeks.totals.money[0]!.currency;
    const net = recent.reduce((s, p) => s + (p.money.find((m) => m.currency === currency)?.netMinor ?? 0), 0);
    const online = recent.reduce((s, p) => s + p.time.onlineSeconds, 0);
    const perHour = Math.round((net * 3600) / online);
    expect(await headline.textContent()).toBe(`Last 4 weeks: ${await formatIn(page, net, currency)} net, ${await formatIn(page, perHour, currency)} per hour logged in`);
    await shot(card, 'insights-home-card');

    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My pay', exact: true });
    expect(await nav.getAttribute('href')).toBe('/c/demo/insights');
    await card.getByRole('link', { name: 'See your pay and hours' }).click();
    await page.waitForURL(`${base}/c/demo/insights`);
    await page.getByRole('heading', { level: 1, name: 'Your pay and hours' }).waitFor();
    await expect(nav.getAttribute('aria-current')).resolves.toBe('page');
  });

  it('shows the headline figures exactly as the API’s totals, with the browser’s time zone by default', async () => {
    await metric(page, 'Net earnings').waitFor();
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe(ZONE);
    await expect(page.getByRole('radio', { name: 'Week', exact: true }).isChecked()).resolves.toBe(true);

    const m = weeks.totals.money[0]!;
    const value = (label: string) => metric(page, label).locator('.metric-value').textContent();
    expect(await value('Net earnings')).toBe(await formatIn(page, m.netMinor, m.currency));
    expect(await value('Net per hour online')).toBe(await formatIn(page, m.netPerOnlineHourMinor!, m.currency));
    expect(await value('Net per hour engaged')).toBe(await formatIn(page, m.netPerEngagedHourMinor!, m.currency));
    expect(await value('Platform commission')).toBe(await shareIn(page, m.commissionShare!));
    expect(await value('Unpaid waiting')).toBe(await shareIn(page, weeks.totals.time.waitingSeconds / weeks.totals.time.onlineSeconds));
    // Plain words for what online and engaged mean.
    await expect(metric(page, 'Net per hour online').textContent()).resolves.toContain('Online: time logged in to the app, waiting or working.');
    await expect(metric(page, 'Net per hour engaged').textContent()).resolves.toContain('Engaged: on the way to a customer or on a trip.');
    // The latest week with work, under each figure.
    const latest = weeks.periods.findLast((p) => p.time.onlineSeconds > 0)!;
    expect(await metric(page, 'Net earnings').locator('[data-latest]').textContent()).toBe(await formatIn(page, latest.money[0]!.netMinor, m.currency));
    // No costs given: no figure after costs.
    await expect(metric(page, 'Net after your costs').count()).resolves.toBe(0);

    // Every period, and the totals first.
    await page.getByRole('heading', { level: 2, name: 'Week by week' }).waitFor();
    await expect.poll(() => periodRows(page).count()).toBe(weeks.periods.length + 1);
    await chartsDrawn(page);
    await checkPage(page);
    await shot(page, 'insights-desktop-light');
  });

  it('draws four charts, each with a title, a summary in words, and a “Show as table” toggle with the same numbers', async () => {
    const charts = await chartsDrawn(page);
    const titles: string[] = [];
    for (let i = 0; i < 4; i++) {
      const chart = charts.nth(i);
      const title = (await chart.getByRole('heading', { level: 3 }).textContent())!;
      titles.push(title);
      // The drawing is an image to assistive technology, named by the title, described by the summary.
      const img = chart.getByRole('img', { name: title, exact: true });
      await img.waitFor();
      const box = await img.locator('canvas').first().boundingBox();
      expect(box && box.width > 100 && box.height > 100, `canvas of “${title}”: ${JSON.stringify(box)}`).toBe(true);
      expect(((await chart.locator('.chart-summary').textContent()) ?? '').length).toBeGreaterThan(40);
      await expect(chart.getByRole('table').count()).resolves.toBe(0);
    }
    expect(titles).toEqual(['Net pay per hour', 'Net pay each week, and what it is made of', 'Hours online and engaged each week', 'The platform’s commission, as a share of fares']);

    const first = charts.first();
    const toggle = first.getByRole('button', { name: /^Show as table/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const table = first.getByRole('table', { name: 'Net pay per hour' });
    await table.waitFor();
    expect(await first.getByRole('button', { name: /^Hide table/ }).getAttribute('aria-expanded')).toBe('true');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(weeks.periods.length);
    // The same numbers as the API: the per-hour figures of the latest week with work.
    const li = weeks.periods.findLastIndex((p) => p.time.onlineSeconds > 0);
    const cells = await rows.nth(li).locator('td').allTextContents();
    const m = weeks.periods[li]!.money[0]!;
    expect(cells).toEqual([await formatIn(page, m.netPerOnlineHourMinor!, m.currency), await formatIn(page, m.netPerEngagedHourMinor!, m.currency)]);
    await first.scrollIntoViewIfNeeded();
    await shot(first, 'insights-chart-with-table-desktop');
    await first.getByRole('button', { name: /^Hide table/ }).click();
    await expect(first.getByRole('table').count()).resolves.toBe(0);
  });

  it('switches to months: fewer periods, the API’s figures, and the choice is remembered', async () => {
    await page.getByRole('radio', { name: 'Month', exact: true }).check();
    await page.getByRole('heading', { level: 2, name: 'Month by month' }).waitFor();
    const months = await apiInsights(page, { period: 'month', timeZone: ZONE });
    expect(months.periods.length).toBeGreaterThan(0);
    expect(months.periods.length).toBeLessThan(weeks.periods.length);
    await expect.poll(() => periodRows(page).count()).toBe(months.periods.length + 1);
    await chartsDrawn(page);
    const first = await periodRows(page).nth(1).locator('th').textContent();
    expect(first).toMatch(/^[A-Z][a-z]+ \d{4}$/); // "April 2026", newest first
    // Net of the whole range does not depend on how it is cut.
    expect(await metric(page, 'Net earnings').locator('.metric-value').textContent()).toBe(await formatIn(page, months.totals.money[0]!.netMinor, months.totals.money[0]!.currency));

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Month by month' }).waitFor();
    await expect(page.getByRole('radio', { name: 'Month', exact: true }).isChecked()).resolves.toBe(true);
  });

  it('with costs per km, shows net after costs (lower than net) as the API works it out, and remembers them', async () => {
    const input = page.getByLabel('Your costs per km in EUR (optional)');
    await input.fill('abc');
    await page.getByText('Enter an amount, for example 0.12.').waitFor();
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');

    await input.fill('0.12');
    const after = metric(page, 'Net after your costs');
    await after.waitFor();
    const withCosts = await apiInsights(page, { period: 'month', timeZone: ZONE, expensesPerKmMinor: '12', currency: 'EUR' });
    const m = withCosts.totals.money[0]!;
    expect(m.expensesMinor).toBeGreaterThan(0);
    const shown = await after.locator('.metric-value').textContent();
    expect(shown).toBe(await formatIn(page, m.netAfterExpensesMinor!, m.currency));
    const net = await metric(page, 'Net earnings').locator('.metric-value').textContent();
    expect(amount(shown)).toBeLessThan(amount(net));
    expect(amount(shown)).toBeGreaterThan(0);
    await expect(after.textContent()).resolves.toContain(`Costs ${await formatIn(page, m.expensesMinor!, m.currency)}`);
    // The table of every period gains the columns after costs.
    const heads = await page.getByRole('table', { name: 'Your pay and hours, month by month' }).locator('thead th').allTextContents();
    expect(heads).toEqual(expect.arrayContaining(['Your costs', 'Net after costs', 'After costs, per hour online']));
    await expect(page.getByRole('status').filter({ hasText: 'Updating' }).count()).resolves.toBe(0);
    await shot(page, 'insights-desktop-costs-month', false);

    await page.reload();
    await metric(page, 'Net after your costs').waitFor();
    await expect(page.getByLabel('Your costs per km in EUR (optional)').inputValue()).resolves.toBe('0.12');
  });

  it('in dark mode on a desktop', async () => {
    const dark = await newContext({ width: 1280, height: 900 }, 'dark');
    const p = await dark.newPage();
    await signIn(p, 'member@demo.example');
    await openInsights(p);
    await chartsDrawn(p);
    // Dark tokens in use: light text on a dark background.
    const colors = await p.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }));
    expect(colors).toEqual({ bg: 'rgb(18, 22, 20)', fg: 'rgb(231, 236, 233)' });
    await shot(p, 'insights-desktop-dark');
    await dark.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`fits a 360 px phone without sideways scrolling (${scheme}), charts and tables included`, async () => {
      const phone = await newContext({ width: 360, height: 780 }, scheme);
      const p = await phone.newPage();
      await signIn(p, 'member@demo.example');
      await openInsights(p);
      const charts = await chartsDrawn(p);
      await expectNoSidewaysScroll(p, `insights page (${scheme})`);
      for (let i = 0; i < 4; i++) {
        const box = await charts.nth(i).locator('canvas').first().boundingBox();
        expect(box!.width).toBeGreaterThan(200);
        expect(box!.x + box!.width).toBeLessThanOrEqual(360);
      }
      // The table of every period stacks into cards: each row is as wide as the screen allows.
      const row = periodRows(p).nth(1);
      expect(await row.evaluate((r) => getComputedStyle(r).display)).toBe('block');
      await checkPage(p);
      await shot(p, `insights-phone-${scheme}`);
      await shot(p, `insights-phone-${scheme}-top`, false);
      await shot(charts.nth(1), `insights-phone-${scheme}-chart-net`);
      await charts.nth(2).getByRole('button', { name: /^Show as table/ }).click();
      await charts.nth(2).getByRole('table').waitFor();
      await expectNoSidewaysScroll(p, `insights page with a chart's table open (${scheme})`);
      await shot(charts.nth(2), `insights-phone-${scheme}-chart-hours-table`);
      await phone.close();
    });
  }

  it('a member without records sees a friendly empty state that links to the import page', async () => {
    const ctx = await newContext({ width: 390, height: 844 });
    const p = await ctx.newPage();
    // The demo steward is a member too, with no records of their own.
    await signIn(p, 'steward@demo.example');
    await p.goto(`${base}/c/demo`);
    await p.getByRole('region', { name: 'Your pay and hours', exact: true }).getByText(/once you import your trips and pay/).waitFor();
    await p.goto(`${base}/c/demo/insights`);
    await p.getByText('No pay or hours to show yet').waitFor();
    const link = p.getByRole('main').getByRole('link', { name: 'Import your data' });
    expect(await link.getAttribute('href')).toBe('/c/demo/import');
    await expect(p.locator('figure.chart').count()).resolves.toBe(0);
    await checkPage(p);
    await expectNoSidewaysScroll(p, 'empty insights page');
    await shot(p, 'insights-empty-phone');
    await link.click();
    await p.waitForURL(`${base}/c/demo/import`);
    await ctx.close();
  });

  it('time at your workplace: a WeClock log shows the section; tapping another place changes the figures, and is remembered', async () => {
    // A small WeClock log in Berlin, after the demo's weeks (so none of the member's trip points
    // fall between): Mon 1 and Tue 2 June 2026 at work W 52.50,13.45 (08:30–17:00, 08:30–16:30)
    // and at home H 52.52,13.40 (18:00 → 23:30 → 07:30 the next morning).
    const lines = ['6/2/26, 5:30 PM,52.52, 13.40', '6/2/26, 4:30 PM,52.50, 13.45', '6/2/26, 8:30 AM,52.50, 13.45', '6/2/26, 7:30 AM,52.52, 13.40', '6/1/26, 11:30 PM,52.52, 13.40', '6/1/26, 6:00 PM,52.52, 13.40', '6/1/26, 5:00 PM,52.50, 13.45', '6/1/26, 8:30 AM,52.50, 13.45', '6/1/26, 7:00 AM,52.52, 13.40'];
    const csv = lines.map((l, i) => `${i},${1000 + i},geologging,${l}`).join('\n');
    const added = await page.evaluate(async (body) => {
      const csrf = decodeURIComponent(/(?:^|; )steward_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '');
      const headers = { 'x-csrf-token': csrf, accept: 'application/json' };
      const preview = await (await fetch('/api/v1/collectives/demo/imports?timezone=Europe/Berlin', { method: 'POST', headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': 'weclock.csv' }, body })).json();
      const res = await fetch(`/api/v1/collectives/demo/imports/${preview.uploadId}/confirm`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
      return ((await res.json()) as { added: number }).added;
    }, csv);
    expect(added).toBe(9);
    // Each choice asks the server again: give the answer time to come back.
    const WAIT = { timeout: 10_000 };

    await page.goto(`${base}/c/demo/insights`);
    const section = page.getByRole('region', { name: 'Time at your workplace' });
    await section.waitFor();
    const status = section.locator('.workplace-status');
    await expect(status.textContent()).resolves.toMatch(/^Suggested workplace: Place 1 \(52\.5000, 13\.4500\)/);
    const days = () => section.getByRole('table', { name: 'Time at your workplace, day by day' }).locator('tbody tr').allTextContents();
    // Work: 8.5 h on Monday, 8 h on Tuesday (newest first).
    await expect.poll(days, WAIT).toEqual([expect.stringContaining('8.0 h'), expect.stringContaining('8.5 h')]);
    const chart = section.locator('figure.chart[data-chart="workplace"]');
    await expect.poll(() => chart.evaluate((f) => [...f.querySelectorAll('canvas')].some((c) => c.width > 0)), WAIT).toBe(true);

    // Tap home: Monday 18:00–24:00 and Tuesday 00:00–07:30, as the API gives for that workplace.
    const home = section.getByRole('button', { name: /^Place 2\b.*probably home/ });
    await home.click();
    await expect.poll(() => home.getAttribute('aria-pressed'), WAIT).toBe('true');
    await expect.poll(days, WAIT).toEqual([expect.stringContaining('7.5 h'), expect.stringContaining('6.0 h')]);
    await expect(status.textContent()).resolves.toBe('Your workplace: Place 2 (52.5200, 13.4000).');
    const api = await apiInsights(page, { period: 'month', timeZone: ZONE, workplace: '52.52,13.4' });
    expect(api.totals.workplace.atWorkplaceSeconds).toBe(13.5 * 3600);
    await checkPage(page);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'insights-workplace-desktop');

    await page.reload();
    await section.waitFor();
    await expect.poll(() => section.getByRole('button', { name: /^Place 2\b.*probably home/ }).getAttribute('aria-pressed'), WAIT).toBe('true');
    await section.getByRole('button', { name: 'Use the suggested workplace' }).click();
    await expect.poll(days, WAIT).toEqual([expect.stringContaining('8.0 h'), expect.stringContaining('8.5 h')]);

    // On a phone the places are big buttons, one under the other, and nothing scrolls sideways.
    const phone = await newContext({ width: 360, height: 780 });
    const p = await phone.newPage();
    await signIn(p, 'member@demo.example');
    await p.goto(`${base}/c/demo/insights`);
    const onPhone = p.getByRole('region', { name: 'Time at your workplace' });
    await onPhone.getByRole('button', { name: /^Place 1\b/ }).waitFor();
    expect((await onPhone.getByRole('button', { name: /^Place 1\b/ }).boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await expectNoSidewaysScroll(p, 'insights page with the workplace section');
    await onPhone.scrollIntoViewIfNeeded();
    await shot(p, 'insights-workplace-phone', false);
    await phone.close();
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
