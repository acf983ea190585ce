import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTUP_MS, startDemo, type Demo } from './harness.ts';
import { checkAccessibleBasics, expectNoSidewaysScroll, shot, signInAs } from './page-checks.ts';

/**
 * "Bring your data" end to end: a member uploads a real platform export in real Chromium, against
 * the real server started by `steward serve --demo`, sees the preview, stores it, stores it again
 * (nothing is added twice) and sends a damaged file. Screenshots go to test-results/.
 */

// A real Uber driver export (Paris, February 2021), shared beside the repo; never copied into it.
const UBER_ZIP = fileURLToPath(new URL('../../../shared/real-data/hestialabs-agpl/uber-driver-fr-paris.zip', import.meta.url));

let demo: Demo | undefined;
let scratch: string | undefined;
let browser: Browser | undefined;
let base = '';
let demoPassword = '';
const checkPage = (page: Page) => checkAccessibleBasics(page, { skipLink: true, progressNames: true });
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
    // Chromium logs every answer that is not 2xx; the 413 and 422 here are expected.
    if (m.type() === 'error' && !/status of (40[134]|413|422)/.test(m.text())) pageErrors.push(`${page.url()}: console: ${m.text()}`);
  });
}

/** Opens the demo collective's member home, whether `/` went there or listed collectives. */
async function toDemoHome(page: Page): Promise<void> {
  await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
  if (new URL(page.url()).pathname !== '/c/demo') await page.getByRole('main').locator('a[href="/c/demo"]').first().click();
  await page.waitForURL(`${base}/c/demo`);
  await page.getByRole('heading', { level: 2, name: 'Your data here' }).waitFor();
}

/** The member's record count in one dataset, from its card on the member home. */
async function myCount(page: Page, dataset: string): Promise<number> {
  const card = page.getByRole('region', { name: 'Your data here' }).getByRole('article', { name: dataset, exact: true });
  const m = /([\d.,\s\u202f\u00a0]+)\s*records? of yours/.exec((await card.textContent()) ?? '');
  return m ? Number(m[1]!.replace(/\D/g, '')) : NaN;
}

/** Text of the element that has keyboard focus. */
async function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.textContent ?? '');
}

/** Step 1 on the import page: the file, the zone, "Check this file"; resolves on the preview. */
async function choose(page: Page, file: string, zone = 'Europe/Paris'): Promise<void> {
  await page.getByRole('heading', { level: 2, name: 'Choose your file' }).waitFor();
  await page.getByLabel('Time zone of the file').selectOption(zone);
  await page.getByLabel('Your file', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Check this file' }).click();
}

const stepHeading = (page: Page) => page.getByRole('heading', { level: 2 }).and(page.locator('#import-step-title'));

beforeAll(async () => {
  if (!existsSync(UBER_ZIP)) throw new Error(`The real Uber export is missing at ${UBER_ZIP}: the test reads it from shared/ beside the repo.`);
  scratch = mkdtempSync(join(tmpdir(), 'steward-e2e-files-'));
  demo = await startDemo('import');
  base = demo.url;
  demoPassword = demo.password;
  browser = demo.browser;
}, STARTUP_MS + 20_000);

afterAll(async () => {
  await demo?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('Bring your data: importing a real export in Chromium against `steward serve --demo`', () => {
  let desktop: BrowserContext;
  let page: Page;
  const before: Record<string, number> = {};

  beforeAll(async () => {
    desktop = await newContext({ width: 1280, height: 900 });
    page = await desktop.newPage();
  });
  afterAll(async () => {
    await desktop?.close();
  });

  it('the member home explains which files work and links to the import page, as does the nav', async () => {
    await signIn(page, 'member@demo.example');
    await toDemoHome(page);
    for (const d of ['Work tasks', 'Pay line items', 'Time segments']) before[d] = await myCount(page, d);
    expect(Object.values(before).every(Number.isFinite), JSON.stringify(before)).toBe(true);

    const card = page.getByRole('region', { name: 'Bring your data', exact: true });
    await expect(card.textContent()).resolves.toContain(
      'the ZIP or CSV you downloaded from Uber, Uber Eats or Wolt (‘Download your data’), a WeClock export, or your Google location history',
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).waitFor();
    await card.getByRole('link', { name: 'Import a file' }).click();
    await page.waitForURL(`${base}/c/demo/import`);
    await page.getByRole('heading', { level: 1, name: 'Bring your data' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByRole('list', { name: 'Steps' }).locator('[aria-current="step"]').textContent()).resolves.toBe('1Choose');

    // The zone defaults to the browser's own, and says what it is for.
    const zone = page.getByLabel('Time zone of the file');
    await expect(zone.inputValue()).resolves.toBe('Europe/Berlin');
    await page.getByText('The zone your platform export’s times are in').waitFor();
    await expect(page.getByLabel('Your file', { exact: true }).getAttribute('accept')).resolves.toMatch(/^\.zip,\.csv,\.json/);

    // Pressing the button without a file says so, at the file input.
    await page.getByRole('button', { name: 'Check this file' }).click();
    await page.getByText('Choose a file first.').waitFor();
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe('file');
    await checkPage(page);
    await shot(page, 'import-choose-desktop');
  });

  it('uploads the real Uber export with a real progress bar and previews it: nothing stored yet', async () => {
    // Slow the upload down (about 40 kB/s) so the progress bar can be seen moving.
    const cdp = await desktop.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 40_000 });
    // Every phase the upload status went through, as the page showed it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { uploadPhases: string[] }).uploadPhases = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.upload-phase')?.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await choose(page, UBER_ZIP);

    const bar = page.getByRole('progressbar', { name: 'Upload progress' });
    await bar.waitFor();
    const total = Number(await bar.getAttribute('max'));
    expect(total).toBe(statSync(UBER_ZIP).size);
    await page.waitForFunction(() => {
      const p = document.querySelector('progress');
      return p !== null && p.value > 0 && p.value < p.max;
    });
    const status = page.locator('.upload-status');
    await expect(status.textContent()).resolves.toMatch(/Sending uber-driver-fr-paris\.zip….*\d+%\s·\s[\d.]+ (kB|byte)/);
    await status.scrollIntoViewIfNeeded();
    await shot(page, 'import-uploading-desktop', false);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await stepHeading(page).filter({ hasText: 'Check what is in your file' }).waitFor({ timeout: 60_000 });
    // While the bytes went: "Sending…" with the bar; once all were out: "Reading your file…".
    const phases = await page.evaluate(() => (window as unknown as { uploadPhases: string[] }).uploadPhases);
    expect(phases.slice(-2), JSON.stringify(phases)).toEqual(['Sending uber-driver-fr-paris.zip…', 'Reading your file…']);
    // Focus follows the flow: the new step's heading has it.
    await expect(focusedText(page)).resolves.toBe('Check what is in your file');
    await page.getByText('Nothing is stored yet.').waitFor();
    const main = page.getByRole('main');
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('2,835 records to store: 262 work tasks, 1,047 pay line items and 1,526 time segments.');
    expect(text).toContain('Uber driver export');
    expect(text).toContain('1 row skipped: segment without an end time');
    expect(text).toContain('Europe/Paris');

    const tasks = page.getByRole('region', { name: 'Work tasks', exact: true });
    await expect(tasks.textContent()).resolves.toContain('Ready to store');
    // The last trip began at 23:23 UTC on 28 February: past midnight in Paris and Berlin.
    await expect(tasks.locator('dd').nth(1).textContent()).resolves.toBe('Feb 1, 2021 → to Mar 1, 2021');
    const sample = tasks.getByRole('table', { name: 'The first 5 records of 262' });
    expect(await sample.locator('tbody tr').count()).toBe(5);
    const headers = await sample.locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Task type', 'Started', 'Gross fare', 'Distance']));
    // Money from minor units with its currency; times in the viewer's zone (Berlin = Paris in winter).
    await expect(sample.locator('tbody tr').first().textContent()).resolves.toMatch(/€28\.92/);
    await expect(sample.locator('tbody tr').first().textContent()).resolves.toContain('Mar 1, 12:23 AM');
    for (const name of ['Pay line items', 'Time segments']) {
      await expect(page.getByRole('region', { name, exact: true }).getByRole('table').locator('tbody tr').count()).resolves.toBe(5);
    }

    const money = page.getByRole('table', { name: 'Money totals per kind' });
    await expect(money.getByRole('row', { name: /^Fare\b/ }).textContent()).resolves.toMatch(/296.*€4,122\.01/);
    await expect(money.getByRole('row', { name: /^Commission\b/ }).textContent()).resolves.toContain('-€1,030.81');
    await expect(money.getByRole('row', { name: /^Gross fare\b/ }).textContent()).resolves.toMatch(/262.*€4,198\.42/);

    const fingerprints = page.getByRole('region', { name: 'File fingerprints' });
    await expect(fingerprints.textContent()).resolves.toContain('1b7b302dbbfbb46a…');
    await fingerprints.getByRole('button', { name: 'Copy SHA-256 of uber-driver-fr-paris.zip' }).waitFor();
    await page.getByRole('button', { name: 'Store these records' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).waitFor();

    await checkPage(page);
    await expectNoSidewaysScroll(page, 'import preview');
    await shot(page, 'import-preview-desktop');

    // Nothing was stored by the preview.
    const home = await (await page.request.get(`${base}/api/v1/collectives/demo/home/member`)).json();
    const held = Object.fromEntries((home as { datasets: Array<{ name: string; myRecords: number }> }).datasets.map((d) => [d.name, d.myRecords]));
    for (const [name, n] of Object.entries(before)) expect(held[name], name).toBe(n);
  });

  it('stores the records, says so, and links to them and to the public record', async () => {
    await page.getByRole('button', { name: 'Store these records' }).click();
    const done = stepHeading(page).filter({ hasText: 'Stored 2,835 new records; 0 you already had' });
    await done.waitFor({ timeout: 60_000 });
    await expect(focusedText(page)).resolves.toBe('Stored 2,835 new records; 0 you already had');
    const perDataset = page.getByRole('table', { name: 'What was stored, per dataset' });
    await expect(perDataset.getByRole('row', { name: /^Work tasks/ }).getByRole('cell').allTextContents()).resolves.toEqual(['262', '0', 'See your records in Work tasks']);
    await perDataset.getByRole('link', { name: 'See your records in Time segments' }).waitFor();

    const entryLink = page.getByRole('link', { name: /^See entry #\d+ on the Transparency page$/ });
    await expect(entryLink.getAttribute('href')).resolves.toBe('/c/demo/transparency');
    const index = Number(/#(\d+)/.exec((await entryLink.textContent()) ?? '')?.[1]);
    expect(index).toBeGreaterThan(0);
    await checkPage(page);
    await expectNoSidewaysScroll(page, 'import result');
    await shot(page, 'import-result-desktop');

    // The entry is in the public record, about the member; the records are theirs now.
    await entryLink.click();
    await page.waitForURL(`${base}/c/demo/transparency`);
    const mine = page.getByRole('region', { name: 'Entries about you', exact: true });
    const entry = mine.getByRole('article').filter({ hasText: `Entry #${index}` });
    await expect(entry.locator('.entry-sentence').textContent()).resolves.toBe('Records imported: 2,835 records');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My data' }).click();
    await page.waitForURL(`${base}/c/demo`);
    await page.getByRole('heading', { level: 2, name: 'Your data here' }).waitFor();
    expect(await myCount(page, 'Work tasks')).toBe(before['Work tasks']! + 262);
    expect(await myCount(page, 'Pay line items')).toBe(before['Pay line items']! + 1047);
    expect(await myCount(page, 'Time segments')).toBe(before['Time segments']! + 1526);
  });

  it('the same file again adds nothing: 0 new records, 2,835 you already had', async () => {
    await page.goto(`${base}/c/demo/import`);
    await choose(page, UBER_ZIP);
    await stepHeading(page).filter({ hasText: 'Check what is in your file' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Store these records' }).click();
    await stepHeading(page).filter({ hasText: 'Stored 0 new records; 2,835 you already had' }).waitFor({ timeout: 60_000 });
    await page.getByText(/2,835 of the file’s records were already in your data/).waitFor();
    await shot(page, 'import-result-again-desktop');

    await page.getByRole('button', { name: 'Import another file' }).click();
    await expect(focusedText(page)).resolves.toBe('Choose your file');
  });

  it('a truncated zip gets an error that names the file, in an alert that takes focus', async () => {
    const half = join(scratch!, 'uber-driver-fr-paris-half.zip');
    const bytes = readFileSync(UBER_ZIP);
    writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await choose(page, half);
    const alert = page.getByRole('alert').filter({ hasText: 'uber-driver-fr-paris-half.zip' });
    await alert.waitFor({ timeout: 30_000 });
    await expect(alert.textContent()).resolves.toMatch(/Steward could not read this file\.uber-driver-fr-paris-half\.zip: is not a readable zip archive/);
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('alert');
    // Still on step 1, with the file and the zone kept, to try again.
    await stepHeading(page).filter({ hasText: 'Choose your file' }).waitFor();
    await expect(page.getByLabel('Time zone of the file').inputValue()).resolves.toBe('Europe/Paris');
    await checkPage(page);
    await shot(page, 'import-error-desktop');
  });

  it('a file too large for the server (413) says so', async () => {
    // The server takes up to 1 GiB; its 413 answer is stood in for here rather than sending that much.
    const uploads = /\/api\/v1\/collectives\/demo\/imports\?/;
    await page.route(uploads, (route) =>
      route.fulfill({
        status: 413,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Payload too large', status: 413, code: 'upload_too_large', detail: 'The file is larger than 1024 MiB, the most this server takes.' }),
      }),
    );
    // This time the file is dropped on the drop area rather than picked.
    const bytes = readFileSync(UBER_ZIP).toString('base64');
    const dropped = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'uber-driver-fr-paris.zip', { type: 'application/zip' }));
      return transfer;
    }, bytes);
    const zone = page.locator('.dropzone');
    await zone.dispatchEvent('dragenter', { dataTransfer: dropped });
    await zone.dispatchEvent('dragover', { dataTransfer: dropped });
    await expect(zone.getAttribute('class')).resolves.toContain('dropzone-active');
    await zone.dispatchEvent('drop', { dataTransfer: dropped });
    await zone.getByText('uber-driver-fr-paris.zip', { exact: true }).waitFor();
    await expect(zone.textContent()).resolves.toContain('uber-driver-fr-paris.zip · 108.6 kB');
    await expect(page.getByLabel('Your file', { exact: true }).evaluate((el) => (el as HTMLInputElement).files?.[0]?.name)).resolves.toBe('uber-driver-fr-paris.zip');
    await page.getByRole('button', { name: 'Check this file' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'too large' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe('“uber-driver-fr-paris.zip” (108.6 kB) is too large for this server.The file is larger than 1024 MiB, the most this server takes.');
    await page.unroute(uploads);
  });

  it('a dataset the collective lacks is explained, and then nothing can be stored', async () => {
    // The server's real preview, with one dataset marked as not declared by this collective.
    // Playwright does not see an XMLHttpRequest's Blob body, so the file's bytes are passed on here.
    const uploads = /\/api\/v1\/collectives\/demo\/imports\?/;
    await page.route(uploads, async (route) => {
      const response = await route.fetch({ postData: readFileSync(UBER_ZIP) });
      const preview = (await response.json()) as { datasets: Array<{ dataset: string; declared: boolean }> };
      preview.datasets.find((d) => d.dataset === 'time_segments')!.declared = false;
      await route.fulfill({ response, json: preview });
    });
    await page.goto(`${base}/c/demo/import`);
    await choose(page, UBER_ZIP);
    await stepHeading(page).filter({ hasText: 'Check what is in your file' }).waitFor({ timeout: 60_000 });
    const segments = page.getByRole('region', { name: 'Time segments', exact: true });
    await segments.getByText('Not in this collective yet').waitFor();
    await expect(segments.textContent()).resolves.toContain('This collective has no “Time segments” dataset, so these records cannot be stored here. A steward of the collective must add it first: ask one of them.');
    await page.getByRole('status').filter({ hasText: 'These records cannot be stored yet.' }).waitFor();
    await expect(page.getByRole('button', { name: 'Store these records' }).count()).resolves.toBe(0);
    await segments.scrollIntoViewIfNeeded();
    await shot(page, 'import-undeclared-desktop', false);
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByRole('heading', { level: 2, name: 'Choose your file' }).waitFor();
    await page.unroute(uploads);
  });

  it('on a 360 px phone: choose, preview, cancel (nothing stored), preview again and store', async () => {
    const phone = await newContext({ width: 360, height: 780 });
    const p = await phone.newPage();
    await signIn(p, 'member@demo.example');
    await toDemoHome(p);
    await expectNoSidewaysScroll(p, 'member home with the import card');
    await shot(p, 'import-member-home-phone');
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import', exact: true }).click();
    await p.waitForURL(`${base}/c/demo/import`);
    await p.getByRole('heading', { level: 2, name: 'Choose your file' }).waitFor();
    await expectNoSidewaysScroll(p, 'import page');
    await shot(p, 'import-choose-phone');

    await choose(p, UBER_ZIP);
    await stepHeading(p).filter({ hasText: 'Check what is in your file' }).waitFor({ timeout: 60_000 });
    await p.getByText('2,835 records to store: 262 work tasks, 1,047 pay line items and 1,526 time segments.').waitFor();
    await expectNoSidewaysScroll(p, 'import preview');
    await checkPage(p);
    await shot(p, 'import-preview-phone');

    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('status').filter({ hasText: 'Cancelled. Nothing was stored.' }).waitFor();
    await expect(focusedText(p)).resolves.toBe('Choose your file');

    await choose(p, UBER_ZIP);
    await p.getByRole('button', { name: 'Store these records' }).click();
    await stepHeading(p).filter({ hasText: 'Stored 0 new records; 2,835 you already had' }).waitFor({ timeout: 60_000 });
    await expectNoSidewaysScroll(p, 'import result');
    await checkPage(p);
    await shot(p, 'import-result-phone');
    await phone.close();
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
