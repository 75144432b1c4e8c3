<div class="page-head">
  <h1>Forecast {{YEAR}}</h1>
  <div class="actions"><a class="button" href="/p/deals/board">Pipeline board</a> <a class="button" href="/p/deals/analytics">Win/loss and velocity</a> <a class="button" href="/r/quotas">Quotas</a></div>
</div>
<form method="get" action="/p/deals/forecast" class="toolbar deals-filters">
  <label>Year <input type="number" name="year" value="{{YEAR}}" min="1900" max="2999" step="1"></label>
  <label>By <select name="view"><option value="quarter"{{#BY_QUARTER}} selected{{/BY_QUARTER}}>quarter</option><option value="month"{{#BY_MONTH}} selected{{/BY_MONTH}}>month</option></select></label>
  <label>Owner <select name="owner">{{#OWNER_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OWNER_OPTION}}</select></label>
  <label>Team <select name="team">{{#TEAM_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/TEAM_OPTION}}</select></label>
  <label>Period below <input name="period" value="{{PERIOD}}" size="8" maxlength="7" pattern="[0-9]{4}-(Q[1-4]|[0-9]{2})" title="2026-Q1 or 2026-03"></label>
  <label>Split by <select name="by"><option value="owner"{{#BY_OWNER}} selected{{/BY_OWNER}}>owner</option><option value="team"{{#BY_TEAM}} selected{{/BY_TEAM}}>team</option></select></label>
  <button type="submit">Apply</button>
</form>
<p class="muted">Deals count in the period of their expected close date (a won deal's is the day it was won). Closed is won business; commit and best case add the open deals in those categories; weighted multiplies each open deal by its probability. Amounts in {{CURRENCY}}.</p>
{{#PERIODS}}<div class="table-wrap"><table class="deals-table deals-forecast">
  <thead><tr><th>Period</th><th>Closed</th><th>Commit</th><th>Best case</th><th>Pipeline</th><th>Closed + commit</th><th>Unweighted</th><th>Weighted</th><th>Quota</th><th>Attainment</th></tr></thead>
  <tbody>{{#ROW}}<tr><td>{{LABEL}}</td><td>{{CLOSED}}</td><td>{{COMMIT}}</td><td>{{BEST_CASE}}</td><td>{{PIPELINE}}</td><td>{{COMMITTED}}</td><td>{{UNWEIGHTED}}</td><td>{{WEIGHTED}}</td><td>{{QUOTA}}</td><td>{{#HAS_ATTAINMENT}}<meter min="0" max="150" low="80" high="100" optimum="120" value="{{METER}}"></meter> {{ATTAINMENT}} %{{/HAS_ATTAINMENT}}</td></tr>{{/ROW}}</tbody>
  {{#TOTAL}}<tfoot><tr><td>{{LABEL}}</td><td>{{CLOSED}}</td><td>{{COMMIT}}</td><td>{{BEST_CASE}}</td><td>{{PIPELINE}}</td><td>{{COMMITTED}}</td><td>{{UNWEIGHTED}}</td><td>{{WEIGHTED}}</td><td>{{QUOTA}}</td><td>{{#HAS_ATTAINMENT}}{{ATTAINMENT}} %{{/HAS_ATTAINMENT}}</td></tr></tfoot>{{/TOTAL}}
</table></div>{{/PERIODS}}
<h2>{{PERIOD_LABEL}} by {{GROUP_LABEL}}</h2>
{{#NO_GROUPS}}<p class="empty">No deals close in {{PERIOD_LABEL}}.</p>{{/NO_GROUPS}}
{{#GROUPS}}<div class="table-wrap"><table class="deals-table deals-forecast-groups">
  <thead><tr><th>{{GROUP_LABEL}}</th><th>Closed</th><th>Commit</th><th>Best case</th><th>Pipeline</th><th>Closed + commit</th><th>Weighted</th><th>Quota</th><th>Attainment</th></tr></thead>
  <tbody>{{#ROW}}<tr><td>{{LABEL}}</td><td>{{CLOSED}}</td><td>{{COMMIT}}</td><td>{{BEST_CASE}}</td><td>{{PIPELINE}}</td><td>{{COMMITTED}}</td><td>{{WEIGHTED}}</td><td>{{QUOTA}}</td><td>{{#HAS_ATTAINMENT}}<meter min="0" max="150" low="80" high="100" optimum="120" value="{{METER}}"></meter> {{ATTAINMENT}} %{{/HAS_ATTAINMENT}}</td></tr>{{/ROW}}</tbody>
  {{#TOTAL}}<tfoot><tr><td>{{LABEL}}</td><td>{{CLOSED}}</td><td>{{COMMIT}}</td><td>{{BEST_CASE}}</td><td>{{PIPELINE}}</td><td>{{COMMITTED}}</td><td>{{WEIGHTED}}</td><td>{{QUOTA}}</td><td>{{#HAS_ATTAINMENT}}{{ATTAINMENT}} %{{/HAS_ATTAINMENT}}</td></tr></tfoot>{{/TOTAL}}
</table></div>{{/GROUPS}}
