<div class="page-head">
  <h1>Import of {{FILE}}</h1>
  <div class="actions">
    {{#HAS_ERRORS}}<a class="button secondary" href="{{ERRORS_HREF}}">Download the error report</a>{{/HAS_ERRORS}}
    {{#CAN_UNDO}}<form method="post" action="{{UNDO}}"><input type="hidden" name="csrf" value="{{CSRF}}">
      <button type="submit" class="button danger">Roll back this import</button></form>{{/CAN_UNDO}}
  </div>
</div>
<section class="card import-status-card">
  <p>Status: <strong class="import-status {{STATUS}}">{{STATUS}}</strong>{{#RUNNING}} — this page refreshes by itself{{/RUNNING}}</p>
  <progress max="{{TOTAL}}" value="{{DONE}}" aria-label="Rows processed">{{DONE}} of {{TOTAL}}</progress>
  <p class="count">{{DONE}} of {{TOTAL}} rows</p>
  <dl class="fields">
    <div><dt>Created</dt><dd>{{CREATED}}</dd></div>
    <div><dt>Updated</dt><dd>{{UPDATED}}</dd></div>
    <div><dt>Failed</dt><dd>{{FAILED}}</dd></div>
    <div><dt>Imported as</dt><dd>{{TARGET}}</dd></div>
  </dl>
  {{#HAS_MESSAGE}}<p class="muted">{{MESSAGE}}</p>{{/HAS_MESSAGE}}
</section>
