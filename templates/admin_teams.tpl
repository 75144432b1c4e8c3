<h1>Teams</h1>
{{#TEAM}}<section class="card admin-section">
<h2 id="team-{{ID}}">{{NAME}} <span class="count">{{COUNT}}</span></h2>
<ul class="admin-members">
  {{#MEMBER}}<li><a href="/admin/users/{{USER_ID}}">{{LOGIN}}</a>
    <form method="post" action="/admin/teams/{{ID}}/members/{{USER_ID}}/remove" class="inline"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger" aria-label="Remove {{LOGIN}} from {{NAME}}">Remove</button></form></li>
  {{/MEMBER}}
</ul>
{{#NO_MEMBERS}}<p class="empty">No members yet.</p>{{/NO_MEMBERS}}
{{#CAN_ADD}}<form method="post" action="/admin/teams/{{ID}}/members" class="toolbar">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label>Add a member
    <select name="user">{{#CANDIDATE}}<option value="{{USER_ID}}">{{LOGIN}}</option>{{/CANDIDATE}}</select>
  </label>
  <button type="submit">Add</button>
</form>{{/CAN_ADD}}
</section>
{{/TEAM}}
{{#NO_TEAMS}}<p class="empty">No teams yet.</p>{{/NO_TEAMS}}
<section class="card admin-section">
<h2 id="new-team">New team</h2>
<form method="post" action="/admin/teams" class="toolbar" aria-labelledby="new-team">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input name="name" maxlength="100" placeholder="Team name" aria-label="Team name" required>
  <button type="submit" class="primary">Create team</button>
</form>
</section>
