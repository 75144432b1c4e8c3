<div class="page-head">
  <h1>Import contacts and companies</h1>
</div>
<form method="post" action="/p/contacts/import" enctype="multipart/form-data" class="card record-form import-upload">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="form-row">
    <label for="import-file">File</label>
    <input id="import-file" type="file" name="file" accept=".csv,.txt,.vcf,text/csv,text/vcard" required>
    <p class="current-value">CSV (UTF-8, with a header line; commas or semicolons) or vCard 3.0/4.0, up to {{MAX_SIZE}}.</p>
  </div>
  <div class="form-row">
    <label for="import-target">Import as</label>
    <select id="import-target" name="target">
      <option value="Contact">Contacts</option>
      <option value="Company">Companies</option>
    </select>
  </div>
  <div class="form-actions"><button type="submit" class="button primary">Upload and map columns</button></div>
</form>
<h2>Recent imports</h2>
{{#NONE}}<p class="empty">Nothing was imported yet.</p>{{/NONE}}
{{#ANY}}<div class="table-wrap"><table class="records">
  <thead><tr><th>File</th><th>As</th><th>Status</th><th>Created</th><th>Updated</th><th>Failed</th><th>Started</th></tr></thead>
  <tbody>
{{#BATCH}}<tr><td><a href="{{HREF}}">{{FILE}}</a></td><td>{{TARGET}}</td><td><span class="import-status {{STATUS}}">{{STATUS}}</span></td>
    <td>{{CREATED}}</td><td>{{UPDATED}}</td><td>{{FAILED}}</td><td>{{AT}}</td></tr>
{{/BATCH}}
  </tbody>
</table></div>{{/ANY}}
