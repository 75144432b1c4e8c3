// The leads flow in a real browser: a visitor sends the campaign's public form, the sales rep
// the rule assigns it to finds the lead in the inbox, reads its score and converts it with a
// deal, landing on the deal; an administrator finds the form's snippet on the campaign. The
// phone viewport shows the inbox. Keeps screenshots.
const { check, signIn, run } = require('../../../../tests/integration/browser/harness.cjs');

const formKey = process.env.LEADS_FORM_KEY;

async function visitor(browser, viewport, base, shots) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(`${base}/p/leads/form/${formKey}`);
  check((await page.textContent('h1')).includes('Spring webinar'), 'form title');
  await page.fill('#lf-first_name', 'Nora');
  await page.fill('#lf-last_name', 'Lindqvist');
  await page.fill('#lf-email', 'nora@fjord.example');
  await page.fill('#lf-company_name', 'Fjord Systems');
  await page.fill('#lf-company_size', '420');
  await page.fill('#lf-notes', 'Please call me about a rollout.');
  await page.screenshot({ path: `${shots}/leads-form.png`, fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('.leads-capture button[type=submit]')]);
  check((await page.textContent('h1')).includes('Thank you'), 'thank-you page');
  await page.screenshot({ path: `${shots}/leads-thanks.png`, fullPage: true });
  await context.close();
}

async function convert(page, base, shots) {
  await page.goto(`${base}/p/leads/list`);
  const row = page.locator('.leads-list tr', { hasText: 'Nora Lindqvist' });
  check((await row.textContent()).includes('Fjord Systems'), 'lead in the inbox');
  await page.screenshot({ path: `${shots}/leads-list.png`, fullPage: true });
  await Promise.all([page.waitForNavigation(), row.locator('a', { hasText: 'Nora Lindqvist' }).click()]);
  check((await page.content()).includes('Large company'), 'score breakdown on the lead');
  await page.screenshot({ path: `${shots}/leads-detail.png`, fullPage: true });
  await page.fill('.leads-convert input[name="deal_name"]', 'Browser deal');
  await page.fill('.leads-convert input[name="amount"]', '36000');
  await Promise.all([page.waitForNavigation(), page.click('.leads-convert button[type=submit]')]);
  const landed = await page.textContent('h1');
  check(landed === 'Browser deal', `landed on the deal, not on "${landed}": ${(await page.textContent('main')).slice(0, 300)}`);
  check((await page.textContent('.flash')).includes('converted'), 'conversion flash');
  await page.screenshot({ path: `${shots}/leads-deal.png`, fullPage: true });
  await page.goto(`${base}/p/leads/analytics`);
  check((await page.content()).includes('Spring webinar'), 'campaign in the analytics');
  await page.screenshot({ path: `${shots}/leads-analytics.png`, fullPage: true });
  await page.goto(`${base}/`);
  check((await page.content()).includes('My leads'), 'home widget');
  await page.screenshot({ path: `${shots}/leads-home.png`, fullPage: true });
  await page.goto(`${base}/p/leads/import`);
  check((await page.textContent('h1')) === 'Import leads', 'import page');
  await page.screenshot({ path: `${shots}/leads-import.png`, fullPage: true });
}

async function snippet(browser, viewport, base, password, shots) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, base, 'admin', password);
  await page.goto(`${base}/r/campaigns`);
  await Promise.all([page.waitForNavigation(), page.click('text=Spring webinar')]);
  check((await page.content()).includes(`/p/leads/form/${formKey}`), 'form snippet on the campaign');
  await page.screenshot({ path: `${shots}/leads-campaign.png`, fullPage: true });
  await context.close();
}

async function flow(browser, name, viewport, base, login, password, shots) {
  if (name === 'desktop') {
    await visitor(browser, viewport, base, shots);
  }
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, base, login, password);
  if (name === 'desktop') {
    await convert(page, base, shots);
  } else {
    await page.goto(`${base}/p/leads/list?status=all`);
    check((await page.content()).includes('Nora Lindqvist'), 'converted lead under All');
    await page.screenshot({ path: `${shots}/leads-phone-list.png`, fullPage: true });
  }
  await context.close();
  if (name === 'desktop') {
    await snippet(browser, viewport, base, password, shots);
  }
}

run('leads browser flow', flow);
