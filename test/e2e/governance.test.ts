import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testClock } from '../helpers/stack.ts';
import { SHOTS, STARTUP_MS, startDemo, type Demo } from './harness.ts';
import { checkAccessibleBasics, signInAs } from './page-checks.ts';

/**
 * Governance end to end, on phones, in real Chromium against the demo collective: a steward drafts
 * a motion and opens it; a member gets the notice, votes yes, changes to no; time moves past the
 * voting period (the demo runs in-process on a test clock) and the steward closes the vote; the
 * member sees it decided, with reasons. The charter page shows plain language beside the JSON.
 * What the pages show is checked against the API's answers.
 */

const PHONE = { width: 390, height: 844 };
const TITLE = 'Meet monthly in the community hall';

const clock = testClock();
let demo: Demo | undefined;
let browser: Browser | undefined;
let base = '';
const checkPage = (page: Page) => checkAccessibleBasics(page, { skipLink: true, uniqueIds: true, ariaRefs: ['aria-describedby', 'aria-labelledby', 'aria-controls'] });
const signIn = (page: Page, email: string) => signInAs(page, { url: base, password: demo!.password }, email);
const pageErrors: string[] = [];

async function newContext(): Promise<BrowserContext> {
  const context = await browser!.newContext({ viewport: PHONE, locale: 'en-US', timezoneId: 'Europe/Berlin', reducedMotion: 'reduce', deviceScaleFactor: 1, hasTouch: true });
  context.setDefaultTimeout(15_000);
  context.on('page', (p) => {
    p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !/status of (40[134]|409|422)/.test(m.text())) pageErrors.push(`${p.url()}: console: ${m.text()}`);
    });
  });
  return context;
}

/** Every control in the main column a finger can reach is at least 44 × 44 px. */
async function checkTouchTargets(page: Page): Promise<void> {
  const small = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main button, main a[href], main select, main label.choice, main summary')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (el.tagName === 'A' && !el.classList.contains('btn') && !el.classList.contains('back-link')) continue;
      if (r.height < 43.5 || r.width < 43.5) out.push(`${el.tagName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 40)}” is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
  expect(small, `touch targets on ${page.url()}`).toEqual([]);
}

/** At 360 px nothing scrolls sideways. */
async function expectNoSidewaysScrollAt360(page: Page, what: string): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${what} is wider than a 360 px screen`).toBeLessThanOrEqual(widths.client);
  await page.setViewportSize(PHONE);
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }, `/api/v1/collectives/demo${path}`);
}

interface Ballot {
  inElectorate: boolean;
  ballot: { choice: { method: string; vote?: string }; changes: number } | null;
}
interface Detail {
  id: string;
  status: string;
  ballotsCast: number;
  electorate: number;
  result: { outcome: string; reasons: string[]; turnout: number } | null;
}

beforeAll(async () => {
  demo = await startDemo('governance', { clock });
  base = demo.url;
  browser = demo.browser;
}, STARTUP_MS + 20_000);

afterAll(async () => {
  await demo?.close();
});

describe('governance in Chromium, on phones', () => {
  let stewardCtx: BrowserContext;
  let memberCtx: BrowserContext;
  let steward: Page;
  let member: Page;
  let proposalId = '';

  beforeAll(async () => {
    stewardCtx = await newContext();
    memberCtx = await newContext();
    steward = await stewardCtx.newPage();
    member = await memberCtx.newPage();
  });
  afterAll(async () => {
    await stewardCtx?.close();
    await memberCtx?.close();
  });

  it('a steward drafts a motion from Decisions and opens it for votes', async () => {
    await signIn(steward, 'steward@demo.example');
    await steward.goto(`${base}/c/demo`);
    await steward.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
    await steward.waitForURL(`${base}/c/demo/proposals`);
    await steward.getByRole('heading', { level: 1, name: 'Decisions' }).waitFor();
    await steward.getByText('Nothing is open for a vote right now').waitFor();
    await checkPage(steward);
    await checkTouchTargets(steward);
    await expectNoSidewaysScrollAt360(steward, 'Decisions');

    await steward.getByText('Write a proposal').click();
    const form = steward.getByRole('form', { name: 'New proposal' });
    await expect(form.getByLabel('Kind').inputValue()).resolves.toBe('motion');
    await form.getByText(/Simple majority\./).waitFor();
    // A title is required: the error is shown by the field, and nothing is saved.
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await form.getByText('Give the proposal a title.').first().waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('What it proposes').fill('From next month, members meet on the first Monday.');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await steward.waitForURL(/\/c\/demo\/proposals\/[^/]+$/);
    proposalId = decodeURIComponent(new URL(steward.url()).pathname.split('/').pop()!);
    await steward.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await steward.getByText('Draft', { exact: true }).waitFor();
    await checkPage(steward);

    await steward.getByRole('button', { name: 'Open for votes' }).click();
    await steward.getByText('Open for votes', { exact: true }).waitFor();
    await steward.getByText(/^Decided by simple majority/).waitFor();
    const detail = await apiGet<Detail>(steward, `/proposals/${proposalId}`);
    expect(detail.status).toBe('open');
    await steward.getByText(`0 of ${detail.electorate} members have voted (0%)`).waitFor();
    await checkPage(steward);
    await checkTouchTargets(steward);
    await expectNoSidewaysScrollAt360(steward, 'the proposal');
    await steward.screenshot({ path: join(SHOTS, 'governance-proposal-open-phone.png'), fullPage: true });
  });

  it('the member sees the notice, votes yes, then changes to no', async () => {
    await signIn(member, 'member@demo.example');
    await member.goto(`${base}/c/demo`);
    const card = member.getByRole('region', { name: 'Decisions' });
    await card.getByText('One vote is open.').waitFor();

    const notices = member.getByRole('button', { name: /Notices/ });
    await expect.poll(async () => (await notices.textContent()) ?? '').toMatch(/1 unread/);
    await notices.click();
    const panel = member.getByRole('region', { name: 'Notices' });
    await panel.getByRole('link', { name: new RegExp(`Vote opened: ${TITLE}`) }).click();
    await member.waitForURL(`${base}/c/demo/proposals/${encodeURIComponent(proposalId)}`);
    await member.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    const vote = member.getByRole('form', { name: 'Your vote' });
    await vote.getByText('You have not voted yet.', { exact: false }).waitFor();
    await vote.getByText('Yes', { exact: true }).click();
    await vote.getByRole('button', { name: 'Cast my vote' }).click();
    await vote.getByText('Your vote is recorded.').waitFor();
    let mine = await apiGet<Ballot>(member, `/proposals/${proposalId}/ballot`);
    expect(mine.ballot?.choice).toEqual({ method: 'majority', vote: 'yes' });
    const detail = await apiGet<Detail>(member, `/proposals/${proposalId}`);
    expect(detail.ballotsCast).toBe(1);
    await member.getByText(`1 of ${detail.electorate} members have voted`, { exact: false }).waitFor();
    await checkPage(member);
    await checkTouchTargets(member);

    await vote.getByText('No', { exact: true }).click();
    await vote.getByRole('button', { name: 'Change my vote' }).click();
    await vote.getByText('(changed 1 time)', { exact: false }).waitFor();
    mine = await apiGet<Ballot>(member, `/proposals/${proposalId}/ballot`);
    expect(mine.ballot?.choice).toEqual({ method: 'majority', vote: 'no' });
    expect(mine.ballot?.changes).toBe(1);
    // Still one voter: changing a vote does not count twice.
    await expect(apiGet<Detail>(member, `/proposals/${proposalId}`).then((d) => d.ballotsCast)).resolves.toBe(1);
    await expect(member.getByRole('radio', { name: 'No' }).isChecked()).resolves.toBe(true);

    // A member holds no veto here: no veto button.
    await expect(member.getByRole('button', { name: /Veto/ }).count()).resolves.toBe(0);

    await member.getByRole('button', { name: /Notices/ }).click();
    await member.getByRole('button', { name: 'Mark all read' }).click();
    await expect
      .poll(async () => (await member.getByRole('button', { name: /Notices/ }).textContent()) ?? '')
      .not.toMatch(/unread/);
    await member.screenshot({ path: join(SHOTS, 'governance-ballot-phone.png'), fullPage: true });
  });

  it('once the voting period has passed, the steward closes it and both see the outcome and why', async () => {
    // While the period runs, nobody can close it.
    await steward.reload();
    await steward.getByRole('form', { name: 'Your vote' }).waitFor();
    await expect(steward.getByRole('button', { name: 'Close and count' }).count()).resolves.toBe(0);
    clock.advanceDays(8);
    await steward.reload();
    await steward.getByRole('button', { name: 'Close and count' }).click();
    const result = steward.getByRole('heading', { level: 2, name: /^Outcome: / });
    await result.waitFor();
    const decided = await apiGet<Detail>(steward, `/proposals/${proposalId}`);
    expect(decided.result).not.toBeNull();
    expect(['rejected', 'expired', 'passed']).toContain(decided.status);
    await steward.getByText(decided.result!.reasons[0]!).waitFor();
    await checkPage(steward);
    await expectNoSidewaysScrollAt360(steward, 'the decided proposal');

    await member.goto(`${base}/c/demo/proposals`);
    await member.getByRole('button', { name: /Notices/ }).click();
    await member.getByRole('region', { name: 'Notices' }).getByRole('link', { name: new RegExp(`Decided: ${TITLE}`) }).waitFor();
    await member.keyboard.press('Escape');
    await expect(member.getByRole('region', { name: 'Notices' }).isVisible()).resolves.toBe(false);
    await member.getByText('Decided', { exact: true }).click();
    await member.getByRole('list', { name: 'Proposals' }).getByRole('link', { name: TITLE, exact: true }).click();
    await member.getByRole('heading', { level: 2, name: /^Outcome: / }).waitFor();
    await expect(member.getByRole('form', { name: 'Your vote' }).count()).resolves.toBe(0);
    await member.screenshot({ path: join(SHOTS, 'governance-decided-phone.png'), fullPage: true });
  });

  it('the charter page shows the plain language and, on request, the JSON', async () => {
    await member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Charter' }).click();
    await member.waitForURL(`${base}/c/demo/charter`);
    await member.getByRole('heading', { level: 1, name: 'Charter' }).waitFor();
    const view = await apiGet<{ description: string[]; charter: { title: string } }>(member, '/charter');
    const lines = member.getByRole('list', { name: 'The charter in plain language' }).getByRole('listitem');
    await expect(lines.count()).resolves.toBe(view.description.length);
    await member.getByText(view.description[0]!, { exact: true }).waitFor();
    const json = member.getByLabel('The charter as JSON');
    await expect(json.isVisible()).resolves.toBe(false); // folded on a phone
    await member.getByText('Show the charter’s JSON').click();
    await json.waitFor();
    expect(JSON.parse((await json.textContent())!)).toMatchObject({ title: view.charter.title });
    await member.getByRole('heading', { level: 3, name: 'Version 1' }).waitFor();
    await checkPage(member);
    await checkTouchTargets(member);
    await expectNoSidewaysScrollAt360(member, 'the charter');
    await member.screenshot({ path: join(SHOTS, 'governance-charter-phone.png'), fullPage: true });
  });

  it('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
