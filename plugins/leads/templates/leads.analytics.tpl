<div class="page-head">
  <h1>Lead analytics</h1>
  <div class="actions"><a class="button" href="/p/leads/list">Lead inbox</a> <a class="button" href="/r/campaigns">Campaigns</a></div>
</div>
<form method="get" action="/p/leads/analytics" class="toolbar leads-filters">
  <fieldset class="range"><legend>Arrived</legend>
    <input type="date" name="from" value="{{FROM}}" aria-label="Arrived from">
    <input type="date" name="to" value="{{TO}}" aria-label="Arrived until">
  </fieldset>
  <button type="submit">Apply</button>
</form>
<dl class="leads-kpis">
  <div><dt>Leads</dt><dd>{{TOTAL}}</dd></div>
  <div><dt>Converted</dt><dd>{{CONVERTED}}</dd></div>
  <div><dt>Conversion rate</dt><dd>{{RATE}}</dd></div>
  <div><dt>Average days to convert</dt><dd>{{DAYS}}</dd></div>
</dl>
<div class="leads-reports">
  <section class="leads-wide"><h2>Campaign return</h2>
    {{#NO_ROI}}<p class="empty">No lead of this period came from a campaign.</p>{{/NO_ROI}}
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Campaign</th><th class="num">Leads</th><th class="num">Converted</th><th class="num">Cost</th><th class="num">Per lead</th><th class="num">Won</th><th class="num">Return</th></tr></thead>
      <tbody>{{#ROI}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td class="num">{{COST}}</td><td class="num">{{COST_PER_LEAD}}</td><td class="num">{{WON}}</td><td class="num">{{ROI}}</td></tr>{{/ROI}}</tbody></table></div>
  </section>
  <section class="leads-wide"><h2>Return by source</h2>
    <p class="leads-muted">Campaign costs of each source against the revenue its converted leads won.</p>
    {{#NO_SOURCE_ROI}}<p class="empty">No campaign of this period has a cost or won revenue yet.</p>{{/NO_SOURCE_ROI}}
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Source</th><th class="num">Leads</th><th class="num">Converted</th><th class="num">Cost</th><th class="num">Won</th><th class="num">Return</th></tr></thead>
      <tbody>{{#SOURCE_ROI}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td class="num">{{COST}}</td><td class="num">{{WON}}</td><td class="num">{{ROI}}</td></tr>{{/SOURCE_ROI}}</tbody></table></div>
  </section>
  <section><h2>By source</h2>
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Source</th><th class="num">Leads</th><th class="num">Converted</th><th>Rate</th><th class="num">Avg. days</th></tr></thead>
      <tbody>{{#BY_SOURCE}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td class="num">{{DAYS}}</td></tr>{{/BY_SOURCE}}</tbody></table></div>
  </section>
  <section><h2>By campaign</h2>
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Campaign</th><th class="num">Leads</th><th class="num">Converted</th><th>Rate</th><th class="num">Avg. days</th></tr></thead>
      <tbody>{{#BY_CAMPAIGN}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td class="num">{{DAYS}}</td></tr>{{/BY_CAMPAIGN}}</tbody></table></div>
  </section>
  <section><h2>By owner</h2>
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Owner</th><th class="num">Leads</th><th class="num">Converted</th><th>Rate</th><th class="num">Avg. days</th></tr></thead>
      <tbody>{{#BY_OWNER}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td class="num">{{DAYS}}</td></tr>{{/BY_OWNER}}</tbody></table></div>
  </section>
  <section><h2>Why leads were unqualified</h2>
    {{#NO_REASON}}<p class="empty">No lead of this period was unqualified.</p>{{/NO_REASON}}
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Reason</th><th class="num">Leads</th></tr></thead>
      <tbody>{{#REASON}}<tr><td>{{LABEL}}</td><td class="num">{{COUNT}}</td></tr>{{/REASON}}</tbody></table></div>
  </section>
  <section><h2>By month of arrival</h2>
    <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th>Month</th><th class="num">Leads</th><th class="num">Converted</th><th>Rate</th><th class="num">Avg. days</th></tr></thead>
      <tbody>{{#BY_MONTH}}<tr><td>{{LABEL}}</td><td class="num">{{LEADS}}</td><td class="num">{{CONVERTED}}</td><td><meter min="0" max="100" value="{{METER}}"></meter> {{RATE}}</td><td class="num">{{DAYS}}</td></tr>{{/BY_MONTH}}</tbody></table></div>
  </section>
</div>
