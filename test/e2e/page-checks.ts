import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { SHOTS } from './harness.ts';

/** Page helpers every browser test uses: sign-in, screenshots and the checks run on each page. */

/** Signs in through the sign-in form, as a person would, and waits to leave it. */
export async function signInAs(page: Page, demo: { url: string; password: string }, email: string): Promise<void> {
  await page.goto(`${demo.url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/sign-in');
}

/** A screenshot in test-results/ for a person to look at: the whole page, or one element. */
export async function shot(target: Page | Locator, name: string, fullPage = true): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage });
  else await target.screenshot({ path });
}

export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${what} is wider than the screen`).toBeLessThanOrEqual(widths.client);
}

/** Checks a page asks for beyond the basics (each test file names the ones its pages keep). */
export interface AccessibilityExtras {
  /** A "skip to content" link pointing at #main. */
  skipLink?: boolean;
  /** Progress bars have a name. */
  progressNames?: boolean;
  /** No id is used twice. */
  uniqueIds?: boolean;
  /** These attributes point only at ids that exist (e.g. aria-describedby). */
  ariaRefs?: string[];
}

/** Cheap checks of what a keyboard or screen-reader user relies on. */
export async function checkAccessibleBasics(page: Page, extras: AccessibilityExtras = {}): Promise<void> {
  const report = await page.evaluate((x) => {
    const problems: string[] = [];
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1]));
    if (levels.filter((l) => l === 1).length !== 1) problems.push(`expected one h1, found ${levels.filter((l) => l === 1).length}`);
    levels.forEach((l, i) => {
      if (i > 0 && l > levels[i - 1]! + 1) problems.push(`heading level jumps from h${levels[i - 1]} to h${l}`);
    });
    for (const el of document.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      if (!el.labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) problems.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name}`);
    }
    for (const el of document.querySelectorAll('button, a[href]')) {
      if (!(el.textContent ?? '').trim() && !el.getAttribute('aria-label')) problems.push(`${el.tagName.toLowerCase()} without a name`);
    }
    if (x.progressNames) {
      for (const el of document.querySelectorAll('progress')) {
        if (!el.getAttribute('aria-label') && !(el as HTMLProgressElement).labels?.length) problems.push('progress bar without a name');
      }
    }
    if (x.uniqueIds) {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (dup.length) problems.push(`duplicate ids: ${[...new Set(dup)].join(', ')}`);
    }
    for (const attr of x.ariaRefs ?? []) {
      for (const el of document.querySelectorAll(`[${attr}]`)) {
        for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) problems.push(`${attr} points at missing #${id}`);
      }
    }
    if (!document.querySelector('main')) problems.push('no main landmark');
    if (x.skipLink && !document.querySelector('a.skip-link[href="#main"]')) problems.push('no skip link');
    return problems;
  }, extras);
  expect(report, `accessibility basics on ${page.url()}`).toEqual([]);
}
