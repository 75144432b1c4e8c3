<div class="page-head">
  <h1>Lead inbox</h1>
  <div class="actions"><a class="button" href="/r/leads/new">New lead</a> <a class="button" href="/p/leads/import">Import</a> <a class="button" href="/p/leads/analytics">Analytics</a> <a class="button" href="/r/campaigns">Campaigns</a></div>
</div>
<form method="get" action="/p/leads/list" class="toolbar leads-filters">
  <label>Status <select name="status">{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/STATUS_OPTION}}</select></label>
  <label>Source <select name="source"><option value="">Any</option>{{#SOURCE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/SOURCE_OPTION}}</select></label>
  <label>Search <input type="search" name="q" value="{{Q}}"></label>
  <label class="leads-check"><input type="checkbox" name="mine" value="1"{{#MINE}} checked{{/MINE}}> Mine only</label>
  <button type="submit">Apply</button>
</form>
<form method="post" action="/p/leads/convert" id="bulk" class="leads-bulk">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label class="leads-check"><input type="checkbox" name="create_deal" value="1"> with a deal each</label>
  <button type="submit">Convert ticked leads</button>
</form>
{{#EMPTY}}<p class="empty">No lead matches.</p>{{/EMPTY}}
<div class="leads-table-wrap">
<table class="leads-table leads-list">
  <thead><tr><th><span class="visually-hidden">Select</span></th><th>Lead</th><th>Company</th><th>Status</th><th>Source</th><th class="num">Score</th><th>Owner</th><th>Follow-up</th></tr></thead>
  <tbody>
  {{#ROW}}<tr>
    <td>{{#SELECTABLE}}<input type="checkbox" name="ids" value="{{ID}}" form="bulk" aria-label="Select {{NAME}}">{{/SELECTABLE}}</td>
    <td><a href="/r/leads/{{ID}}">{{NAME}}</a>{{#DUPLICATE}} <span class="leads-badge warn" title="Possible duplicate">duplicate?</span>{{/DUPLICATE}}</td>
    <td>{{COMPANY}}</td>
    <td><span class="leads-status {{STATUS_KEY}}">{{STATUS}}</span></td>
    <td>{{SOURCE}}</td>
    <td class="num">{{SCORE}}{{#READY}} <span class="leads-badge ready">ready</span>{{/READY}}</td>
    <td>{{OWNER}}</td>
    <td>{{FOLLOW_UP}}</td>
  </tr>{{/ROW}}
  </tbody>
</table>
</div>
{{#HAS_NEXT}}<p><a href="{{NEXT}}">Next page</a></p>{{/HAS_NEXT}}
