import { readFileSync } from 'node:fs';
import { verifyReceipt } from '@steward/core';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTUP_MS, startDemo, type Demo } from './harness.ts';
import { checkAccessibleBasics, expectNoSidewaysScroll, shot, signInAs } from './page-checks.ts';

/**
 * The web app end to end, in real Chromium against the real server started by the `steward`
 * command in demo mode. Screenshots go to test-results/ for a person to look at.
 */


let demo: Demo | undefined;
let browser: Browser | undefined;
let base = '';
let demoPassword = '';
const checkPage = (page: Page) => checkAccessibleBasics(page, { skipLink: true });
const signIn = (page: Page, email: string) => signInAs(page, { url: base, password: demoPassword }, email);
const pageErrors: string[] = [];

async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport, locale: 'en-US', timezoneId: 'Europe/Berlin', reducedMotion: 'reduce', deviceScaleFactor: 1 });
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

/** Opens the demo collective's member home, whether `/` went there or listed collectives. */
async function toDemoHome(page: Page): Promise<void> {
  // `/` redirects when there is one collective; wait until a page has settled before deciding.
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  if (new URL(page.url()).pathname !== '/c/demo') await page.getByRole('main').locator('a[href="/c/demo"]').first().click();
  await page.waitForURL(`${base}/c/demo`);
  await page.getByRole('heading', { level: 2, name: 'Your data here' }).waitFor();
}

/** Digits of a formatted count ("1,234 records of yours" → 1234). */
function countIn(text: string | null): number {
  const m = /([\d.,\s\u202f\u00a0]+)\s*records? of yours/.exec(text ?? '');
  return m ? Number(m[1]!.replace(/\D/g, '')) : NaN;
}

/** Opens the demo's transparency page; waits for a signed checkpoint (published every 2 s). */
async function openTransparency(page: Page): Promise<Locator> {
  const checkpoint = page.getByRole('region', { name: 'Latest signed checkpoint', exact: true });
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${base}/c/demo/transparency`);
    await page.getByRole('heading', { level: 1, name: 'Transparency' }).waitFor();
    const verdict = checkpoint.getByText(/Verified in this browser|Not verified|No signed checkpoint yet/);
    await verdict.first().waitFor();
    if (!(await checkpoint.getByText('No signed checkpoint yet').isVisible()) || attempt >= 5) break;
    await page.waitForTimeout(1_000);
  }
  return checkpoint;
}

beforeAll(async () => {
  demo = await startDemo('web');
  base = demo.url;
  demoPassword = demo.password;
  browser = demo.browser;
}, STARTUP_MS + 20_000);

afterAll(async () => {
  await demo?.close();
});

describe('web app in Chromium against `steward serve --demo`', () => {
  let desktop: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    desktop = await newContext({ width: 1280, height: 900 });
    page = await desktop.newPage();
  });
  afterAll(async () => {
    await desktop?.close();
  });

  it('a member signs in, sees their data in the demo collective and opens their trips', async () => {
    await signIn(page, 'member@demo.example');
    await toDemoHome(page);
    await page.getByRole('heading', { level: 1, name: /Demo/ }).waitFor();

    const cards = page.getByRole('region', { name: 'Your data here' }).getByRole('article');
    expect(await cards.count()).toBeGreaterThan(0);
    const counts = (await cards.allTextContents()).map(countIn);
    expect(counts.every(Number.isFinite), `record counts in ${JSON.stringify(counts)}`).toBe(true);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await checkPage(page);
    await shot(page, 'member-home-desktop');

    await page.getByRole('link', { name: 'See your records in Work tasks' }).click();
    await page.waitForURL(`${base}/c/demo/data/work_tasks`);
    await page.getByRole('heading', { level: 1, name: 'Work tasks' }).waitFor();
    const table = page.getByRole('table', { name: 'Your records in Work tasks' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await table.locator('thead th').allTextContents()).toContain('Gross fare');
    await shot(page, 'member-records-desktop', false);
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkPage(page);
    // The session is gone: a member page now asks to sign in again.
    await page.goto(`${base}/c/demo`);
    await page.waitForURL((u) => u.pathname === '/sign-in');
  });

  it('a steward opens the steward home and creates an invitation link', async () => {
    await signIn(page, 'steward@demo.example');
    await toDemoHome(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Steward' }).click();
    await page.waitForURL(`${base}/c/demo/steward`);
    await page.getByRole('heading', { level: 1, name: /^Steward: / }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Datasets' }).waitFor();
    await page.getByRole('table', { name: 'People in the collective' }).waitFor();
    await checkPage(page);
    await shot(page, 'steward-home-desktop');

    const form = page.getByRole('form', { name: 'Create an invitation link' });
    await form.getByLabel('Role').selectOption('member');
    await form.getByLabel('Link works for (days)').fill('7');
    await form.getByLabel('Note (optional)').fill('e2e invitation');
    await form.getByRole('button', { name: 'Create invitation link' }).click();
    const link = page.getByLabel('Invitation link', { exact: true });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/join/\\S+$`));
    await page.getByRole('table', { name: 'Invitation links' }).getByRole('cell', { name: 'e2e invitation', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Invitations' }).scrollIntoViewIfNeeded();
    await page.getByRole('heading', { level: 2, name: 'Invitations' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await shot(page, 'steward-invitation-created', false);

    // Someone new opens the link, creates an account, comes back to it and joins.
    const guest = await newContext({ width: 390, height: 844 });
    const guestPage = await guest.newPage();
    await guestPage.goto(url);
    await guestPage.getByRole('heading', { level: 1, name: /^Join Demo/ }).waitFor();
    await guestPage.getByRole('link', { name: 'Create an account' }).click();
    await guestPage.waitForURL((u) => u.pathname === '/sign-up');
    await guestPage.getByLabel('Your name').fill('Eve Example');
    await guestPage.getByLabel('Email address').fill(`e2e-${Date.now()}@example.test`);
    await guestPage.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    await guestPage.getByRole('button', { name: 'Create account' }).click();
    await guestPage.waitForURL((u) => u.pathname.startsWith('/join/'));
    await guestPage.getByRole('button', { name: /^Join Demo/ }).click();
    await guestPage.waitForURL(`${base}/c/demo`);
    await guestPage.getByRole('heading', { level: 2, name: 'Your data here' }).waitFor();
    await shot(guestPage, 'joined-member-home-phone');
    await guest.close();
  });

  it('fits a 360 px wide phone without sideways scrolling (member home, records, steward home)', async () => {
    const phone = await newContext({ width: 360, height: 780 });
    const p = await phone.newPage();
    await signIn(p, 'member@demo.example');
    await toDemoHome(p);
    const widths = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll, 'page is wider than the screen').toBeLessThanOrEqual(widths.client);
    await shot(p, 'member-home-phone');

    await p.getByRole('link', { name: 'See your records in Work tasks' }).click();
    await p.getByRole('table', { name: 'Your records in Work tasks' }).waitFor();
    const recordWidths = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(recordWidths.scroll, 'records page is wider than the screen').toBeLessThanOrEqual(recordWidths.client);
    await shot(p, 'member-records-phone', false);
    await phone.close();

    const stewardPhone = await newContext({ width: 360, height: 780 });
    const sp = await stewardPhone.newPage();
    await signIn(sp, 'steward@demo.example');
    await sp.goto(`${base}/c/demo/steward`);
    await sp.getByRole('table', { name: 'People in the collective' }).waitFor();
    const stewardWidths = await sp.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(stewardWidths.scroll, 'steward home is wider than the screen').toBeLessThanOrEqual(stewardWidths.client);
    await shot(sp, 'steward-home-phone', false);
    await stewardPhone.close();
  });

  it('an anonymous visitor sees the checkpoint verified in the browser, browses, filters and checks entries', async () => {
    const visitor = await newContext({ width: 1280, height: 900 });
    const p = await visitor.newPage();
    const checkpoint = await openTransparency(p);
    // The signature is checked in the page with the verifier key, not taken from the server.
    await checkpoint.getByRole('status').filter({ hasText: 'Verified in this browser' }).waitFor();
    await expect(checkpoint.getByText(/Verified in this browser/).textContent()).resolves.toContain('✓');
    await expect(checkpoint.getByLabel('Verifier key', { exact: true }).inputValue()).resolves.toMatch(/^\S+\/collectives\/demo\+[0-9a-f]{8}\+\S+$/);
    await checkpoint.getByRole('button', { name: 'Copy fingerprint (root hash)' }).waitFor();

    // Members are invited to sign in; nobody is asked to.
    await p.getByRole('region', { name: 'Entries about you', exact: true }).getByRole('link', { name: 'Sign in to see entries about you' }).waitFor();

    const entries = p.getByRole('region', { name: 'All entries', exact: true });
    const items = entries.getByRole('article');
    await items.first().waitFor();
    expect(await items.count()).toBe(25);
    await expect(items.first().textContent()).resolves.toContain('The collective was created');
    await entries.getByRole('status').filter({ hasText: /^Showing 25 of [\d,]+ entries, oldest first\.$/ }).waitFor();
    await checkPage(p);
    await shot(p, 'transparency-anonymous-desktop', false);
    await entries.getByRole('button', { name: 'Show 25 more' }).click();
    await entries.getByRole('status').filter({ hasText: /^Showing 50 of/ }).waitFor();
    expect(await items.count()).toBe(50);

    await entries.getByLabel('Type of entry').selectOption('dataset.declared');
    await entries.getByRole('status').filter({ hasText: 'Showing 5 entries of type “Dataset declared”.' }).waitFor();
    expect(await items.count()).toBe(5);
    for (const text of await entries.locator('.entry-sentence').allTextContents()) expect(text).toMatch(/^Dataset declared/);
    await expect(entries.getByRole('button', { name: /^Show \d+ more$/ }).count()).resolves.toBe(0);

    // Anyone can check any entry: the receipt endpoint is public and the check runs here.
    const first = items.first();
    await first.locator('summary', { hasText: 'Check this entry' }).click();
    await first.getByRole('button', { name: /^Verify entry #\d+$/ }).click();
    await first.getByRole('status').filter({ hasText: 'Verified in this browser' }).waitFor();
    await expect(first.locator('pre').textContent()).resolves.toMatch(/^\{"actor":"p:[\w-]+","collective":"[0-9a-f-]+","refs":\{"dataset":/);
    await checkPage(p);
    await shot(p, 'transparency-filtered-desktop');

    // A checkpoint altered on the way (its size bumped by one): the signature check in the page fails.
    await p.route(`${base}/api/v1/collectives/demo/log`, async (route) => {
      const response = await route.fetch();
      const overview = (await response.json()) as { checkpoint: { note: string } };
      overview.checkpoint.note = overview.checkpoint.note.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`);
      await route.fulfill({ response, json: overview });
    });
    await p.reload();
    const broken = p.getByRole('region', { name: 'Latest signed checkpoint', exact: true }).getByRole('alert');
    await broken.filter({ hasText: 'Not verified' }).waitFor();
    await expect(broken.textContent()).resolves.toMatch(/^✗ Not verifiedThe signature does not match/);
    await p.unroute(`${base}/api/v1/collectives/demo/log`);

    const phone = await newContext({ width: 360, height: 780 });
    const pp = await phone.newPage();
    await openTransparency(pp);
    await pp.getByRole('region', { name: 'All entries', exact: true }).getByRole('article').first().waitFor();
    await expectNoSidewaysScroll(pp, 'transparency page');
    await shot(pp, 'transparency-anonymous-phone');
    await phone.close();
    await visitor.close();
  });

  it('a member checks the entries about them, keeps a receipt, and sees a tampered receipt fail', async () => {
    const ctx = await newContext({ width: 1280, height: 900 });
    const p = await ctx.newPage();
    await signIn(p, 'member@demo.example');
    await toDemoHome(p);
    await p.getByRole('region', { name: 'Transparency', exact: true }).getByRole('link', { name: 'See the public record' }).waitFor();
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transparency' }).click();
    await p.waitForURL(`${base}/c/demo/transparency`);
    await p.getByRole('region', { name: 'Latest signed checkpoint', exact: true }).getByText(/Verified in this browser/).waitFor();

    const mine = p.getByRole('region', { name: 'Entries about you', exact: true });
    await mine.getByText(/^In this log you appear as p:\S+…, a code only the server can link to you\./).waitFor();
    const items = mine.getByRole('article');
    await items.first().waitFor();
    const sentences = await mine.locator('.entry-sentence').allTextContents();
    expect(sentences).toContain('A member joined as member');
    expect(sentences.some((t) => /^Records imported: [\d,]+ records?$/.test(t)), JSON.stringify(sentences)).toBe(true);

    const entry = items.first();
    const verify = entry.getByRole('button', { name: /^Verify entry #\d+$/ });
    const index = Number(/#(\d+)/.exec((await verify.textContent()) ?? '')?.[1]);
    await verify.click();
    const passed = entry.getByRole('status').filter({ hasText: 'Verified in this browser' });
    await passed.waitFor();
    const checks = entry.getByRole('list', { name: `What was checked for entry #${index}` }).getByRole('listitem');
    expect(await checks.count()).toBe(5);
    for (const text of await checks.allTextContents()) expect(text).toMatch(/^✓Passed: /);
    await checkPage(p);
    await entry.scrollIntoViewIfNeeded();
    await shot(p, 'transparency-member-desktop');

    // The downloaded receipt verifies offline, with the verifier key the log publishes.
    const [download] = await Promise.all([p.waitForEvent('download'), entry.getByRole('button', { name: `Download receipt for entry #${index}` }).click()]);
    expect(download.suggestedFilename()).toBe(`steward-receipt-demo-${index}.json`);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { v: number; index: number; proof: string[] };
    expect(file).toMatchObject({ v: 1, index });
    const overview = (await (await fetch(`${base}/api/v1/collectives/demo/log`)).json()) as { verifierKeys: string[] };
    expect(verifyReceipt(file, overview.verifierKeys)).toMatchObject({ ok: true, index });

    // A receipt with one byte of its proof flipped on the way: the page itself says it fails.
    let tampered = 0;
    await p.route(`${base}/api/v1/collectives/demo/log/receipt/**`, async (route) => {
      const response = await route.fetch();
      const receipt = (await response.json()) as { proof: string[] };
      expect(receipt.proof.length).toBeGreaterThan(0);
      const bytes = Buffer.from(receipt.proof[0]!, 'base64');
      bytes[0]! ^= 0x01;
      receipt.proof[0] = bytes.toString('base64');
      tampered++;
      await route.fulfill({ response, json: receipt });
    });
    await verify.click();
    const failed = entry.getByRole('alert').filter({ hasText: 'Not verified' });
    await failed.waitFor();
    expect(tampered).toBe(1);
    await expect(failed.textContent()).resolves.toContain('✗');
    const inclusion = failed.getByRole('listitem').filter({ hasText: 'The entry is in the signed log' });
    await expect(inclusion.textContent()).resolves.toMatch(/^✗Failed: .*the entry or the proof was changed/);
    await expect(passed.count()).resolves.toBe(0);
    await entry.scrollIntoViewIfNeeded();
    await shot(p, 'transparency-tampered-desktop', false);
    await p.unroute(`${base}/api/v1/collectives/demo/log/receipt/**`);
    await verify.click();
    await passed.waitFor();
    await ctx.close();

    const phone = await newContext({ width: 360, height: 780 });
    const pp = await phone.newPage();
    await signIn(pp, 'member@demo.example');
    await openTransparency(pp);
    const phoneMine = pp.getByRole('region', { name: 'Entries about you', exact: true });
    await phoneMine.getByRole('button', { name: /^Verify entry #\d+$/ }).first().click();
    await phoneMine.getByRole('status').filter({ hasText: 'Verified in this browser' }).waitFor();
    await expectNoSidewaysScroll(pp, 'transparency page, signed in');
    await shot(pp, 'transparency-member-phone');
    await phone.close();
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
