<div class="page-head">
  <h1>Import leads</h1>
  <div class="actions"><a class="button" href="/p/leads/list">Lead inbox</a></div>
</div>
{{#DONE}}
<section class="leads-import-result">
  <p><strong>{{CREATED}}</strong> leads imported, <strong>{{FAILED}}</strong> rows refused. New leads were scored, checked for duplicates and assigned by the assignment rules (a lead no rule takes stays with you).</p>
  {{#HAS_SKIPPED}}<p class="leads-muted">Columns no lead field takes, left out: {{#SKIPPED}}<span class="leads-badge warn">{{HEADING}}</span> {{/SKIPPED}}</p>{{/HAS_SKIPPED}}
  {{#HAS_ERRORS}}
  <div class="leads-table-wrap"><table class="leads-table"><thead><tr><th class="num">Row</th><th>Why it was refused</th></tr></thead>
    <tbody>{{#ERROR}}<tr><td class="num">{{ROW}}</td><td>{{MESSAGE}}</td></tr>{{/ERROR}}</tbody></table></div>
  {{/HAS_ERRORS}}
  {{#CAN_UNDO}}
  <form method="post" action="/p/leads/import/{{OPERATION}}/undo" class="leads-undo">
    <input type="hidden" name="csrf" value="{{CSRF}}">
    <button type="submit">Undo this import</button>
  </form>
  {{/CAN_UNDO}}
</section>
{{/DONE}}
<form method="post" action="/p/leads/import" enctype="multipart/form-data" class="leads-import">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="leads-file">CSV file</label>
  <input id="leads-file" type="file" name="file" accept=".csv,text/csv,text/plain" required>
  <p class="leads-muted">A header row, then one lead per row; comma or semicolon. Columns are matched by their headings:
    First name, Last name, E-mail, Phone, Job title, Company, Website, Industry, Employees, Country, Region,
    Lead source, UTM source / medium / campaign, Status, Notes. Up to 5,000 rows at a time; the whole import can be undone.</p>
  <button type="submit" class="primary">Import</button>
</form>
