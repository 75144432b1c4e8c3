<h1>Log an activity on {{RECORD_TITLE}}</h1>
<p class="alert" role="alert">{{MESSAGE}}</p>
<form method="post" action="/p/activities/log" class="record-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="entity" value="{{ENTITY}}">
  <input type="hidden" name="id" value="{{RECORD_ID}}">
  {{#FIELD}}<div class="form-row{{#HAS_ERROR}} invalid{{/HAS_ERROR}}">
    <label for="f-{{NAME}}">{{LABEL}}</label>
    <input id="f-{{NAME}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}">
    {{#HAS_ERROR}}<p class="field-error">{{ERROR}}</p>{{/HAS_ERROR}}
  </div>{{/FIELD}}
  <div class="form-row"><label for="f-body">Notes</label><textarea id="f-body" name="body" rows="4">{{BODY}}</textarea></div>
  <div class="form-actions"><button type="submit" class="primary">Log it</button> <a href="{{BACK}}">Cancel</a></div>
</form>
