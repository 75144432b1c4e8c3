<h1>Users</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<div class="table-wrap">
<table class="records admin-table">
  <thead><tr><th scope="col">Login</th><th scope="col">Name</th><th scope="col">E-mail</th><th scope="col">Roles</th><th scope="col">Teams</th><th scope="col">Active</th></tr></thead>
  <tbody>
  {{#USER}}<tr{{#INACTIVE}} class="admin-inactive"{{/INACTIVE}}>
    <td data-label="Login"><a href="/admin/users/{{ID}}">{{LOGIN}}</a></td>
    <td data-label="Name">{{NAME}}</td>
    <td data-label="E-mail">{{EMAIL}}</td>
    <td data-label="Roles">{{ROLES}}</td>
    <td data-label="Teams">{{TEAMS}}</td>
    <td data-label="Active">{{ACTIVE}}</td>
  </tr>
  {{/USER}}
  </tbody>
</table>
</div>
<section class="card admin-section">
<h2 id="new-user">New user</h2>
<p class="admin-note">A password is generated and shown once, on the next page.</p>
<form method="post" action="/admin/users" class="admin-form" aria-labelledby="new-user">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="u-login">Login <span class="admin-hint">3 to 64 lowercase letters, digits and . _ @ -</span></label>
  <input id="u-login" name="login" value="{{LOGIN}}" maxlength="64" autocomplete="off" required>
  <label for="u-name">Name</label>
  <input id="u-name" name="name" value="{{NAME}}" maxlength="200" required>
  <label for="u-email">E-mail</label>
  <input id="u-email" name="email" type="email" value="{{EMAIL}}" maxlength="254">
  <fieldset class="admin-choices"><legend>Roles</legend>
    {{#ROLE}}<label><input type="checkbox" name="role" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
    {{/ROLE}}
  </fieldset>
  <fieldset class="admin-choices"><legend>Teams</legend>
    {{#TEAM}}<label><input type="checkbox" name="team" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>
    {{/TEAM}}
    {{#NO_TEAMS}}<p class="empty">No teams yet: <a href="/admin/teams">create one</a>.</p>{{/NO_TEAMS}}
  </fieldset>
  <div class="form-actions"><button type="submit" class="primary">Create user</button></div>
</form>
</section>
