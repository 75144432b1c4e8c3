<div class="page-head">
  <h1>Win/loss and velocity</h1>
  <div class="actions"><a class="button" href="/p/deals/board">Pipeline board</a> <a class="button" href="/p/deals/forecast">Forecast</a></div>
</div>
<form method="get" action="/p/deals/analytics" class="toolbar deals-filters">
  <label>Pipeline <select name="pipeline">{{#PIPELINE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PIPELINE_OPTION}}</select></label>
  <fieldset class="range"><legend>Closed</legend>
    <input type="date" name="from" value="{{FROM}}" aria-label="Closed from">
    <input type="date" name="to" value="{{TO}}" aria-label="Closed until">
  </fieldset>
  <button type="submit">Apply</button>
</form>
{{#NO_CLOSED}}<p class="empty">No deal of this pipeline was won or lost between {{FROM}} and {{TO}}.</p>{{/NO_CLOSED}}
<div class="deals-reports">
  <section><h2>Sales velocity</h2>
    <dl class="fields">
      <dt>Open deals</dt><dd>{{OPEN_DEALS}}</dd>
      <dt>Win rate</dt><dd>{{WIN_RATE}}</dd>
      <dt>Average won deal</dt><dd>{{AVERAGE_WON}}</dd>
      <dt>Average days to win</dt><dd>{{DAYS_TO_WIN}}</dd>
      <dt>Average days to lose</dt><dd>{{DAYS_TO_LOSE}}</dd>
      <dt>Velocity (per day)</dt><dd>{{VELOCITY}}</dd>
    </dl>
    <table class="deals-table"><thead><tr><th>Stage</th><th>Average time there</th><th>Moves out</th></tr></thead>
      <tbody>{{#STAGE_DAYS}}<tr><td>{{STAGE}}</td><td>{{DAYS}}</td><td>{{MOVES}}</td></tr>{{/STAGE_DAYS}}</tbody></table>
  </section>
  <section><h2>Loss reasons</h2>
    {{#NO_REASON}}<p class="empty">No lost deals.</p>{{/NO_REASON}}
    <table class="deals-table"><thead><tr><th>Reason</th><th>Deals</th><th>Amount lost</th></tr></thead>
      <tbody>{{#REASON}}<tr><td>{{LABEL}}</td><td>{{COUNT}}</td><td>{{AMOUNT}}</td></tr>{{/REASON}}</tbody></table>
  </section>
  <section><h2>By owner</h2>
    <table class="deals-table"><thead><tr><th>Owner</th><th>Won</th><th>Lost</th><th>Win rate</th><th>Won amount</th></tr></thead>
      <tbody>{{#BY_OWNER}}<tr><td>{{LABEL}}</td><td>{{WON}}</td><td>{{LOST}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td>{{WON_AMOUNT}}</td></tr>{{/BY_OWNER}}</tbody></table>
  </section>
  <section><h2>By source</h2>
    <table class="deals-table"><thead><tr><th>Source</th><th>Won</th><th>Lost</th><th>Win rate</th><th>Won amount</th></tr></thead>
      <tbody>{{#BY_SOURCE}}<tr><td>{{LABEL}}</td><td>{{WON}}</td><td>{{LOST}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td>{{WON_AMOUNT}}</td></tr>{{/BY_SOURCE}}</tbody></table>
  </section>
  <section><h2>By stage reached</h2>
    <table class="deals-table"><thead><tr><th>Reached</th><th>Won</th><th>Lost</th><th>Win rate</th><th>Won amount</th></tr></thead>
      <tbody>{{#BY_STAGE}}<tr><td>{{LABEL}}</td><td>{{WON}}</td><td>{{LOST}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td>{{WON_AMOUNT}}</td></tr>{{/BY_STAGE}}</tbody></table>
  </section>
  <section><h2>By competitor</h2>
    {{#NO_COMPETITOR}}<p class="empty">No closed deal names a competitor.</p>{{/NO_COMPETITOR}}
    <table class="deals-table"><thead><tr><th>Competitor</th><th>Won</th><th>Lost</th><th>Win rate</th><th>Won amount</th></tr></thead>
      <tbody>{{#BY_COMPETITOR}}<tr><td>{{LABEL}}</td><td>{{WON}}</td><td>{{LOST}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td>{{WON_AMOUNT}}</td></tr>{{/BY_COMPETITOR}}</tbody></table>
  </section>
</div>
