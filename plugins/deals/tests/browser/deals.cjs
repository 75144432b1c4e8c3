// The deals flow in a real browser: sign in as a sales rep, create a deal through the form, open
// it, drag it on the kanban to Proposal (whose required fields open inside the card), then drag
// it to Closed Won; the phone viewport moves a card with its form. Keeps screenshots.
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

const [base, login, password, shots] = process.argv.slice(2);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page) {
  await page.goto(`${base}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

async function createDeal(page, name) {
  await page.goto(`${base}/r/deals/new`);
  await page.fill('#f-name', name);
  await Promise.all([page.waitForNavigation(), page.click('.record-form button[type=submit]')]);
  check((await page.textContent('h1')) === name, `detail page of ${name}`);
}

function column(page, stage) {
  return page.locator('.deals-column', { has: page.locator('h2', { hasText: stage }) });
}

async function desktop(browser) {
  // Wide enough for all six columns, so a drag reaches Closed Won without scrolling the board.
  const context = await browser.newContext({ viewport: { width: 1920, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page);
  const name = 'Browser deal desktop';
  await createDeal(page, name);
  check((await page.content()).includes('Stage history'), 'history panel on the deal');
  await page.screenshot({ path: `${shots}/deals-detail.png`, fullPage: true });

  await page.goto(`${base}/p/deals/board`);
  const card = () => page.locator('.deal-card', { hasText: name });
  check((await column(page, 'Prospecting').textContent()).includes(name), 'new deal in Prospecting');

  // Proposal needs an amount and a close date: the drop opens those inputs in the card.
  await card().dragTo(column(page, 'Proposal'));
  const asks = card().locator('.deal-asks');
  await asks.waitFor({ state: 'visible' });
  check(await card().locator('.deal-ask[data-field="amount"]').isVisible(), 'amount asked in place');
  check(!(await card().locator('.deal-ask[data-field="next_step"]').isVisible()), 'next step not asked');
  await page.screenshot({ path: `${shots}/deals-board-ask.png` });
  await card().locator('input[name="amount"]').fill('48000');
  await card().locator('input[name="expected_close_date"]').fill('2030-03-31');
  await Promise.all([page.waitForNavigation(), card().locator('button', { hasText: 'Move' }).click()]);
  check((await page.textContent('.flash')).includes(`Moved ${name} to Proposal`), 'moved to Proposal flash');
  check((await column(page, 'Proposal').textContent()).includes('48,000 EUR'), 'amount on the card');

  // Won asks for nothing: the drop moves the deal at once.
  await Promise.all([page.waitForNavigation(), card().dragTo(column(page, 'Closed Won'))]);
  check((await page.textContent('.flash')).includes(`Moved ${name} to Closed Won`), 'won flash');
  check((await column(page, 'Closed Won').textContent()).includes(name), 'card in Closed Won');
  await page.screenshot({ path: `${shots}/deals-board.png`, fullPage: true });

  await page.goto(`${base}/`);
  check((await page.content()).includes('Pipeline by stage'), 'home widgets');
  await page.screenshot({ path: `${shots}/deals-home.png`, fullPage: true });
  await page.goto(`${base}/p/deals/forecast`);
  check((await page.content()).includes('48,000 EUR'), 'won deal in the forecast');
  await page.screenshot({ path: `${shots}/deals-forecast.png`, fullPage: true });
  await context.close();
}

async function phone(browser) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page);
  const name = 'Browser deal phone';
  await createDeal(page, name);
  await page.goto(`${base}/p/deals/board`);
  const card = page.locator('.deal-card', { hasText: name });
  // Without a drag the select does it; Closed Lost asks for the loss reason in the card.
  await card.locator('select[name="stage_id"]').selectOption({ label: 'Closed Lost' });
  await card.locator('.deal-ask[data-field="loss_reason"]').waitFor({ state: 'visible' });
  await card.locator('select[name="loss_reason"]').selectOption('timing');
  await page.screenshot({ path: `${shots}/deals-phone-ask.png` });
  await Promise.all([page.waitForNavigation(), card.locator('button', { hasText: 'Move' }).click()]);
  check((await page.textContent('.flash')).includes(`Moved ${name} to Closed Lost`), 'lost flash');
  await page.screenshot({ path: `${shots}/deals-phone-board.png`, fullPage: true });
  await context.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await desktop(browser);
    await phone(browser);
    console.log('deals browser flow passed on desktop and phone');
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(`deals browser flow failed: ${error.message}`);
  process.exit(1);
});
