<div class="leads-public-form">
  <h1>{{CAMPAIGN}}</h1>
  {{#HAS_ERRORS}}<p class="leads-form-error" role="alert">Please check the marked fields.</p>{{/HAS_ERRORS}}
  {{#FORM_ERROR}}<p class="leads-form-error">{{MESSAGE}}</p>{{/FORM_ERROR}}
  <form method="post" action="/p/leads/form/{{KEY}}" class="leads-capture">
    {{#FIELD}}<div class="leads-field{{#HAS_ERROR}} has-error{{/HAS_ERROR}}">
      <label for="lf-{{NAME}}">{{LABEL}}{{#REQUIRED}} <span aria-hidden="true">*</span>{{/REQUIRED}}</label>
      {{#INPUT}}<input id="lf-{{NAME}}" type="{{TYPE}}" name="{{NAME}}" value="{{VALUE}}" maxlength="500"{{#REQUIRED}} required{{/REQUIRED}}>{{/INPUT}}
      {{#TEXTAREA}}<textarea id="lf-{{NAME}}" name="{{NAME}}" rows="4" maxlength="500"{{#REQUIRED}} required{{/REQUIRED}}>{{VALUE}}</textarea>{{/TEXTAREA}}
      {{#HAS_ERROR}}<p class="field-error">{{ERROR}}</p>{{/HAS_ERROR}}
    </div>{{/FIELD}}
    <div class="leads-trap" aria-hidden="true"><label>Leave this empty <input type="text" name="{{HONEYPOT}}" tabindex="-1" autocomplete="off"></label></div>
    <button type="submit">Send</button>
  </form>
</div>
