{{#NONE}}<p class="leads-muted">No open lead is yours. <a href="/p/leads/list">Open the lead inbox</a></p>{{/NONE}}
{{#ANY}}<dl class="leads-kpis leads-home">
  <div><dt><a href="/p/leads/list?mine=1">Open</a></dt><dd>{{OPEN}}</dd></div>
  <div><dt><a href="/p/leads/list?mine=1&amp;status=new">New</a></dt><dd>{{NEW}}</dd></div>
  <div><dt>Sales-ready</dt><dd>{{READY}}</dd></div>
  <div><dt>Follow-up due</dt><dd>{{DUE}}</dd></div>
  <div><dt>Waiting since a reminder</dt><dd>{{WAITING}}</dd></div>
</dl>{{/ANY}}
