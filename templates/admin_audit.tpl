<h1>Audit log</h1>
<form method="get" action="/admin/audit" class="toolbar admin-filters">
  <label>Entity
    <select name="entity"><option value="">any</option>{{#ENTITY}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ENTITY}}</select>
  </label>
  <label>Record id <input name="record" value="{{RECORD}}" inputmode="numeric" maxlength="19" size="8"></label>
  <label>User (login) <input name="user" value="{{USER}}" maxlength="64" size="12"></label>
  <label>Action
    <select name="action"><option value="">any</option>{{#ACTION}}<option value="{{NAME}}"{{#SELECTED}} selected{{/SELECTED}}>{{NAME}}</option>{{/ACTION}}</select>
  </label>
  <label>From <input type="date" name="from" value="{{FROM}}"></label>
  <label>To <input type="date" name="to" value="{{TO}}"></label>
  <button type="submit">Search</button>
</form>
<div class="table-wrap">
<table class="records admin-table admin-audit">
  <thead><tr><th scope="col">When (UTC)</th><th scope="col">User</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Changes</th></tr></thead>
  <tbody>
  {{#ENTRY}}<tr>
    <td data-label="When">{{AT}}</td>
    <td data-label="User">{{WHO}}</td>
    <td data-label="Action">{{ACTION_NAME}}</td>
    <td data-label="Record">{{#LINK}}<a href="{{HREF}}">{{RECORD_TEXT}}</a>{{/LINK}}{{#PLAIN}}{{RECORD_TEXT}}{{/PLAIN}}</td>
    <td data-label="Changes"><ul class="admin-changes">{{#CHANGE}}<li><span class="admin-field">{{FIELD}}</span>: <del>{{OLD}}</del> → <ins>{{NEW}}</ins></li>{{/CHANGE}}</ul></td>
  </tr>
  {{/ENTRY}}
  </tbody>
</table>
</div>
{{#EMPTY}}<p class="empty">No entries match.</p>{{/EMPTY}}
<nav class="pager" aria-label="Pages">
  {{#FIRST}}<a href="{{FIRST_HREF}}">Newest entries</a>{{/FIRST}}
  {{#OLDER}}<a href="{{OLDER_HREF}}" rel="next">Older entries</a>{{/OLDER}}
</nav>
