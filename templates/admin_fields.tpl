<h1>Custom fields</h1>
{{#ENTITY}}<section class="card admin-section">
<h2>{{LABEL}}</h2>
{{#HAS_FIELDS}}<div class="table-wrap"><table class="records admin-table">
  <thead><tr><th scope="col">Name</th><th scope="col">Label</th><th scope="col">Type</th><th scope="col">Required</th><th scope="col">Options</th></tr></thead>
  <tbody>{{#FIELD}}<tr><td data-label="Name"><code>{{NAME}}</code></td><td data-label="Label">{{FIELD_LABEL}}</td><td data-label="Type">{{TYPE}}</td><td data-label="Required">{{REQUIRED}}</td><td data-label="Options">{{OPTIONS}}</td></tr>
  {{/FIELD}}</tbody>
</table></div>{{/HAS_FIELDS}}
{{#NO_FIELDS}}<p class="empty">No custom fields.</p>{{/NO_FIELDS}}
</section>
{{/ENTITY}}
{{#NO_ENTITIES}}<p class="empty">The running plugins declare no entities.</p>{{/NO_ENTITIES}}
<section class="card admin-section">
<h2 id="new-field">New custom field</h2>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<form method="post" action="/admin/fields" class="admin-form" aria-labelledby="new-field">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="c-entity">Entity</label>
  <select id="c-entity" name="entity">{{#CHOICE}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CHOICE}}</select>
  <label for="c-name">Name <span class="admin-hint">the column: lowercase letters, digits and _, e.g. batch_no</span></label>
  <input id="c-name" name="name" value="{{NAME}}" maxlength="63" required>
  <label for="c-type">Type</label>
  <select id="c-type" name="type">{{#TYPE_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/TYPE_OPTION}}</select>
  <label for="c-label">Label</label>
  <input id="c-label" name="label" value="{{LABEL_VALUE}}" maxlength="100">
  <label for="c-options">Options <span class="admin-hint">enum and multienum only, separated by commas</span></label>
  <input id="c-options" name="options" value="{{OPTIONS}}" maxlength="2000">
  <label class="admin-check"><input type="checkbox" name="required"{{#REQUIRED}} checked{{/REQUIRED}}> Required</label>
  <div class="form-actions"><button type="submit" class="primary">Add field</button></div>
</form>
</section>
