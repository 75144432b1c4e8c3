// What every browser flow shares: Chromium from Debian, the sign-in form, and running one flow
// on a desktop and a phone viewport. A flow script calls run(name, flow) with
// flow(browser, viewportName, viewport, base, login, password, shots).
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page, base, login, password) {
  await page.goto(`${base}/login`);
  await page.fill('#login', login);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

function run(name, flow) {
  const [base, login, password, shots] = process.argv.slice(2);
  (async () => {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      await flow(browser, 'desktop', { width: 1280, height: 900 }, base, login, password, shots);
      await flow(browser, 'phone', { width: 375, height: 812 }, base, login, password, shots);
      console.log(`${name} passed on desktop and phone`);
    } finally {
      await browser.close();
    }
  })().catch((error) => {
    console.error(`${name} failed: ${error.message}`);
    process.exit(1);
  });
}

module.exports = { check, signIn, run };
