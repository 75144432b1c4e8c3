<h1>Roles</h1>
<div class="table-wrap">
<table class="records admin-table">
  <thead><tr><th scope="col">Role</th><th scope="col">Name</th><th scope="col">Permissions</th><th scope="col">Users</th></tr></thead>
  <tbody>
  {{#ROLE}}<tr>
    <td data-label="Role"><a href="/admin/roles/{{NAME}}">{{LABEL}}</a></td>
    <td data-label="Name"><code>{{NAME}}</code></td>
    <td data-label="Permissions">{{#ADMIN}}everything (administrator){{/ADMIN}}{{#LIMITED}}as its grid says{{/LIMITED}}</td>
    <td data-label="Users">{{USERS}}</td>
  </tr>
  {{/ROLE}}
  </tbody>
</table>
</div>
<section class="card admin-section">
<h2 id="new-role">New role</h2>
<p class="admin-note">It starts with no permissions; set them on its grid.</p>
<form method="post" action="/admin/roles" class="admin-form" aria-labelledby="new-role">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="r-name">Name <span class="admin-hint">lowercase letters, digits and _, e.g. key_account</span></label>
  <input id="r-name" name="name" maxlength="63" pattern="[a-z][a-z0-9_]*" required>
  <label for="r-label">Label</label>
  <input id="r-label" name="label" maxlength="100" required>
  <div class="form-actions"><button type="submit" class="primary">Create role</button></div>
</form>
</section>
