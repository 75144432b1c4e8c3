// Signs in, creates a record through the form, finds it in the list, filters, edits, deletes and
// restores it, picks a reference with the type-ahead, and moves a board card (with its form,
// and by dragging on the desktop), on a desktop and a phone viewport, keeping screenshots.
const { check, signIn, run } = require('./harness.cjs');

async function flow(browser, name, viewport, base, login, password, shots) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const shot = (step) => page.screenshot({ path: `${shots}/${name}-${step}.png`, fullPage: true });
  page.setDefaultTimeout(15000);

  await signIn(page, base, login, password);
  check(new URL(page.url()).pathname === '/', `after sign-in at ${page.url()}`);
  await shot('home');

  const title = `Browser ${name} project`;
  await page.goto(`${base}/r/projects/new`);
  await page.fill('#f-title', title);
  await page.selectOption('#f-stage', 'active');
  await shot('form');
  await Promise.all([page.waitForNavigation(), page.click('.record-form button[type=submit]')]);
  check((await page.textContent('h1')) === title, 'detail page after create');
  check((await page.textContent('.flash')).includes('created'), 'created flash');
  await shot('detail');

  await page.goto(`${base}/r/projects`);
  check((await page.content()).includes(title), 'new record in the list');
  await page.selectOption('select[name=stage]', 'active');
  await Promise.all([page.waitForNavigation(), page.click('.toolbar button[type=submit]')]);
  check((await page.content()).includes(title), 'record under stage=active');
  await shot('list');
  await page.selectOption('select[name=stage]', 'done');
  await Promise.all([page.waitForNavigation(), page.click('.toolbar button[type=submit]')]);
  check(!(await page.content()).includes(title), 'record hidden under stage=done');

  await page.goto(`${base}/r/projects`);
  await Promise.all([page.waitForNavigation(), page.click(`text=${title}`)]);
  await Promise.all([page.waitForNavigation(), page.click('.actions a.button')]);
  await page.fill('#f-title', `${title} edited`);
  await Promise.all([page.waitForNavigation(), page.click('.record-form button[type=submit]')]);
  check((await page.textContent('h1')) === `${title} edited`, 'detail page after edit');

  await Promise.all([page.waitForNavigation(), page.click('button.danger')]);
  check((await page.textContent('.flash')).includes('trash'), 'deleted flash');
  check(!(await page.content()).includes(`${title} edited`), 'deleted record gone from the list');
  await page.goto(`${base}/r/projects/trash`);
  await shot('trash');
  const row = page.locator('tr', { hasText: `${title} edited` });
  await Promise.all([page.waitForNavigation(), row.locator('button', { hasText: 'Restore' }).click()]);
  check((await page.textContent('.flash')).includes('restored'), 'restored flash');

  await page.goto(`${base}/r/projects/board`);
  const card = page.locator('.board-card', { hasText: `${title} edited` });
  await card.locator('select').selectOption('done');
  await Promise.all([page.waitForNavigation(), card.locator('button').click()]);
  check((await page.textContent('.flash')).includes('moved'), 'moved flash');
  const done = page.locator('.board-column', { hasText: 'done' }).last();
  check((await done.textContent()).includes(`${title} edited`), 'card in the done column');
  await shot('board');

  if (viewport.width >= 1024) {
    // Drag the card back to "new": board.js submits the card's move form.
    const dragged = page.locator('.board-card', { hasText: `${title} edited` });
    const target = page.locator('.board-column[data-value="new"]');
    await Promise.all([page.waitForNavigation(), dragged.dragTo(target)]);
    check((await page.textContent('.flash')).includes('moved'), 'moved flash after a drag');
    check((await page.locator('.board-column[data-value="new"]').textContent())
      .includes(`${title} edited`), 'dragged card in the new column');
    await shot('board-dragged');
  }

  // Type-ahead: a client made here is offered while typing and picked into the project.
  const client = `Typeahead ${name} client`;
  await page.goto(`${base}/r/clients/new`);
  await page.fill('#f-name', client);
  await Promise.all([page.waitForNavigation(), page.click('.record-form button[type=submit]')]);
  await page.goto(`${base}/r/projects/new`);
  await page.fill('#f-title', `${title} with client`);
  check(await page.locator('input[type=hidden][name=client_id]').count() === 1,
    'typeahead.js hid the number input');
  await page.locator('#f-client_id').type(`Typeahead ${name}`, { delay: 20 });
  const suggestion = page.locator('.typeahead-list li', { hasText: client });
  await suggestion.waitFor();
  await shot('typeahead');
  await suggestion.click();
  check((await page.inputValue('#f-client_id')) === client, 'picked title shown');
  check(/^[0-9]+$/.test(await page.inputValue('input[type=hidden][name=client_id]')),
    'picked id in the hidden input');
  await Promise.all([page.waitForNavigation(), page.click('.record-form button[type=submit]')]);
  check((await page.textContent('h1')) === `${title} with client`, 'detail after the pick');
  check((await page.locator('dd a', { hasText: client }).count()) === 1, 'client linked');
  await context.close();
}

run('browser flow', flow);
