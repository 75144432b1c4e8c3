<div class="page-head">
  <h1>{{TITLE}}</h1>
  <div class="actions"><a class="button" href="{{TASK_HREF}}">The task</a></div>
</div>
<section class="card occurrence">
  <p>Due <strong>{{WHEN}}</strong> ({{ZONE_NAME}}){{#MOVED}} · moved from {{ORIGINAL}}{{/MOVED}}</p>
  {{#REPEATS}}<p class="hint">Repeats: <code>{{RRULE}}</code></p>{{/REPEATS}}
</section>
<form method="post" action="{{ACTION}}" class="log-form occurrence-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <h2>Change</h2>
  <label>Title<input name="title" maxlength="200" value="{{TITLE}}" required></label>
  <label>Due ({{ZONE_NAME}})<input type="datetime-local" name="due_at" value="{{DUE}}" required></label>
  <fieldset class="attendees scope"><legend>Apply to</legend>
    <label class="check"><input type="radio" name="scope" value="this" checked> This occurrence (the series keeps its schedule)</label>
    {{#REPEATS}}<label class="check"><input type="radio" name="scope" value="following"> This and the following ones</label>{{/REPEATS}}
  </fieldset>
  <div class="form-actions"><button type="submit" class="primary" name="action" value="change">Save</button></div>
</form>
{{#REPEATS}}<form method="post" action="{{ACTION}}" class="log-form occurrence-form">
  <input type="hidden" name="csrf" value="{{CSRF}}">
  <h2>Skip or stop</h2>
  <div class="form-actions"><button type="submit" name="action" value="skip">Skip this one</button>
  <button type="submit" class="danger" name="action" value="end">End the series here</button></div>
</form>{{/REPEATS}}
