<form method="post" action="/p/leads/leads/{{ID}}/assign" class="leads-assign">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <label for="leads-owner">Reassign to</label>
  <div class="leads-assign-row">
    <select id="leads-owner" name="owner_id">{{#USER}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/USER}}</select>
    <button type="submit">Reassign</button>
  </div>
  {{#HAS_ASSIGNED_AT}}<p class="leads-muted">Assigned {{ASSIGNED_AT}}{{#BY_RULE}} by an assignment rule{{/BY_RULE}}.</p>{{/HAS_ASSIGNED_AT}}
</form>
