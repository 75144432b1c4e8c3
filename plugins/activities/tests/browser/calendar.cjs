// Picks a time zone and shares the calendar in the settings, plans a weekly meeting in that zone,
// moves one occurrence from the calendar, on a desktop and a phone viewport, keeping screenshots.
const { check, signIn, run } = require('../../../../tests/integration/browser/harness.cjs');

async function flow(browser, name, viewport, base, login, password, shots) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const shot = (step) => page.screenshot({ path: `${shots}/calendar-${name}-${step}.png`, fullPage: true });
  page.setDefaultTimeout(15000);

  await signIn(page, base, login, password);

  await page.goto(`${base}/p/activities/calendar`);
  await Promise.all([page.waitForNavigation(), page.click('.page-head a:has-text("Settings")')]);
  await page.selectOption('select[name=time_zone]', 'America/New_York');
  await page.check('input[name=shared_user] >> nth=0');
  await shot('settings');
  await Promise.all([page.waitForNavigation(), page.click('.settings-form button[type=submit]')]);
  check((await page.textContent('.flash')).includes('Calendar settings saved.'), 'settings flash');
  check(await page.inputValue('select[name=time_zone]') === 'America/New_York', 'zone kept');

  const title = `Weekly sync (${name})`;
  await page.goto(`${base}/p/activities/calendar?view=month&date=2026-03-02`);
  check((await page.textContent('.calendar-nav .zone')).includes('America/New_York'), 'zone shown');
  await page.click('.log-activity summary');
  await page.fill('.log-form input[name=title]', title);
  await page.fill('.log-form input[name=starts_at]', '2026-03-02T09:00');
  await page.selectOption('.log-form select[name=rrule]', 'FREQ=WEEKLY');
  await Promise.all([page.waitForNavigation(), page.click('.log-form button[type=submit]')]);
  await page.goto(`${base}/p/activities/calendar?view=month&date=2026-03-02`);
  const weekly = page.locator('.event.meeting', { hasText: title });
  check(await weekly.count() === 5, `five Mondays in March, found ${await weekly.count()}`);
  check((await weekly.nth(2).textContent()).includes('09:00'), '09:00 after New York changed its clocks');
  await shot('month');

  await Promise.all([page.waitForNavigation(), weekly.nth(1).click()]);
  check((await page.textContent('h1')).includes(title), 'the occurrence page');
  await page.fill('.occurrence-form input[name=starts_at]', '2026-03-10T11:00');
  await shot('occurrence');
  await Promise.all([page.waitForNavigation(), page.click('.occurrence-form button[value=change]')]);
  check((await page.textContent('.flash')).includes('Meeting changed.'), 'changed flash');
  await page.goto(`${base}/p/activities/calendar?view=week&date=2026-03-10`);
  const moved = page.locator('.agenda .event', { hasText: title });
  check(await moved.count() === 1, 'one occurrence that week');
  check((await moved.textContent()).includes('11:00'), 'moved to Tuesday 11:00');
  await shot('week');
  await context.close();
}

run('calendar browser flow', flow);
