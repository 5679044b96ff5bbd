import type { Page, Request } from '@playwright/test';
import { expect, saveScreen, test } from '../fixtures/test.ts';
import { customersScreen } from '../pages/console.page.ts';

// Support agent opens the console on the customer list: the search box and the first rows are on
// screen before the app's bundle has run, typing there is not lost, and the first search goes to
// main once. The app's entry module is held back here so "before the bundle" is certain.

/** Holds the app's entry chunk until the returned function is called (routing also skips the HTTP cache). */
async function holdEntryModule(app: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await app.route(/\/assets\/index-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Reloads the page on the customer list with the entry module held; `release` lets it run. */
async function openWithEntryHeld(app: Page, url: string): Promise<{ release: () => void; firstSearches: () => number }> {
  const firstSearches = countFirstSearches(app);
  const release = await holdEntryModule(app);
  await app.goto(`${url.replace(/\?.*$/, '')}#/customers`);
  // Not "load": that waits for the module held back.
  await app.reload({ waitUntil: 'commit' });
  return { release, firstSearches };
}

/** The empty-text searches the page sends (the first screen's one, and any second one the app might add). */
function countFirstSearches(app: Page): () => number {
  const seen: Request[] = [];
  app.on('request', (r) => {
    if (r.url().endsWith('/api/invoke/customers.search') && r.method() === 'POST' && r.postData() === JSON.stringify({ limit: 50 })) seen.push(r);
  });
  return () => seen.length;
}

/** An element as structure: tag, attributes (style as the browser holds it), text; whitespace runs kept. */
async function markupOf(app: Page, selector: string, skip: readonly string[] = []): Promise<string> {
  return app.evaluate(
    ([sel, skipped]) => {
      const walk = (n: Node): string => {
        if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? '';
        const e = n as HTMLElement;
        const attrs = [...e.attributes]
          .filter((a) => !skipped.includes(a.name))
          .map((a) => `${a.name}=${a.name === 'style' ? e.style.cssText : a.value}`)
          .sort();
        return `<${e.tagName.toLowerCase()} ${attrs.join(' ')}>${[...e.childNodes].map(walk).join('')}</>`;
      };
      const el = document.querySelector(sel);
      return el ? walk(el) : `(no ${sel})`;
    },
    [selector, skip] as const,
  );
}

const appRan = (app: Page) => app.evaluate(() => 'oms' in window);

test('the box and the first rows are on screen before the bundle ran, in the markup React renders', async ({ app, consoleProcess }) => {
  const { release, firstSearches } = await openWithEntryHeld(app, consoleProcess.url);
  const screen = customersScreen(app);
  await expect(screen.search).toBeVisible();
  await expect(screen.search).toBeFocused();
  await expect(screen.results.getByRole('option').first()).toBeVisible();
  await expect(screen.status).toContainText(/\d+\+? customers?/);
  expect(await appRan(app)).toBe(false);
  await saveScreen(app, 'first-screen-early');
  const early = {
    row: await markupOf(app, '[role="listbox"] [role="option"]'),
    head: await markupOf(app, '.result-head'),
    bar: await markupOf(app, '.search-bar'),
    list: await markupOf(app, '[role="listbox"]', ['data-results-for']).then((m) => m.slice(0, m.indexOf('>') + 1)),
    status: await screen.status.textContent(),
  };

  release();
  // React has taken over: the listbox says which text its rows answer.
  await expect(screen.results).toHaveAttribute('data-results-for', '');
  expect(await appRan(app)).toBe(true);
  await saveScreen(app, 'first-screen-react');
  expect(await markupOf(app, '[role="listbox"] [role="option"]')).toBe(early.row);
  expect(await markupOf(app, '.result-head')).toBe(early.head);
  expect(await markupOf(app, '.search-bar')).toBe(early.bar);
  expect(await markupOf(app, '[role="listbox"]', ['data-results-for']).then((m) => m.slice(0, m.indexOf('>') + 1))).toBe(early.list);
  expect(await screen.status.textContent()).toBe(early.status);
  await expect(screen.search).toBeFocused();
  // The app took the early answer: one empty-text search in all, and the row it shows opens.
  expect(firstSearches()).toBe(1);
  await screen.results.getByRole('option').first().click();
  await expect(app).toHaveURL(/#\/customers\/cst_/);
  await app.unroute(/\/assets\/index-[^/]*\.js$/);
});

test('what is typed into the early box is kept when the app takes over, and its search runs', async ({ app, consoleProcess }) => {
  const { release, firstSearches } = await openWithEntryHeld(app, consoleProcess.url);
  const screen = customersScreen(app);
  const first = screen.results.getByRole('option').first();
  await expect(first).toBeVisible();
  const name = (await first.locator('strong').textContent())!.trim();
  const word = name.split(' ')[0]!;
  // Typed while the app is still held back: the early box is a real input.
  await screen.search.pressSequentially(word);
  await app.keyboard.press('ArrowLeft');
  expect(await appRan(app)).toBe(false);
  await expect(screen.search).toHaveValue(word);

  release();
  await expect(screen.results).toHaveAttribute('data-results-for', word);
  expect(await appRan(app)).toBe(true);
  await expect(screen.search).toHaveValue(word);
  await expect(screen.search).toBeFocused();
  // The caret stayed where it was left (one key back from the end).
  expect(await screen.search.evaluate((i: HTMLInputElement) => [i.selectionStart, i.selectionEnd])).toEqual([word.length - 1, word.length - 1]);
  await expect(screen.results.getByRole('option').first()).toContainText(word);
  await expect(app).toHaveURL(new RegExp(`#/customers\\?q=${encodeURIComponent(word)}`));
  expect(firstSearches()).toBe(1);
  await app.unroute(/\/assets\/index-[^/]*\.js$/);
});
