<h1>How you are told</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
{{#NO_TYPES}}<p class="empty">The enabled plugins declare no kinds of notification.</p>{{/NO_TYPES}}
<form method="post" action="/account/notifications" class="stack">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#TYPE}}<fieldset>
    <legend>{{LABEL}}</legend>
    {{#CHOICE}}<label for="{{ID}}"><input type="radio" id="{{ID}}" name="pref.{{TYPE}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}> {{LABEL}}</label>
    {{/CHOICE}}
  </fieldset>
  {{/TYPE}}
  <button type="submit" class="primary">Save</button>
</form>
