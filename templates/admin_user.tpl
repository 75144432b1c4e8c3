<div class="page-head">
  <h1>{{NAME}} <span class="count">{{LOGIN}}</span></h1>
  <div class="actions">
    {{#CAN_DEACTIVATE}}<form method="post" action="/admin/users/{{ID}}/deactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Deactivate</button></form>{{/CAN_DEACTIVATE}}
    {{#CAN_REACTIVATE}}<form method="post" action="/admin/users/{{ID}}/reactivate" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Reactivate</button></form>{{/CAN_REACTIVATE}}
    {{#CAN_RESET}}<form method="post" action="/admin/users/{{ID}}/password" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Reset password</button></form>{{/CAN_RESET}}
  </div>
</div>
<dl class="fields">
  <div class="field"><dt>E-mail</dt><dd>{{EMAIL}}</dd></div>
  <div class="field"><dt>State</dt><dd>{{STATE}}</dd></div>
</dl>
{{#SELF}}<p class="admin-note">This is you: change your own password on <a href="/account">your account page</a>; another admin has to deactivate you.</p>{{/SELF}}
<section class="card admin-section">
<h2 id="access">Roles and teams</h2>
<form method="post" action="/admin/users/{{ID}}/access" class="admin-form" aria-labelledby="access">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <fieldset class="admin-choices"><legend>Roles</legend>
    {{#ROLE}}<label><input type="checkbox" name="role" value="{{NAME}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
    {{/ROLE}}
  </fieldset>
  <fieldset class="admin-choices"><legend>Teams</legend>
    {{#TEAM}}<label><input type="checkbox" name="team" value="{{ID}}"{{#CHECKED}} checked{{/CHECKED}}> {{NAME}}</label>
    {{/TEAM}}
    {{#NO_TEAMS}}<p class="empty">No teams yet: <a href="/admin/teams">create one</a>.</p>{{/NO_TEAMS}}
  </fieldset>
  <div class="form-actions"><button type="submit" class="primary">Save roles and teams</button> <a href="/admin/users">Back to the users</a></div>
</form>
</section>
