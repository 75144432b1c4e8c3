<h1>{{LABEL}} <span class="count">{{NAME}}</span></h1>
{{#ADMIN}}<p class="card">This is an administrator role: it allows <strong>everything</strong> on every entity and holds every named permission, so it has nothing to edit.</p>{{/ADMIN}}
{{#GRID}}
<p class="admin-note">Per entity and action: <strong>none</strong>, the records the user <strong>own</strong>s, those of their <strong>team</strong>s, or <strong>all</strong>. An entity row set to “as *” follows the first row. The <a href="#permissions">named permissions</a> the plugins declare are below the grid.</p>
<form method="post" action="/admin/roles/{{NAME}}" class="admin-grid-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <div class="table-wrap">
  <table class="records admin-grid">
    <thead><tr><th scope="col">Entity</th>{{#ACTION}}<th scope="col">{{ACTION_NAME}}</th>{{/ACTION}}</tr></thead>
    <tbody>
    {{#ROW}}<tr>
      <th scope="row">{{ENTITY_LABEL}}</th>
      {{#CELL}}<td data-label="{{ACTION_NAME}}"><select name="{{FIELD}}" aria-label="{{ENTITY_LABEL}}: {{ACTION_NAME}}">{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{TEXT}}</option>{{/OPTION}}</select></td>{{/CELL}}
    </tr>
    {{/ROW}}
    </tbody>
  </table>
  </div>
  {{#PERMISSIONS}}<section class="admin-section admin-permissions" id="permissions">
    <h2>Named permissions</h2>
    <p class="admin-note">What the plugins let a role do beyond the grid above. Users get the change on their next request.</p>
    {{#NONE_DECLARED}}<p class="admin-note">No running plugin declares a named permission.</p>{{/NONE_DECLARED}}
    {{#PLUGIN}}<fieldset class="admin-permission-group">
      <legend>{{PLUGIN_NAME}}</legend>
      {{#PERMISSION}}<label class="admin-permission"><input type="hidden" name="permission.listed" value="{{NAME}}"><input type="checkbox" name="permission" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}> <span>{{LABEL}}</span> <code>{{NAME}}</code></label>
      {{/PERMISSION}}
    </fieldset>
    {{/PLUGIN}}
  </section>{{/PERMISSIONS}}
  <div class="form-actions"><button type="submit" class="primary">Save permissions</button> <a href="/admin/roles">Back to the roles</a></div>
</form>
{{/GRID}}
