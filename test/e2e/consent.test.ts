import { readFileSync } from 'node:fs';
import { verifyConsentReceipt } from '@steward/core';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTUP_MS, startDemo, type Demo } from './harness.ts';
import { checkAccessibleBasics, expectNoSidewaysScroll, shot, signInAs } from './page-checks.ts';

/**
 * The consent centre end to end, on a phone, in real Chromium against `steward serve --demo`: a
 * member sees that nobody may use their data, picks a preset after reading its notice, withdraws
 * one purpose in detail, keeps and checks a signed receipt; a steward sees how many members allow
 * each use, never who. What the page shows is checked against the API's answer.
 */

const ZONE = 'Europe/Berlin';
const PHONE = { width: 390, height: 844 };

let demo: Demo | undefined;
let browser: Browser | undefined;
let base = '';
let demoPassword = '';
const checkPage = (page: Page) => checkAccessibleBasics(page, { skipLink: true, uniqueIds: true, ariaRefs: ['aria-describedby', 'aria-labelledby'] });
const signIn = (page: Page, email: string) => signInAs(page, { url: base, password: demoPassword }, email);
const pageErrors: string[] = [];

interface Cell {
  datasetId: string;
  purpose: string;
  category: string;
  allowed: boolean;
  reason: string;
  expiresAt: string | null;
}
interface HistoryRecord {
  id: string;
  seq: number;
  status: string;
  state: string;
  recordedAt: string;
  expiresAt: string | null;
  reviewAt: string | null;
}
interface Mine {
  cells: Cell[];
  history: HistoryRecord[];
  dueForReview: string[];
}

async function newContext(viewport: { width: number; height: number }, touch = true): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport, locale: 'en-US', timezoneId: ZONE, reducedMotion: 'reduce', deviceScaleFactor: 1, hasTouch: touch, acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  context.on('page', (p) => watch(p));
  return context;
}

function watch(page: Page): void {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    // 422s are the validation errors one test provokes on purpose.
    if (m.type() === 'error' && !/status of (40[134]|422)/.test(m.text())) pageErrors.push(`${page.url()}: console: ${m.text()}`);
  });
}

/** Every control in the main column a finger can reach is at least 44 × 44 px (checkboxes: their label). */
async function checkTouchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>('main button, main a[href], main select, main label.choice, main summary');
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      // Links inside running text are exempt (WCAG 2.5.8); the back link and buttons are not.
      if (el.tagName === 'A' && !el.classList.contains('btn') && !el.classList.contains('back-link')) continue;
      if (r.height < 43.5 || r.width < 43.5) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}” is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  expect(small, `touch targets on ${page.url()}`).toEqual([]);
}

/** The member's consent from the API, with the page's own session. */
function apiMine(page: Page): Promise<Mine> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/collectives/demo/consent', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`myConsent: HTTP ${res.status}`);
    return (await res.json()) as Mine;
  });
}

/** A date as the page's locale writes it ("Nov 25, 2027"). */
function dateIn(page: Page, iso: string): Promise<string> {
  return page.evaluate((d) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(d)), iso);
}

function cellsOf(mine: Mine, purpose: string, category: string): Cell[] {
  return mine.cells.filter((c) => c.purpose === purpose && c.category === category);
}

async function openConsent(page: Page): Promise<void> {
  await page.goto(`${base}/c/demo/consent`);
  await page.getByRole('heading', { level: 1, name: 'Your consent' }).waitFor();
  await page.getByRole('region', { name: 'Who may use your data now' }).waitFor();
}

beforeAll(async () => {
  demo = await startDemo('consent');
  base = demo.url;
  demoPassword = demo.password;
  browser = demo.browser;
}, STARTUP_MS + 20_000);

afterAll(async () => {
  await demo?.close();
});

describe('the consent centre, in Chromium against `steward serve --demo`', () => {
  let phone: BrowserContext;
  let page: Page;
  let datasetCount = 0;

  beforeAll(async () => {
    phone = await newContext(PHONE);
    page = await phone.newPage();
  });
  afterAll(async () => {
    await phone?.close();
  });

  it('[C1] a member opens it from the member home on a phone: nobody may use their data yet', async () => {
    await signIn(page, 'member@demo.example');
    await page.goto(`${base}/c/demo`);
    const card = page.getByRole('region', { name: 'Your consent', exact: true });
    await card.getByText('Nobody may use your data yet.', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'See and change your consent' }).click();
    await page.waitForURL(`${base}/c/demo/consent`);
    await page.getByRole('heading', { level: 1, name: 'Your consent' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consent', exact: true });
    await expect(nav.getAttribute('aria-current')).resolves.toBe('page');

    const summary = page.getByRole('region', { name: 'Who may use your data now' });
    await summary.getByText('Nobody may use your data yet.', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Your history' }).getByText('No decisions yet.').waitFor();
    const mine = await apiMine(page);
    expect(mine.cells.length).toBeGreaterThan(0);
    expect(mine.cells.every((c) => !c.allowed && c.reason === 'no_consent')).toBe(true);
    expect(mine.history).toEqual([]);
    datasetCount = new Set(mine.cells.map((c) => c.datasetId)).size;

    // Four presets, each a big card with its explanation.
    const presets = page.getByRole('region', { name: 'Choose quickly' });
    for (const name of ['Research and public interest only', 'My collective only', 'Everything except business uses', 'Nothing']) await presets.getByRole('button', { name, exact: true }).waitFor();
    await checkPage(page);
    await checkTouchTargets(page);
    await shot(page, 'consent-phone-nobody');
  });

  it('[C3] picks “Research and public interest only” ending in a year: the notice first, nothing saved until Confirm', async () => {
    const presets = page.getByRole('region', { name: 'Choose quickly' });
    await presets.getByLabel('Ends on').selectOption('12');
    // A reminder after the end would never come: the 1-year reminder gives way to 6 months.
    await expect(presets.getByLabel('Remind me').inputValue()).resolves.toBe('6');
    await presets.getByRole('button', { name: 'Research and public interest only', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Read this before you confirm' });
    await dialog.waitFor();
    const notice = dialog.getByRole('region', { name: 'The full notice' });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('Choice: Research and public interest only');
    expect(text).toContain('Your decision: You give your consent.');
    expect(text).toContain('- University research (dpv:AcademicResearch)');
    const ends = /This consent ends on (\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
    expect(ends, text).toBeDefined();
    const days = (Date.parse(`${ends}T00:00:00Z`) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(368);
    expect(text).toMatch(/We will ask you to look at it again on \d{4}-\d{2}-\d{2}\./);
    // Shown, not yet recorded.
    expect((await apiMine(page)).history).toEqual([]);
    const confirm = dialog.getByRole('button', { name: 'Confirm', exact: true });
    const box = await confirm.boundingBox();
    expect(box && box.y + box.height <= PHONE.height, 'Confirm is on screen without scrolling').toBe(true);
    await checkPage(page);
    await shot(page, 'consent-phone-notice', false);

    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'Saved. Your new choice applies' }).waitFor();

    const mine = await apiMine(page);
    expect(mine.history.map((r) => [r.status, r.state])).toEqual([
      ['given', 'active'],
      ['withdrawn', 'withdrawn'],
    ]);
    const given = mine.history[0]!;
    expect(given.expiresAt?.slice(0, 10)).toBe(ends);
    expect(given.reviewAt).not.toBeNull();

    const summary = page.getByRole('region', { name: 'Who may use your data now' });
    await summary.getByText('Universities may use all your data for university research, non-profit research and public interest.').waitFor();
    await summary.getByText('Public bodies may use all your data for university research, non-profit research and public interest.').waitFor();
    await expect(summary.getByText('Nobody may use your data yet.').count()).resolves.toBe(0);
    await expect(summary.textContent()).resolves.toContain(`Ends ${await dateIn(page, given.expiresAt!)}.`);
    await expect(summary.getByText(/^Companies/).count()).resolves.toBe(0);

    const history = page.getByRole('list', { name: 'Your consent decisions' }).getByRole('listitem');
    await expect.poll(() => history.count()).toBe(2);
    const first = history.first();
    await expect(first.locator('.entry-sentence').textContent()).resolves.toBe(
      `You gave consent to universities, public bodies and non-profits for university research, non-profit research and public interest on all your data — ${await dateIn(page, given.recordedAt)}, ends ${await dateIn(page, given.expiresAt!)}, reminder ${await dateIn(page, given.reviewAt!)}`,
    );
    await first.getByText('Active', { exact: true }).waitFor();
    await expect(history.nth(1).locator('.entry-sentence').textContent()).resolves.toMatch(/^You withdrew consent from everyone for every purpose on all your data — /);
    await history.nth(1).getByText('Withdrawn', { exact: true }).waitFor();
    await presets.getByRole('button', { name: 'Research and public interest only', exact: true }).getByText('Your choice now').waitFor();
    await checkPage(page);
    await shot(page, 'consent-phone-after-preset');
  });

  it('[C1] the API agrees: universities may use every dataset for academic research, companies may not', async () => {
    const mine = await apiMine(page);
    const academic = cellsOf(mine, 'dpv:AcademicResearch', 'academic');
    expect(academic.length).toBe(datasetCount);
    expect(academic.every((c) => c.allowed && c.reason === 'consent_given' && c.expiresAt !== null)).toBe(true);
    const commercial = cellsOf(mine, 'dpv:AcademicResearch', 'commercial');
    expect(commercial.length).toBe(datasetCount);
    expect(commercial.every((c) => !c.allowed && c.reason === 'withdrawn')).toBe(true);
    expect(cellsOf(mine, 'stw:CollectiveBargaining', 'collective').every((c) => !c.allowed)).toBe(true);
    expect(cellsOf(mine, 'dpv:Marketing', 'academic').every((c) => !c.allowed)).toBe(true);
    expect(mine.cells.filter((c) => c.allowed).length).toBe(datasetCount * 3 * 3);
  });

  it('[C2][C3] withdraws university research in the detail view; the rest stays', async () => {
    const detail = page.getByRole('region', { name: 'Choose in detail' });
    await detail.getByRole('button', { name: 'Show the detailed choices' }).click();
    const form = detail.getByRole('form', { name: 'Choose in detail' });
    await form.waitFor();
    // Every dataset is chosen; the ticks show what the member allows now.
    const datasets = form.getByRole('group', { name: 'Which of your data' }).getByRole('checkbox');
    await expect(datasets.count()).resolves.toBe(datasetCount);
    for (let i = 0; i < datasetCount; i++) await expect(datasets.nth(i).isChecked()).resolves.toBe(true);
    const row = form.getByRole('group', { name: 'University research', exact: true });
    await row.getByText('A university study of what delivery riders earn per hour after costs.').waitFor();
    const ticked = async () => {
      const out: string[] = [];
      for (const name of ['Your collective', 'Universities', 'Public bodies', 'Journalists', 'Non-profits', 'Companies']) if (await row.getByRole('checkbox', { name, exact: true }).isChecked()) out.push(name);
      return out;
    };
    expect(await ticked()).toEqual(['Universities', 'Public bodies', 'Non-profits']);
    await checkPage(page);
    await checkTouchTargets(page);
    await expectNoSidewaysScroll(page, 'the detail view');

    for (const name of ['Universities', 'Public bodies', 'Non-profits']) await row.getByRole('checkbox', { name, exact: true }).uncheck();
    await form.getByRole('status').filter({ hasText: '1 change to review.' }).waitFor();
    await form.getByRole('button', { name: 'Review and save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Read this before you confirm' });
    await dialog.waitFor();
    await dialog.getByText('Stop universities, public bodies and non-profits using it for university research on all your data.').waitFor();
    const text = (await dialog.getByRole('region', { name: 'The full notice' }).textContent()) ?? '';
    expect(text).toContain('Your decision: You withdraw your consent.');
    expect(text).toContain('- University research (dpv:AcademicResearch)');
    expect(text).not.toContain('dpv:PublicBenefit');
    await shot(page, 'consent-phone-detail-notice', false);
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    const summary = page.getByRole('region', { name: 'Who may use your data now' });
    await summary.getByText('Universities may use all your data for non-profit research and public interest.').waitFor();
    await expect.poll(ticked).toEqual([]);

    const mine = await apiMine(page);
    expect(mine.history.length).toBe(3);
    expect(mine.history[0]).toMatchObject({ status: 'withdrawn', state: 'withdrawn' });
    for (const category of ['academic', 'public_body', 'non_profit']) {
      expect(cellsOf(mine, 'dpv:AcademicResearch', category).every((c) => !c.allowed && c.reason === 'withdrawn')).toBe(true);
      expect(cellsOf(mine, 'dpv:PublicBenefit', category).every((c) => c.allowed)).toBe(true);
      expect(cellsOf(mine, 'dpv:NonCommercialResearch', category).every((c) => c.allowed)).toBe(true);
    }
    const history = page.getByRole('list', { name: 'Your consent decisions' }).getByRole('listitem');
    await expect.poll(() => history.count()).toBe(3);
    await expect(history.first().locator('.entry-sentence').textContent()).resolves.toMatch(/^You withdrew consent from universities, public bodies and non-profits for university research on all your data — /);
    // The preset's record still decides the other cells: it is not replaced as a whole.
    await history.nth(1).getByText('Active', { exact: true }).waitFor();
    await shot(page, 'consent-phone-after-withdraw');
  });

  it('downloads a signed receipt, checks it in the page (✓), and a changed one fails (✗)', async () => {
    const mine = await apiMine(page);
    const newest = mine.history[0]!;
    const entry = page.getByRole('list', { name: 'Your consent decisions' }).getByRole('listitem').first();
    const [download] = await Promise.all([page.waitForEvent('download'), entry.getByRole('button', { name: /^Download receipt for decision / }).click()]);
    expect(download.suggestedFilename()).toBe(`consent-receipt-demo-${newest.seq}.json`);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { v: number; type: string; record: { identifier: string; status: { id: string } } };
    expect(file).toMatchObject({ v: 1, type: 'steward-consent-receipt', record: { identifier: newest.id, status: { id: 'withdrawn' } } });
    const overview = (await (await fetch(`${base}/api/v1/collectives/demo/log`)).json()) as { verifierKeys: string[] };
    expect(verifyConsentReceipt(file, overview.verifierKeys)).toMatchObject({ ok: true });

    const check = entry.getByRole('button', { name: /^Check receipt for decision / });
    await check.click();
    const verdict = entry.getByRole('status').filter({ hasText: 'Valid receipt.' });
    await verdict.waitFor();
    await expect(verdict.textContent()).resolves.toMatch(/^✓ Valid receipt\. Signed by /);
    await entry.scrollIntoViewIfNeeded();
    await shot(page, 'consent-phone-receipt-valid', false);

    // The same receipt with its record changed on the way: the page says it is not valid, and why.
    let tampered = 0;
    await page.route(`${base}/api/v1/collectives/demo/consent/records/*/receipt`, async (route) => {
      const response = await route.fetch();
      const receipt = (await response.json()) as { record: { status: { id: string } } };
      receipt.record.status.id = 'given';
      tampered++;
      await route.fulfill({ response, json: receipt });
    });
    await check.click();
    const bad = entry.getByRole('status').filter({ hasText: 'Not valid.' });
    await bad.waitFor();
    expect(tampered).toBe(1);
    await expect(bad.textContent()).resolves.toMatch(/^✗ Not valid\. The record in it is not the one that was signed/);
    await page.unroute(`${base}/api/v1/collectives/demo/consent/records/*/receipt`);
    await check.click();
    await verdict.waitFor();
  });

  it('when a decision is due for review, “Still OK” gives the same consent again with a new reminder, after the notice', async () => {
    const before = await apiMine(page);
    const preset = before.history.find((r) => r.status === 'given')!;
    // Reminders come months later; the server's answer is changed in transit to say one is due now.
    const url = `${base}/api/v1/collectives/demo/consent`;
    await page.route(url, async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const response = await route.fetch();
      const mine = (await response.json()) as Mine;
      mine.dueForReview = [preset.id];
      mine.history = mine.history.map((r) => (r.id === preset.id ? { ...r, state: 'due_for_review' } : r));
      await route.fulfill({ response, json: mine });
    });
    await page.reload();
    const banner = page.getByRole('region', { name: 'Time to check: is this still OK?' });
    await banner.getByText(/^You gave consent to universities, public bodies and non-profits for university research, non-profit research and public interest on all your data/).waitFor();
    await checkPage(page);
    await shot(page, 'consent-phone-review-banner', false);
    await banner.getByRole('button', { name: 'Still OK', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Read this before you confirm' });
    await dialog.waitFor();
    // Only what the decision still decides: university research was withdrawn since, and stays so.
    await dialog.getByText('Allow universities, public bodies and non-profits to use it for non-profit research and public interest on all your data.').waitFor();
    const text = (await dialog.getByRole('region', { name: 'The full notice' }).textContent()) ?? '';
    expect(text).toContain('Your decision: You give your consent.');
    expect(text).not.toContain('dpv:AcademicResearch');
    expect(text).toContain(`This consent ends on ${preset.expiresAt!.slice(0, 10)}`);
    await page.unroute(url);
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').filter({ hasText: 'with a new reminder date' }).waitFor();
    await expect(banner.count()).resolves.toBe(0);

    const after = await apiMine(page);
    expect(after.history.length).toBe(before.history.length + 1);
    const again = after.history[0]!;
    expect(again).toMatchObject({ status: 'given', state: 'active', expiresAt: preset.expiresAt });
    expect(Date.parse(again.reviewAt!)).toBeGreaterThan(Date.parse(preset.reviewAt!));
    expect(cellsOf(after, 'dpv:AcademicResearch', 'academic').every((c) => !c.allowed)).toBe(true);
    expect(cellsOf(after, 'dpv:PublicBenefit', 'academic').every((c) => c.allowed)).toBe(true);
  });

  it('shows a consent limited to some fields (set through the API) in the summary and in the detail view', async () => {
    const options = await page.evaluate(async () => ((await (await fetch('/api/v1/collectives/demo/consent/options')).json()) as { datasets: Array<{ id: string; slug: string; name: string }> }).datasets);
    const { id: tasks, name } = options.find((d) => d.slug === 'work_tasks')!;
    const recorded = await page.evaluate(async (datasetId) => {
      const csrf = /(?:^|;\s*)steward_csrf=([^;]+)/.exec(document.cookie)?.[1];
      const headers = { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': decodeURIComponent(csrf ?? '') };
      const decision = { changes: [{ scope: { datasets: [{ datasetId, fields: ['platform', 'city'] }], purposes: ['stw:Campaigning'], recipients: [{ category: 'journalist' }] }, status: 'given' }] };
      const notice = (await (await fetch('/api/v1/collectives/demo/consent/notice', { method: 'POST', headers, body: JSON.stringify(decision) })).json()) as { digest: string };
      const res = await fetch('/api/v1/collectives/demo/consent', { method: 'POST', headers, body: JSON.stringify({ ...decision, noticeDigest: notice.digest }) });
      return res.status;
    }, tasks);
    expect(recorded).toBe(201);
    await openConsent(page);
    const summary = page.getByRole('region', { name: 'Who may use your data now' });
    // The gate says “fields not covered” for a use of every field; the page says what is allowed.
    const cell = (await apiMine(page)).cells.find((c) => c.datasetId === tasks && c.purpose === 'stw:Campaigning' && c.category === 'journalist')!;
    expect(cell).toMatchObject({ allowed: false, reason: 'fields_not_covered', fields: ['city', 'platform'] });
    await summary.getByText(`Journalists may use ${name} (only city and platform) for campaigning.`).waitFor();
    await page.getByRole('button', { name: 'Show the detailed choices' }).click();
    const row = page.getByRole('group', { name: 'Campaigning', exact: true });
    const box = row.getByRole('checkbox', { name: 'Journalists', exact: true });
    // Allowed on one dataset of all: neither ticked nor clear; the field limit is said.
    await expect(box.evaluate((el) => (el as HTMLInputElement).indeterminate)).resolves.toBe(true);
    await row.getByText(`Only some fields: ${name}: city and platform`).waitFor();
    await expect(box.getAttribute('aria-describedby')).resolves.toMatch(/choice-stw-Campaigning-journalist/);
    await page.getByRole('list', { name: 'Your consent decisions' }).getByRole('listitem').first().getByText(`You gave consent to journalists for campaigning on ${name} (only city and platform)`, { exact: false }).waitFor();
  });

  it('an error from the API is shown next to the control it is about', async () => {
    const url = `${base}/api/v1/collectives/demo/consent/notice`;
    await page.route(url, (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/problem+json',
        json: { type: 'about:blank', title: 'Invalid input', status: 422, code: 'validation_failed', detail: 'expiresAt: must be in the future', errors: [{ field: 'expiresAt', message: 'must be in the future' }] },
      }),
    );
    const presets = page.getByRole('region', { name: 'Choose quickly' });
    await presets.getByRole('button', { name: 'My collective only', exact: true }).click();
    await presets.getByRole('alert').filter({ hasText: 'Please check the choices marked below.' }).waitFor();
    const ends = presets.getByLabel('Ends on');
    await expect(ends.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = (await ends.getAttribute('aria-describedby'))!.split(' ');
    const texts = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(texts.join(' ')).toContain('must be in the future');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await page.unroute(url);
  });

  it('fits a 360 px phone without sideways scrolling, the detail view and the notice included; Cancel records nothing', async () => {
    const narrow = await newContext({ width: 360, height: 780 });
    const p = await narrow.newPage();
    await signIn(p, 'member@demo.example');
    await openConsent(p);
    await expectNoSidewaysScroll(p, 'the consent centre');
    await checkTouchTargets(p);
    await p.getByRole('button', { name: 'Show the detailed choices' }).click();
    await p.getByRole('form', { name: 'Choose in detail' }).waitFor();
    await expectNoSidewaysScroll(p, 'the consent centre with the detail view open');
    await checkTouchTargets(p);
    await checkPage(p);
    await shot(p, 'consent-phone-360');

    const before = (await apiMine(p)).history.length;
    await p.getByRole('region', { name: 'Choose quickly' }).getByRole('button', { name: 'My collective only', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Read this before you confirm' });
    await dialog.waitFor();
    await expectNoSidewaysScroll(p, 'the notice');
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360, `the notice fits: ${JSON.stringify(box)}`).toBe(true);
    await shot(p, 'consent-phone-360-notice', false);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await apiMine(p)).history.length).toBe(before);
    await narrow.close();
  });

  it('a steward sees consent coverage per dataset, purpose and recipient: numbers only, never who', async () => {
    const ctx = await newContext(PHONE);
    const p = await ctx.newPage();
    await signIn(p, 'steward@demo.example');
    await p.goto(`${base}/c/demo`);
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consent', exact: true }).click();
    await p.waitForURL(`${base}/c/demo/consent`);
    const coverage = p.getByRole('region', { name: 'Consent coverage' });
    await coverage.getByText(/^Out of [\d,]+ members/).waitFor();

    const api = await p.evaluate(async () => {
      const [c, d] = await Promise.all([fetch('/api/v1/collectives/demo/consent/coverage').then((r) => r.json()), fetch('/api/v1/collectives/demo/datasets').then((r) => r.json())]);
      return { coverage: c as { members: number; cells: Array<{ datasetId: string; purpose: string; category: string; members: number }> }, datasets: (d as { items: Array<{ id: string; name: string }> }).items };
    });
    await expect(coverage.getByText(/^Out of [\d,]+ members/).textContent()).resolves.toContain(`Out of ${api.coverage.members.toLocaleString('en-US')} members`);
    const tasks = api.datasets.find((d) => d.name === 'Work tasks')!;
    await coverage.getByLabel('Dataset').selectOption(tasks.id);
    const table = coverage.getByRole('table', { name: 'Members who allow each use of Work tasks' });
    await table.waitFor();
    const count = (purpose: string, category: string) => api.coverage.cells.find((c) => c.datasetId === tasks.id && c.purpose === purpose && c.category === category)!.members;
    const categories = ['collective', 'academic', 'public_body', 'journalist', 'non_profit', 'commercial'];
    const rowCells = async (purpose: string) => table.getByRole('row').filter({ has: p.getByRole('rowheader', { name: purpose, exact: true }) }).getByRole('cell').allTextContents();
    for (const [label, purpose] of [
      ['Public interest', 'dpv:PublicBenefit'],
      ['University research', 'dpv:AcademicResearch'],
      ['Advertising', 'dpv:Advertising'],
    ] as const) {
      expect(await rowCells(label)).toEqual(categories.map((c) => count(purpose, c).toLocaleString('en-US')));
    }
    expect(api.coverage.cells.every((c) => c.members >= 0 && c.members <= api.coverage.members)).toBe(true);
    // The demo member counts among those who allow public interest for universities, not research.
    expect(count('dpv:PublicBenefit', 'academic')).toBeGreaterThan(0);
    // Numbers only: nobody's name or e-mail address anywhere in the page's main column.
    const main = (await p.getByRole('main').textContent()) ?? '';
    expect(main).not.toContain('@');
    expect(main).not.toContain('Mina Member');
    await checkPage(p);
    await expectNoSidewaysScroll(p, 'consent coverage');
    await coverage.scrollIntoViewIfNeeded();
    await shot(p, 'consent-steward-coverage-phone');
    await ctx.close();
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
