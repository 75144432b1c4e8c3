<h1>{{TITLE}}</h1>
{{#HAS_MESSAGE}}<p class="alert" role="alert">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
<div class="form-slot">{{SLOT_FORM:none}}</div>
<form method="post" action="{{ACTION}}" class="record-form" novalidate>
  <input type="hidden" name="csrf" value="{{CSRF}}">
  {{#EDITING}}<input type="hidden" name="version" value="{{VERSION}}">{{/EDITING}}
  {{#GROUP}}{{#HAS_LABEL}}<fieldset class="field-group"><legend>{{LABEL}}</legend>{{/HAS_LABEL}}
  {{#FIELD}}
  <div class="form-row{{#HAS_ERROR}} invalid{{/HAS_ERROR}}">
    <label for="{{ID}}">{{LABEL}}{{#REQUIRED}} <span class="required" aria-hidden="true">*</span>{{/REQUIRED}}</label>
    {{#INPUT}}<input id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#HAS_STEP}} step="{{STEP}}"{{/HAS_STEP}} placeholder="{{PLACEHOLDER}}">{{#MONEY}}<input name="{{NAME}}__currency" value="{{CURRENCY}}" maxlength="3" size="4" aria-label="Currency" placeholder="EUR">{{/MONEY}}{{/INPUT}}
    {{#REFERENCE}}<input id="{{ID}}" name="{{NAME}}" type="text" value="{{VALUE}}" class="reference" data-lookup="{{LOOKUP}}" data-title="{{REF_TITLE}}" placeholder="{{HINT}}" autocomplete="off">{{#HAS_TITLE}} <span class="reference-title">{{REF_TITLE}}</span>{{/HAS_TITLE}}{{/REFERENCE}}
    {{#TEXTAREA}}<textarea id="{{ID}}" name="{{NAME}}" rows="4">{{VALUE}}</textarea>{{/TEXTAREA}}
    {{#CHECKBOX}}<input type="hidden" name="{{NAME}}__present" value="1"><input id="{{ID}}" name="{{NAME}}" type="checkbox"{{#CHECKED}} checked{{/CHECKED}}>{{/CHECKBOX}}
    {{#SELECT}}<select id="{{ID}}" name="{{NAME}}"><option value=""></option>{{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}</select>{{/SELECT}}
    {{#HAS_ERROR}}<p class="field-error">{{ERROR}}</p>{{/HAS_ERROR}}
    {{#HAS_CURRENT}}<p class="current-value">Now saved: {{CURRENT}}</p>{{/HAS_CURRENT}}
  </div>
  {{/FIELD}}
  {{#HAS_LABEL}}</fieldset>{{/HAS_LABEL}}{{/GROUP}}
  <div class="form-actions">
    <button type="submit" class="primary">Save</button>
    <a href="{{CANCEL}}">Cancel</a>
  </div>
</form>
{{#TYPEAHEAD}}<script src="/static/typeahead.js" defer></script>{{/TYPEAHEAD}}
