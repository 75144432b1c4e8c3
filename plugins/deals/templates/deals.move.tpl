<div class="page-head"><h1>{{DEAL}} cannot move to {{STAGE}} yet</h1></div>
<div class="alert deals-refused" role="alert">
  <p>{{MESSAGE}}</p>
  <ul>{{#PROBLEM}}<li><strong>{{FIELD}}</strong>: {{MESSAGE}}</li>{{/PROBLEM}}</ul>
</div>
{{#CAN_FILL}}<form method="post" action="{{ACTION}}" class="record-form deals-move-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <input type="hidden" name="version" value="{{VERSION}}">
  <input type="hidden" name="stage_id" value="{{STAGE_ID}}">
  <input type="hidden" name="back" value="{{BACK}}">
  {{#INPUT}}<div class="form-row"><label for="{{INPUT_ID}}">{{LABEL}}</label>
  {{#IS_MONEY}}<span class="deal-money"><input id="{{INPUT_ID}}" name="{{NAME}}" type="number" step="any" min="0"><input name="{{NAME}}_currency" value="{{CURRENCY}}" size="3" maxlength="3" aria-label="Currency"></span>{{/IS_MONEY}}
  {{#IS_DATE}}<input id="{{INPUT_ID}}" name="{{NAME}}" type="date">{{/IS_DATE}}
  {{#IS_TEXT}}<input id="{{INPUT_ID}}" name="{{NAME}}" maxlength="300">{{/IS_TEXT}}
  {{#IS_TAGS}}<input id="{{INPUT_ID}}" name="{{NAME}}" maxlength="300">{{/IS_TAGS}}
  {{#IS_REFERENCE}}<input id="{{INPUT_ID}}" name="{{NAME}}" type="number" step="1" min="1">{{/IS_REFERENCE}}
  {{#IS_LONGTEXT}}<textarea id="{{INPUT_ID}}" name="{{NAME}}" rows="2"></textarea>{{/IS_LONGTEXT}}
  {{#IS_ENUM}}<select id="{{INPUT_ID}}" name="{{NAME}}"><option value="">choose…</option>{{#OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/OPTION}}</select>{{/IS_ENUM}}</div>
  {{/INPUT}}
  <div class="form-actions"><button type="submit" class="primary">Move to {{STAGE}}</button> <a href="{{BACK}}">Back to the board</a></div>
</form>{{/CAN_FILL}}
{{#CANNOT_FILL}}<p><a class="button" href="{{DEAL_HREF}}">Open the deal</a> <a class="button" href="{{BACK}}">Back to the board</a></p>{{/CANNOT_FILL}}
