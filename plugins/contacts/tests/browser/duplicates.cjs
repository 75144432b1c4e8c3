// The duplicate warning in a real browser: on the new-contact form, typing an e-mail address a
// contact already has shows the warning with a link to that contact and a merge link, before
// anything is saved; following the merge link offers to add the typed values to the existing one.
// Runs on a desktop and a phone viewport and keeps screenshots.
const { check, signIn, run } = require(`${__dirname}/../../../../tests/integration/browser/harness.cjs`);

run('duplicate warning', async (browser, name, viewport, base, login, password, shots) => {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, base, login, password);

  await page.goto(`${base}/r/contacts/new`);
  const warning = page.locator('.duplicate-check');
  check(!(await warning.isVisible()), 'no warning on an empty form');
  await page.fill('#f-first_name', 'Greta');
  await page.fill('#f-last_name', `Typed ${name}`);
  await page.fill('#f-email', 'GRETA.NILSSON@Example.org');
  await page.locator('#f-email').blur();
  const existing = warning.locator('a.existing', { hasText: 'Greta Nilsson' });
  await existing.waitFor({ state: 'visible' });
  const href = await existing.getAttribute('href');
  check(/^\/r\/contacts\/\d+$/.test(href), `link to the existing contact: ${href}`);
  check((await warning.textContent()).includes('same e-mail address'), 'the reason is shown');
  const merge = warning.locator('a.merge-link').first();
  const mergeHref = await merge.getAttribute('href');
  check(mergeHref.startsWith(`/p/contacts/merge/contacts/${href.split('/').pop()}/new?`),
        `merge link for the typed values: ${mergeHref}`);
  check(mergeHref.includes('email=GRETA.NILSSON%40Example.org'), 'the typed e-mail travels along');
  check(page.url().endsWith('/r/contacts/new'), 'still on the form: nothing was saved');
  await page.screenshot({ path: `${shots}/contacts-duplicate-warning-${name}.png`, fullPage: true });

  // Changing the address to an unknown one clears the warning.
  await page.fill('#f-email', `someone.else.${name}@example.org`);
  await page.locator('#f-email').blur();
  await warning.locator('a.existing').first().waitFor({ state: 'detached' });

  // The lifecycle stage input is a select of the current stages.
  check(await page.locator('select#f-lifecycle_stage option[value="customer"]').count() === 1,
        'lifecycle stages offered as a select');

  await page.fill('#f-email', 'greta.nilsson@example.org');
  await page.locator('#f-email').blur();
  await existing.waitFor({ state: 'visible' });
  await Promise.all([page.waitForNavigation(), merge.click()]);
  check((await page.textContent('h1')).includes('Add what you typed to'), 'merge page for typed values');
  await context.close();
});
