// Logs a call on a contact, sets a follow-up from it, finds the follow-up on the calendar and
// completes it from the task list, on a desktop and a phone viewport, keeping screenshots.
const { check, signIn, run } = require('../../../../tests/integration/browser/harness.cjs');

async function flow(browser, name, viewport, base, login, password, shots) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const shot = (step) => page.screenshot({ path: `${shots}/activities-${name}-${step}.png`, fullPage: true });
  page.setDefaultTimeout(15000);

  await signIn(page, base, login, password);

  await page.goto(`${base}/r/contacts`);
  await Promise.all([page.waitForNavigation(), page.click('text=Anna Schmidt')]);
  const contactUrl = page.url();
  await page.click('.log-activity summary');
  const subject = `Intro call (${name})`;
  await page.selectOption('.log-form select[name=kind]', 'call');
  await page.selectOption('.log-form select[name=direction]', 'outbound');
  await page.fill('.log-form input[name=occurred_at]', '2026-03-02T11:00');
  await page.fill('.log-form input[name=duration_minutes]', '15');
  await page.fill('.log-form input[name=subject]', subject);
  await page.fill('.log-form textarea[name=body]', 'Interested in the pilot.');
  await shot('log');
  await Promise.all([page.waitForNavigation(), page.click('.log-form button[type=submit]')]);
  check(page.url() === contactUrl, `back on the contact after logging, at ${page.url()}`);
  check((await page.textContent('.flash')).includes(`Call logged: ${subject}`), 'logged flash');
  const entry = page.locator('.timeline-entry', { hasText: subject });
  check(await entry.count() === 1, 'the call on the timeline');

  const followUp = `Send the pilot offer (${name})`;
  await entry.locator('.follow-up summary').click();
  await entry.locator('input[name=title]').fill(followUp);
  await entry.locator('input[name=due_at]').fill('2026-03-05T09:30');
  await shot('follow-up');
  await Promise.all([page.waitForNavigation(), entry.locator('.follow-up button[type=submit]').click()]);
  check((await page.textContent('.flash')).includes(`Follow-up set: ${followUp}`), 'follow-up flash');
  check(await page.locator('.timeline-entry', { hasText: followUp }).count() === 1, 'follow-up on the timeline');

  await page.goto(`${base}/p/activities/calendar?view=month&date=2026-03-05`);
  const onCalendar = page.locator('.event.task', { hasText: followUp });
  check(await onCalendar.count() === 1, 'follow-up on the month calendar');
  check((await onCalendar.textContent()).includes('09:30'), 'at its due time');
  await shot('calendar');
  await Promise.all([page.waitForNavigation(), page.click('.calendar-nav a[href*="view=day"]')]);
  await page.goto(`${base}/p/activities/calendar?view=day&date=2026-03-05`);
  check(await page.locator('.agenda .event', { hasText: followUp }).count() === 1, 'follow-up on the day view');

  await page.goto(`${base}/p/activities/tasks?list=overdue`);
  const row = page.locator('tr', { hasText: followUp });
  check(await row.count() === 1, 'follow-up among the overdue tasks');
  await shot('tasks');
  await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'Done' }).click()]);
  check((await page.textContent('.flash')).includes(`Done: ${followUp}`), 'done flash');
  check(await page.locator('tr', { hasText: followUp }).count() === 0, 'done task left the list');
  await page.goto(`${base}/p/activities/calendar?view=month&date=2026-03-05`);
  check(await page.locator('.event.task.done', { hasText: followUp }).count() === 1, 'done on the calendar');
  await shot('done');
  await context.close();
}

run('activities browser flow', flow);
