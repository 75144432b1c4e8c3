<div class="page-head">
  <h1>Map the columns of {{FILE}}</h1>
  <div class="actions"><span class="count">{{ROWS}} rows, imported as {{TARGET_LABEL}}</span></div>
</div>
<form method="post" action="{{ACTION}}" class="import-mapping">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#TEMPLATES}}<div class="toolbar card">
    <label for="template-id">Use a saved mapping</label>
    <select id="template-id" name="template_id">{{#TEMPLATE}}<option value="{{ID}}">{{NAME}}</option>{{/TEMPLATE}}</select>
    <button type="submit" class="button secondary" name="action" value="apply_template">Apply</button>
  </div>{{/TEMPLATES}}
  <div class="table-wrap"><table class="records">
    <thead><tr><th>Column in the file</th><th>Example</th><th>Field</th></tr></thead>
    <tbody>
{{#COLUMN}}<tr><th scope="row">{{HEADER}}</th><td class="muted">{{SAMPLE}}</td>
      <td><select name="map_{{INDEX}}" aria-label="Field for {{HEADER}}">
        <option value="">— do not import —</option>
        {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
      </select></td></tr>
{{/COLUMN}}
    </tbody>
  </table></div>
  <div class="toolbar">
    <label for="match-key">When a record already exists, matched on</label>
    <select id="match-key" name="match_key">{{#MATCH}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/MATCH}}</select>
    <label for="template-name">Save this mapping as</label>
    <input id="template-name" name="template_name" maxlength="120" placeholder="Template name (optional)">
  </div>
  <div class="form-actions">
    <button type="submit" class="button secondary" name="action" value="preview">Check the preview</button>
    <button type="submit" class="button primary" name="action" value="start">Import {{ROWS}} rows</button>
  </div>
</form>
<h2>Preview of the first rows</h2>
<p class="muted">Cells marked in red cannot be imported; their row will be reported and skipped.</p>
<div class="table-wrap"><table class="records import-preview">
  <thead><tr><th>Row</th>{{#PREVIEW_HEAD}}<th>{{FIELD}}</th>{{/PREVIEW_HEAD}}</tr></thead>
  <tbody>
{{#PREVIEW_ROW}}<tr><td>{{ROW}}</td>{{#CELL}}<td{{#BAD}} class="invalid" title="{{ERROR}}"{{/BAD}}>{{VALUE}}{{#BAD}}<br><span class="field-error">{{ERROR}}</span>{{/BAD}}</td>{{/CELL}}</tr>
{{/PREVIEW_ROW}}
  </tbody>
</table></div>
