{{#NEEDS_LAST_NAME}}<p class="leads-muted">Add a last name before converting: a contact needs one.</p>{{/NEEDS_LAST_NAME}}
<form method="post" action="/p/leads/leads/{{ID}}/convert" class="leads-convert">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <p class="leads-muted">Makes a company (or uses the one with the same domain or name), a contact (or the one with the same e-mail address) and moves the lead's activities to the contact.</p>
  {{#DEALS}}
  <label class="leads-check"><input type="checkbox" name="create_deal" value="1" checked> Open a deal</label>
  <div class="leads-deal-fields">
    <label>Deal name <input type="text" name="deal_name" maxlength="200" placeholder="Company – lead name"></label>
    <label>Pipeline <select name="pipeline_id"><option value="">Default</option>{{#PIPELINE}}<option value="{{VALUE}}">{{LABEL}}</option>{{/PIPELINE}}</select></label>
    <label>Amount <input type="number" name="amount" min="0" step="any"></label>
  </div>
  {{/DEALS}}
  <button type="submit" class="primary">Convert lead</button>
</form>
